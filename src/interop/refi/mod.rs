//! REFI-QDA, the exchange standard of the QDA tools (NVivo, ATLAS.ti, MAXQDA,
//! QualCoder...): codebooks (.qdc) and projects (.qdpx, a zip of project.qde
//! and the sources). Schemas: docs/refi-qda/.
//!
//! **Codes and themes.** REFI has one tree of codes, each codable or not;
//! margin has codes (codable, flat) and a theme tree that holds them. They
//! map onto each other so that a round trip changes nothing:
//!
//! | margin                                | REFI                                   |
//! |---------------------------------------|----------------------------------------|
//! | a theme                               | a code with `isCodable="false"`, its subthemes and member codes as children |
//! | a code                                | a codable code, under its theme's code |
//! | a code in no theme                    | a codable code at the top              |
//! | a theme plus its member code sharing one GUID | one codable code with children (a codable parent, as MAXQDA and NVivo write) |
//!
//! Reading: a code with children becomes a theme (subthemes from children
//! that have children of their own, member codes from the leaves); when it is
//! codable it also becomes a code of the same name and GUID, first in that
//! theme, holding the codings made on the parent. A leaf becomes a code (an
//! empty theme when it is not codable).
//!
//! **Descriptions.** A code's REFI description carries margin's definition,
//! then paragraphs `Inclusion: ...`, `Exclusion: ...`, `Example: ...` for
//! the other fields; a theme's, its definition and `Status: reviewed|final`.
//! Reading splits them back (text without those labels is the definition).
//!
//! **GUIDs.** A code, theme or document imported from REFI keeps its GUID
//! (lower case, in its `guid` field). Everything else gets a GUID derived
//! from what never changes about it (a code's id, a coding's document, coder,
//! range and code), so exporting twice gives the same GUIDs without margin
//! writing anything to the project.

pub mod codebook_merge;
pub mod positions;
pub mod qdc;
pub mod qde_read;
pub mod qde_write;
pub mod tree;

use sha2::{Digest, Sha256};

/// The namespace of REFI project files (.qde).
pub const PROJECT_NS: &str = "urn:QDA-XML:project:1.0";
/// The namespace of REFI codebook files (.qdc).
pub const CODEBOOK_NS: &str = "urn:QDA-XML:codebook:1.0";

/// What margin writes as `origin`.
pub fn origin() -> String {
    format!("margin {}", env!("CARGO_PKG_VERSION"))
}

