//! Colour themes: semantic roles (text, accent, selection, status...) mapped
//! to colours. Three are built in and embedded in the binary; a user's
//! `themes/NAME.ron` in the config folder adds or overrides one, patching the
//! dark theme for fields it leaves out. NO_COLOR gives a monochrome palette
//! that relies on bold, underline and reverse video alone.

use ratatui::style::Color;
use serde::Deserialize;
use std::path::Path;
use std::str::FromStr;

/// The themes shipped in the binary, by name.
pub const BUILTIN: [(&str, &str); 3] = [
    ("dark", include_str!("../../themes/dark.ron")),
    ("light", include_str!("../../themes/light.ron")),
    (
        "high-contrast",
        include_str!("../../themes/high-contrast.ron"),
    ),
];

macro_rules! roles {
    ($($(#[doc = $doc:literal])* $field:ident),* $(,)?) => {
        /// A theme as written in RON: each role a colour name or `#rrggbb`.
        /// Roles left out keep the colour of the theme it patches.
        #[derive(Clone, Debug, Default, Deserialize)]
        #[serde(default, deny_unknown_fields)]
        struct ThemeSpec {
            $($field: Option<String>,)*
        }

        /// A theme ready to draw with.
        #[derive(Clone, Debug, PartialEq, Eq)]
        pub struct Palette {
            /// No colours at all (NO_COLOR): draw with modifiers only.
            pub monochrome: bool,
            $($(#[doc = $doc])* pub $field: Color,)*
        }

        impl Palette {
            /// `base` with the roles `spec` names replaced.
            fn patched(base: &Palette, spec: &ThemeSpec, origin: &str) -> Result<Palette, String> {
                let mut out = base.clone();
                $(if let Some(text) = &spec.$field {
                    out.$field = parse_colour(text).ok_or_else(|| {
                        format!("{origin}: {}: '{text}' is not a colour", stringify!($field))
                    })?;
                })*
                Ok(out)
            }

            /// Every role the terminal's default colour.
            pub fn monochrome() -> Palette {
                Palette { monochrome: true, $($field: Color::Reset,)* }
            }

            /// Every role the terminal's default colour, but colours allowed.
            fn monochrome_colours() -> Palette {
                Palette { monochrome: false, $($field: Color::Reset,)* }
            }
        }
    };
}

roles! {
    /// Transcript and list text.
    text,
    /// Pane backgrounds.
    background,
    /// Secondary text: counts, hints.
    dim,
    /// Titles and highlights.
    accent,
    border,
    border_focused,
    selection_fg,
    selection_bg,
    cursor_fg,
    cursor_bg,
    /// Speaker labels in transcripts.
    speaker,
    line_number,
    status_fg,
    status_bg,
    /// The mode badge in the status line.
    mode_fg,
    mode_bg,
    ok,
    warning,
    error,
    search_fg,
    search_bg,
    /// Text inside a coded passage (drawn on the code's colour when underlined).
    coded_text,
}

/// Theme files name roles plainly (`accent: "#ff0000"`), without `Some(..)`.
fn parse_spec(text: &str) -> Result<ThemeSpec, ron::error::SpannedError> {
    ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .from_str(text)
}

/// `#rrggbb`, a colour name ratatui knows, or `reset`.
pub fn parse_colour(text: &str) -> Option<Color> {
    if let Some((r, g, b)) = crate::model::parse_hex_colour(text) {
        return Some(Color::Rgb(r, g, b));
    }
    Color::from_str(text).ok()
}

/// Is NO_COLOR set (to anything non-empty), as no-color.org asks?
pub fn no_color_requested() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// Names of the built-in themes and of the user's, sorted.
pub fn available(config_dir: Option<&Path>) -> Vec<String> {
    let mut names: Vec<String> = BUILTIN.iter().map(|(n, _)| n.to_string()).collect();
    if let Some(dir) = config_dir
        && let Ok(entries) = std::fs::read_dir(dir.join("themes"))
    {
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "ron")
                && let Some(stem) = path.file_stem().and_then(|s| s.to_str())
            {
                names.push(stem.to_string());
            }
        }
    }
    names.sort();
    names.dedup();
    names
}

/// Loads the theme `name` (default "dark"): the user's file of that name if
/// there is one, else the built-in. An unknown name is an error; a broken
/// user file gives the built-in (or dark) theme plus a message.
pub fn load(
    name: Option<&str>,
    config_dir: Option<&Path>,
    no_color: bool,
) -> Result<(Palette, Vec<String>), String> {
    let name = name.unwrap_or("dark");
    let builtin = BUILTIN.iter().find(|(n, _)| *n == name).map(|(_, t)| *t);
    let user_path = config_dir.map(|d| d.join("themes").join(format!("{name}.ron")));
    // An unreadable user theme is named, not mistaken for a missing one.
    let (user_text, unreadable) = match user_path.as_deref().map(crate::config::read_user_file) {
        Some(Ok(text)) => (text, None),
        Some(Err(problem)) => (None, Some(problem)),
        None => (None, None),
    };
    if builtin.is_none() && user_text.is_none() {
        return Err(unreadable.unwrap_or_else(|| {
            format!(
                "no colour theme '{name}'; available: {}",
                available(config_dir).join(", ")
            )
        }));
    }
    if no_color {
        return Ok((Palette::monochrome(), Vec::new()));
    }
    let parse_builtin = |name: &str, text: &str| {
        let spec = parse_spec(text).map_err(|e| format!("theme {name}: {e}"))?;
        Palette::patched(&Palette::monochrome_colours(), &spec, name)
    };
    let dark = parse_builtin(BUILTIN[0].0, BUILTIN[0].1)?;
    let base = match builtin {
        Some(text) => parse_builtin(name, text)?,
        None => dark.clone(),
    };
    let mut warnings: Vec<String> = unreadable.into_iter().collect();
    if let (Some(text), Some(path)) = (&user_text, &user_path) {
        let parsed = parse_spec(text)
            .map_err(|e| crate::config::ron_error(path, &e))
            .and_then(|spec| Palette::patched(&base, &spec, &path.display().to_string()));
        match parsed {
            Ok(palette) => return Ok((palette, warnings)),
            Err(message) => warnings.push(message),
        }
    }
    Ok((base, warnings))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_themes_parse() {
        for (name, _) in BUILTIN {
            let (palette, warnings) = load(Some(name), None, false).expect("loads");
            assert!(warnings.is_empty(), "{name}: {warnings:?}");
            assert!(!palette.monochrome);
        }
    }

    #[test]
    fn user_themes_patch_dark_and_errors_are_located() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir(dir.path().join("themes")).expect("mkdir");
        std::fs::write(dir.path().join("themes/mine.ron"), "(accent: \"#ff0000\")")
            .expect("writes");
        std::fs::write(dir.path().join("themes/bad.ron"), "(accent: 12)").expect("writes");
        let (mine, _) = load(Some("mine"), Some(dir.path()), false).expect("loads");
        let (dark, _) = load(Some("dark"), None, false).expect("loads");
        assert_eq!(mine.accent, Color::Rgb(255, 0, 0));
        assert_eq!(mine.text, dark.text);
        let (_, warnings) = load(Some("bad"), Some(dir.path()), false).expect("falls back");
        assert!(warnings[0].contains("bad.ron:1:"), "{warnings:?}");
        assert!(load(Some("nope"), Some(dir.path()), false).is_err());
        assert!(available(Some(dir.path())).contains(&"mine".to_string()));
    }

    #[test]
    fn an_unreadable_user_theme_is_named_not_called_missing() {
        let dir = tempfile::tempdir().expect("temp dir");
        // Folders where theme files should be: they exist but cannot be read.
        std::fs::create_dir_all(dir.path().join("themes/mine.ron")).expect("mkdir");
        std::fs::create_dir_all(dir.path().join("themes/light.ron")).expect("mkdir");
        let err = load(Some("mine"), Some(dir.path()), false).expect_err("unreadable");
        assert!(err.contains("mine.ron"), "{err}");
        let (light, warnings) = load(Some("light"), Some(dir.path()), false).expect("built-in");
        assert_eq!(light, load(Some("light"), None, false).expect("loads").0);
        assert!(warnings[0].contains("light.ron"), "{warnings:?}");
    }

    #[test]
    fn no_color_is_monochrome() {
        let (palette, _) = load(None, None, true).expect("loads");
        assert_eq!(palette, Palette::monochrome());
    }
}
