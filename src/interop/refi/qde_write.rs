//! Writing a REFI-QDA project (.qdpx): project.qde plus each document's text
//! as sources/ID.txt. Coders become users, documents text sources, codings
//! selections (in code points, end exclusive, as the standard says) each with
//! one coding, memos notes, and case attributes variables with a value on
//! each source. Output is deterministic: the same project gives the same bytes.

use super::qdc::write_code;
use super::tree::{RefiCode, code_guid, export_tree};
use super::{PROJECT_NS, derived_guid, origin};
use crate::interop::archive;
use crate::interop::xml::escape;
use crate::model::{AttributeKind, DocId, Document, MemoTarget, Project};
use std::collections::BTreeMap;

/// Each document's source GUID.
pub fn source_guid(doc: &Document) -> String {
    if doc.record.guid.is_empty() {
        derived_guid(&format!("document/{}", doc.id))
    } else {
        doc.record.guid.clone()
    }
}

fn user_guid(coder: &str) -> String {
    derived_guid(&format!("user/{coder}"))
}

fn note_guid(target: &MemoTarget) -> String {
    derived_guid(&format!("note/{}", target.rel_path()))
}

fn variable_guid(name: &str) -> String {
    derived_guid(&format!("variable/{name}"))
}

/// Where a document's text goes in the package.
pub fn source_entry(id: &DocId) -> String {
    format!("sources/{id}.txt")
}

/// The .qdpx package of a project, as bytes. `progress` is called once per
/// document written.
pub fn write_qdpx(project: &Project, progress: &mut dyn FnMut(&DocId)) -> Result<Vec<u8>, String> {
    let mut entries = vec![("project.qde".to_string(), write_qde(project).into_bytes())];
    for (id, doc) in &project.documents {
        entries.push((source_entry(id), doc.text().as_bytes().to_vec()));
        progress(id);
    }
    archive::write(&entries)
}

/// project.qde of a project.
pub fn write_qde(project: &Project) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str(&format!(
        "<Project xmlns=\"{PROJECT_NS}\" name=\"{}\" origin=\"{}\">\n",
        escape(&project.manifest.title),
        escape(&origin())
    ));
    users(project, &mut out);
    codebook(project, &mut out);
    let variables = variables(project, &mut out);
    sources(project, &variables, &mut out);
    notes(project, &mut out);
    if !project.manifest.description.is_empty() {
        out.push_str(&format!(
            "  <Description>{}</Description>\n",
            escape(&project.manifest.description)
        ));
    }
    if project.memos.contains_key(&MemoTarget::Project) {
        out.push_str(&format!(
            "  <NoteRef targetGUID=\"{}\"/>\n",
            note_guid(&MemoTarget::Project)
        ));
    }
    out.push_str("</Project>\n");
    out
}

fn users(project: &Project, out: &mut String) {
    let coders = project.coders();
    if coders.is_empty() {
        return;
    }
    out.push_str("  <Users>\n");
    for coder in coders {
        out.push_str(&format!(
            "    <User guid=\"{}\" name=\"{}\"/>\n",
            user_guid(&coder),
            escape(&coder)
        ));
    }
    out.push_str("  </Users>\n");
}

fn codebook(project: &Project, out: &mut String) {
    let tree = export_tree(project);
    if tree.is_empty() {
        return;
    }
    let memos = |node: &RefiCode| -> Vec<String> {
        node.memos
            .iter()
            .filter(|t| project.memos.contains_key(*t))
            .map(note_guid)
            .collect()
    };
    out.push_str("  <CodeBook>\n    <Codes>\n");
    for node in &tree {
        write_code(out, node, 3, &memos);
    }
    out.push_str("    </Codes>\n  </CodeBook>\n");
}

/// Writes the variables; returns each one's (GUID, kind) by name.
fn variables(project: &Project, out: &mut String) -> BTreeMap<String, (String, AttributeKind)> {
    let mut kinds: Vec<(String, AttributeKind)> = project
        .manifest
        .attributes
        .iter()
        .map(|a| (a.name.clone(), a.kind))
        .collect();
    for doc in project.documents.values() {
        for name in doc.record.attributes.keys() {
            if !kinds.iter().any(|(n, _)| n == name) {
                kinds.push((name.clone(), AttributeKind::Text));
            }
        }
    }
    if kinds.is_empty() {
        return BTreeMap::new();
    }
    out.push_str("  <Variables>\n");
    for (name, kind) in &kinds {
        let kind_name = match kind {
            // A choice has no REFI type of its own: its values travel as text.
            AttributeKind::Text | AttributeKind::Choice => "Text",
            AttributeKind::Number => "Float",
            AttributeKind::Date => "Date",
        };
        out.push_str(&format!(
            "    <Variable guid=\"{}\" name=\"{}\" typeOfVariable=\"{kind_name}\"/>\n",
            variable_guid(name),
            escape(name)
        ));
    }
    out.push_str("  </Variables>\n");
    kinds
        .into_iter()
        .map(|(name, kind)| (name.clone(), (variable_guid(&name), kind)))
        .collect()
}

