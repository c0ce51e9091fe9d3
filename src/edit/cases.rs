//! Edits of cases and the quote bank: a document's attribute values, the
//! attribute definitions in the manifest, and the star on an extract. Each
//! returns one `Edit` so that one change is one undo step.

use super::{Edit, EditError};
use crate::model::{AttributeDef, AttributeKind, Coding, DocId, Project};
use std::collections::BTreeMap;

/// Stars (or unstars) one coding as an illustrative extract.
pub fn set_star(doc: &DocId, coder: &str, coding: &Coding, star: bool) -> Edit {
    let mut after = coding.clone();
    after.star = star;
    Edit::ChangeCoding {
        doc: doc.clone(),
        coder: coder.into(),
        before: coding.clone(),
        after,
    }
}

/// The kind a new attribute gets from its first values: a number when every
/// value is one, text otherwise (a date or a choice is declared with
/// `margin attr define`).
pub fn inferred_kind<'a>(values: impl IntoIterator<Item = &'a str>) -> AttributeKind {
    let mut any = false;
    for value in values {
        let value = value.trim();
        if value.is_empty() {
            continue;
        }
        any = true;
        if !value.parse::<f64>().is_ok_and(f64::is_finite) {
            return AttributeKind::Text;
        }
    }
    if any {
        AttributeKind::Number
    } else {
        AttributeKind::Text
    }
}

