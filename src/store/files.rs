//! The files of a project folder, and how each is rendered from the model.
//! Rendering is deterministic: the same project always gives the same bytes.

use super::coding_lines::LineRef;
use crate::edit::Edit;
use crate::model::{Code, CodeId, CoderId, Coding, DocId, MemoTarget, Project};
use ron::ser::PrettyConfig;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};

pub const MANIFEST: &str = "margin.ron";
pub const CODEBOOK: &str = "codebook.ron";
pub const THEMES: &str = "themes.ron";
pub const JOURNAL: &str = "journal.ron";
pub const DOCUMENTS_DIR: &str = "documents";
pub const CODINGS_DIR: &str = "codings";
pub const MEMOS_DIR: &str = "memos";

pub use crate::text::EXCERPT_CHARS;

/// One file of the project, named by what it holds.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FileKey {
    Manifest,
    Codebook,
    Themes,
    Journal,
    DocumentText(DocId),
    DocumentRecord(DocId),
    Codings(DocId, CoderId),
    Memo(MemoTarget),
}

impl FileKey {
    /// Path relative to the project root, with '/' separators.
    pub fn rel_path(&self) -> String {
        match self {
            FileKey::Manifest => MANIFEST.to_string(),
            FileKey::Codebook => CODEBOOK.to_string(),
            FileKey::Themes => THEMES.to_string(),
            FileKey::Journal => JOURNAL.to_string(),
            FileKey::DocumentText(id) => format!("{DOCUMENTS_DIR}/{id}.txt"),
            FileKey::DocumentRecord(id) => format!("{DOCUMENTS_DIR}/{id}.ron"),
            FileKey::Codings(doc, coder) => format!("{CODINGS_DIR}/{doc}/{coder}.ron"),
            FileKey::Memo(target) => target.rel_path(),
        }
    }
}

/// Every file the project consists of now.
pub fn all_keys(project: &Project) -> BTreeSet<FileKey> {
    let mut keys: BTreeSet<FileKey> = [
        FileKey::Manifest,
        FileKey::Codebook,
        FileKey::Themes,
        FileKey::Journal,
    ]
    .into_iter()
    .collect();
    for id in project.documents.keys() {
        keys.insert(FileKey::DocumentText(id.clone()));
        keys.insert(FileKey::DocumentRecord(id.clone()));
    }
    for (doc, by_coder) in &project.codings {
        for coder in by_coder.keys() {
            keys.insert(FileKey::Codings(doc.clone(), coder.clone()));
        }
    }
    for target in project.memos.keys() {
        keys.insert(FileKey::Memo(target.clone()));
    }
    keys
}

/// The files an edit may change (created, rewritten or removed).
pub fn touched_by(edit: &Edit) -> BTreeSet<FileKey> {
    let mut keys = BTreeSet::new();
    collect_touched(edit, &mut keys);
    keys
}

fn collect_touched(edit: &Edit, keys: &mut BTreeSet<FileKey>) {
    match edit {
        Edit::AddCoding { doc, coder, .. }
        | Edit::RemoveCoding { doc, coder, .. }
        | Edit::ChangeCoding { doc, coder, .. }
        | Edit::AddCodings { doc, coder, .. }
        | Edit::RemoveCodings { doc, coder, .. } => {
            keys.insert(FileKey::Codings(doc.clone(), coder.clone()));
        }
        Edit::AddCode { .. } | Edit::RemoveCode { .. } | Edit::ChangeCode { .. } => {
            keys.insert(FileKey::Codebook);
        }
        Edit::AddTheme { .. }
        | Edit::RemoveTheme { .. }
        | Edit::ChangeTheme { .. }
        | Edit::PlaceCode { .. }
        | Edit::MoveTheme { .. } => {
            keys.insert(FileKey::Themes);
            // themes.ron is written in this version's layout: margin.ron
            // says so (written only if it still names an older one).
            keys.insert(FileKey::Manifest);
        }
        Edit::AddDocument { doc } | Edit::RemoveDocument { doc } => {
            keys.insert(FileKey::DocumentText(doc.id.clone()));
            keys.insert(FileKey::DocumentRecord(doc.id.clone()));
        }
        Edit::ChangeDocumentRecord { id, .. } => {
            keys.insert(FileKey::DocumentRecord(id.clone()));
        }
        Edit::SetMemo { target, .. } => {
            keys.insert(FileKey::Memo(target.clone()));
        }
        Edit::AppendJournal { .. } | Edit::RemoveJournal { .. } => {
            keys.insert(FileKey::Journal);
        }
        Edit::SetManifest { .. } => {
            keys.insert(FileKey::Manifest);
        }
        Edit::Batch { edits, .. } => {
            for e in edits {
                collect_touched(e, keys);
            }
        }
    }
}

