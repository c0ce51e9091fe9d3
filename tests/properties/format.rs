//! Property tests of the on-disk format: any project round-trips byte for byte,
//! and character offsets survive BOMs, CRLF, combining marks, emoji and CJK.

use margin::edit::Edit;
use margin::import::{decode_transcript, make_document};
use margin::model::{
    Code, CodeId, Coding, DocId, JournalEntry, Manifest, MemoTarget, Project, Theme, ThemeId,
};
use margin::store::Store;
use proptest::prelude::*;
use std::collections::BTreeMap;

/// Text pieces that stress offsets: ASCII, accents (precomposed and
/// combining), CJK, emoji with modifiers and joiners, tabs, CRLF and CR.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z ,.'\"]{1,12}",
        Just("é".to_string()),
        Just("e\u{301}".to_string()),
        Just("日本語の文".to_string()),
        Just("😀".to_string()),
        Just("👩🏽‍⚕️".to_string()),
        Just("\t".to_string()),
        Just("\r\n".to_string()),
        Just("\r".to_string()),
        Just("\n".to_string()),
        Just("P3: ".to_string()),
        Just("\\ # r#\"".to_string()),
    ]
}

fn transcript() -> impl Strategy<Value = (bool, String)> {
    (
        any::<bool>(),
        prop::collection::vec(fragment(), 1..40).prop_map(|v| v.concat()),
    )
}

/// Free text for names, definitions, memos and journal lines, with the
/// characters RON must escape or may write raw.
fn free_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9 ]{1,20}",
        "[a-z]{1,5}['\"\\\\#][a-z ]{0,5}",
        "[a-z ]{1,8}\n[a-z ]{1,8}",
        Just("Ärger — “quoted” 日本 😀".to_string()),
    ]
}

#[derive(Debug, Clone)]
struct Spec {
    transcripts: Vec<(bool, String)>,
    code_texts: Vec<(String, String)>,
    ranges: Vec<(usize, usize, usize, usize, usize)>,
    memo: Option<String>,
    journal: Vec<String>,
}

fn spec() -> impl Strategy<Value = Spec> {
    (
        prop::collection::vec(transcript(), 1..4),
        prop::collection::vec((free_text(), free_text()), 1..6),
        prop::collection::vec(
            (0usize..4, 0usize..6, 0usize..3, 0usize..1000, 1usize..60),
            0..25,
        ),
        proptest::option::of(free_text()),
        prop::collection::vec(free_text(), 0..3),
    )
        .prop_map(|(transcripts, code_texts, ranges, memo, journal)| Spec {
            transcripts,
            code_texts,
            ranges,
            memo,
            journal,
        })
}

