//! Stable identifiers. A code, theme or document gets an id when it is created
//! (a slug of its first name) and keeps it for life, so renaming changes one line.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::sync::Arc;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            pub fn new(s: impl Into<String>) -> Self {
                Self(s.into())
            }
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.pad(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                Self(s.to_string())
            }
        }
    };
}

/// Identifies a code in the codebook. Every coding names its code, so a
/// large study holds hundreds of thousands of them: the name is shared, not
/// copied (`clone` counts a reference), and the loader hands each coding the
/// codebook's own copy.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CodeId(Arc<str>);

impl CodeId {
    pub fn new(s: impl AsRef<str>) -> Self {
        Self(Arc::from(s.as_ref()))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for CodeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&self.0)
    }
}

impl From<&str> for CodeId {
    fn from(s: &str) -> Self {
        Self::new(s)
    }
}

// Ord, Eq and Hash are the name's, so a map keyed by code looks up by name.
impl std::borrow::Borrow<str> for CodeId {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl Serialize for CodeId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for CodeId {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(|s| Self(Arc::from(s)))
    }
}
id_type!(
    /// Identifies a theme in the theme tree.
    ThemeId
);
id_type!(
    /// Identifies a document (transcript); also its file stem under documents/.
    DocId
);
id_type!(
    /// Identifies a coder: the name in margin.ron's `coders`, and the file
    /// stem of their codings under codings/DOC/.
    CoderId
);

// Maps keyed by coder look up by a plain name (`codings.get("ana")`), and a
// coder compares with one, as names arrive from the command line and config.
impl std::borrow::Borrow<str> for CoderId {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl From<String> for CoderId {
    fn from(s: String) -> Self {
        CoderId(s)
    }
}

impl From<CoderId> for String {
    fn from(coder: CoderId) -> String {
        coder.0
    }
}

impl PartialEq<str> for CoderId {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<String> for CoderId {
    fn eq(&self, other: &String) -> bool {
        &self.0 == other
    }
}

impl PartialEq<&str> for CoderId {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

// A coder is a name: `&CoderId` reads as `&str` wherever one is taken.
impl std::ops::Deref for CoderId {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for CoderId {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

/// Turns a human name into an id: lower case ASCII letters, digits and single
/// hyphens. Non-ASCII letters are kept (ids are file-name safe either way), so
/// "Ärger" stays readable. An empty result becomes "untitled".
///
/// ```
/// use margin::model::slugify;
/// assert_eq!(slugify("Power of language"), "power-of-language");
/// assert_eq!(slugify("OST as a tool!"), "ost-as-a-tool");
/// ```
pub fn slugify(name: &str) -> String {
    let mut out = String::new();
    let mut pending_hyphen = false;
    for ch in name.chars().flat_map(char::to_lowercase) {
        if ch.is_alphanumeric() {
            if pending_hyphen && !out.is_empty() {
                out.push('-');
            }
            pending_hyphen = false;
            out.push(ch);
        } else {
            pending_hyphen = true;
        }
    }
    if out.is_empty() {
        out.push_str("untitled");
    }
    out
}

/// Picks a slug of `name` that `taken` does not already hold, adding -2, -3...
/// Never a name the load rule refuses (a slug "con" becomes "con-2"), and
/// never longer than it allows.
pub fn unique_slug(name: &str, taken: impl Fn(&str) -> bool) -> String {
    let base: String = slugify(name).chars().take(MAX_ID_CHARS - 10).collect();
    let base = base.trim_end_matches('-').to_string();
    let usable = |s: &str| !taken(s) && file_name_problem(s).is_none();
    if usable(&base) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|candidate| usable(candidate))
        .unwrap_or(base)
}

/// Is `s` usable as a file name component for a document id or coder name?
/// Stricter than `file_name_problem`: letters, digits, '-', '_' and '.' only.
pub fn is_safe_file_stem(s: &str) -> bool {
    file_name_problem(s).is_none()
        && s.chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_' || c == '.')
}

/// The one rule for every id that becomes part of a file name (document ids,
/// coder names, code and theme ids in memo paths), whether it comes from a
/// project file or from the command line: why `s` cannot be one, or None
/// when it can. No separators or parent steps (nothing may land outside the
/// project), no dot-files (the loader skips hidden names), nothing Windows
/// cannot hold (a project is shared through git across systems).
pub fn file_name_problem(s: &str) -> Option<&'static str> {
    const WINDOWS_RESERVED: [&str; 4] = ["con", "prn", "aux", "nul"];
    if s.is_empty() {
        return Some("it is empty");
    }
    if s.chars().count() > MAX_ID_CHARS {
        return Some("it is longer than 120 characters");
    }
    if s.starts_with('.') {
        return Some("it starts with a dot (hidden files are not read)");
    }
    if let Some(c) = s.chars().find(|c| {
        c.is_control() || matches!(c, '/' | '\\' | '<' | '>' | ':' | '"' | '|' | '?' | '*')
    }) {
        return Some(match c {
            '/' | '\\' => "it holds a path separator",
            c if c.is_control() => "it holds a control character",
            _ => "it holds a character Windows cannot have in a file name (< > : \" | ? *)",
        });
    }
    if s.ends_with('.') || s.ends_with(' ') || s.starts_with(' ') {
        return Some("it starts or ends with a space, or ends with a dot");
    }
    let stem = s.split('.').next().unwrap_or(s).to_ascii_lowercase();
    let numbered = |prefix: &str| {
        stem.strip_prefix(prefix)
            .is_some_and(|n| n.len() == 1 && n.chars().all(|c| c.is_ascii_digit()))
    };
    if WINDOWS_RESERVED.contains(&stem.as_str()) || numbered("com") || numbered("lpt") {
        return Some("it is a device name on Windows (CON, NUL, COM1, ...)");
    }
    None
}

/// Longest id margin accepts: file names stay well under every system's limit.
pub const MAX_ID_CHARS: usize = 120;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lowercase_and_hyphenated() {
        assert_eq!(slugify("Power of language"), "power-of-language");
        assert_eq!(slugify("  OST as a tool!! "), "ost-as-a-tool");
        assert_eq!(slugify("Ärger & Wut"), "ärger-wut");
        assert_eq!(slugify("???"), "untitled");
    }