/// A coding as one line of codings/DOC/CODER.ron: the offsets that count, and
/// for the human reader of a diff, the line span and an excerpt of the text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodingLine {
    pub code: CodeId,
    pub start: usize,
    pub end: usize,
    #[serde(default)]
    pub lines: String,
    #[serde(default)]
    pub text: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub memo: String,
    /// An illustrative extract for the quote bank; written only when true.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub star: bool,
    /// Re-anchoring lost the words: `text` is what the coding was made on.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unplaced: bool,
}

impl CodingLine {
    pub fn into_coding(self) -> Coding {
        Coding {
            start: self.start,
            end: self.end,
            code: self.code,
            memo: self.memo,
            star: self.star,
            unplaced: self.unplaced.then_some(self.text),
        }
    }
}

/// Stored excerpts (line span and text) that the project's text no longer
/// gives, by codings file and coding: the evidence of what was coded, kept
/// as it was read. Filled by the loader, consulted by `render_keeping`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Evidence {
    /// Excerpts checked against the text that no longer match it.
    stale: HashMap<(DocId, String), HashMap<CodingSpot, StoredExcerpt>>,
    /// Codings files as read by a load that did not check their excerpts
    /// (`load::Indexing::OnUse`): every stored excerpt stands for its span,
    /// as it would once checked (one that matches is written back the same,
    /// one that does not is kept).
    unchecked: HashMap<(DocId, String), UncheckedFile>,
}

/// A codings file read without checking its excerpts: its text, and where
/// each stored excerpt lies in it when the loader read it in margin's own
/// layout (otherwise the file is parsed again for them when it is written).
#[derive(Clone, Debug, PartialEq, Eq)]
struct UncheckedFile {
    text: String,
    claims: Option<Vec<Claim>>,
}

/// Where one stored excerpt lies in an unchecked codings file's text: its
/// coding's span, and the byte ranges of its line span and excerpt. Kept
/// by the loader, so that a merge rewriting thousands of files does not
/// parse each again (a file is at most `paths::MAX_FILE_BYTES`, so offsets
/// fit in 32 bits).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Claim {
    spot: CodingSpot,
    lines: (u32, u32),
    text: (u32, u32),
}

impl Claim {
    /// What `lines`, read from `file` and borrowing its strings, claim,
    /// sorted by span (lines of one span in file order). A line without an
    /// excerpt, or of an unplaced coding, claims nothing. None if a string
    /// is not found in `file`.
    pub fn all_in(lines: &[LineRef<'_>], file: &str) -> Option<Vec<Claim>> {
        let range = |part: &str| {
            let from = (part.as_ptr() as usize).checked_sub(file.as_ptr() as usize)?;
            let to = from + part.len();
            (to <= file.len()).then_some((u32::try_from(from).ok()?, u32::try_from(to).ok()?))
        };
        let mut claims = lines
            .iter()
            .filter(|line| claims_its_span(line))
            .map(|line| {
                Some(Claim {
                    spot: (line.start, line.end),
                    lines: range(line.lines)?,
                    text: range(line.text)?,
                })
            })
            .collect::<Option<Vec<_>>>()?;
        claims.sort_by_key(|claim| claim.spot);
        Some(claims)
    }

    /// The line span and excerpt it claims, out of the file it was read from.
    fn in_file<'a>(&self, file: &'a str) -> Option<ReadExcerpt<'a>> {
        let part = |(from, to): (u32, u32)| file.get(from as usize..to as usize);
        Some((
            Cow::Borrowed(part(self.lines)?),
            Cow::Borrowed(part(self.text)?),
        ))
    }
}

