//! REFI-QDA codebooks (.qdc): margin's codes and themes as one tree of
//! codes, and back. The `<Codes>` element is the same in a project (.qde),
//! where a code may also refer to notes, so both writers and readers share it.

use super::tree::{RefiCode, export_tree};
use super::{CODEBOOK_NS, normal_guid, origin};
use crate::interop::InteropError;
use crate::interop::xml::{self, Element, escape};
use crate::model::Project;
use std::collections::BTreeSet;

/// The project's codebook as a .qdc file. Refused when there is no code or
/// theme: the schema wants at least one.
pub fn write(project: &Project) -> Result<String, String> {
    let tree = export_tree(project);
    if tree.is_empty() {
        return Err("the codebook is empty; a REFI-QDA codebook needs at least one code".into());
    }
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str(&format!(
        "<CodeBook xmlns=\"{CODEBOOK_NS}\" origin=\"{}\">\n  <Codes>\n",
        escape(&origin())
    ));
    for node in &tree {
        write_code(&mut out, node, 2, &|_| Vec::new());
    }
    out.push_str("  </Codes>\n</CodeBook>\n");
    Ok(out)
}

/// Writes one `<Code>` and its children at `depth` (two spaces each);
/// `note_refs` gives the note GUIDs it refers to (none in a .qdc).
pub(super) fn write_code(
    out: &mut String,
    node: &RefiCode,
    depth: usize,
    note_refs: &dyn Fn(&RefiCode) -> Vec<String>,
) {
    let pad = "  ".repeat(depth);
    out.push_str(&format!(
        "{pad}<Code guid=\"{}\" name=\"{}\" isCodable=\"{}\"",
        node.guid,
        escape(&node.name),
        node.codable
    ));
    if let Some(colour) = &node.color {
        out.push_str(&format!(" color=\"{}\"", escape(colour)));
    }
    let notes = note_refs(node);
    if node.description.is_empty() && notes.is_empty() && node.children.is_empty() {
        out.push_str("/>\n");
        return;
    }
    out.push_str(">\n");
    if !node.description.is_empty() {
        out.push_str(&format!(
            "{pad}  <Description>{}</Description>\n",
            escape(&node.description)
        ));
    }
    for note in notes {
        out.push_str(&format!("{pad}  <NoteRef targetGUID=\"{note}\"/>\n"));
    }
    for child in &node.children {
        write_code(out, child, depth + 1, note_refs);
    }
    out.push_str(&format!("{pad}</Code>\n"));
}

/// Reads a .qdc file: its tree of codes, and warnings for what margin does
/// not carry (code sets).
pub fn read(bytes: &[u8], file: &str) -> Result<(Vec<RefiCode>, Vec<String>), InteropError> {
    let root = xml::parse(bytes, file)?;
    if root.name != "CodeBook" {
        return Err(InteropError::new(
            file,
            format!(
                "is not a REFI-QDA codebook: its root element is <{}>, not <CodeBook>",
                root.name
            ),
        ));
    }
    let tree = match root.child("Codes") {
        Some(codes) => read_codes(codes, file)?,
        None => Vec::new(),
    };
    let mut warnings = Vec::new();
    let sets: Vec<String> = root
        .child("Sets")
        .into_iter()
        .flat_map(|s| s.children_named("Set"))
        .map(|s| s.attr("name").unwrap_or("").to_string())
        .collect();
    if !sets.is_empty() {
        warnings.push(format!(
            "{file}: code sets are not carried into margin: {}",
            sets.join(", ")
        ));
    }
    Ok((tree, warnings))
}

/// Reads the `<Code>` children of a `<Codes>` element.
pub(super) fn read_codes(codes: &Element, file: &str) -> Result<Vec<RefiCode>, InteropError> {
    let mut seen = BTreeSet::new();
    codes
        .children_named("Code")
        .map(|c| read_code(c, file, &mut seen))
        .collect()
}

