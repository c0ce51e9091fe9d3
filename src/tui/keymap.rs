//! Key bindings: a table per context (`Context`: "global", "transcript",
//! "codebook", "themes"...) from key names such as `j`, `G`, `ctrl-r`,
//! `enter` to actions. The built-in table is embedded; the user's keymap.ron
//! is patched over it entry by entry. A context is a closed set: a misspelt
//! one in a user's file is an error at its line and column, not a table
//! that silently never applies. Generic over the action type so that the
//! loading rules are tested apart from the workbench's actions.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::de::DeserializeOwned;
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::Path;

/// A key with its modifiers, normalised so that `G` and `shift-g` are one key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

impl Key {
    pub fn new(code: KeyCode, modifiers: KeyModifiers) -> Self {
        let mut modifiers = modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
        let code = match code {
            // Terminals send Shift-Tab as BackTab, sometimes with SHIFT set.
            KeyCode::BackTab => KeyCode::BackTab,
            // The character already says whether Shift was held.
            KeyCode::Char(c) if modifiers.contains(KeyModifiers::CONTROL) => {
                KeyCode::Char(c.to_ascii_lowercase())
            }
            other => other,
        };
        if matches!(code, KeyCode::Char(_)) {
            modifiers.remove(KeyModifiers::SHIFT);
        }
        Key { code, modifiers }
    }

    pub fn from_event(event: &KeyEvent) -> Self {
        Key::new(event.code, event.modifiers)
    }