/// Builds the project through edits, as the faces do. Returns it with the
/// expected coded text of every coding, computed on plain char vectors.
fn build(spec: &Spec) -> (Project, Vec<(DocId, String, Coding, String)>) {
    let mut project = Project::new(Manifest::new("Property study"));
    let mut texts: Vec<(DocId, Vec<char>)> = Vec::new();
    for (i, (bom, text)) in spec.transcripts.iter().enumerate() {
        let mut bytes = if *bom {
            b"\xEF\xBB\xBF".to_vec()
        } else {
            Vec::new()
        };
        bytes.extend(text.as_bytes());
        let decoded = decode_transcript(&bytes, "t.txt").expect("valid UTF-8 decodes");
        assert!(!decoded.text.contains('\r'));
        assert!(!decoded.text.starts_with('\u{feff}'));
        let id = DocId::new(format!("P{i}"));
        texts.push((id.clone(), decoded.text.chars().collect()));
        let doc = make_document(
            id,
            format!("Doc {i}"),
            "t.txt".into(),
            BTreeMap::new(),
            decoded.text,
        );
        Edit::AddDocument { doc: Box::new(doc) }
            .apply(&mut project)
            .expect("adds");
    }
    for (i, (name, definition)) in spec.code_texts.iter().enumerate() {
        let mut code = Code::new(CodeId::new(format!("c{i}")), format!("{i} {name}"), i);
        code.description = definition.clone();
        code.example = name.clone();
        Edit::AddCode { code }.apply(&mut project).expect("adds");
    }
    let mut theme = Theme::new(ThemeId::new("t"), "Theme 'one'");
    theme.codes.push(CodeId::new("c0"));
    theme
        .subthemes
        .push(Theme::new(ThemeId::new("t-sub"), "Sub \"two\""));
    Edit::AddTheme {
        slot: margin::edit::last_slot(&project, None),
        theme,
    }
    .apply(&mut project)
    .expect("adds");

    let mut expected = Vec::new();
    for &(doc_i, code_i, coder_i, start, len) in &spec.ranges {
        let (doc, chars) = &texts[doc_i % texts.len()];
        if chars.is_empty() {
            continue;
        }
        let start = start % chars.len();
        let end = (start + len).min(chars.len());
        let code = CodeId::new(format!("c{}", code_i % spec.code_texts.len()));
        let coder = ["ana", "ben", "chi"][coder_i].to_string();
        let mut coding = Coding::new(code, start, end);
        coding.memo = if len % 7 == 0 {
            "memo with\nbreak".into()
        } else {
            String::new()
        };
        let edit = Edit::AddCoding {
            doc: doc.clone(),
            coder: coder.as_str().into(),
            coding: coding.clone(),
        };
        if edit.apply(&mut project).is_ok() {
            expected.push((
                doc.clone(),
                coder,
                coding,
                chars[start..end].iter().collect(),
            ));
        }
    }
    if let Some(memo) = &spec.memo {
        let text = format!("{memo}\n");
        Edit::SetMemo {
            target: MemoTarget::Code(CodeId::new("c0")),
            before: None,
            after: Some(text),
        }
        .apply(&mut project)
        .expect("sets");
    }
    for (i, what) in spec.journal.iter().enumerate() {
        let entry = JournalEntry {
            when: format!("2026-11-24T09:00:0{i}Z"),
            who: "ana".into(),
            what: what.clone(),
            why: what.clone(),
            removed: Vec::new(),
            removed_themes: Vec::new(),
            split: None,
        };
        Edit::AppendJournal { entry }
            .apply(&mut project)
            .expect("appends");
    }
    project.manifest.coders = project.coders();
    (project, expected)
}

fn files(dir: &std::path::Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("read") {
            let p = e.expect("entry").path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.insert(
                    p.strip_prefix(dir).expect("prefix").display().to_string(),
                    std::fs::read(&p).expect("read"),
                );
            }
        }
    }
    out
}

/// The suite's number of cases; scripts/soak.sh asks for many more.
fn cases() -> u32 {
    std::env::var("MARGIN_SOAK_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn any_project_round_trips_byte_identically(spec in spec()) {
        let (project, expected) = build(&spec);
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path().join("p");
        Store::create(&dir, &project).expect("creates");
        let written = files(&dir);

        let (loaded, mut store) = Store::open(&dir).expect("loads");
        prop_assert_eq!(&loaded, &project);
        let report = store.save(&loaded).expect("saves");
        prop_assert!(report.is_empty(), "{:?}", report);
        prop_assert_eq!(files(&dir), written);

        // Offsets survive: the loaded text at every coding is what was coded.
        for (doc, coder, coding, text) in &expected {
            let d = &loaded.documents[doc];
            prop_assert_eq!(d.slice(coding.start, coding.end), text.as_str());
            prop_assert!(loaded.codings[doc][coder.as_str()].contains(coding));
        }
        // And the project is valid.
        let problems = margin::check::validate(&dir, &loaded);
        prop_assert!(problems.is_empty(), "{:?}", problems);
    }

    #[test]
    fn one_per_line_files_keep_one_record_a_line(spec in spec()) {
        let (project, _) = build(&spec);
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path().join("p");
        Store::create(&dir, &project).expect("creates");
        for (path, bytes) in files(&dir) {
            if path.starts_with("codings") {
                let text = String::from_utf8(bytes).expect("utf-8");
                let doc = path.split('/').nth(1).expect("doc").to_string();
                let coder = path.rsplit('/').next().expect("file").trim_end_matches(".ron").to_string();
                let n = project.codings[&DocId::new(doc)][coder.as_str()].len();
                prop_assert_eq!(text.lines().count(), n + 2, "{}", text);
            }
        }
    }
}
