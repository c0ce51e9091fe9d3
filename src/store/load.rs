//! Reading a project folder. Parse errors of every file are gathered, so one
//! run names them all; nothing on disk is changed by loading.

use super::error::{Problem, StoreError, ron_problem};
use super::files::{self, CodingLine, FileKey};
use super::fingerprint;
use crate::model::{
    Code, DocId, Document, DocumentRecord, FORMAT_VERSION, Manifest, MemoTarget, Project, Theme,
};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::Path;

pub struct Loaded {
    pub project: Project,
    pub fingerprints: HashMap<FileKey, u64>,
}

struct Reader<'a> {
    root: &'a Path,
    problems: Vec<Problem>,
    fingerprints: HashMap<FileKey, u64>,
}

impl Reader<'_> {
    /// Reads a file as UTF-8 text, or records why it cannot be.
    fn read(&mut self, key: &FileKey) -> Option<String> {
        let rel = key.rel_path();
        let path = self.root.join(&rel);
        match fs::read(&path) {
            Ok(bytes) => {
                self.fingerprints.insert(key.clone(), fingerprint(&bytes));
                match String::from_utf8(bytes) {
                    Ok(text) => Some(text),
                    Err(e) => {
                        let (line, col) =
                            line_col_of_byte(e.as_bytes(), e.utf8_error().valid_up_to());
                        self.problems
                            .push(Problem::new(rel, line, col, "not valid UTF-8"));
                        None
                    }
                }
            }
            Err(e) => {
                self.problems
                    .push(Problem::whole_file(rel, format!("cannot read: {e}")));
                None
            }
        }
    }

    /// Reads and parses a RON file, or records the parse error with its place.
    fn parse<T: for<'de> Deserialize<'de>>(&mut self, key: &FileKey) -> Option<T> {
        let text = self.read(key)?;
        // A merge that left conflict blocks: name the first one, not the
        // parse error it would cause.
        if let Some(line) = crate::merge::markers::first_marker(&text) {
            self.problems
                .push(Problem::new(key.rel_path(), line, 1, UNRESOLVED_CONFLICT));
            return None;
        }
        match files::parse::<T>(&text) {
            Ok(value) => Some(value),
            Err(err) => {
                self.problems.push(ron_problem(key.rel_path(), &err));
                None
            }
        }
    }
}

fn line_col_of_byte(bytes: &[u8], at: usize) -> (usize, usize) {
    let before = &bytes[..at.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let col = before.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
    (line, col)
}

/// Lists the names of a folder's entries (files or folders) ending in `ext`,
/// sorted; a missing folder has none.
fn entries(dir: &Path, ext: Option<&str>, want_dirs: bool) -> Vec<String> {
    let Ok(read) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut names: Vec<String> = read
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir() == want_dirs))
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|name| !name.starts_with('.'))
        .filter_map(|name| match ext {
            Some(ext) => name.strip_suffix(ext).map(str::to_string),
            None => Some(name),
        })
        .collect();
    names.sort();
    names
}

/// The ids of a project's documents (one per record, documents/ID.ron),
/// sorted, without reading them: for commands that need only the
/// transcripts, such as `margin search`.
pub fn document_ids(root: &Path) -> Vec<DocId> {
    entries(&root.join(files::DOCUMENTS_DIR), Some(".ron"), false)
        .into_iter()
        .map(DocId::new)
        .collect()
}