/// A coding's offsets: the stored excerpt belongs to the span, whatever code
/// it carries now (a merge or split changes the code, not the evidence).
type CodingSpot = (usize, usize);
/// A stored line span and excerpt text.
type StoredExcerpt = (String, String);
/// A line span and excerpt text as an unchecked codings file stores them.
type ReadExcerpt<'a> = (Cow<'a, str>, Cow<'a, str>);

/// Whether a stored line's excerpt stands for its span: a line without an
/// excerpt, or of an unplaced coding, claims nothing.
fn claims_its_span(line: &LineRef<'_>) -> bool {
    !line.text.is_empty() && !line.unplaced
}

/// The excerpts an unchecked codings file stores, by span, sorted and
/// searched: as the loader placed them in the file, or parsed again from
/// it. Where two lines store one span, the later one counts, as a map
/// filled line by line would have it.
enum StoredSpans<'a> {
    Claimed { file: &'a str, claims: &'a [Claim] },
    Parsed(Vec<(CodingSpot, StoredExcerpt)>),
}

impl<'a> StoredSpans<'a> {
    fn parsed(mut spans: Vec<(CodingSpot, StoredExcerpt)>) -> Self {
        // Stable: lines storing one span stay in file order.
        spans.sort_by_key(|(spot, _)| *spot);
        StoredSpans::Parsed(spans)
    }

    fn get(&self, spot: CodingSpot) -> Option<ReadExcerpt<'_>> {
        fn last_at<T>(sorted: &[T], spot: CodingSpot, of: impl Fn(&T) -> CodingSpot) -> Option<&T> {
            let after = sorted.partition_point(|item| of(item) <= spot);
            sorted[..after].last().filter(|item| of(item) == spot)
        }
        match self {
            StoredSpans::Claimed { file, claims } => {
                last_at(claims, spot, |claim| claim.spot)?.in_file(file)
            }
            StoredSpans::Parsed(spans) => {
                last_at(spans, spot, |(s, _)| *s).map(|(_, (lines, text))| {
                    (Cow::Borrowed(lines.as_str()), Cow::Borrowed(text.as_str()))
                })
            }
        }
    }
}

impl Evidence {
    /// Keeps `line` of `coder`'s codings of `doc` as it was stored.
    pub fn keep(&mut self, doc: &DocId, coder: &str, line: &CodingLine) {
        self.stale
            .entry((doc.clone(), coder.to_string()))
            .or_default()
            .insert(
                (line.start, line.end),
                (line.lines.clone(), line.text.clone()),
            );
    }

    /// Keeps `coder`'s codings file of `doc`, read as `text`, whose excerpts
    /// were not checked against the document, with what its lines claim
    /// (`Claim::all_in`) when the loader read them.
    pub fn keep_unchecked(
        &mut self,
        doc: &DocId,
        coder: &str,
        text: String,
        claims: Option<Vec<Claim>>,
    ) {
        self.unchecked.insert(
            (doc.clone(), coder.to_string()),
            UncheckedFile { text, claims },
        );
    }

    /// Whether any stored excerpt of `coder`'s codings of `doc` is known not
    /// to match the text: every other codings file holds only excerpts the
    /// text still gives, or was not checked.
    pub fn holds(&self, doc: &DocId, coder: &str) -> bool {
        !self.stale.is_empty() && self.stale.contains_key(&(doc.clone(), coder.to_string()))
    }

