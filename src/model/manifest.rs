//! The project manifest (margin.ron): format version, title, coders, attributes.

use super::CoderId;
use serde::{Deserialize, Serialize};

/// The format version this build writes. Older versions are migrated on load;
/// newer ones are refused.
///
/// 2: themes.ron writes its top-level themes sorted by id with their order
/// as a list of ids (see `store::themes_file`); 1: a plain list.
pub const FORMAT_VERSION: u32 = 2;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub format: u32,
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// Everyone who has coded in this project, sorted.
    #[serde(default)]
    pub coders: Vec<CoderId>,
    /// Case attributes documents may carry, in display order.
    #[serde(default)]
    pub attributes: Vec<AttributeDef>,
}

/// One case attribute: its name, its type and, for a choice, the values it
/// may take (in display order).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttributeDef {
    pub name: String,
    pub kind: AttributeKind,
    /// The allowed values of a `Choice`; empty for other kinds.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AttributeKind {
    Text,
    Number,
    /// A calendar date, written YYYY-MM-DD.
    Date,
    /// One of the definition's `values`.
    Choice,
}

impl AttributeKind {
    pub fn label(self) -> &'static str {
        match self {
            AttributeKind::Text => "text",
            AttributeKind::Number => "number",
            AttributeKind::Date => "date",
            AttributeKind::Choice => "choice",
        }
    }
}

impl AttributeDef {
    pub fn new(name: impl Into<String>, kind: AttributeKind) -> Self {
        AttributeDef {
            name: name.into(),
            kind,
            values: Vec::new(),
        }
    }

    /// Checks a value against the attribute's type; the error says what was
    /// expected ("a number", "a date YYYY-MM-DD", "one of: ...").
    pub fn check(&self, value: &str) -> Result<(), String> {
        let value = value.trim();
        match self.kind {
            AttributeKind::Text => Ok(()),
            AttributeKind::Number => match value.parse::<f64>() {
                Ok(n) if n.is_finite() => Ok(()),
                _ => Err(format!(
                    "attribute '{}' should be a number, not '{value}'",
                    self.name
                )),
            },
            AttributeKind::Date if is_iso_date(value) => Ok(()),
            AttributeKind::Date => Err(format!(
                "attribute '{}' should be a date YYYY-MM-DD, not '{value}'",
                self.name
            )),
            AttributeKind::Choice if self.values.iter().any(|v| v == value) => Ok(()),
            AttributeKind::Choice => Err(format!(
                "attribute '{}' should be one of: {}; not '{value}'",
                self.name,
                self.values.join(", ")
            )),
        }
    }
}

/// A real calendar date written YYYY-MM-DD (leap years included).
pub fn is_iso_date(value: &str) -> bool {
    let parts: Vec<&str> = value.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return false;
    };
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return false;
    }
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<u32>(), m.parse::<u32>(), d.parse::<u32>()) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

impl Manifest {
    pub fn new(title: impl Into<String>) -> Self {
        Manifest {
            format: FORMAT_VERSION,
            title: title.into(),
            description: String::new(),
            coders: Vec::new(),
            attributes: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_manifests_with_text_and_number_still_load() {
        let text = "(format: 1, title: \"t\", attributes: [(name: \"age\", kind: Number), (name: \"role\", kind: Text)])";
        let m: Manifest = ron::from_str(text).expect("loads");
        assert_eq!(
            m.attributes[0],
            AttributeDef::new("age", AttributeKind::Number)
        );
        assert!(m.attributes[1].values.is_empty());
    }

    #[test]
    fn a_choice_lists_its_values_and_checks_them() {
        let text = "(format: 1, title: \"t\", attributes: [(name: \"role\", kind: Choice, values: [\"nurse\", \"doctor\"])])";
        let m: Manifest = ron::from_str(text).expect("loads");
        let role = &m.attributes[0];
        assert!(role.check("nurse").is_ok());
        let err = role.check("porter").unwrap_err();
        assert!(err.contains("one of: nurse, doctor"), "{err}");
    }

    #[test]
    fn values_are_checked_against_their_type() {
        let age = AttributeDef::new("age", AttributeKind::Number);
        assert!(age.check("34").is_ok());
        assert!(age.check("3.5").is_ok());
        assert!(age.check("thirty").is_err());
        assert!(age.check("NaN").is_err());
        let date = AttributeDef::new("interviewed", AttributeKind::Date);
        assert!(date.check("2024-02-29").is_ok());
        assert!(date.check("2023-02-29").is_err());
        assert!(date.check("2024-13-01").is_err());
        assert!(date.check("1/2/2024").is_err());
        assert!(
            AttributeDef::new("note", AttributeKind::Text)
                .check("")
                .is_ok()
        );
    }
}
