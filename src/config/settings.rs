//! margin's one settings file, `config.ron` in the config folder (next to
//! keymap.ron and themes/). Every setting is optional:
//!
//! ```ron
//! (
//!     // Who new codings belong to, unless --coder or $MARGIN_CODER says.
//!     coder: "asha",
//!     // What `y` in the workbench copies through (default: the terminal, OSC 52).
//!     copy_command: "wl-copy",
//! )
//! ```

use serde::Deserialize;
use std::path::Path;

/// The settings file's name in the config folder.
pub const FILE: &str = "config.ron";

#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// The coder, after `--coder` and `$MARGIN_CODER`, before git's user.name.
    pub coder: Option<String>,
    /// A command that takes copied text on its standard input (`wl-copy`,
    /// `xclip -selection clipboard`, `pbcopy`); without it `y` copies
    /// through the terminal (OSC 52), which also works over SSH.
    pub copy_command: Option<String>,
}

/// The user's settings from `config_dir`, plus any problem with the file as
/// `path:line:col: message`. A missing file is no problem; a broken one
/// gives the defaults, so a typo never locks anyone out.
pub fn load(config_dir: Option<&Path>) -> (Settings, Option<String>) {
    let Some(path) = config_dir.map(|d| d.join(FILE)) else {
        return (Settings::default(), None);
    };
    let text = match super::read_user_file(&path) {
        Ok(Some(text)) => text,
        Ok(None) => return (Settings::default(), None),
        Err(problem) => return (Settings::default(), Some(problem)),
    };
    // `coder: "asha"`, not `coder: Some("asha")`.
    let parsed = ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .from_str::<Settings>(&text);
    match parsed {
        Ok(settings) => (settings, None),
        Err(err) => (Settings::default(), Some(super::ron_error(&path, &err))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_file(text: &str) -> (Settings, Option<String>) {
        let tmp = tempfile::tempdir().expect("tempdir");
        std::fs::write(tmp.path().join(FILE), text).expect("write");
        load(Some(tmp.path()))
    }

    #[test]
    fn the_coder_is_read_plainly_and_everything_is_optional() {
        let (settings, problem) = with_file("// mine\n(coder: \"asha\")\n");
        assert_eq!((settings.coder.as_deref(), problem), (Some("asha"), None));
        assert_eq!(with_file("()").0, Settings::default());
        let tmp = tempfile::tempdir().expect("tempdir");
        assert_eq!(load(Some(tmp.path())), (Settings::default(), None));
        assert_eq!(load(None), (Settings::default(), None));
    }

    #[test]
    fn a_broken_file_is_named_with_its_place_and_ignored() {
        let (settings, problem) = with_file("(\n    coder: asha,\n)\n");
        assert_eq!(settings, Settings::default());
        let problem = problem.expect("a problem");
        assert!(problem.contains("config.ron:2:"), "{problem}");
        let (_, unknown) = with_file("(coderr: \"x\")");
        assert!(unknown.is_some_and(|p| p.contains("coderr")));
    }
}