    /// Parses `j`, `G`, `ctrl-r`, `alt-x`, `enter`, `esc`, `tab`, `backtab`,
    /// `space`, `up`, `pagedown`, `f1`...
    pub fn parse(text: &str) -> Result<Key, String> {
        let mut modifiers = KeyModifiers::NONE;
        let mut rest = text;
        loop {
            if let Some(r) = rest.strip_prefix("ctrl-") {
                modifiers |= KeyModifiers::CONTROL;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("alt-") {
                modifiers |= KeyModifiers::ALT;
                rest = r;
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCode::Char(c),
            _ => match rest {
                "enter" => KeyCode::Enter,
                "esc" => KeyCode::Esc,
                "tab" => KeyCode::Tab,
                "backtab" | "shift-tab" => KeyCode::BackTab,
                "space" => KeyCode::Char(' '),
                "backspace" => KeyCode::Backspace,
                "delete" => KeyCode::Delete,
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "pageup" => KeyCode::PageUp,
                "pagedown" => KeyCode::PageDown,
                f if f.starts_with('f') => f[1..]
                    .parse::<u8>()
                    .ok()
                    .filter(|n| (1..=12).contains(n))
                    .map(KeyCode::F)
                    .ok_or_else(|| format!("unknown key '{text}'"))?,
                _ => return Err(format!("unknown key '{text}'")),
            },
        };
        Ok(Key::new(code, modifiers))
    }
}

impl Key {
    /// The key as written in keymap.ron (`up`, not the arrow help shows).
    pub fn config_name(&self) -> String {
        let shown = self.to_string();
        let word = match self.code {
            KeyCode::Up => "up",
            KeyCode::Down => "down",
            KeyCode::Left => "left",
            KeyCode::Right => "right",
            _ => return shown,
        };
        format!("{}{word}", shown.trim_end_matches(['↑', '↓', '←', '→']))
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            f.write_str("ctrl-")?;
        }
        if self.modifiers.contains(KeyModifiers::ALT) {
            f.write_str("alt-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("enter"),
            KeyCode::Esc => f.write_str("esc"),
            KeyCode::Tab => f.write_str("tab"),
            KeyCode::BackTab => f.write_str("shift-tab"),
            KeyCode::Backspace => f.write_str("backspace"),
            KeyCode::Delete => f.write_str("delete"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::Home => f.write_str("home"),
            KeyCode::End => f.write_str("end"),
            KeyCode::PageUp => f.write_str("pageup"),
            KeyCode::PageDown => f.write_str("pagedown"),
            KeyCode::F(n) => write!(f, "f{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// Where a key is pressed: each has its own table, tried before "global".
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Context {
    Global,
    Transcript,
    Codebook,
    Themes,
    Review,
    Extracts,
    Agreement,
    Journal,
    Charts,
    ExtractsQuery,
    Confirm,
    Picker,
    Prompt,
    Resolver,
    Viewer,
    Memo,
    CodeForm,
}

impl Context {
    pub const ALL: [Context; 17] = [
        Context::Global,
        Context::Transcript,
        Context::Codebook,
        Context::Themes,
        Context::Review,
        Context::Extracts,
        Context::Agreement,
        Context::Journal,
        Context::Charts,
        Context::ExtractsQuery,
        Context::Confirm,
        Context::Picker,
        Context::Prompt,
        Context::Resolver,
        Context::Viewer,
        Context::Memo,
        Context::CodeForm,
    ];

    /// The name keymap.ron uses.
    pub fn name(self) -> &'static str {
        match self {
            Context::Global => "global",
            Context::Transcript => "transcript",
            Context::Codebook => "codebook",
            Context::Themes => "themes",
            Context::Review => "review",
            Context::Extracts => "extracts",
            Context::Agreement => "agreement",
            Context::Journal => "journal",
            Context::Charts => "charts",
            Context::ExtractsQuery => "extracts_query",
            Context::Confirm => "confirm",
            Context::Picker => "picker",
            Context::Prompt => "prompt",
            Context::Resolver => "resolver",
            Context::Viewer => "viewer",
            Context::Memo => "memo",
            Context::CodeForm => "code_form",
        }
    }

    /// The pane contexts, whose bindings may not hide a global one unless
    /// allowed (see the keymap tests).
    pub fn is_pane(self) -> bool {
        matches!(
            self,
            Context::Transcript | Context::Codebook | Context::Themes
        )
    }
}

impl fmt::Display for Context {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl<'de> serde::Deserialize<'de> for Context {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        const NAMES: [&str; 17] = [
            "global",
            "transcript",
            "codebook",
            "themes",
            "review",
            "extracts",
            "agreement",
            "journal",
            "charts",
            "extracts_query",
            "confirm",
            "picker",
            "prompt",
            "resolver",
            "viewer",
            "memo",
            "code_form",
        ];
        let name = String::deserialize(deserializer)?;
        Context::ALL
            .into_iter()
            .find(|c| c.name() == name)
            .ok_or_else(|| serde::de::Error::unknown_variant(&name, &NAMES))
    }
}

/// One table of bindings.
pub type Bindings<A> = HashMap<Key, A>;

/// Tables by context, as written in keymap.ron.
type RawKeymap<A> = BTreeMap<Context, BTreeMap<String, A>>;

/// Bindings by context. Lookups try the context, then "global".
#[derive(Clone, Debug)]
pub struct Keymap<A> {
    pub contexts: BTreeMap<Context, Bindings<A>>,
}

impl<A: Clone + DeserializeOwned + PartialEq> Keymap<A> {
    /// Parses a keymap from RON text; `origin` names it in error messages.
    pub fn parse(text: &str, origin: &Path) -> Result<Self, Vec<String>> {
        let raw: RawKeymap<A> =
            ron::from_str(text).map_err(|e| vec![crate::config::ron_error(origin, &e)])?;
        let mut errors = Vec::new();
        let mut contexts = BTreeMap::new();
        for (context, table) in raw {
            let mut bindings = Bindings::new();
            for (key, action) in table {
                match Key::parse(&key) {
                    Ok(k) => {
                        bindings.insert(k, action);
                    }
                    Err(e) => errors.push(format!("{}: {context}: {e}", origin.display())),
                }
            }
            contexts.insert(context, bindings);
        }
        if errors.is_empty() {
            Ok(Keymap { contexts })
        } else {
            Err(errors)
        }
    }

    /// Patches `user` over these bindings, context by context, key by key.
    pub fn merge(&mut self, user: Keymap<A>) {
        for (context, table) in user.contexts {
            self.contexts.entry(context).or_default().extend(table);
        }
    }

    /// The action bound to `key` in `context`, or else in "global": the one
    /// answer to "what does this key do here".
    pub fn lookup(&self, context: Context, key: Key) -> Option<&A> {
        self.contexts
            .get(&context)
            .and_then(|t| t.get(&key))
            .or_else(|| {
                self.contexts
                    .get(&Context::Global)
                    .and_then(|t| t.get(&key))
            })
    }

    /// The action bound to `key` in `context` alone, for a question that
    /// must not fall through to the global keys.
    pub fn lookup_only(&self, context: Context, key: Key) -> Option<&A> {
        self.contexts.get(&context).and_then(|t| t.get(&key))
    }

    /// Every key bound to `action` in `context` (or globally), for help and
    /// the palette.
    pub fn keys_for(&self, context: Context, action: &A) -> Vec<Key> {
        let mut keys: Vec<Key> = [context, Context::Global]
            .iter()
            .filter_map(|c| self.contexts.get(c))
            .flat_map(|t| t.iter().filter(|(_, a)| *a == action).map(|(k, _)| *k))
            .collect();
        keys.sort_by_key(|k| (k.to_string().chars().count(), k.to_string()));
        keys.dedup();
        keys
    }
}

/// Loads the built-in keymap and patches the user's `keymap.ron` from
/// `config_dir` over it. Problems with the user's file are returned as
/// messages; the defaults are used for whatever could not be read.
pub fn load<A: Clone + DeserializeOwned + PartialEq>(
    builtin: &str,
    config_dir: Option<&Path>,
) -> (Keymap<A>, Vec<String>) {
    let mut keymap = match Keymap::parse(builtin, Path::new("built-in keymap")) {
        Ok(k) => k,
        Err(errors) => {
            return (
                Keymap {
                    contexts: BTreeMap::new(),
                },
                errors,
            );
        }
    };
    let Some(path) = config_dir.map(|d| d.join("keymap.ron")) else {
        return (keymap, Vec::new());
    };
    let text = match crate::config::read_user_file(&path) {
        Ok(Some(text)) => text,
        Ok(None) => return (keymap, Vec::new()),
        Err(problem) => return (keymap, vec![problem]),
    };
    match Keymap::parse(&text, &path) {
        Ok(user) => {
            keymap.merge(user);
            (keymap, Vec::new())
        }
        Err(errors) => (keymap, errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Clone, Debug, PartialEq, Deserialize)]
    #[serde(rename_all = "snake_case")]
    enum Act {
        Up,
        Down,
        Quit,
    }

    #[test]
    fn keys_parse_and_print_back() {
        for name in [
            "j",
            "G",
            "ctrl-r",
            "enter",
            "esc",
            "shift-tab",
            "space",
            "f5",
        ] {
            let key = Key::parse(name).expect("parses");
            assert_eq!(Key::parse(&key.to_string()).ok(), Some(key), "{name}");
        }
        assert_eq!(
            Key::parse("G"),
            Ok(Key::new(KeyCode::Char('G'), KeyModifiers::SHIFT))
        );
        assert!(Key::parse("hyper-x").is_err());
    }

    #[test]
    fn user_bindings_patch_the_defaults() {
        let builtin = r#"{"global": {"q": quit}, "transcript": {"j": down, "k": up}}"#;
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(
            dir.path().join("keymap.ron"),
            r#"{"transcript": {"n": down}}"#,
        )
        .expect("writes");
        let (map, errors) = load::<Act>(builtin, Some(dir.path()));
        assert!(errors.is_empty(), "{errors:?}");
        let key = |s: &str| Key::parse(s).expect("key");
        assert_eq!(map.lookup(Context::Transcript, key("n")), Some(&Act::Down));
        assert_eq!(map.lookup(Context::Transcript, key("j")), Some(&Act::Down));
        assert_eq!(map.lookup(Context::Transcript, key("q")), Some(&Act::Quit));
        assert_eq!(map.keys_for(Context::Transcript, &Act::Down).len(), 2);
    }

    #[test]
    fn a_broken_user_file_is_reported_and_defaults_stay() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(
            dir.path().join("keymap.ron"),
            "{\"transcript\": {\"j\": fly}}",
        )
        .expect("writes");
        let (map, errors) = load::<Act>(r#"{"global": {"q": quit}}"#, Some(dir.path()));
        assert_eq!(errors.len(), 1);
        assert!(errors[0].contains("keymap.ron:1:"), "{errors:?}");
        assert!(
            map.lookup(Context::Global, Key::parse("q").expect("key"))
                .is_some()
        );
    }
}