pub fn load_project(root: &Path) -> Result<Loaded, StoreError> {
    if !root.join(files::MANIFEST).is_file() {
        return Err(StoreError::NotAProject(root.to_path_buf()));
    }
    let mut reader = Reader {
        root,
        problems: Vec::new(),
        fingerprints: HashMap::new(),
    };

    let manifest: Option<Manifest> = reader.parse(&FileKey::Manifest);
    if let Some(m) = &manifest
        && m.format > FORMAT_VERSION
    {
        reader.problems.push(Problem::whole_file(
            files::MANIFEST,
            format!(
                "format version {} is newer than this margin understands ({FORMAT_VERSION}); update margin",
                m.format
            ),
        ));
    }

    let mut codes = BTreeMap::new();
    if root.join(files::CODEBOOK).exists()
        && let Some(list) = reader.parse::<Vec<Code>>(&FileKey::Codebook)
    {
        for code in list {
            if codes.contains_key(&code.id) {
                let (line, col) = locate(root, files::CODEBOOK, &format!("id: \"{}\"", code.id), 1);
                reader.problems.push(Problem::new(
                    files::CODEBOOK,
                    line,
                    col,
                    format!("code id '{}' appears twice", code.id),
                ));
            }
            codes.insert(code.id.clone(), code);
        }
    }

    let themes: Vec<Theme> = if root.join(files::THEMES).exists() {
        reader.parse(&FileKey::Themes).unwrap_or_default()
    } else {
        Vec::new()
    };

    let journal = if root.join(files::JOURNAL).exists() {
        reader.parse(&FileKey::Journal).unwrap_or_default()
    } else {
        Vec::new()
    };

    let mut documents = BTreeMap::new();
    let docs_dir = root.join(files::DOCUMENTS_DIR);
    for stem in entries(&docs_dir, Some(".ron"), false) {
        let id = DocId::new(stem);
        let record: Option<DocumentRecord> = reader.parse(&FileKey::DocumentRecord(id.clone()));
        let text_key = FileKey::DocumentText(id.clone());
        if !root.join(text_key.rel_path()).is_file() {
            reader.problems.push(Problem::whole_file(
                FileKey::DocumentRecord(id.clone()).rel_path(),
                format!("the transcript {} is missing", text_key.rel_path()),
            ));
            continue;
        }
        let text = reader.read(&text_key);
        if let (Some(record), Some(text)) = (record, text) {
            if let Some(manifest) = &manifest {
                check_attribute_values(root, manifest, &id, &record, &mut reader.problems);
            }
            documents.insert(id.clone(), Document::new(id, record, text));
        }
    }

    let mut codings: BTreeMap<DocId, BTreeMap<String, Vec<crate::model::Coding>>> = BTreeMap::new();
    let codings_dir = root.join(files::CODINGS_DIR);
    for doc in entries(&codings_dir, None, true) {
        for coder in entries(&codings_dir.join(&doc), Some(".ron"), false) {
            let key = FileKey::Codings(DocId::new(&doc), coder.clone());
            if let Some(lines) = reader.parse::<Vec<CodingLine>>(&key) {
                let mut list: Vec<_> = lines.into_iter().map(CodingLine::into_coding).collect();
                list.sort();
                if !list.is_empty() {
                    codings
                        .entry(DocId::new(&doc))
                        .or_default()
                        .insert(coder, list);
                }
            }
        }
    }

    let mut memos = BTreeMap::new();
    if root.join(MemoTarget::Project.rel_path()).is_file() {
        read_memo(&mut reader, &mut memos, MemoTarget::Project);
    }
    // The folder names and their targets are MemoTarget's, so loading and
    // saving cannot disagree about where a memo lives.
    for folder in ["documents", "codes", "themes"] {
        let dir = root.join(files::MEMOS_DIR).join(folder);
        for stem in entries(&dir, Some(".md"), false) {
            let rel = format!("{}/{folder}/{stem}.md", files::MEMOS_DIR);
            if let Some(target) = MemoTarget::from_rel_path(&rel) {
                read_memo(&mut reader, &mut memos, target);
            }
        }
    }

    if !reader.problems.is_empty() {
        return Err(StoreError::Invalid(reader.problems));
    }
    let Some(manifest) = manifest else {
        return Err(StoreError::Invalid(vec![Problem::whole_file(
            files::MANIFEST,
            "cannot read the manifest",
        )]));
    };
    Ok(Loaded {
        project: Project {
            manifest,
            codes,
            themes,
            documents,
            codings,
            memos,
            journal,
        },
        fingerprints: reader.fingerprints,
    })
}

/// A value that does not fit its attribute's type (a number, a date, one of a
/// choice's values) stops the load, pointed at its line: every face can then
/// trust the values it counts and groups by.
fn check_attribute_values(
    root: &Path,
    manifest: &Manifest,
    id: &DocId,
    record: &DocumentRecord,
    problems: &mut Vec<Problem>,
) {
    for def in &manifest.attributes {
        let Some(value) = record.attributes.get(&def.name) else {
            continue;
        };
        if let Err(message) = def.check(value) {
            let rel = FileKey::DocumentRecord(id.clone()).rel_path();
            let (line, col) = locate(root, &rel, &format!("\"{}\"", def.name), 1);
            problems.push(Problem::new(&rel, line, col, message));
        }
    }
}

/// The problem a conflict block left by a merge is reported as.
const UNRESOLVED_CONFLICT: &str = "unresolved merge conflict: keep the lines of one side between <<<<<<< and >>>>>>>, delete the markers";

fn read_memo(
    reader: &mut Reader<'_>,
    memos: &mut BTreeMap<MemoTarget, String>,
    target: MemoTarget,
) {
    let key = FileKey::Memo(target.clone());
    if let Some(text) = reader.read(&key) {
        // Conflict blocks in a memo are a problem too: they loaded as memo
        // text, `margin check` passed and the workbench opened without its
        // resolver, while `margin resolve` listed them. Whole blocks only,
        // so Markdown quotes and rules are not taken for markers.
        if let Some(block) = crate::merge::conflicts::conflicts_in(&text).first() {
            reader.problems.push(Problem::new(
                key.rel_path(),
                block.line,
                1,
                UNRESOLVED_CONFLICT,
            ));
            return;
        }
        memos.insert(target, text);
    }
}

/// The 1-based (line, column) of the `nth` (1-based) occurrence of `needle` in
/// a project file, or (1, 1) when it is not found. Used to point semantic
/// problems at the line that causes them.
pub fn locate(root: &Path, rel: &str, needle: &str, nth: usize) -> (usize, usize) {
    let Ok(text) = fs::read_to_string(root.join(rel)) else {
        return (1, 1);
    };
    locate_in(&text, needle, nth)
}

pub fn locate_in(text: &str, needle: &str, nth: usize) -> (usize, usize) {
    let Some((byte, _)) = text.match_indices(needle).nth(nth.saturating_sub(1)) else {
        return (1, 1);
    };
    line_col_of_byte(text.as_bytes(), byte)
}