    fn of(&self, doc: &DocId, coder: &str, c: &Coding) -> Option<&(String, String)> {
        self.stored(doc, coder, c.start, c.end)
    }

    /// The line span and excerpt stored for `coder`'s coding of `doc` at
    /// `start..end`, when the text no longer gives them.
    pub fn stored(
        &self,
        doc: &DocId,
        coder: &str,
        start: usize,
        end: usize,
    ) -> Option<&(String, String)> {
        if self.stale.is_empty() {
            return None;
        }
        self.stale
            .get(&(doc.clone(), coder.to_string()))?
            .get(&(start, end))
    }

    /// Every stored excerpt of an unchecked codings file, by span
    /// (`claims_its_span`); None when the file was checked (or not read).
    fn unchecked_of(&self, doc: &DocId, coder: &str) -> Option<StoredSpans<'_>> {
        if self.unchecked.is_empty() {
            return None;
        }
        let file = self.unchecked.get(&(doc.clone(), coder.to_string()))?;
        let text = file.text.as_str();
        if let Some(claims) = &file.claims {
            return Some(StoredSpans::Claimed { file: text, claims });
        }
        // Not in margin's own layout when read: parsed again, through RON.
        let lines = super::coding_lines::parse(text).ok()?;
        Some(StoredSpans::parsed(
            lines
                .into_iter()
                .filter(|line| claims_its_span(&line.borrowed()))
                .map(|line| ((line.start, line.end), (line.lines, line.text)))
                .collect(),
        ))
    }

    /// Forgets the unchecked codings files of `doc`: its text is about to
    /// change, and their excerpts belong to the text they were read with.
    pub fn forget_unchecked(&mut self, doc: &DocId) {
        if !self.unchecked.is_empty() {
            self.unchecked.retain(|(of, _), _| of != doc);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.stale.is_empty() && self.unchecked.is_empty()
    }
}

/// Renders one file; None when the file should not exist (an empty coder's
/// list, a removed memo or document).
pub fn render(project: &Project, key: &FileKey) -> Option<String> {
    render_keeping(project, key, &Evidence::default())
}

/// Renders one file, writing each coding's excerpt as `evidence` kept it
/// where it has one: an excerpt is never rewritten from text that no longer
/// matches it.
pub fn render_keeping(project: &Project, key: &FileKey, evidence: &Evidence) -> Option<String> {
    match key {
        FileKey::Manifest => Some(pretty(&project.manifest)),
        FileKey::Codebook => {
            let codes: Vec<&Code> = project.codes.values().collect();
            Some(pretty(&codes))
        }
        FileKey::Themes => Some(super::themes_file::render(&project.themes)),
        FileKey::Journal => Some(one_per_line(&project.journal)),
        FileKey::DocumentText(id) => project.documents.get(id).map(|d| d.text().to_string()),
        FileKey::DocumentRecord(id) => project.documents.get(id).map(|d| pretty(&d.record)),
        FileKey::Codings(doc, coder) => {
            let list = project.codings.get(doc)?.get(coder)?;
            if list.is_empty() {
                return None;
            }
            Some(render_codings(
                list,
                project.documents.get(doc),
                evidence,
                doc,
                coder,
            ))
        }
        FileKey::Memo(target) => project.memos.get(target).map(|text| {
            if text.ends_with('\n') {
                text.clone()
            } else {
                format!("{text}\n")
            }
        }),
    }
}

