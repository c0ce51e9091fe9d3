//! Reading a project folder. Parse errors of every file are gathered, so one
//! run names them all; nothing on disk is changed by loading.

use super::coding_lines::{self, CodeIds};
use super::error::{Problem, StoreError, ron_problem};
use super::files::{self, CodingLine, FileKey};
use super::fingerprint;
use super::parallel;
use super::paths::{self, CheckedFolders, Refusal};
use crate::model::{
    Code, DocId, Document, DocumentRecord, FORMAT_VERSION, Manifest, MemoTarget, Project, Theme,
};
use crate::model::{file_name_problem, is_safe_file_stem};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs;
use std::path::Path;

pub struct Loaded {
    pub project: Project,
    pub fingerprints: HashMap<FileKey, u64>,
    /// Stored excerpts the text no longer gives (see `files::Evidence`).
    pub evidence: files::Evidence,
}

struct Reader<'a> {
    root: &'a Path,
    /// Shared by the readers of one load, on every thread.
    folders: &'a CheckedFolders,
    problems: Vec<Problem>,
    fingerprints: HashMap<FileKey, u64>,
}

impl<'a> Reader<'a> {
    fn new(root: &'a Path, folders: &'a CheckedFolders) -> Self {
        Reader {
            root,
            folders,
            problems: Vec::new(),
            fingerprints: HashMap::new(),
        }
    }

    /// A reader of the same load, for another thread.
    fn fork(&self) -> Self {
        Reader::new(self.root, self.folders)
    }

    /// Takes over what another reader (of one file, on another thread) found.
    fn absorb(&mut self, other: Reader<'_>) {
        self.problems.extend(other.problems);
        self.fingerprints.extend(other.fingerprints);
    }

    /// Reads a file as UTF-8 text, or records why it cannot be.
    fn read(&mut self, key: &FileKey) -> Option<String> {
        let rel = key.rel_path();
        match read_text(self.folders.read(self.root, &rel), &rel) {
            Ok(text) => {
                self.fingerprints
                    .insert(key.clone(), fingerprint(text.as_bytes()));
                Some(text)
            }
            Err(problem) => {
                self.problems.push(problem);
                None
            }
        }
    }

    /// Is there something (a file, a link, a FIFO...) at `rel`? Links are
    /// not followed: a dangling link is something, and `read` refuses it.
    fn present(&self, rel: &str) -> bool {
        fs::symlink_metadata(self.root.join(rel)).is_ok()
    }

    /// Lists the names of a project folder's entries (files or folders)
    /// ending in `ext`, sorted; a missing folder has none. Hidden names are
    /// left out (margin's own temporary files start with a dot); a link or
    /// a special file among them is a problem, never skipped in silence.
    fn entries(&mut self, rel_dir: &str, ext: Option<&str>, want_dirs: bool) -> Vec<String> {
        if let Err(why) = paths::check_folder(self.root, rel_dir) {
            self.problems
                .push(Problem::whole_file(rel_dir, why.to_string()));
            return Vec::new();
        }
        let Ok(read) = fs::read_dir(self.root.join(rel_dir)) else {
            return Vec::new();
        };
        let mut names = Vec::new();
        for entry in read.filter_map(Result::ok) {
            let Ok(name) = entry.file_name().into_string() else {
                continue;
            };
            if name.starts_with('.') {
                continue;
            }
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            let wanted_name = match ext {
                Some(ext) => name.strip_suffix(ext).map(str::to_string),
                None => Some(name.clone()),
            };
            let Some(stem) = wanted_name else {
                continue;
            };
            if kind.is_symlink() || !(kind.is_dir() || kind.is_file()) {
                // Read refuses it with the reason; say it here for folders.
                if want_dirs || kind.is_symlink() {
                    let why = if kind.is_symlink() {
                        Refusal::Symlink
                    } else {
                        Refusal::NotAFile("a special file")
                    };
                    self.problems.push(Problem::whole_file(
                        format!("{rel_dir}/{name}"),
                        why.to_string(),
                    ));
                    continue;
                }
                if !want_dirs {
                    names.push(stem);
                }
                continue;
            }
            if kind.is_dir() == want_dirs {
                names.push(stem);
            }
        }
        names.sort();
        names
    }

