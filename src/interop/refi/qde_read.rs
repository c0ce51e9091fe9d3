//! Reading a REFI-QDA project (.qdpx) into a new margin project: users
//! become coders, text sources documents, codes codes and themes (see
//! `tree`), selections codings, notes memos, variables and cases document
//! attributes, sets of sources an attribute `sets`. Real exports differ from
//! the standard, and this reads them: any namespace prefix, `Sources/` or
//! `sources/`, an inner NAME.qde, upper- or lower-case GUIDs, missing names,
//! and positions in UTF-16 units or with CRLF counted as two (`positions`).
//! What cannot be carried (pictures, PDFs, audio, video, links, graphs, code
//! sets) is listed in the warnings, never dropped silently.

use super::normal_guid;
use super::positions::{self, Reading, Selection};
use super::qdc::read_codes;
use super::tree::{Imported, import_tree};
use crate::import::{
    decode_keeping_line_ends, doc_id_from_file_name, make_document, normalise_line_ends,
};
use crate::interop::archive::{Archive, LIMITS};
use crate::interop::xml::{self, Element};
use crate::interop::{InteropError, docx};
use crate::model::{
    AttributeDef, AttributeKind, CodeId, CoderId, Coding, DocId, Manifest, MemoTarget, Project,
    is_safe_file_stem, slugify,
};
use crate::text::count;
use std::collections::{BTreeMap, BTreeSet};

/// A project read from a .qdpx, with what the reader has to say about it.
#[derive(Debug)]
pub struct ImportedProject {
    pub project: Project,
    /// Things not carried or read with care, one line each.
    pub warnings: Vec<String>,
    /// How each document's selection positions were counted.
    pub readings: Vec<(DocId, Reading)>,
}

/// What one source became, before it is put in the project.
struct SourceDoc {
    id: DocId,
    guid: String,
    name: String,
    /// The file the text came from, when it has a telling name.
    source: String,
    text: String,
    attributes: BTreeMap<String, String>,
    codings: BTreeMap<CoderId, Vec<Coding>>,
}

