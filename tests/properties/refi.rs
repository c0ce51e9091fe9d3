//! Property tests of REFI-QDA exchange: any project's codings, texts, memos
//! and attributes survive export and import, and positions counted in UTF-16
//! with CRLF as two land on the same words.

use margin::interop::refi::positions::{self, Selection};
use margin::interop::refi::{qde_read, qde_write};
use margin::model::{Code, CodeId, Coding, DocId, Manifest, MemoTarget, Project};
use proptest::prelude::*;

fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z ,.'\"&<>]{1,12}",
        Just("é".to_string()),
        Just("e\u{301}".to_string()),
        Just("日本語の文".to_string()),
        Just("😀".to_string()),
        Just("👩🏽‍⚕️".to_string()),
        Just("\t".to_string()),
        Just("\n".to_string()),
        Just("P3: ".to_string()),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(fragment(), 1..30).prop_map(|v| v.concat())
}

fn project_of(texts: &[String], ranges: &[(usize, usize, usize, usize)], memo: &str) -> Project {
    let mut p = Project::new(Manifest::new("Property study & <friends>"));
    for (i, name) in ["Ärger", "calm & quiet", "<risk>"].iter().enumerate() {
        let id = CodeId::new(format!("c{i}"));
        let mut code = Code::new(id.clone(), *name, i);
        code.description = format!("Definition {i}\n\nwith a second paragraph");
        code.inclusion = format!("when \"{name}\"");
        p.codes.insert(id, code);
    }
    for (i, text) in texts.iter().enumerate() {
        let id = DocId::new(format!("D{i}"));
        let mut attributes = std::collections::BTreeMap::new();
        attributes.insert("role".to_string(), format!("worker {i} <&>"));
        let doc = margin::import::make_document(
            id.clone(),
            format!("Doc {i}"),
            format!("D{i}.txt"),
            attributes,
            text.clone(),
        );
        let len = doc.char_len();
        p.documents.insert(id.clone(), doc);
        for &(d, a, b, c) in ranges {
            if d % texts.len() != i || len == 0 {
                continue;
            }
            let (start, end) = (a % len, b % len);
            let (start, end) = (start.min(end), start.max(end));
            if start == end {
                continue;
            }
            let coder = if c % 2 == 0 { "asha" } else { "ben" };
            let mut coding = Coding::new(CodeId::new(format!("c{}", c % 3)), start, end);
            if c % 5 == 0 {
                // Memos as people write them; edge white space is not kept.
                coding.memo = memo.trim().to_string();
            }
            let list = p
                .codings
                .entry(id.clone())
                .or_default()
                .entry(coder.into())
                .or_default();
            if !list
                .iter()
                .any(|x| x.start == start && x.end == end && x.code == coding.code)
            {
                list.push(coding);
                list.sort();
            }
        }
    }
    p.manifest.coders = p.coders();
    if !memo.trim().is_empty() {
        p.memos
            .insert(MemoTarget::Project, format!("{}\n", memo.trim()));
    }
    p
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn export_then_import_keeps_codings_texts_and_memos(
        texts in prop::collection::vec(text(), 1..4),
        ranges in prop::collection::vec((0usize..4, 0usize..400, 0usize..400, 0usize..10), 0..25),
        memo in "[a-z <&>\"]{0,20}",
    ) {
        let project = project_of(&texts, &ranges, &memo);
        let bytes = qde_write::write_qdpx(&project, &mut |_| {}).expect("writes");
        let back = qde_read::read_qdpx(&bytes, "p.qdpx", &mut |_, _| {}).expect("reads");
        let got = back.project;
        prop_assert_eq!(&got.manifest.title, &project.manifest.title);
        // Code ids are not carried (REFI has no place for them; names and
        // GUIDs are), so codings are compared by their code's name.
        let named = |p: &Project| {
            let mut out: Vec<_> = p
                .all_codings()
                .map(|r| (r.doc.clone(), r.coder.to_string(), r.coding.start, r.coding.end, p.code_name(&r.coding.code).to_string(), r.coding.memo.clone()))
                .collect();
            out.sort();
            out
        };
        prop_assert_eq!(named(&got), named(&project));
        prop_assert_eq!(got.memos.clone(), project.memos.clone());
        for (id, doc) in &project.documents {
            prop_assert_eq!(got.documents[id].text(), doc.text());
            prop_assert_eq!(&got.documents[id].record.attributes, &doc.record.attributes);
        }
        for code in project.codes.values() {
            let other = got.codes.values().find(|c| c.name == code.name).expect("a code of that name");
            prop_assert_eq!((&other.description, &other.inclusion, &other.color), (&code.description, &code.inclusion, &code.color));
        }
        // And the second export is the same file.
        let again = qde_write::write_qde(&got);
        prop_assert_eq!(again, qde_write::write_qde(&project));
    }

    /// Selections named by the words they cover (as QualCoder writes them)
    /// are always read right, whatever the text holds.
    #[test]
    fn named_utf16_positions_land_on_the_same_words(
        words in prop::collection::vec("[a-z]{2,8}", 4..30),
        seps in prop::collection::vec(prop_oneof![Just(" "), Just("\r\n"), Just(" 😀 "), Just(", "), Just(" 日本 ")], 4..30),
        picks in prop::collection::vec((0usize..30, 1usize..4), 1..6),
    ) {
        let n = words.len().min(seps.len());
        let mut raw = String::new();
        let mut spans = Vec::new();
        for i in 0..n {
            spans.push(raw.len());
            raw.push_str(&words[i]);
            raw.push_str(seps[i]);
        }
        let lf: Vec<char> = raw.replace("\r\n", "\n").chars().collect();
        let mut wanted = Vec::new();
        let mut selections = Vec::new();
        for &(first, count) in &picks {
            let first = first % n;
            let last = (first + count - 1).min(n - 1);
            let (a, b) = (spans[first], spans[last] + words[last].len());
            let start = raw[..a].encode_utf16().count() as i64;
            let end = raw[..b].encode_utf16().count() as i64;
            wanted.push(raw[a..b].replace("\r\n", "\n"));
            selections.push((start, end));
        }
        let selections: Vec<Selection> = selections
            .iter()
            .zip(&wanted)
            .map(|(&(start, end), name)| Selection { start, end, name })
            .collect();
        let tables = positions::tables(&raw);
        let (_, table) = positions::best(&tables, &lf, &selections);
        for (s, want) in selections.iter().zip(&wanted) {
            let a = table.map(s.start).expect("start maps");
            let b = table.map(s.end).expect("end maps");
            prop_assert_eq!(lf[a..b].iter().collect::<String>(), want.clone());
        }
    }
}