    /// Records a problem when `id`, read from `rel`, cannot be a file name.
    fn check_id(&mut self, rel: &str, what: &str, id: &str, needle: Option<String>) -> bool {
        let Some(why) = file_name_problem(id) else {
            return true;
        };
        let (line, col) = needle.map_or((1, 1), |n| locate(self.root, rel, &n, 1));
        self.problems.push(Problem::new(
            rel,
            line,
            col,
            format!("{what} {id:?} cannot be used: {why}"),
        ));
        false
    }

    /// Reads and parses a RON file, or records the parse error with its place.
    fn parse<T: for<'de> Deserialize<'de>>(&mut self, key: &FileKey) -> Option<T> {
        self.parse_with(key, files::parse::<T>)
    }

    fn parse_with<T>(
        &mut self,
        key: &FileKey,
        parse: impl Fn(&str) -> Result<T, ron::error::SpannedError>,
    ) -> Option<T> {
        let text = self.read_unconflicted(key)?;
        self.parsed(key, parse(&text))
    }

    /// Reads a file that is to be parsed: one that a merge left with
    /// conflict blocks is a problem naming the first block, not the parse
    /// error it would cause.
    fn read_unconflicted(&mut self, key: &FileKey) -> Option<String> {
        let text = self.read(key)?;
        if let Some(line) = crate::text::markers::first_marker(&text) {
            self.problems.push(Problem::conflict(key.rel_path(), line));
            return None;
        }
        Some(text)
    }

    /// The value parsed, or the parse error recorded with its place.
    fn parsed<T>(
        &mut self,
        key: &FileKey,
        parsed: Result<T, ron::error::SpannedError>,
    ) -> Option<T> {
        match parsed {
            Ok(value) => Some(value),
            Err(err) => {
                self.problems.push(ron_problem(key.rel_path(), &err));
                None
            }
        }
    }
}

/// A project file read (`paths::read`: never through a link, bounded in
/// size) as UTF-8 text; a refusal or a byte that is not UTF-8 is a problem
/// placed in the file at `rel`.
fn read_text(read: Result<Vec<u8>, Refusal>, rel: &str) -> Result<String, Problem> {
    match read {
        // Checked with SIMD, then copied: for text that is not all ASCII
        // (names, quotation marks), std's check was a tenth of opening a
        // large study, and a copy costs far less.
        Ok(bytes) => match simdutf8::basic::from_utf8(&bytes) {
            Ok(text) => Ok(text.to_owned()),
            Err(_) => {
                // std's check says where the first bad byte is.
                let at = std::str::from_utf8(&bytes)
                    .err()
                    .map_or(0, |e| e.valid_up_to());
                let (line, col) = line_col_of_byte(&bytes, at);
                Err(Problem::new(rel, line, col, "not valid UTF-8"))
            }
        },
        Err(Refusal::Io(e)) => Err(Problem::whole_file(rel, format!("cannot read: {e}"))),
        Err(refusal) => Err(Problem::whole_file(rel, refusal.to_string())),
    }
}

fn line_col_of_byte(bytes: &[u8], at: usize) -> (usize, usize) {
    let before = &bytes[..at.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let col = before.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
    (line, col)
}

/// The ids of a project's documents (one per record, documents/ID.ron),
/// sorted, without parsing anything: for commands that need only the
/// transcripts, such as `margin search`. Links, special files and ids that
/// cannot be file names are refused as the loader refuses them.
pub fn document_ids(root: &Path) -> Result<Vec<DocId>, StoreError> {
    let folders = CheckedFolders::default();
    let mut reader = Reader::new(root, &folders);
    let mut ids = Vec::new();
    for stem in reader.entries(files::DOCUMENTS_DIR, Some(".ron"), false) {
        let rel = FileKey::DocumentRecord(DocId::new(stem.clone())).rel_path();
        if reader.check_id(&rel, "document id", &stem, None) {
            ids.push(DocId::new(stem));
        }
    }
    match reader.problems.is_empty() {
        true => Ok(ids),
        false => Err(StoreError::Invalid(reader.problems)),
    }
}

/// One transcript's text, read as the loader reads it (never through a
/// link, bounded in size, UTF-8).
pub fn read_document_text(root: &Path, id: &DocId) -> Result<String, StoreError> {
    let rel = FileKey::DocumentText(id.clone()).rel_path();
    read_text(paths::read(root, &rel), &rel).map_err(|problem| StoreError::Invalid(vec![problem]))
}

pub fn load_project(root: &Path) -> Result<Loaded, StoreError> {
    load_parts(root, None, Indexing::Now)
}

/// How much of each transcript a load prepares beyond reading it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Indexing {
    /// Every document's index and speaker turns are built as it is read
    /// (on every core), and every coding's stored excerpt is checked
    /// against its text: what the workbench, searches and analyses use.
    Now,
    /// Built on first use, and stored excerpts kept unchecked (see
    /// `files::Evidence`): for a refactor, which re-points thousands of
    /// codings without reading their words. The files written are the same.
    OnUse,
}