/// Is `s` an xsd:decimal (what a Float variable's value must be)?
fn is_decimal(s: &str) -> bool {
    let s = s.strip_prefix(['+', '-']).unwrap_or(s);
    let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
    !(whole.is_empty() && frac.is_empty())
        && whole.bytes().all(|b| b.is_ascii_digit())
        && frac.bytes().all(|b| b.is_ascii_digit())
}

fn sources(
    project: &Project,
    variables: &BTreeMap<String, (String, AttributeKind)>,
    out: &mut String,
) {
    if project.documents.is_empty() {
        return;
    }
    out.push_str("  <Sources>\n");
    for (id, doc) in &project.documents {
        out.push_str(&format!(
            "    <TextSource guid=\"{}\" name=\"{}\" plainTextPath=\"internal://{id}.txt\">\n",
            source_guid(doc),
            escape(doc.title())
        ));
        // In text order, then by code GUID and coder (not code id: ids are
        // not carried through REFI, GUIDs are, so a re-imported project
        // exports the same file).
        let mut codings: Vec<_> = project
            .codings_in(id)
            .into_iter()
            .map(|r| {
                let code = project.codes.get(&r.coding.code).map_or_else(
                    || derived_guid(&format!("code/{}", r.coding.code)),
                    code_guid,
                );
                (r, code)
            })
            .collect();
        codings.sort_by(|(a, ga), (b, gb)| {
            (a.coding.start, a.coding.end, ga, a.coder).cmp(&(
                b.coding.start,
                b.coding.end,
                gb,
                b.coder,
            ))
        });
        for (coding, code) in codings {
            let c = coding.coding;
            let user = user_guid(coding.coder);
            let key = format!("{id}/{}/{}/{}/{code}", coding.coder, c.start, c.end);
            out.push_str(&format!(
                "      <PlainTextSelection guid=\"{}\" name=\"{}\" startPosition=\"{}\" endPosition=\"{}\" creatingUser=\"{user}\">\n",
                derived_guid(&format!("selection/{key}")),
                escape(&doc.excerpt(c.start, c.end, 60)),
                c.start,
                c.end
            ));
            if !c.memo.is_empty() {
                out.push_str(&format!(
                    "        <Description>{}</Description>\n",
                    escape(&c.memo)
                ));
            }
            out.push_str(&format!(
                "        <Coding guid=\"{}\" creatingUser=\"{user}\">\n          <CodeRef targetGUID=\"{code}\"/>\n        </Coding>\n",
                derived_guid(&format!("coding/{key}"))
            ));
            out.push_str("      </PlainTextSelection>\n");
        }
        let memo = MemoTarget::Document(id.clone());
        if project.memos.contains_key(&memo) {
            out.push_str(&format!(
                "      <NoteRef targetGUID=\"{}\"/>\n",
                note_guid(&memo)
            ));
        }
        for (name, value) in &doc.record.attributes {
            let Some((guid, kind)) = variables.get(name) else {
                continue;
            };
            let element = match kind {
                AttributeKind::Number if is_decimal(value.trim()) => "FloatValue",
                AttributeKind::Date if crate::model::is_iso_date(value.trim()) => "DateValue",
                _ => "TextValue",
            };
            let value = if element != "TextValue" {
                value.trim()
            } else {
                value
            };
            out.push_str(&format!(
                "      <VariableValue>\n        <VariableRef targetGUID=\"{guid}\"/>\n        <{element}>{}</{element}>\n      </VariableValue>\n",
                escape(value)
            ));
        }
        out.push_str("    </TextSource>\n");
    }
    out.push_str("  </Sources>\n");
}

fn notes(project: &Project, out: &mut String) {
    if project.memos.is_empty() {
        return;
    }
    out.push_str("  <Notes>\n");
    for (target, text) in &project.memos {
        let name = match target {
            MemoTarget::Project => "Project memo".to_string(),
            MemoTarget::Document(id) => format!(
                "Memo on {}",
                project.documents.get(id).map_or(id.as_str(), |d| d.title())
            ),
            MemoTarget::Code(id) => format!("Memo on {}", project.code_name(id)),
            MemoTarget::Theme(id) => format!(
                "Memo on {}",
                project.theme(id).map_or(id.as_str(), |t| t.name.as_str())
            ),
        };
        out.push_str(&format!(
            "    <Note guid=\"{}\" name=\"{}\">\n      <PlainTextContent>{}</PlainTextContent>\n    </Note>\n",
            note_guid(target),
            escape(&name),
            escape(text)
        ));
    }
    out.push_str("  </Notes>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals() {
        for ok in ["31", "-2.5", "0.75", "+4."] {
            assert!(is_decimal(ok), "{ok}");
        }
        for bad in ["", ".", "1e3", "NaN", "3,5"] {
            assert!(!is_decimal(bad), "{bad}");
        }
    }
}