    #[test]
    fn unique_slug_counts_up() {
        let taken = ["chaos", "chaos-2"];
        assert_eq!(unique_slug("Chaos", |s| taken.contains(&s)), "chaos-3");
        assert_eq!(unique_slug("Calm", |s| taken.contains(&s)), "calm");
        // A code named "Con" must not make the project fail to load.
        assert_eq!(unique_slug("Con", |_| false), "con-2");
        assert_eq!(
            unique_slug(&"long ".repeat(60), |_| false).chars().count(),
            109
        );
    }

    #[test]
    fn file_stems_reject_paths() {
        assert!(is_safe_file_stem("P1"));
        assert!(is_safe_file_stem("ana_b"));
        assert!(!is_safe_file_stem("../x"));
        assert!(!is_safe_file_stem("a/b"));
        assert!(!is_safe_file_stem(""));
    }

    #[test]
    fn one_rule_refuses_what_could_leave_the_project_or_break_windows() {
        for bad in [
            "../../../evil-id",
            "..",
            ".hidden",
            "a\\b",
            "CON",
            "nul.txt",
            "com1",
            "what?",
            "tab\there",
            "trailing.",
            " lead",
        ] {
            assert!(file_name_problem(bad).is_some(), "{bad:?} accepted");
        }
        for good in ["P1", "ana_b", "ärger-wut", "v1.2", "console", "com10"] {
            assert_eq!(file_name_problem(good), None, "{good:?} refused");
        }
    }

    #[test]
    fn a_coder_id_is_written_as_its_bare_name_and_looks_up_by_str() {
        let ana = CoderId::new("ana");
        assert_eq!(ana.as_str(), "ana");
        assert_eq!(ana.to_string(), "ana");
        assert_eq!(format!("{ana:>5}"), "  ana");
        assert!(ana == "ana");
        // Transparent: margin.ron's `coders: ["ana"]` is unchanged.
        let written = ron::to_string(&vec![ana.clone()]).expect("serialises");
        assert_eq!(written, r#"["ana"]"#);
        let read: Vec<CoderId> = ron::from_str(&written).expect("reads");
        assert_eq!(read, std::slice::from_ref(&ana));
        // Maps keyed by coder are looked up by a plain name.
        let mut by_coder = std::collections::BTreeMap::new();
        by_coder.insert(ana, 3);
        assert_eq!(by_coder.get("ana"), Some(&3));
        assert_eq!(by_coder.get("ben"), None);
    }
}