/// Sets attribute values of documents in one edit: `values[doc][name]`, where
/// an empty value removes the attribute from the document. An attribute not
/// yet defined is added to the manifest with an inferred kind. Every value is
/// checked against its type first; the errors name the document and attribute.
pub fn set_attributes(
    project: &Project,
    values: &BTreeMap<DocId, BTreeMap<String, String>>,
) -> Result<Edit, Vec<String>> {
    let mut errors = Vec::new();
    let mut manifest = project.manifest.clone();
    let mut new_names: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for by_name in values.values() {
        for (name, value) in by_name {
            if !manifest.attributes.iter().any(|a| &a.name == name) {
                new_names.entry(name).or_default().push(value);
            }
        }
    }
    for (name, seen) in new_names {
        if name.trim().is_empty() {
            errors.push("an attribute needs a name".to_string());
            continue;
        }
        let kind = inferred_kind(seen);
        manifest.attributes.push(AttributeDef::new(name, kind));
    }
    let mut edits = Vec::new();
    for (doc, by_name) in values {
        let Some(document) = project.documents.get(doc) else {
            errors.push(format!("no document '{doc}'"));
            continue;
        };
        let mut record = document.record.clone();
        for (name, value) in by_name {
            let value = value.trim();
            if value.is_empty() {
                record.attributes.remove(name);
                continue;
            }
            if let Some(def) = manifest.attributes.iter().find(|a| &a.name == name)
                && let Err(message) = def.check(value)
            {
                errors.push(format!("{doc}: {message}"));
                continue;
            }
            record.attributes.insert(name.clone(), value.to_string());
        }
        if record != document.record {
            edits.push(Edit::ChangeDocumentRecord {
                id: doc.clone(),
                before: document.record.clone(),
                after: record,
            });
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    if manifest != project.manifest {
        edits.insert(
            0,
            Edit::SetManifest {
                before: Box::new(project.manifest.clone()),
                after: Box::new(manifest),
            },
        );
    }
    let label = match edits.as_slice() {
        [one] => one.describe(project),
        _ => format!(
            "set attributes of {}",
            crate::text::count(values.len(), "document", "documents")
        ),
    };
    Ok(Edit::Batch { label, edits })
}

/// Sets one attribute of one document (empty `value` removes it).
pub fn set_attribute(
    project: &Project,
    doc: &DocId,
    name: &str,
    value: &str,
) -> Result<Edit, EditError> {
    let values = BTreeMap::from([(
        doc.clone(),
        BTreeMap::from([(name.to_string(), value.to_string())]),
    )]);
    let edit = set_attributes(project, &values).map_err(|e| EditError::new(e.join("; ")))?;
    // Name the attribute and value in undo messages and the status line.
    Ok(match edit {
        Edit::Batch { edits, .. } => Edit::Batch {
            label: if value.trim().is_empty() {
                format!("clear {name} of {doc}")
            } else {
                format!("set {name} of {doc} to '{}'", value.trim())
            },
            edits,
        },
        other => other,
    })
}

/// Defines (or redefines) an attribute's type. Every value documents already
/// hold must fit the new type; the errors name each document that does not.
pub fn define_attribute(project: &Project, def: AttributeDef) -> Result<Edit, Vec<String>> {
    if def.name.trim().is_empty() {
        return Err(vec!["an attribute needs a name".to_string()]);
    }
    if def.kind == AttributeKind::Choice && def.values.is_empty() {
        return Err(vec![format!(
            "choice attribute '{}' needs its values, e.g. --values nurse,doctor",
            def.name
        )]);
    }
    let errors: Vec<String> = project
        .documents
        .values()
        .filter_map(|d| {
            let value = d.record.attributes.get(&def.name)?;
            def.check(value).err().map(|m| format!("{}: {m}", d.id))
        })
        .collect();
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut manifest = project.manifest.clone();
    let label = match manifest.attributes.iter_mut().find(|a| a.name == def.name) {
        Some(existing) => {
            *existing = def.clone();
            format!("make attribute '{}' a {}", def.name, def.kind.label())
        }
        None => {
            manifest.attributes.push(def.clone());
            format!("define attribute '{}' ({})", def.name, def.kind.label())
        }
    };
    Ok(Edit::Batch {
        label,
        edits: vec![Edit::SetManifest {
            before: Box::new(project.manifest.clone()),
            after: Box::new(manifest),
        }],
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CodeId, Document, DocumentRecord, Manifest};

    fn project() -> Project {
        let mut p = Project::new(Manifest::new("t"));
        let mut role = AttributeDef::new("role", AttributeKind::Choice);
        role.values = vec!["nurse".into(), "doctor".into()];
        p.manifest.attributes = vec![AttributeDef::new("age", AttributeKind::Number), role];
        for id in ["P1", "P2"] {
            let record = DocumentRecord {
                title: id.into(),
                source: String::new(),
                attributes: BTreeMap::new(),
                sha256: String::new(),
                guid: String::new(),
                times: Vec::new(),
            };
            p.documents.insert(
                DocId::new(id),
                Document::new(DocId::new(id), record, "A: words here\n".into()),
            );
        }
        p
    }

    #[test]
    fn setting_an_attribute_is_one_undoable_edit() {
        let mut p = project();
        let original = p.clone();
        let edit = set_attribute(&p, &DocId::new("P1"), "role", "nurse").expect("fits");
        assert_eq!(edit.describe(&p), "set role of P1 to 'nurse'");
        let inverse = edit.apply(&mut p).expect("applies");
        assert_eq!(
            p.documents[&DocId::new("P1")].record.attributes["role"],
            "nurse"
        );
        inverse.apply(&mut p).expect("undoes");
        assert_eq!(p, original);
    }

    #[test]
    fn values_outside_their_type_are_refused_with_the_document_named() {
        let p = project();
        let values = BTreeMap::from([
            (
                DocId::new("P1"),
                BTreeMap::from([("age".into(), "old".into())]),
            ),
            (
                DocId::new("P2"),
                BTreeMap::from([("role".into(), "porter".into())]),
            ),
            (
                DocId::new("P9"),
                BTreeMap::from([("age".into(), "3".into())]),
            ),
        ]);
        let errors = set_attributes(&p, &values).unwrap_err();
        assert_eq!(errors.len(), 3, "{errors:?}");
        assert!(errors[0].starts_with("P1: attribute 'age' should be a number"));
        assert!(errors[1].contains("one of: nurse, doctor"));
        assert_eq!(errors[2], "no document 'P9'");
    }

    #[test]
    fn a_new_attribute_is_defined_with_an_inferred_kind() {
        let mut p = project();
        let edit = set_attribute(&p, &DocId::new("P1"), "years", "4").expect("fits");
        edit.apply(&mut p).expect("applies");
        let years = p.manifest.attributes.iter().find(|a| a.name == "years");
        assert_eq!(years.map(|a| a.kind), Some(AttributeKind::Number));
    }

    #[test]
    fn redefining_checks_the_values_documents_hold() {
        let mut p = project();
        set_attribute(&p, &DocId::new("P1"), "site", "north")
            .expect("fits")
            .apply(&mut p)
            .expect("applies");
        let mut site = AttributeDef::new("site", AttributeKind::Choice);
        site.values = vec!["south".into()];
        let errors = define_attribute(&p, site.clone()).unwrap_err();
        assert_eq!(
            errors,
            vec!["P1: attribute 'site' should be one of: south; not 'north'"]
        );
        site.values.push("north".into());
        assert!(define_attribute(&p, site).is_ok());
    }

    #[test]
    fn starring_changes_one_field_and_inverts() {
        let mut p = project();
        p.codes.insert(
            CodeId::new("care"),
            crate::model::Code::new(CodeId::new("care"), "care", 0),
        );
        let coding = Coding::new(CodeId::new("care"), 3, 8);
        Edit::AddCoding {
            doc: DocId::new("P1"),
            coder: "asha".into(),
            coding: coding.clone(),
        }
        .apply(&mut p)
        .expect("codes");
        let before = p.clone();
        let edit = set_star(&DocId::new("P1"), "asha", &coding, true);
        assert_eq!(edit.describe(&p), "star 'care' on P1 line 1");
        let inverse = edit.apply(&mut p).expect("stars");
        assert!(p.codings[&DocId::new("P1")]["asha"][0].star);
        assert_eq!(inverse.describe(&p), "unstar 'care' on P1 line 1");
        inverse.apply(&mut p).expect("unstars");
        assert_eq!(p, before);
    }
}
