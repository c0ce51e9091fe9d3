//! The project manifest (margin.ron): format version, title, coders, attributes.

use serde::{Deserialize, Serialize};

/// The format version this build writes. Older versions are migrated on load;
/// newer ones are refused.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub format: u32,
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// Everyone who has coded in this project, sorted.
    #[serde(default)]
    pub coders: Vec<String>,
    /// Case attributes documents may carry, in display order.
    #[serde(default)]
    pub attributes: Vec<AttributeDef>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttributeDef {
    pub name: String,
    pub kind: AttributeKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AttributeKind {
    Text,
    Number,
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