/// A codings file: each line's strings borrowed (from the project, the
/// evidence or the file as read) and written once, in margin's layout, or
/// by RON when a line needs its escapes.
fn render_codings(
    list: &[Coding],
    document: Option<&crate::model::Document>,
    evidence: &Evidence,
    doc: &DocId,
    coder: &str,
) -> String {
    let unchecked = evidence.unchecked_of(doc, coder);
    // Each coding's line span and excerpt: as a file stored them (kept
    // evidence, or an unchecked file), the words an unplaced coding was made
    // on, or made from the text (a new span, or one no file stored). Made
    // first, so that every line below can borrow them.
    let excerpts: Vec<(Cow<'_, str>, Cow<'_, str>)> = list
        .iter()
        .map(|c| {
            if let Some(was) = &c.unplaced {
                return (Cow::Borrowed(""), Cow::Borrowed(was.as_str()));
            }
            if let Some((lines, text)) = evidence.of(doc, coder, c) {
                return (Cow::Borrowed(lines.as_str()), Cow::Borrowed(text.as_str()));
            }
            let read = unchecked
                .as_ref()
                .and_then(|spans| spans.get((c.start, c.end)));
            if let Some(excerpt) = read {
                return excerpt;
            }
            document.map_or_else(Default::default, |d| {
                (
                    Cow::Owned(d.index().line_span(c.start, c.end)),
                    Cow::Owned(d.excerpt(c.start, c.end, EXCERPT_CHARS)),
                )
            })
        })
        .collect();
    let lines: Vec<LineRef<'_>> = list
        .iter()
        .zip(&excerpts)
        .map(|(c, (lines, text))| LineRef {
            code: c.code.as_str(),
            start: c.start,
            end: c.end,
            lines,
            text,
            memo: &c.memo,
            star: c.star,
            unplaced: c.unplaced.is_some(),
        })
        .collect();
    super::coding_lines::write_own_layout(&lines).unwrap_or_else(|| {
        let owned: Vec<CodingLine> = lines.into_iter().map(LineRef::to_line).collect();
        one_per_line(&owned)
    })
}

/// Pretty RON, one field per line, strings unescaped where RON allows (so an
/// apostrophe stays an apostrophe), ending with a newline.
pub fn pretty<T: Serialize + ?Sized>(value: &T) -> String {
    let config = PrettyConfig::new().escape_strings(false);
    let text = finish(ron::ser::to_string_pretty(value, config));
    // Only when no string spans lines can a line be told apart from the
    // inside of a string, which must never be touched.
    let escaped = finish(ron::ser::to_string_pretty(value, PrettyConfig::new()));
    if text.lines().count() == escaped.lines().count() {
        open_empty_lists(&text)
    } else {
        text
    }
}

