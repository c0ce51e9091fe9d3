//! REFI-QDA projects and codebooks through the real binary: the sample
//! study exports valid files that import back unchanged, and exports shaped
//! like NVivo's and QualCoder's import with every coding on the words it coded.

use crate::common;

use common::cli::{margin, ok};
use common::refi::{entry, schema, utf16_span, xmllint};
use margin::model::{DocId, MemoTarget, Project};
use margin::store::Store;
use std::path::Path;

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

fn sample() -> String {
    s(&common::sample_project()).to_string()
}

fn open(dir: &Path) -> Project {
    Store::open(dir).expect("opens").0
}

/// Every coding of a project as (document, coder, code name, coded text), sorted.
fn coded_text(project: &Project) -> Vec<(String, String, String, String)> {
    let mut out: Vec<_> = project
        .all_codings()
        .map(|r| {
            let doc = &project.documents[r.doc];
            (
                r.doc.to_string(),
                r.coder.to_string(),
                project.code_name(&r.coding.code).to_string(),
                doc.slice(r.coding.start, r.coding.end).to_string(),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn the_sample_study_exports_valid_refi_files_and_imports_back_the_same() {
    let tmp = tempfile::tempdir().expect("tmp");
    let qdpx = tmp.path().join("sample.qdpx");
    let qdc = tmp.path().join("sample.qdc");
    let out = ok(&["export", &sample(), "--format", "qdpx", "-o", s(&qdpx)]);
    assert!(out.contains("7 documents"), "{out}");
    ok(&["export", &sample(), "--format", "qdc", "-o", s(&qdc)]);

    let qde = tmp.path().join("project.qde");
    std::fs::write(&qde, entry(&qdpx, "project.qde")).expect("write");
    xmllint(&schema("Project-mrt2019.xsd"), &qde);
    xmllint(&schema("Codebook-mrt2019.xsd"), &qdc);

    let back = tmp.path().join("back");
    let out = ok(&["import-qdpx", s(&qdpx), s(&back)]);
    assert!(
        out.contains("positions read as Unicode code points"),
        "{out}"
    );
    assert_eq!(
        ok(&["stats", &sample(), "--json"]),
        ok(&["stats", s(&back), "--json"]),
        "stats differ after a round trip"
    );
    let (before, after) = (open(&common::sample_project()), open(&back));
    assert_eq!(coded_text(&before), coded_text(&after));
    assert_eq!(before.memos, after.memos);
    assert_eq!(before.manifest.attributes, after.manifest.attributes);
    for (id, doc) in &before.documents {
        assert_eq!(doc.record.attributes, after.documents[id].record.attributes);
        assert_eq!(doc.text(), after.documents[id].text());
    }
    ok(&["check", s(&back)]);

    // Stable GUIDs: exporting the imported project gives the same files.
    let again = tmp.path().join("again.qdpx");
    ok(&["export", s(&back), "--format", "qdpx", "-o", s(&again)]);
    assert_eq!(entry(&qdpx, "project.qde"), entry(&again, "project.qde"));
    let qdc2 = tmp.path().join("again.qdc");
    ok(&["export", &sample(), "--format", "qdc", "-o", s(&qdc2)]);
    assert_eq!(
        std::fs::read(&qdc).expect("qdc"),
        std::fs::read(&qdc2).expect("qdc")
    );
}

#[test]
fn a_refi_codebook_brings_codes_and_themes_into_a_project() {
    let tmp = tempfile::tempdir().expect("tmp");
    let qdc = tmp.path().join("sample.qdc");
    ok(&["export", &sample(), "--format", "qdc", "-o", s(&qdc)]);
    let dir = tmp.path().join("fresh");
    ok(&["init", s(&dir), "--title", "Fresh study"]);
    let out = ok(&["import-codebook", s(&dir), s(&qdc)]);
    assert!(out.contains("codes: 41 added"), "{out}");
    let (sample, fresh) = (open(&common::sample_project()), open(&dir));
    let strip = |p: &Project| {
        let mut codes = p.codes.clone();
        for c in codes.values_mut() {
            c.guid.clear();
        }
        codes
    };
    assert_eq!(strip(&sample), strip(&fresh));
    let shape = |p: &Project| {
        margin::model::theme::walk(&p.themes)
            .into_iter()
            .map(|(depth, t)| {
                (
                    depth,
                    t.id.clone(),
                    t.name.clone(),
                    t.status,
                    t.definition.clone(),
                    t.codes.clone(),
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(shape(&sample), shape(&fresh));
    // Again: everything matches by GUID, nothing changes.
    let out = ok(&["import-codebook", s(&dir), s(&qdc)]);
    assert!(out.contains("nothing to change"), "{out}");
    let out = ok(&["import-codebook", &copy_of_sample(tmp.path()), s(&qdc)]);
    assert!(out.contains("nothing to change"), "{out}");
}

fn copy_of_sample(tmp: &Path) -> String {
    let dir = tmp.join("sample-copy");
    common::copy_dir(&common::sample_project(), &dir);
    s(&dir).to_string()
}

#[test]
fn a_maxqda_codebook_with_codable_parents_merges_by_name_and_exports_back() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("study");
    ok(&["init", s(&dir)]);
    ok(&["code", "add", s(&dir), "Naloxone"]);
    let qdc = tmp.path().join("maxqda.qdc");
    std::fs::write(
        &qdc,
        "\u{feff}<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\"?>\r\n\
         <CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\" origin=\"MAXQDA 2022\">\r\n<Codes>\r\n\
         <Code guid=\"6B1D4E2A-7C3F-4A55-9E10-2F8B0C4D5E61\" name=\"Harm reduction\" isCodable=\"true\" color=\"#2E8B57\">\
         <Description>Practical steps that reduce risk.</Description>\
         <Code guid=\"6B1D4E2A-7C3F-4A55-9E10-2F8B0C4D5E62\" name=\"naloxone\" isCodable=\"true\" color=\"#3CB371\">\
         <Description>Kits, training and use.\r\n\r\nInclusion: Any mention of naloxone.</Description></Code>\
         <Code guid=\"6B1D4E2A-7C3F-4A55-9E10-2F8B0C4D5E63\" name=\"\" isCodable=\"true\"/>\
         </Code></Codes></CodeBook>",
    )
    .expect("write");
    let out = ok(&["import-codebook", s(&dir), s(&qdc)]);
    assert!(
        out.contains("codes: 2 added, 1 updated; themes: 1 added"),
        "{out}"
    );
    let project = open(&dir);
    let theme = &project.themes[0];
    assert_eq!(theme.name, "Harm reduction");
    assert_eq!(theme.guid, "6b1d4e2a-7c3f-4a55-9e10-2f8b0c4d5e61");
    let naloxone = &project.codes[&margin::model::CodeId::new("naloxone")];
    assert_eq!(naloxone.name, "naloxone");
    assert_eq!(naloxone.description, "Kits, training and use.");
    assert_eq!(naloxone.inclusion, "Any mention of naloxone.");
    assert_eq!(naloxone.color, "#3cb371");
    assert!(theme.codes.contains(&naloxone.id));
    // The codable parent is the theme plus a code of the same GUID, and goes
    // back out as one codable code with children.
    let out_qdc = tmp.path().join("out.qdc");
    ok(&["export", s(&dir), "--format", "qdc", "-o", s(&out_qdc)]);
    xmllint(&schema("Codebook-mrt2019.xsd"), &out_qdc);
    let text = std::fs::read_to_string(&out_qdc).expect("read");
    assert!(
        text.contains("<Code guid=\"6b1d4e2a-7c3f-4a55-9e10-2f8b0c4d5e61\" name=\"Harm reduction\" isCodable=\"true\" color=\"#2e8b57\">"),
        "{text}"
    );
    assert_eq!(text.matches("name=\"Harm reduction\"").count(), 1, "{text}");
}

// ---- An export shaped like NVivo's (Windows) ------------------------------

const NVIVO_TEXT: &str = "Interview 12 \u{2013} hostel key worker\r\n\r\n\
Interviewer: What helps most when someone has just left prison?\r\n\
P12: Honestly, a phone that works \u{1f4f1} and a naloxone kit before they walk out the gate.\r\n\
P12: The first fortnight is the riskiest \u{1f61f} because tolerance drops.\r\n\
Interviewer: And the waiting lists?\r\n\
P12: Six weeks for a script is too long. People use on the street in the meantime.\r\n";

const ASHA: &str = "A1B2C3D4-0000-4000-8000-00000000A5A1";
const BEN: &str = "A1B2C3D4-0000-4000-8000-00000000BE01";
const SOURCE: &str = "5A1E0C12-3B4D-4E5F-8A9B-0C1D2E3F4A5B";

/// The codings NVivo holds: (user, code GUID, words coded).
fn nvivo_codings() -> Vec<(&'static str, &'static str, &'static str)> {
    vec![
        (
            ASHA,
            "C0DE0000-0000-4000-8000-000000000002",
            "a naloxone kit before they walk out the gate",
        ),
        (
            ASHA,
            "C0DE0000-0000-4000-8000-000000000001",
            "The first fortnight is the riskiest",
        ),
        (
            ASHA,
            "C0DE0000-0000-4000-8000-000000000003",
            "tolerance drops",
        ),
        (
            BEN,
            "C0DE0000-0000-4000-8000-000000000005",
            "Six weeks for a script is too long",
        ),
        (
            BEN,
            "C0DE0000-0000-4000-8000-000000000006",
            "a phone that works",
        ),
    ]
}

fn nvivo_qdpx() -> Vec<u8> {
    let mut selections = String::new();
    for (i, (user, code, words)) in nvivo_codings().into_iter().enumerate() {
        let (start, end) = utf16_span(NVIVO_TEXT, words, 0);
        selections.push_str(&format!(
            "<PlainTextSelection guid=\"5E1EC700-0000-4000-8000-00000000000{i}\" name=\"\" startPosition=\"{start}\" endPosition=\"{end}\" creatingUser=\"{user}\" creationDateTime=\"2026-03-02T10:15:00Z\">\
             <Coding guid=\"C0D10000-0000-4000-8000-00000000000{i}\" creatingUser=\"{user}\"><CodeRef targetGUID=\"{code}\"/></Coding></PlainTextSelection>\r\n"
        ));
    }
    let qde = format!(
        "\u{feff}<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\"?>\r\n\
<Project name=\"Hostel outreach (NVivo)\" origin=\"NVivo 14 (Windows)\" creatingUserGUID=\"{ASHA}\" xmlns=\"urn:QDA-XML:project:1.0\">\r\n\
<Users><User guid=\"{ASHA}\" name=\"Asha Patel\"/><User guid=\"{BEN}\" name=\"Ben Osei\"/></Users>\r\n\
<CodeBook><Codes>\r\n\
<Code guid=\"C0DE0000-0000-4000-8000-000000000001\" name=\"Harm reduction\" isCodable=\"true\" color=\"#2E8B57\">\
<Description>Practical steps that reduce the risk of overdose and infection.</Description>\
<NoteRef targetGUID=\"7E000000-0000-4000-8000-000000000002\"/>\
<Code guid=\"C0DE0000-0000-4000-8000-000000000002\" name=\"Naloxone\" isCodable=\"true\" color=\"#3CB371\"/>\
<Code guid=\"C0DE0000-0000-4000-8000-000000000003\" name=\"Safer use advice\" isCodable=\"true\"/></Code>\r\n\
<Code guid=\"C0DE0000-0000-4000-8000-000000000004\" name=\"Barriers\" isCodable=\"false\">\
<Code guid=\"C0DE0000-0000-4000-8000-000000000005\" name=\"Waiting times\" isCodable=\"true\" color=\"#CD5C5C\"><Description></Description></Code></Code>\r\n\
<Code guid=\"C0DE0000-0000-4000-8000-000000000006\" name=\"Practical support\" isCodable=\"true\"/>\r\n\
</Codes></CodeBook>\r\n\
<Variables><Variable guid=\"FA000000-0000-4000-8000-000000000001\" name=\"Role\" typeOfVariable=\"Text\"/>\
<Variable guid=\"FA000000-0000-4000-8000-000000000002\" name=\"Years in post\" typeOfVariable=\"Integer\"/></Variables>\r\n\
<Cases><Case guid=\"CA5E0000-0000-4000-8000-000000000001\" name=\"Participant 12\">\
<VariableValue><VariableRef targetGUID=\"FA000000-0000-4000-8000-000000000001\"/><TextValue>hostel key worker</TextValue></VariableValue>\
<VariableValue><VariableRef targetGUID=\"FA000000-0000-4000-8000-000000000002\"/><IntegerValue>7</IntegerValue></VariableValue>\
<SourceRef targetGUID=\"{SOURCE}\"/></Case></Cases>\r\n\
<Sources>\r\n\
<TextSource guid=\"{SOURCE}\" name=\"Interview 12\" plainTextPath=\"internal://{SOURCE}.txt\" creatingUser=\"{ASHA}\">\r\n\
{selections}<NoteRef targetGUID=\"7E000000-0000-4000-8000-000000000001\"/></TextSource>\r\n\
<PDFSource guid=\"D0C00000-0000-4000-8000-000000000001\" name=\"Consent form (blank)\" path=\"internal://D0C00000-0000-4000-8000-000000000001.pdf\"/>\r\n\
<AudioSource guid=\"D0C00000-0000-4000-8000-000000000002\" name=\"Interview 12 recording\" path=\"internal://D0C00000-0000-4000-8000-000000000002.m4a\"/>\r\n\
</Sources>\r\n\
<Notes>\
<Note guid=\"7E000000-0000-4000-8000-000000000001\" name=\"Interview 12 memo\"><PlainTextContent>Recorded in the hostel&apos;s quiet room.</PlainTextContent></Note>\
<Note guid=\"7E000000-0000-4000-8000-000000000002\" name=\"Harm reduction memo\"><PlainTextContent>Merged overdose prevention into this code.</PlainTextContent></Note>\
<Note guid=\"7E000000-0000-4000-8000-000000000003\" name=\"Pilot notes\"><PlainTextContent>Pilot interviews, spring.</PlainTextContent></Note>\
</Notes>\r\n\
<NoteRef targetGUID=\"7E000000-0000-4000-8000-000000000003\"/>\r\n\
</Project>\r\n"
    );
    let mut text = b"\xEF\xBB\xBF".to_vec();
    text.extend(NVIVO_TEXT.as_bytes());
    margin::interop::archive::write(&[
        ("project.qde".to_string(), qde.into_bytes()),
        (format!("Sources/{SOURCE}.txt"), text),
        (
            "Sources/D0C00000-0000-4000-8000-000000000001.pdf".to_string(),
            b"%PDF-1.4\n".to_vec(),
        ),
    ])
    .expect("zips")
}

#[test]
fn an_nvivo_export_imports_with_every_coding_on_the_words_it_coded() {
    let tmp = tempfile::tempdir().expect("tmp");
    let file = tmp.path().join("hostel-outreach.qdpx");
    std::fs::write(&file, nvivo_qdpx()).expect("write");
    let dir = tmp.path().join("study");
    let out = margin(&["import-qdpx", s(&file), s(&dir)]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stdout.contains("positions read as UTF-16 code units, CRLF as two (as NVivo for Windows counts): Interview-12"),
        "{stdout}"
    );
    assert!(
        stderr.contains("1 PDF source not carried (margin holds text only): Consent form (blank)"),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "1 audio source not carried (margin holds text only): Interview 12 recording"
        ),
        "{stderr}"
    );

    let project = open(&dir);
    let code_of_guid = |guid: &str| {
        project
            .codes
            .values()
            .find(|c| c.guid == guid.to_lowercase())
            .map(|c| c.name.clone())
            .expect("the code is kept with its GUID")
    };
    let mut expected: Vec<(String, String, String, String)> = nvivo_codings()
        .into_iter()
        .map(|(user, code, words)| {
            let coder = if user == ASHA {
                "asha-patel"
            } else {
                "ben-osei"
            };
            (
                "Interview-12".to_string(),
                coder.to_string(),
                code_of_guid(code),
                words.to_string(),
            )
        })
        .collect();
    expected.sort();
    assert_eq!(coded_text(&project), expected);

    let doc = &project.documents[&DocId::new("Interview-12")];
    assert_eq!(doc.text(), NVIVO_TEXT.replace("\r\n", "\n"));
    assert_eq!(doc.record.guid, SOURCE.to_lowercase());
    assert_eq!(doc.record.attributes["Role"], "hostel key worker");
    assert_eq!(doc.record.attributes["Years in post"], "7");
    assert_eq!(doc.record.attributes["case"], "Participant 12");
    assert_eq!(project.manifest.coders, ["asha-patel", "ben-osei"]);
    assert_eq!(
        project.memos[&MemoTarget::Document(DocId::new("Interview-12"))],
        "Recorded in the hostel's quiet room.\n"
    );
    assert_eq!(
        project.memos[&MemoTarget::Project],
        "Pilot interviews, spring.\n"
    );
    let harm = project.theme_by_ref("Harm reduction").expect("a theme");
    assert_eq!(
        project.memos[&MemoTarget::Theme(harm.id.clone())],
        "Merged overdose prevention into this code.\n"
    );
    let names: Vec<&str> = harm.codes.iter().map(|c| project.code_name(c)).collect();
    assert_eq!(names, ["Harm reduction", "Naloxone", "Safer use advice"]);
    assert!(project.theme_by_ref("Barriers").is_some());
    assert_eq!(project.unsorted_codes().len(), 1);
    ok(&["check", s(&dir)]);

    // Back out: NVivo's GUIDs are kept, and the export validates.
    let qdpx = tmp.path().join("back.qdpx");
    ok(&["export", s(&dir), "--format", "qdpx", "-o", s(&qdpx)]);
    let qde = tmp.path().join("back.qde");
    std::fs::write(&qde, entry(&qdpx, "project.qde")).expect("write");
    xmllint(&schema("Project-mrt2019.xsd"), &qde);
    let text = std::fs::read_to_string(&qde).expect("read");
    for guid in [
        "c0de0000-0000-4000-8000-000000000001",
        "c0de0000-0000-4000-8000-000000000005",
        &SOURCE.to_lowercase(),
    ] {
        assert!(text.contains(guid), "{guid} not kept");
    }
    let again = tmp.path().join("again");
    ok(&["import-qdpx", s(&qdpx), s(&again)]);
    assert_eq!(coded_text(&open(&again)), coded_text(&project));
    assert_eq!(
        ok(&["stats", s(&dir), "--json"]),
        ok(&["stats", s(&again), "--json"])
    );
}

// ---- An export shaped like QualCoder's ------------------------------------

const QUALCODER_TEXT: &str = "Peer support group, week 3\n\nFacilitator: What has the group meant for you?\nR: Somewhere I\u{2019}m not judged \u{1f64f} for once.\nR: And the others text me when I\u{2019}ve had a bad day \u{1f4ac}, that keeps me going.\n";

#[test]
fn a_qualcoder_export_imports_with_prefixes_and_an_inner_qde() {
    let codings = [
        ("c5a1b2c3-0000-4000-8000-000000000001", "not judged"),
        (
            "c5a1b2c3-0000-4000-8000-000000000002",
            "that keeps me going",
        ),
    ];
    let mut selections = String::new();
    for (i, (code, words)) in codings.iter().enumerate() {
        let (start, end) = utf16_span(QUALCODER_TEXT, words, 0);
        selections.push_str(&format!(
            "<qda:PlainTextSelection guid=\"a0000000-0000-4000-8000-00000000000{i}\" name=\"{words}\" startPosition=\"{start}\" endPosition=\"{end}\" creatingUser=\"b0000000-0000-4000-8000-000000000001\">\
             <qda:Description/><qda:Coding guid=\"d0000000-0000-4000-8000-00000000000{i}\" creatingUser=\"b0000000-0000-4000-8000-000000000001\"><qda:CodeRef targetGUID=\"{code}\"/></qda:Coding></qda:PlainTextSelection>\n"
        ));
    }
    let qde = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<qda:Project xmlns:qda=\"urn:QDA-XML:project:1.0\" name=\"\" origin=\"QualCoder 3.5\">\n\
<qda:Users><qda:User guid=\"b0000000-0000-4000-8000-000000000001\" name=\"default\"/></qda:Users>\n\
<qda:CodeBook><qda:Codes>\
<qda:Code guid=\"c5a1b2c3-0000-4000-8000-000000000001\" name=\"Acceptance\" isCodable=\"true\"><qda:Description/></qda:Code>\
<qda:Code guid=\"c5a1b2c3-0000-4000-8000-000000000002\" name=\"Mutual support\" isCodable=\"true\" color=\"#AbC\"/>\
</qda:Codes></qda:CodeBook>\n\
<qda:Sources><qda:TextSource guid=\"e0000000-0000-4000-8000-000000000001\" name=\"week3.txt\" plainTextPath=\"internal://e0000000-0000-4000-8000-000000000001.txt\">\n{selections}</qda:TextSource></qda:Sources>\n\
</qda:Project>\n"
    );
    let bytes = margin::interop::archive::write(&[
        ("Peer support.qde".to_string(), qde.into_bytes()),
        (
            "sources/e0000000-0000-4000-8000-000000000001.txt".to_string(),
            QUALCODER_TEXT.as_bytes().to_vec(),
        ),
    ])
    .expect("zips");
    let tmp = tempfile::tempdir().expect("tmp");
    let file = tmp.path().join("peer-support.qdpx");
    std::fs::write(&file, bytes).expect("write");
    let dir = tmp.path().join("peer");
    let out = ok(&["import-qdpx", s(&file), s(&dir)]);
    assert!(out.contains("positions read as UTF-16 code units"), "{out}");
    let project = open(&dir);
    assert_eq!(project.manifest.title, "peer-support");
    let coded: Vec<(String, String)> = coded_text(&project)
        .into_iter()
        .map(|(_, coder, code, text)| (format!("{coder}/{code}"), text))
        .collect();
    assert_eq!(
        coded,
        [
            ("default/Acceptance".to_string(), "not judged".to_string()),
            (
                "default/Mutual support".to_string(),
                "that keeps me going".to_string()
            ),
        ]
    );
    assert_eq!(
        project.codes[&margin::model::CodeId::new("mutual-support")].color,
        "#aabbcc"
    );
    assert!(project.documents.contains_key(&DocId::new("week3-txt")));
}