/// Loads the manifest, codebook, themes and journal, and of the documents
/// only `docs` (None: every one) with their codings; memos only with every
/// document. The files read are checked exactly as a whole load checks them.
pub fn load_parts(
    root: &Path,
    docs: Option<&BTreeSet<DocId>>,
    indexing: Indexing,
) -> Result<Loaded, StoreError> {
    if fs::symlink_metadata(root.join(files::MANIFEST)).is_err() {
        return Err(StoreError::NotAProject(root.to_path_buf()));
    }
    let folders = CheckedFolders::default();
    let mut reader = Reader::new(root, &folders);

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
    if reader.present(files::CODEBOOK)
        && let Some(list) = reader.parse::<Vec<Code>>(&FileKey::Codebook)
    {
        for code in list {
            reader.check_id(
                files::CODEBOOK,
                "code id",
                code.id.as_str(),
                Some(format!("id: \"{}\"", code.id)),
            );
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

    let themes: Vec<Theme> = if reader.present(files::THEMES) {
        reader
            .parse_with(&FileKey::Themes, super::themes_file::parse)
            .unwrap_or_default()
    } else {
        Vec::new()
    };
    for (_, theme) in crate::model::theme::walk(&themes) {
        reader.check_id(
            files::THEMES,
            "theme id",
            theme.id.as_str(),
            Some(format!("id: \"{}\"", theme.id)),
        );
    }

    let journal = if reader.present(files::JOURNAL) {
        reader.parse(&FileKey::Journal).unwrap_or_default()
    } else {
        Vec::new()
    };

    // Transcripts and codings are most of a project: each file is read,
    // parsed and indexed on its own, spread over the cores; problems and
    // fingerprints are gathered in file order, as one thread would.
    let wanted = |stem: &String| docs.is_none_or(|docs| docs.contains(&DocId::new(stem.as_str())));
    let stems: Vec<String> = match docs {
        None => reader.entries(files::DOCUMENTS_DIR, Some(".ron"), false),
        // Named ones only, without listing a folder of thousands; one that
        // has no record is simply not there (the caller says so).
        Some(docs) => docs
            .iter()
            .map(|d| d.as_str().to_string())
            .filter(|stem| {
                paths::check_folder(root, files::DOCUMENTS_DIR).is_ok()
                    && reader
                        .present(&FileKey::DocumentRecord(DocId::new(stem.as_str())).rel_path())
            })
            .collect(),
    };
    let read_docs = parallel::map(&stems, |stem| {
        let mut own = reader.fork();
        let document = read_document(&mut own, manifest.as_ref(), stem, indexing);
        (document, own)
    });
    let mut documents = BTreeMap::new();
    for (document, own) in read_docs {
        reader.absorb(own);
        if let Some(document) = document {
            documents.insert(document.id.clone(), document);
        }
    }

    let mut codings: BTreeMap<DocId, BTreeMap<crate::model::CoderId, Vec<crate::model::Coding>>> =
        BTreeMap::new();
    let mut evidence = files::Evidence::default();
    let folders: Vec<String> = reader
        .entries(files::CODINGS_DIR, None, true)
        .into_iter()
        .filter(wanted)
        .collect();
    let ids = CodeIds::of(&codes);
    let read_codings = parallel::map(&folders, |doc| {
        let mut own = reader.fork();
        let doc_id = DocId::new(doc);
        let lists = read_codings_of(&mut own, documents.get(&doc_id), &doc_id, &ids, indexing);
        (doc_id, lists, own)
    });
    for (doc_id, lists, own) in read_codings {
        reader.absorb(own);
        for read in lists {
            for line in &read.stale {
                evidence.keep(&doc_id, &read.coder, line);
            }
            if let Some((text, claims)) = read.unchecked {
                evidence.keep_unchecked(&doc_id, &read.coder, text, claims);
            }
            if !read.list.is_empty() {
                codings
                    .entry(doc_id.clone())
                    .or_default()
                    .insert(read.coder, read.list);
            }
        }
    }

    let mut memos = BTreeMap::new();
    if docs.is_none() {
        read_memos(&mut reader, &mut memos);
    }

    if !reader.problems.is_empty() {
        return Err(StoreError::Invalid(reader.problems));
    }
    let Some(mut manifest) = manifest else {
        return Err(StoreError::Invalid(vec![Problem::whole_file(
            files::MANIFEST,
            "cannot read the manifest",
        )]));
    };
    // Older layouts are read above; in memory the project is at this
    // version, so the next margin.ron written says so.
    manifest.format = FORMAT_VERSION;
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
        evidence,
    })
}