/// Reads a .qdpx package. `progress(done, total)` is called after each source.
pub fn read_qdpx(
    bytes: &[u8],
    file: &str,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<ImportedProject, InteropError> {
    let mut archive = Archive::open(bytes, file, LIMITS)?;
    let qde_name = find_qde(&archive).ok_or_else(|| {
        InteropError::new(
            file,
            "holds no project.qde, so it is not a REFI-QDA project (.qdpx)",
        )
    })?;
    let qde_bytes = archive.read(&qde_name)?;
    let qde_file = format!("{file}:{qde_name}");
    let root = xml::parse(&qde_bytes, &qde_file)?;
    if root.name != "Project" {
        return Err(InteropError::new(
            &qde_file,
            format!("the root element is <{}>, not <Project>", root.name),
        ));
    }
    // margin writes positions as the standard says; only other tools'
    // positions need their reading guessed (see `positions`).
    let by_margin = root
        .attr("origin")
        .is_some_and(|o| o.trim().starts_with("margin "));
    let mut reader = Reader {
        file: qde_file.clone(),
        archive: &mut archive,
        warnings: Vec::new(),
        by_margin,
    };
    reader.read(&root, file, progress)
}

/// The project file inside the package: project.qde, or else the .qde
/// nearest the top.
fn find_qde(archive: &Archive) -> Option<String> {
    if let Some(name) = archive.find("project.qde") {
        return Some(name.to_string());
    }
    archive
        .names()
        .iter()
        .filter(|n| n.to_ascii_lowercase().ends_with(".qde"))
        .min_by_key(|n| (n.matches('/').count(), n.len()))
        .cloned()
}

struct Reader<'a, 'b> {
    file: String,
    archive: &'a mut Archive<'b>,
    warnings: Vec<String>,
    /// Written by margin: positions are code points, nothing to guess.
    by_margin: bool,
}

fn guid_of(e: &Element, attr: &str) -> Option<String> {
    e.attr(attr).and_then(normal_guid)
}

/// A coder name from a REFI user name (coders name files in margin).
fn coder_of(name: &str) -> String {
    let slug = slugify(name);
    if slug == "untitled" {
        "imported".to_string()
    } else {
        slug
    }
}

impl Reader<'_, '_> {
    fn fail(&self, problem: String) -> InteropError {
        InteropError::new(&self.file, problem)
    }

    fn read(
        &mut self,
        root: &Element,
        package: &str,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<ImportedProject, InteropError> {
        let users: BTreeMap<String, String> = root
            .child("Users")
            .into_iter()
            .flat_map(|u| u.children_named("User"))
            .filter_map(|u| Some((guid_of(u, "guid")?, coder_of(u.attr("name").unwrap_or("")))))
            .collect();
        let tree = match root.child("CodeBook").and_then(|c| c.child("Codes")) {
            Some(codes) => read_codes(codes, &self.file)?,
            None => Vec::new(),
        };
        let codes = import_tree(&tree, &BTreeSet::new(), &BTreeSet::new());
        // In document order: the order of the attributes in the manifest.
        let variable_list: Vec<(String, (String, AttributeKind))> = root
            .child("Variables")
            .into_iter()
            .flat_map(|v| v.children_named("Variable"))
            .filter_map(|v| {
                let kind = match v.attr("typeOfVariable") {
                    Some("Integer" | "Float") => AttributeKind::Number,
                    Some("Date") => AttributeKind::Date,
                    _ => AttributeKind::Text,
                };
                Some((
                    guid_of(v, "guid")?,
                    (v.attr("name")?.trim().to_string(), kind),
                ))
            })
            .collect();
        let variables: BTreeMap<String, (String, AttributeKind)> =
            variable_list.iter().cloned().collect();
        let notes = self.notes(root)?;
        let mut memos: BTreeMap<MemoTarget, Vec<String>> = BTreeMap::new();
        let mut used_notes: BTreeSet<String> = BTreeSet::new();
        let mut attach = |target: MemoTarget, guid: &str, used: &mut BTreeSet<String>| {
            if let Some((_, text)) = notes.get(guid) {
                used.insert(guid.to_string());
                memos.entry(target).or_default().push(text.clone());
            }
        };

        // Sources.
        let source_elements: Vec<&Element> = root
            .child("Sources")
            .map(|s| s.elements().collect())
            .unwrap_or_default();
        let total = source_elements.len();
        let mut docs: Vec<SourceDoc> = Vec::new();
        let mut readings = Vec::new();
        let mut not_carried: BTreeMap<&str, Vec<String>> = BTreeMap::new();
        let mut taken_ids: BTreeSet<String> = BTreeSet::new();
        let mut doc_notes: Vec<(usize, String)> = Vec::new();
        let mut coding_notes: Vec<(usize, String, usize, String)> = Vec::new();
        for (i, source) in source_elements.into_iter().enumerate() {
            let kind = match source.name.as_str() {
                "TextSource" => None,
                "PDFSource" => Some("PDF"),
                "PictureSource" => Some("picture"),
                "AudioSource" => Some("audio"),
                "VideoSource" => Some("video"),
                _ => Some("other"),
            };
            if let Some(kind) = kind {
                let name = source.attr("name").unwrap_or("(unnamed)").to_string();
                not_carried.entry(kind).or_default().push(name);
                progress(i + 1, total);
                continue;
            }
            let (doc, reading) = self.text_source(
                source,
                &users,
                &codes,
                &variables,
                &mut taken_ids,
                &mut coding_notes,
                docs.len(),
            )?;
            for note in source.children_named("NoteRef") {
                if let Some(g) = guid_of(note, "targetGUID") {
                    doc_notes.push((docs.len(), g));
                }
            }
            readings.push((doc.id.clone(), reading));
            docs.push(doc);
            progress(i + 1, total);
        }
        for (kind, names) in &not_carried {
            self.warnings.push(format!(
                "{package}: {} not carried (margin holds text only): {}",
                count(
                    names.len(),
                    &format!("{kind} source"),
                    &format!("{kind} sources")
                ),
                names.join(", ")
            ));
        }
        for (index, guid) in doc_notes {
            attach(
                MemoTarget::Document(docs[index].id.clone()),
                &guid,
                &mut used_notes,
            );
        }
        // Coding memos from notes.
        for (index, coder, at, guid) in coding_notes {
            if let Some((_, text)) = notes.get(&guid) {
                used_notes.insert(guid.clone());
                if let Some(c) = docs[index]
                    .codings
                    .get_mut(coder.as_str())
                    .and_then(|l| l.get_mut(at))
                {
                    if !c.memo.is_empty() {
                        c.memo.push_str("\n\n");
                    }
                    c.memo.push_str(text);
                }
            }
        }
        // Code and theme memos.
        for (code_guid, refs) in &codes.note_refs {
            let target = match codes.theme_of.get(code_guid) {
                Some(theme) => MemoTarget::Theme(theme.clone()),
                None => match codes.code_of.get(code_guid) {
                    Some(code) => MemoTarget::Code(code.clone()),
                    None => continue,
                },
            };
            for guid in refs {
                attach(target.clone(), guid, &mut used_notes);
            }
        }
        for note in root.children_named("NoteRef") {
            if let Some(g) = guid_of(note, "targetGUID") {
                attach(MemoTarget::Project, &g, &mut used_notes);
            }
        }
        // Notes on nothing margin knows: kept in the project memo, under their names.
        for (guid, (name, text)) in &notes {
            if !used_notes.contains(guid) {
                let heading = if name.trim().is_empty() {
                    "Note"
                } else {
                    name.trim()
                };
                memos
                    .entry(MemoTarget::Project)
                    .or_default()
                    .push(format!("## {heading}\n\n{text}"));
            }
        }

        self.cases_and_sets(root, &variables, &mut docs);
        for (what, element) in [("links", "Links"), ("graphs", "Graphs")] {
            if root
                .child(element)
                .is_some_and(|e| e.elements().next().is_some())
            {
                self.warnings.push(format!(
                    "{package}: {what} are not carried (margin has none)"
                ));
            }
        }

        let title = root
            .attr("name")
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map_or_else(
                || doc_id_from_file_name(package).to_string(),
                str::to_string,
            );
        let mut manifest = Manifest::new(title);
        manifest.description = root
            .child("Description")
            .map(|d| d.text().trim().to_string())
            .unwrap_or_default();
        let mut attribute_names: Vec<(String, AttributeKind)> = Vec::new();
        for (_, (name, kind)) in &variable_list {
            if !attribute_names.iter().any(|(n, _)| n == name) {
                attribute_names.push((name.clone(), *kind));
            }
        }
        for doc in &docs {
            for name in doc.attributes.keys() {
                if !attribute_names.iter().any(|(n, _)| n == name) {
                    attribute_names.push((name.clone(), AttributeKind::Text));
                }
            }
        }
        manifest.attributes = attribute_names
            .into_iter()
            .map(|(name, kind)| AttributeDef::new(name, kind))
            .collect();
        let mut project = Project::new(manifest);
        project.codes = codes.codes;
        project.themes = codes.themes;
        for doc in docs {
            let mut document = make_document(
                doc.id.clone(),
                doc.name,
                doc.source,
                doc.attributes,
                doc.text,
            );
            document.record.guid = doc.guid;
            let codings: BTreeMap<CoderId, Vec<Coding>> = doc
                .codings
                .into_iter()
                .filter(|(_, l)| !l.is_empty())
                .collect();
            if !codings.is_empty() {
                project.codings.insert(doc.id.clone(), codings);
            }
            project.documents.insert(doc.id, document);
        }
        for list in project.codings.values_mut().flat_map(|m| m.values_mut()) {
            list.sort();
            list.dedup_by(|b, a| {
                let same = a.start == b.start && a.end == b.end && a.code == b.code;
                if same && !b.memo.is_empty() && a.memo != b.memo {
                    if !a.memo.is_empty() {
                        a.memo.push_str("\n\n");
                    }
                    a.memo.push_str(&b.memo);
                }
                same
            });
        }
        let mut coders: Vec<CoderId> = project.coders();
        coders.dedup();
        project.manifest.coders = coders;
        project.memos = memos
            .into_iter()
            // A memo file ends with a line end, as margin writes it.
            .map(|(target, texts)| (target, format!("{}\n", texts.join("\n\n").trim_end())))
            .collect();
        Ok(ImportedProject {
            project,
            warnings: std::mem::take(&mut self.warnings),
            readings,
        })
    }

    /// Notes by GUID: (name, text).
    fn notes(
        &mut self,
        root: &Element,
    ) -> Result<BTreeMap<String, (String, String)>, InteropError> {
        let mut out = BTreeMap::new();
        for note in root
            .child("Notes")
            .into_iter()
            .flat_map(|n| n.children_named("Note"))
        {
            let Some(guid) = guid_of(note, "guid") else {
                continue;
            };
            let name = note.attr("name").unwrap_or("").to_string();
            let text = match note.child("PlainTextContent") {
                Some(content) => content.text(),
                None => match note.attr("plainTextPath") {
                    Some(path) => self.source_text(path, &name)?,
                    None => String::new(),
                },
            };
            out.insert(guid, (name, normalise_line_ends(text.trim())));
        }
        Ok(out)
    }

    /// The text a path of the package points to (`internal://NAME`).
    fn source_text(&mut self, path: &str, name: &str) -> Result<String, InteropError> {
        let Some(rel) = path.strip_prefix("internal://") else {
            return Err(self.fail(format!(
                "source '{name}' points to {path}, outside the package; margin reads only sources inside the .qdpx"
            )));
        };
        let entry = self
            .archive
            .find(&format!("sources/{rel}"))
            .or_else(|| self.archive.find(rel))
            .map(str::to_string)
            .ok_or_else(|| {
                self.fail(format!(
                    "source '{name}' points to {path}, which is not in the package (no sources/{rel})"
                ))
            })?;
        let bytes = self.archive.read(&entry)?;
        if rel.to_ascii_lowercase().ends_with(".docx") {
            return docx::text_of(&bytes, &entry);
        }
        decode_keeping_line_ends(&bytes, &entry)
            .map(|d| d.text)
            .map_err(|e| self.fail(format!("source '{name}': {e}")))
    }

    #[allow(clippy::too_many_arguments)]
    fn text_source(
        &mut self,
        source: &Element,
        users: &BTreeMap<String, String>,
        codes: &Imported,
        variables: &BTreeMap<String, (String, AttributeKind)>,
        taken_ids: &mut BTreeSet<String>,
        coding_notes: &mut Vec<(usize, String, usize, String)>,
        index: usize,
    ) -> Result<(SourceDoc, Reading), InteropError> {
        let raw_guid = source.attr("guid").unwrap_or("");
        let guid = normal_guid(raw_guid)
            .ok_or_else(|| self.fail(format!("a text source has no valid GUID ('{raw_guid}')")))?;
        let name = source
            .attr("name")
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map_or_else(|| format!("Source {}", index + 1), str::to_string);
        let raw = match source.child("PlainTextContent") {
            Some(content) => content.text(),
            None => match source.attr("plainTextPath").or(source.attr("richTextPath")) {
                Some(path) => self.source_text(path, &name)?,
                None => {
                    return Err(self.fail(format!(
                        "text source '{name}' has neither text nor a plainTextPath"
                    )));
                }
            },
        };
        let text = normalise_line_ends(&raw);
        let chars: Vec<char> = text.chars().collect();
        let id = self.doc_id(source, &name, taken_ids);

        // Selections, then the reading that puts them on the text.
        let selections: Vec<&Element> = source.children_named("PlainTextSelection").collect();
        let parsed: Vec<Selection> = selections
            .iter()
            .map(|s| Selection {
                start: s
                    .attr("startPosition")
                    .and_then(|v| v.trim().parse().ok())
                    .unwrap_or(-1),
                end: s
                    .attr("endPosition")
                    .and_then(|v| v.trim().parse().ok())
                    .unwrap_or(-1),
                name: s.attr("name").unwrap_or(""),
            })
            .collect();
        let tables = positions::tables(&raw);
        let (reading, table) = if self.by_margin {
            &tables[0]
        } else {
            positions::best(&tables, &chars, &parsed)
        };
        let mut codings: BTreeMap<CoderId, Vec<Coding>> = BTreeMap::new();
        let mut outside = 0usize;
        let mut unknown_codes = 0usize;
        for (element, sel) in selections.iter().zip(&parsed) {
            let range = match (table.map(sel.start), table.map(sel.end)) {
                (Some(a), Some(b)) if a < b && b <= chars.len() => Some((a, b)),
                _ => None,
            };
            let selection_user = guid_of(element, "creatingUser");
            let memo = element
                .child("Description")
                .map(|d| d.text().trim().to_string())
                .unwrap_or_default();
            for coding in element.children_named("Coding") {
                let Some((start, end)) = range else {
                    outside += 1;
                    continue;
                };
                let code_ref = coding
                    .child("CodeRef")
                    .and_then(|c| guid_of(c, "targetGUID"));
                let Some(code) = code_ref.and_then(|g| codes.code_of.get(&g)) else {
                    unknown_codes += 1;
                    continue;
                };
                let user = guid_of(coding, "creatingUser").or(selection_user.clone());
                let coder = user
                    .and_then(|u| users.get(&u).cloned())
                    .unwrap_or_else(|| "imported".to_string());
                let mut c = Coding::new(CodeId::clone(code), start, end);
                c.memo = memo.clone();
                let list = codings.entry(CoderId::new(coder.clone())).or_default();
                for note in coding
                    .children_named("NoteRef")
                    .chain(element.children_named("NoteRef"))
                {
                    if let Some(g) = guid_of(note, "targetGUID") {
                        coding_notes.push((index, coder.clone(), list.len(), g));
                    }
                }
                list.push(c);
            }
        }
        if outside > 0 {
            self.warnings.push(format!(
                "{name}: {} on selections outside the text (or empty) not carried",
                count(outside, "coding", "codings")
            ));
        }
        if unknown_codes > 0 {
            self.warnings.push(format!(
                "{name}: {} referring to codes that are not codable codes of the codebook not carried",
                count(unknown_codes, "coding", "codings")
            ));
        }
        let whole = source.children_named("Coding").count();
        if whole > 0 {
            self.warnings.push(format!(
                "{name}: {} of the whole source not carried (margin codes passages)",
                count(whole, "coding", "codings")
            ));
        }
        let mut attributes = BTreeMap::new();
        for value in source.children_named("VariableValue") {
            if let Some((name, v)) = variable_value(value, variables) {
                attributes.insert(name, v);
            }
        }
        let source_file = source
            .attr("plainTextPath")
            .and_then(|p| p.strip_prefix("internal://"))
            .map(|p| p.rsplit('/').next().unwrap_or(p).to_string())
            .filter(|f| normal_guid(f.rsplit_once('.').map_or(f.as_str(), |(s, _)| s)).is_none())
            .unwrap_or_else(|| name.clone());
        Ok((
            SourceDoc {
                id,
                guid,
                source: source_file,
                name,
                text,
                attributes,
                codings,
            },
            *reading,
        ))
    }

    /// A document id: the source file's name when it is not a GUID (margin
    /// writes sources/ID.txt), else the source's name; unique and file-safe.
    fn doc_id(&self, source: &Element, name: &str, taken: &mut BTreeSet<String>) -> DocId {
        let from_path = source
            .attr("plainTextPath")
            .and_then(|p| p.strip_prefix("internal://"))
            .map(doc_id_from_file_name)
            .filter(|id| normal_guid(id.as_str()).is_none());
        let base = from_path.map_or_else(
            || {
                let id: String = name
                    .chars()
                    .map(|c| {
                        if c.is_alphanumeric() || c == '-' || c == '_' {
                            c
                        } else {
                            '-'
                        }
                    })
                    .collect();
                let id = id.trim_matches('-').to_string();
                if id.is_empty() {
                    "document".to_string()
                } else {
                    id
                }
            },
            |id| id.to_string(),
        );
        let base = if is_safe_file_stem(&base) {
            base
        } else {
            "document".to_string()
        };
        let id = if taken.contains(&base) {
            (2..)
                .map(|n| format!("{base}-{n}"))
                .find(|c| !taken.contains(c))
                .unwrap_or(base)
        } else {
            base
        };
        taken.insert(id.clone());
        DocId::new(id)
    }

    /// Case variables and names, and set memberships, as document attributes.
    fn cases_and_sets(
        &mut self,
        root: &Element,
        variables: &BTreeMap<String, (String, AttributeKind)>,
        docs: &mut [SourceDoc],
    ) {
        let index: BTreeMap<String, usize> = docs
            .iter()
            .enumerate()
            .map(|(i, d)| (d.guid.clone(), i))
            .collect();
        let join = |doc: &mut SourceDoc, key: &str, value: &str| {
            let entry = doc.attributes.entry(key.to_string()).or_default();
            if entry.is_empty() {
                *entry = value.to_string();
            } else if !entry.split("; ").any(|v| v == value) {
                entry.push_str("; ");
                entry.push_str(value);
            }
        };
        for case in root
            .child("Cases")
            .into_iter()
            .flat_map(|c| c.children_named("Case"))
        {
            let values: Vec<(String, String)> = case
                .children_named("VariableValue")
                .filter_map(|v| variable_value(v, variables))
                .collect();
            let name = case.attr("name").unwrap_or("").trim();
            for r in case.children_named("SourceRef") {
                let Some(&i) = guid_of(r, "targetGUID").and_then(|g| index.get(&g)) else {
                    continue;
                };
                if !name.is_empty() {
                    join(&mut docs[i], "case", name);
                }
                for (k, v) in &values {
                    docs[i]
                        .attributes
                        .entry(k.clone())
                        .or_insert_with(|| v.clone());
                }
            }
        }
        let mut other_sets = Vec::new();
        for set in root
            .child("Sets")
            .into_iter()
            .flat_map(|s| s.children_named("Set"))
        {
            let name = set.attr("name").unwrap_or("").trim();
            let mut members = 0;
            for r in set.children_named("MemberSource") {
                if let Some(&i) = guid_of(r, "targetGUID").and_then(|g| index.get(&g)) {
                    join(&mut docs[i], "sets", name);
                    members += 1;
                }
            }
            if members == 0 && set.elements().any(|e| e.name.starts_with("Member")) {
                other_sets.push(name.to_string());
            }
        }
        if !other_sets.is_empty() {
            self.warnings.push(format!(
                "sets of codes or notes are not carried: {}",
                other_sets.join(", ")
            ));
        }
    }
}

/// A variable value as (attribute name, text).
fn variable_value(
    e: &Element,
    variables: &BTreeMap<String, (String, AttributeKind)>,
) -> Option<(String, String)> {
    let guid = e
        .child("VariableRef")
        .and_then(|r| guid_of(r, "targetGUID"))?;
    let (name, _) = variables.get(&guid)?;
    let value = e.elements().find(|c| c.name != "VariableRef")?.text();
    Some((name.clone(), value.trim().to_string()))
}
