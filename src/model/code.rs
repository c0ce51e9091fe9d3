//! A code in the codebook: the unit analysts tag passages with.

use super::ids::CodeId;
use serde::{Deserialize, Serialize};

/// One codebook entry. Field order here is the field order on disk.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Code {
    pub id: CodeId,
    pub name: String,
    /// What the code means (the definition).
    #[serde(default)]
    pub description: String,
    /// When to use it.
    #[serde(default)]
    pub inclusion: String,
    /// When not to use it.
    #[serde(default)]
    pub exclusion: String,
    /// A typical passage.
    #[serde(default)]
    pub example: String,
    /// Display colour as `#rrggbb`.
    #[serde(default = "default_colour")]
    pub color: String,
    /// The REFI-QDA GUID this code was imported with, kept so that exports
    /// to other QDA tools name it the same; empty for codes made in margin
    /// (exports derive a stable one from the id).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub guid: String,
}

fn default_colour() -> String {
    PALETTE[0].to_string()
}

/// Distinct colours handed out to new codes in turn; readable on dark and light
/// backgrounds alike.
pub const PALETTE: [&str; 12] = [
    "#e06c75", "#61afef", "#98c379", "#e5c07b", "#c678dd", "#56b6c2", "#d19a66", "#be5046",
    "#7f9cf5", "#f78fb3", "#3dc1d3", "#a3cb38",
];

impl Code {
    /// A new code with a colour chosen from the palette by `ordinal`.
    pub fn new(id: CodeId, name: impl Into<String>, ordinal: usize) -> Self {
        Code {
            id,
            name: name.into(),
            description: String::new(),
            inclusion: String::new(),
            exclusion: String::new(),
            example: String::new(),
            color: PALETTE[ordinal % PALETTE.len()].to_string(),
            guid: String::new(),
        }
    }
}

/// Parses `#rrggbb` into its three components.
pub fn parse_hex_colour(s: &str) -> Option<(u8, u8, u8)> {
    let hex = s.strip_prefix('#')?;
    if hex.len() != 6 || !hex.is_ascii() {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some((byte(0)?, byte(2)?, byte(4)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_colours_parse() {
        assert_eq!(parse_hex_colour("#ff0080"), Some((255, 0, 128)));
        assert_eq!(parse_hex_colour("ff0080"), None);
        assert_eq!(parse_hex_colour("#ff00"), None);
        assert_eq!(parse_hex_colour("#gg0000"), None);
    }
}