fn read_code(
    e: &Element,
    file: &str,
    seen: &mut BTreeSet<String>,
) -> Result<RefiCode, InteropError> {
    let name = e.attr("name").unwrap_or("").to_string();
    let raw = e.attr("guid").unwrap_or("");
    let guid = normal_guid(raw).ok_or_else(|| {
        InteropError::new(
            file,
            format!("code '{name}' has no valid GUID ('{raw}'); a GUID looks like 3f2504e0-4f89-11d3-9a0c-0305e82c3301"),
        )
    })?;
    if !seen.insert(guid.clone()) {
        return Err(InteropError::new(
            file,
            format!("code GUID {guid} appears twice (second time on '{name}')"),
        ));
    }
    let codable = e
        .attr("isCodable")
        .is_none_or(|v| matches!(v.trim(), "true" | "1"));
    let children = e
        .children_named("Code")
        .map(|c| read_code(c, file, seen))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(RefiCode {
        guid,
        name,
        codable,
        color: e.attr("color").map(str::to_string),
        description: e
            .child("Description")
            .map(|d| d.text().trim().to_string())
            .unwrap_or_default(),
        memos: Vec::new(),
        note_refs: e
            .children_named("NoteRef")
            .filter_map(|n| n.attr("targetGUID").and_then(normal_guid))
            .collect(),
        children,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interop::refi::tree::import_tree;

    #[test]
    fn reads_what_other_tools_write() {
        // MAXQDA-style: a prefix, upper-case GUIDs, a codable parent,
        // a short colour, an empty name, no description.
        let qdc = "\u{feff}<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\"?>\r\n\
            <qda:CodeBook xmlns:qda=\"urn:QDA-XML:codebook:1.0\" origin=\"MAXQDA\">\r\n<qda:Codes>\
            <qda:Code guid=\"0A1B2C3D-0000-4000-8000-000000000001\" name=\"Harm reduction\" isCodable=\"true\" color=\"#0C0\">\
            <qda:Description>Practical steps that reduce risk.</qda:Description>\
            <qda:Code guid=\"0a1b2c3d-0000-4000-8000-000000000002\" name=\"Naloxone\" isCodable=\"true\"/>\
            <qda:Code guid=\"{0A1B2C3D-0000-4000-8000-000000000003}\" name=\"\" isCodable=\"true\"/>\
            </qda:Code></qda:Codes><qda:Sets><qda:Set guid=\"0a1b2c3d-0000-4000-8000-000000000009\" name=\"Core\"/></qda:Sets></qda:CodeBook>";
        let (tree, warnings) = read(qdc.as_bytes(), "maxqda.qdc").expect("reads");
        assert_eq!(warnings.len(), 1);
        assert_eq!(tree[0].guid, "0a1b2c3d-0000-4000-8000-000000000001");
        let imported = import_tree(&tree, &BTreeSet::new(), &BTreeSet::new());
        let theme = &imported.themes[0];
        assert_eq!(theme.name, "Harm reduction");
        assert_eq!(theme.codes.len(), 3);
        let parent = &imported.codes[&theme.codes[0]];
        assert_eq!(parent.color, "#00cc00");
        assert_eq!(parent.description, "Practical steps that reduce risk.");
        assert_eq!(imported.codes[&theme.codes[2]].name, "unnamed code");
    }

    #[test]
    fn bad_guids_and_roots_are_named() {
        let err = read(b"<Project/>", "x.qdc").expect_err("refused");
        assert!(err.to_string().contains("not a REFI-QDA codebook"), "{err}");
        let err = read(
            b"<CodeBook><Codes><Code guid=\"nope\" name=\"A\" isCodable=\"true\"/></Codes></CodeBook>",
            "x.qdc",
        )
        .expect_err("refused");
        assert!(
            err.to_string().contains("code 'A' has no valid GUID"),
            "{err}"
        );
    }
}
