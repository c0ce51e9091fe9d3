//! Stable identifiers. A code, theme or document gets an id when it is created
//! (a slug of its first name) and keeps it for life, so renaming changes one line.

use serde::{Deserialize, Serialize};
use std::fmt;

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

id_type!(
    /// Identifies a code in the codebook.
    CodeId
);
id_type!(
    /// Identifies a theme in the theme tree.
    ThemeId
);
id_type!(
    /// Identifies a document (transcript); also its file stem under documents/.
    DocId
);

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
pub fn unique_slug(name: &str, taken: impl Fn(&str) -> bool) -> String {
    let base = slugify(name);
    if !taken(&base) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|candidate| !taken(candidate))
        .unwrap_or(base)
}

/// Is `s` usable as a file name component for a document id or coder name?
pub fn is_safe_file_stem(s: &str) -> bool {
    !s.is_empty()
        && s != "."
        && s != ".."
        && s.chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_' || c == '.')
}

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
    }

    #[test]
    fn file_stems_reject_paths() {
        assert!(is_safe_file_stem("P1"));
        assert!(is_safe_file_stem("ana_b"));
        assert!(!is_safe_file_stem("../x"));
        assert!(!is_safe_file_stem("a/b"));
        assert!(!is_safe_file_stem(""));
    }
}