/// The memos: the project's, and those of documents, codes and themes.
fn read_memos(reader: &mut Reader<'_>, memos: &mut BTreeMap<MemoTarget, String>) {
    let root = reader.root;
    if reader.present(&MemoTarget::Project.rel_path())
        && paths::check_folder(root, files::MEMOS_DIR).is_ok()
    {
        read_memo(reader, memos, MemoTarget::Project);
    }
    // The folder names and their targets are MemoTarget's, so loading and
    // saving cannot disagree about where a memo lives.
    let memos_folder_ok = match paths::check_folder(root, files::MEMOS_DIR) {
        Ok(()) => true,
        Err(why) => {
            reader
                .problems
                .push(Problem::whole_file(files::MEMOS_DIR, why.to_string()));
            false
        }
    };
    for folder in ["documents", "codes", "themes"]
        .into_iter()
        .filter(|_| memos_folder_ok)
    {
        let dir = format!("{}/{folder}", files::MEMOS_DIR);
        for stem in reader.entries(&dir, Some(".md"), false) {
            let rel = format!("{}/{folder}/{stem}.md", files::MEMOS_DIR);
            if !reader.check_id(&rel, "memo name", &stem, None) {
                continue;
            }
            if let Some(target) = MemoTarget::from_rel_path(&rel) {
                read_memo(reader, memos, target);
            }
        }
    }
}

/// One document: its record and its text, indexed; None when either cannot
/// be read (the problem is recorded).
fn read_document(
    reader: &mut Reader<'_>,
    manifest: Option<&Manifest>,
    stem: &str,
    indexing: Indexing,
) -> Option<Document> {
    let id = DocId::new(stem);
    let record_rel = FileKey::DocumentRecord(id.clone()).rel_path();
    if !reader.check_id(&record_rel, "document id", id.as_str(), None) {
        return None;
    }
    let record: Option<DocumentRecord> = reader.parse(&FileKey::DocumentRecord(id.clone()));
    let text_key = FileKey::DocumentText(id.clone());
    if !reader.present(&text_key.rel_path()) {
        reader.problems.push(Problem::whole_file(
            record_rel,
            format!("the transcript {} is missing", text_key.rel_path()),
        ));
        return None;
    }
    let text = reader.read(&text_key);
    let (record, text) = (record?, text?);
    if let Some(manifest) = manifest {
        check_attribute_values(reader.root, manifest, &id, &record, &mut reader.problems);
    }
    Some(match indexing {
        Indexing::Now => Document::new(id, record, text),
        Indexing::OnUse => Document::unindexed(id, record, text),
    })
}