/// Writes an empty list field (`codes: [],`) open, on two lines, so that
/// putting the first item in (or taking the last out) is a one-line diff.
fn open_empty_lists(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        match line.strip_suffix(": [],") {
            Some(head) if !head.trim_start().contains([' ', '"']) => {
                let indent = &line[..line.len() - line.trim_start().len()];
                out.push_str(head);
                out.push_str(": [\n");
                out.push_str(indent);
                out.push_str("],\n");
            }
            _ => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out
}

/// A list with one record per line, so that adding a record adds one line.
/// Strings are written raw unless one holds a control character (a line break
/// in a memo, say): then the whole file is escaped, to keep one record a line.
pub fn one_per_line<T: Serialize>(items: &[T]) -> String {
    let raw = PrettyConfig::new().depth_limit(1).escape_strings(false);
    let text = finish(ron::ser::to_string_pretty(items, raw));
    if items.is_empty() {
        // Open, so that the first record is a one-line addition.
        return "[\n]\n".to_string();
    }
    if text.lines().count() == items.len() + 2 {
        return text;
    }
    let escaped = PrettyConfig::new().depth_limit(1).escape_strings(true);
    finish(ron::ser::to_string_pretty(items, escaped))
}

fn finish(result: Result<String, ron::Error>) -> String {
    // Serialising plain data structs to a String cannot fail; if it ever did,
    // an empty list keeps the file parseable rather than panicking.
    let mut text = result.unwrap_or_else(|_| "[]".to_string());
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text
}

/// Reads a file's content back into the type `render` wrote it from.
pub fn parse<T: for<'de> Deserialize<'de>>(text: &str) -> Result<T, ron::error::SpannedError> {
    ron::Options::default().from_str(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claims_place_each_stored_excerpt_in_the_file_read() {
        let file = "[\n    (code: \"b\", start: 9, end: 12, lines: \"2\", text: \"later\"),\n    (code: \"a\", start: 0, end: 4, lines: \"1\", text: \"Déjà\"),\n    (code: \"a\", start: 5, end: 6, lines: \"1\", text: \"\"),\n    (code: \"c\", start: 7, end: 7, lines: \"\", text: \"gone\", unplaced: true),\n]\n";
        let lines = super::super::coding_lines::read_own_layout(file).expect("margin's layout");
        let claims = Claim::all_in(&lines, file).expect("every string is in the file");
        let found: Vec<_> = claims
            .iter()
            .map(|c| (c.spot, c.in_file(file).expect("in the file")))
            .map(|(spot, (lines, text))| (spot, lines.into_owned(), text.into_owned()))
            .collect();
        // No excerpt and unplaced claim nothing; the rest sorted by span.
        assert_eq!(
            found,
            vec![
                ((0, 4), "1".to_string(), "Déjà".to_string()),
                ((9, 12), "2".to_string(), "later".to_string()),
            ]
        );
        let spans = StoredSpans::Claimed {
            file,
            claims: &claims,
        };
        let text_at = |spot| spans.get(spot).map(|e| e.1.into_owned());
        assert_eq!(text_at((9, 12)).as_deref(), Some("later"));
        assert_eq!(text_at((5, 6)), None, "an empty excerpt claims nothing");
        let twice = file.replace(
            "]\n",
            "    (code: \"d\", start: 9, end: 12, lines: \"2\", text: \"latest\"),\n]\n",
        );
        let again = super::super::coding_lines::read_own_layout(&twice).expect("layout");
        let claims_twice = Claim::all_in(&again, &twice).expect("placed");
        let spans = StoredSpans::Claimed {
            file: &twice,
            claims: &claims_twice,
        };
        let latest = spans.get((9, 12)).map(|e| e.1.into_owned());
        assert_eq!(latest.as_deref(), Some("latest"), "the later line counts");
        let elsewhere = lines.clone();
        let copy = file.to_string();
        assert_eq!(
            Claim::all_in(&elsewhere, &copy),
            None,
            "strings of another text"
        );
    }

    #[test]
    fn stored_spans_find_a_span_and_let_the_later_of_two_lines_count() {
        let excerpt = |text: &str| ("1".to_string(), text.to_string());
        let spans = StoredSpans::parsed(vec![
            ((30, 40), excerpt("third")),
            ((0, 10), excerpt("first")),
            ((10, 20), excerpt("earlier")),
            ((10, 20), excerpt("later")),
        ]);
        assert_eq!(
            spans.get((0, 10)).map(|e| e.1.into_owned()).as_deref(),
            Some("first")
        );
        assert_eq!(
            spans.get((10, 20)).map(|e| e.1.into_owned()).as_deref(),
            Some("later")
        );
        assert_eq!(
            spans.get((30, 40)).map(|e| e.1.into_owned()).as_deref(),
            Some("third")
        );
        assert!(spans.get((10, 21)).is_none());
        assert!(spans.get((40, 50)).is_none());
        assert!(StoredSpans::parsed(Vec::new()).get((0, 1)).is_none());
    }

    #[derive(Serialize)]
    struct Holder {
        codes: Vec<String>,
        note: String,
    }

    #[test]
    fn empty_lists_are_written_open() {
        let text = pretty(&Holder {
            codes: vec![],
            note: "x".into(),
        });
        assert_eq!(text, "(\n    codes: [\n    ],\n    note: \"x\",\n)\n");
        assert_eq!(one_per_line::<String>(&[]), "[\n]\n");
    }

    #[test]
    fn strings_spanning_lines_are_never_touched() {
        let note = "a\ncodes: [],\nb".to_string();
        let text = pretty(&Holder {
            codes: vec![],
            note: note.clone(),
        });
        assert!(text.contains(&note), "{text}");
    }
}