/// A GUID derived from `key` (a name-based UUID, version 8, from SHA-256),
/// so the same key always gives the same GUID.
pub fn derived_guid(key: &str) -> String {
    let hash = Sha256::digest(format!("margin/{key}").as_bytes());
    let mut b = [0u8; 16];
    b.copy_from_slice(&hash[..16]);
    b[6] = (b[6] & 0x0f) | 0x80;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// A GUID as margin keeps it: lower case, without braces; None when `s` is
/// not a GUID.
pub fn normal_guid(s: &str) -> Option<String> {
    let s = s.trim();
    let s = s
        .strip_prefix('{')
        .and_then(|r| r.strip_suffix('}'))
        .unwrap_or(s);
    let groups: Vec<&str> = s.split('-').collect();
    let sizes = [8, 4, 4, 4, 12];
    let ok = groups.len() == 5
        && groups
            .iter()
            .zip(sizes)
            .all(|(g, n)| g.len() == n && g.bytes().all(|b| b.is_ascii_hexdigit()));
    ok.then(|| s.to_ascii_lowercase())
}

const INCLUSION: &str = "Inclusion: ";
const EXCLUSION: &str = "Exclusion: ";
const EXAMPLE: &str = "Example: ";
const STATUS: &str = "Status: ";

/// A code's fields as one REFI description (see the module notes).
pub fn code_description(code: &crate::model::Code) -> String {
    let mut parts: Vec<String> = Vec::new();
    if !code.description.is_empty() {
        parts.push(code.description.clone());
    }
    for (label, value) in [
        (INCLUSION, &code.inclusion),
        (EXCLUSION, &code.exclusion),
        (EXAMPLE, &code.example),
    ] {
        if !value.is_empty() {
            parts.push(format!("{label}{value}"));
        }
    }
    parts.join("\n\n")
}

/// The fields of a code's description: (description, inclusion, exclusion, example).
pub fn split_code_description(text: &str) -> [String; 4] {
    let mut fields: [Vec<&str>; 4] = Default::default();
    let mut current = 0;
    for para in text.split("\n\n") {
        let (field, rest) = if let Some(rest) = para.strip_prefix(INCLUSION) {
            (1, rest)
        } else if let Some(rest) = para.strip_prefix(EXCLUSION) {
            (2, rest)
        } else if let Some(rest) = para.strip_prefix(EXAMPLE) {
            (3, rest)
        } else {
            (current, para)
        };
        current = field;
        fields[field].push(rest);
    }
    fields.map(|parts| parts.join("\n\n").trim().to_string())
}

/// A theme's definition and status as one REFI description.
pub fn theme_description(theme: &crate::model::Theme) -> String {
    let mut parts: Vec<String> = Vec::new();
    if !theme.definition.is_empty() {
        parts.push(theme.definition.clone());
    }
    if theme.status != crate::model::ThemeStatus::Candidate {
        parts.push(format!("{STATUS}{}", theme.status.label()));
    }
    parts.join("\n\n")
}

/// A theme's (definition, status) from a REFI description.
pub fn split_theme_description(text: &str) -> (String, crate::model::ThemeStatus) {
    let mut status = crate::model::ThemeStatus::Candidate;
    let mut definition: Vec<&str> = Vec::new();
    for para in text.split("\n\n") {
        match para
            .strip_prefix(STATUS)
            .and_then(|s| crate::model::ThemeStatus::parse(s.trim()))
        {
            Some(s) => status = s,
            None => definition.push(para),
        }
    }
    (definition.join("\n\n").trim().to_string(), status)
}

/// `#rgb` or `#rrggbb` in any case as margin's `#rrggbb`.
pub fn normal_colour(s: &str) -> Option<String> {
    let hex = s.trim().strip_prefix('#')?;
    if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    match hex.len() {
        6 => Some(format!("#{}", hex.to_ascii_lowercase())),
        3 => Some(format!(
            "#{}",
            hex.chars()
                .flat_map(|c| [c, c])
                .collect::<String>()
                .to_ascii_lowercase()
        )),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Code, CodeId, Theme, ThemeId, ThemeStatus};

    #[test]
    fn derived_guids_are_stable_and_valid() {
        let a = derived_guid("code/chaos");
        assert_eq!(a, derived_guid("code/chaos"));
        assert_ne!(a, derived_guid("code/calm"));
        assert_eq!(normal_guid(&a), Some(a.clone()));
        assert_eq!(
            normal_guid("{ABCDEF01-2345-6789-ABCD-EF0123456789}").as_deref(),
            Some("abcdef01-2345-6789-abcd-ef0123456789")
        );
        assert_eq!(normal_guid("not-a-guid"), None);
    }

    #[test]
    fn descriptions_round_trip() {
        let mut code = Code::new(CodeId::new("c"), "C", 0);
        code.description = "What it means.\n\nMore.".into();
        code.inclusion = "When.".into();
        code.example = "\"Quote\" (P1)".into();
        let [d, i, e, x] = split_code_description(&code_description(&code));
        assert_eq!(
            (d.as_str(), i.as_str(), e.as_str(), x.as_str()),
            ("What it means.\n\nMore.", "When.", "", "\"Quote\" (P1)")
        );
        let mut theme = Theme::new(ThemeId::new("t"), "T");
        theme.definition = "Def.".into();
        theme.status = ThemeStatus::Final;
        assert_eq!(
            split_theme_description(&theme_description(&theme)),
            ("Def.".to_string(), ThemeStatus::Final)
        );
    }

    #[test]
    fn colours() {
        assert_eq!(normal_colour("#ABC").as_deref(), Some("#aabbcc"));
        assert_eq!(normal_colour("#12aB3c").as_deref(), Some("#12ab3c"));
        assert_eq!(normal_colour("red"), None);
    }
}