/// One coder's codings of a document, sorted, with the stored lines whose
/// excerpt the text no longer gives, or the file as read when its excerpts
/// were not checked.
struct CoderCodings {
    coder: crate::model::CoderId,
    list: Vec<crate::model::Coding>,
    stale: Vec<CodingLine>,
    /// The file as read, and what its lines claim, when its excerpts were
    /// not checked (`files::Evidence::keep_unchecked`).
    unchecked: Option<(String, Option<Vec<files::Claim>>)>,
}

/// Every coder's codings of one document (the folder codings/DOC/); a
/// folder whose document could not be read gives a problem per file.
fn read_codings_of(
    reader: &mut Reader<'_>,
    document: Option<&Document>,
    doc_id: &DocId,
    ids: &CodeIds<'_>,
    indexing: Indexing,
) -> Vec<CoderCodings> {
    let doc = doc_id.as_str();
    let dir_rel = format!("{}/{doc}", files::CODINGS_DIR);
    let mut out = Vec::new();
    for coder in reader.entries(&dir_rel, Some(".ron"), false) {
        let coder = crate::model::CoderId::new(coder);
        let key = FileKey::Codings(doc_id.clone(), coder.clone());
        let Some(document) = document else {
            // Without its text, a coding's stored excerpt is the only
            // evidence of what was coded: never a reason to blank it.
            let record = FileKey::DocumentRecord(doc_id.clone()).rel_path();
            let problem = if reader.present(&record) {
                format!("codings of document '{doc}', which could not be read (see {record})")
            } else {
                format!(
                    "codings of document '{doc}', but its record {record} is missing; restore it (git checkout) or remove these codings"
                )
            };
            reader
                .problems
                .push(Problem::whole_file(key.rel_path(), problem));
            continue;
        };
        if !is_safe_file_stem(&coder) {
            reader.problems.push(Problem::whole_file(
                key.rel_path(),
                format!("coder name {coder:?} cannot be used: use letters, digits, '-', '_' or '.', not starting with a dot"),
            ));
            continue;
        }
        let Some(text) = reader.read_unconflicted(&key) else {
            continue;
        };
        // margin's own layout is read borrowing the file's strings: only the
        // few stored excerpts the text no longer gives are kept as copies.
        let check = indexing == Indexing::Now;
        // Unchecked, what each line claims is kept with the file, so that
        // writing it again need not parse it again.
        let (mut list, stale, claims) = match coding_lines::read_own_layout(&text) {
            Some(lines) => (
                lines.iter().map(|line| line.coding_in(ids)).collect(),
                lines
                    .iter()
                    .filter(|l| check && !anchors(document, l.start, l.end, l.text))
                    .map(|l| l.to_line())
                    .collect(),
                (!check)
                    .then(|| files::Claim::all_in(&lines, &text))
                    .flatten(),
            ),
            None => {
                let Some(lines) = reader.parsed(&key, files::parse::<Vec<CodingLine>>(&text))
                else {
                    continue;
                };
                let kept = lines
                    .iter()
                    .filter(|l| check && !anchors(document, l.start, l.end, &l.text))
                    .cloned()
                    .collect();
                let list: Vec<_> = lines
                    .into_iter()
                    .map(|line| {
                        let mut coding = line.into_coding();
                        if let Some(id) = ids.get(coding.code.as_str()) {
                            coding.code = id.clone();
                        }
                        coding
                    })
                    .collect();
                (list, kept, None)
            }
        };
        list.sort();
        out.push(CoderCodings {
            coder,
            list,
            stale,
            unchecked: (!check).then_some((text, claims)),
        });
    }
    out
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

/// Does a coding's stored excerpt `text` still match the words at
/// `start..end`? An empty excerpt (hand-written, or from an old margin)
/// claims nothing.
fn anchors(document: &Document, start: usize, end: usize, text: &str) -> bool {
    if text.is_empty() {
        return true;
    }
    if start >= end || end > document.char_len() {
        return false;
    }
    document.excerpt(start, end, files::EXCERPT_CHARS) == text
}

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
        if let Some(block) = crate::text::markers::conflicts_in(&text).first() {
            reader
                .problems
                .push(Problem::conflict(key.rel_path(), block.line));
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
