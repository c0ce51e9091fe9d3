//! `margin import` of Word, OpenDocument and subtitle transcripts, driven
//! through the real binary: the text and the speakers arrive intact, turn
//! times are kept, and files margin cannot read are refused by name.

use crate::common;

use common::cli::{fails, ok, snapshot};
use margin::interop::archive;
use margin::store::Store;
use std::path::{Path, PathBuf};

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/interop")
        .join(name)
}

fn new_project(tmp: &Path) -> PathBuf {
    let dir = tmp.join("study");
    ok(&[
        "init",
        dir.to_str().expect("utf-8"),
        "--title",
        "Drug services study",
    ]);
    dir
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// Speakers of a document's turns, in order.
fn speakers(dir: &Path, id: &str) -> Vec<String> {
    let (project, _) = Store::open(dir).expect("opens");
    let doc = &project.documents[&margin::model::DocId::new(id)];
    doc.turns().iter().map(|t| t.speaker.clone()).collect()
}

/// A Word document as Word writes it: document.xml plus the parts margin
/// must not read (comments, a header, a footer).
fn docx(body: &str) -> Vec<u8> {
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n\
         <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
         xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\"><w:body>{body}\
         <w:sectPr><w:headerReference w:type=\"default\" r:id=\"rId1\" xmlns:r=\"r\"/></w:sectPr></w:body></w:document>"
    );
    let part = |name: &str, xml: &str| (name.to_string(), xml.as_bytes().to_vec());
    archive::write(&[
        part("[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"),
        part("_rels/.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"/>"),
        ("word/document.xml".to_string(), document.into_bytes()),
        part("word/comments.xml", "<w:comments xmlns:w=\"w\"><w:comment w:id=\"0\"><w:p><w:r><w:t>Check this with the team</w:t></w:r></w:p></w:comment></w:comments>"),
        part("word/header1.xml", "<w:hdr xmlns:w=\"w\"><w:p><w:r><w:t>CONFIDENTIAL DRAFT</w:t></w:r></w:p></w:hdr>"),
        part("word/footer1.xml", "<w:ftr xmlns:w=\"w\"><w:p><w:r><w:t>Page 1</w:t></w:r></w:p></w:ftr>"),
    ])
    .expect("zips")
}

fn run(text: &str) -> String {
    format!("<w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r>")
}

#[test]
fn a_word_transcript_imports_with_text_and_speakers_intact() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = new_project(tmp.path());
    let body = [
        format!("<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr>{}</w:p>", run("Interview P10 \u{2013} outreach nurse")),
        format!("<w:p>{}{}</w:p>", run("Interviewer: "), run("What\u{2019}s changed this year?")),
        // One sentence split over runs, as Word does around formatting and spell-checks.
        format!(
            "<w:p>{}<w:r><w:rPr><w:i/></w:rPr><w:t>really</w:t></w:r>{}<w:proofErr w:type=\"spellStart\"/>{}<w:proofErr w:type=\"spellEnd\"/>{}</w:p>",
            run("P10: We\u{2019}re "),
            run(" stretched. "),
            run("Naloxone"),
            run(" kits go out faster than we can order them."),
        ),
        // A tracked deletion, a tracked insertion and a comment.
        format!(
            "<w:p>{}<w:del w:id=\"1\" w:author=\"Editor\"><w:r><w:delText>every</w:delText></w:r></w:del><w:ins w:id=\"2\" w:author=\"Editor\">{}</w:ins>{}<w:commentRangeStart w:id=\"0\"/>{}<w:commentRangeEnd w:id=\"0\"/><w:r><w:commentReference w:id=\"0\"/></w:r></w:p>",
            run("P10: I see people "),
            run("most"),
            run(" week"),
            run(" at the hostel."),
        ),
        "<w:p><w:r><w:t>Interviewer:</w:t><w:tab/><w:t>And the \u{201c}hard\u{201d} days?</w:t></w:r></w:p>".to_string(),
        "<w:p><w:r><w:t>P10: When someone doesn\u{2019}t turn up \u{2014} you worry.</w:t><w:br/><w:t>You always worry.</w:t></w:r></w:p>".to_string(),
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Role</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Outreach nurse</w:t></w:r></w:p></w:tc></w:tr>\
         <w:tr><w:tc><w:p><w:r><w:t>Years</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>11</w:t></w:r></w:p></w:tc></w:tr></w:tbl>".to_string(),
    ]
    .concat();
    let file = tmp.path().join("P10.docx");
    std::fs::write(&file, docx(&body)).expect("write");
    let out = ok(&["import", s(&dir), s(&file)]);
    assert!(out.contains("imported P10"), "{out}");
    let text = std::fs::read_to_string(dir.join("documents/P10.txt")).expect("text");
    assert_eq!(
        text,
        "Interview P10 \u{2013} outreach nurse\n\
         Interviewer: What\u{2019}s changed this year?\n\
         P10: We\u{2019}re really stretched. Naloxone kits go out faster than we can order them.\n\
         P10: I see people most week at the hostel.\n\
         Interviewer:\tAnd the \u{201c}hard\u{201d} days?\n\
         P10: When someone doesn\u{2019}t turn up \u{2014} you worry.\nYou always worry.\n\
         Role\tOutreach nurse\n\
         Years\t11\n"
    );
    assert_eq!(
        speakers(&dir, "P10"),
        ["Interviewer", "P10", "P10", "Interviewer", "P10"]
    );
}

#[test]
fn an_odt_transcript_imports_like_a_word_one() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = new_project(tmp.path());
    let content = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-content \
        xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
        xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" \
        xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" \
        xmlns:dc=\"http://purl.org/dc/elements/1.1/\" office:version=\"1.3\"><office:body><office:text>\
        <text:tracked-changes><text:changed-region text:id=\"ct1\"><text:deletion><text:p>weekly</text:p></text:deletion></text:changed-region></text:tracked-changes>\
        <text:h text:outline-level=\"1\">Interview P11</text:h>\
        <text:p>Interviewer: How do clients first\n      reach you?</text:p>\
        <text:p>P11: <text:span>Mostly</text:span> through the needle exchange.<office:annotation><dc:creator>Asha</dc:creator><text:p>follow up</text:p></office:annotation> \
        Some come <text:change text:change-id=\"ct1\"/>by word of mouth.</text:p>\
        <text:p>P11:<text:tab/>\u{201c}Trust takes time,\u{201d}<text:s text:c=\"2\"/>she said.<text:line-break/>It really does.</text:p>\
        </office:text></office:body></office:document-content>";
    let bytes = archive::write(&[
        ("mimetype".to_string(), b"application/vnd.oasis.opendocument.text".to_vec()),
        ("content.xml".to_string(), content.as_bytes().to_vec()),
        ("styles.xml".to_string(), b"<office:document-styles xmlns:office=\"o\" xmlns:text=\"t\"><text:p>Footer: page 1</text:p></office:document-styles>".to_vec()),
    ])
    .expect("zips");
    let file = tmp.path().join("P11.odt");
    std::fs::write(&file, bytes).expect("write");
    ok(&["import", s(&dir), s(&file)]);
    let text = std::fs::read_to_string(dir.join("documents/P11.txt")).expect("text");
    assert_eq!(
        text,
        "Interview P11\n\
         Interviewer: How do clients first reach you?\n\
         P11: Mostly through the needle exchange. Some come by word of mouth.\n\
         P11:\t\u{201c}Trust takes time,\u{201d}  she said.\nIt really does.\n"
    );
    assert_eq!(speakers(&dir, "P11"), ["Interviewer", "P11", "P11"]);
}

#[test]
fn an_srt_transcript_becomes_timed_speaker_turns() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = new_project(tmp.path());
    ok(&[
        "import",
        s(&dir),
        s(&data("P8-peer-mentor.srt")),
        "--id",
        "P8",
    ]);
    let text = std::fs::read_to_string(dir.join("documents/P8.txt")).expect("text");
    assert_eq!(
        text,
        "Interviewer:\nThanks for talking with me today. Could you start with your role?\n\n\
         Participant 8:\nI\u{2019}m a peer mentor at the drop-in. I\u{2019}ve been there nearly three years. \
         Before that I used the service myself, so people know I get it.\n\n\
         Interviewer:\nWhat does a usual morning look like?\n\n\
         Participant 8:\nTea first, always. Then we check who needs a script sorted, who needs a naloxone kit, who just needs to sit somewhere warm.\n"
    );
    assert_eq!(
        speakers(&dir, "P8"),
        [
            "Interviewer",
            "Participant 8",
            "Interviewer",
            "Participant 8"
        ]
    );
    let (project, _) = Store::open(&dir).expect("opens");
    let doc = &project.documents[&margin::model::DocId::new("P8")];
    let times: Vec<(&str, Option<&str>)> = doc
        .turns()
        .iter()
        .map(|t| (t.speaker.as_str(), doc.record.time_at(t.start)))
        .collect();
    assert_eq!(
        times,
        [
            ("Interviewer", Some("00:00:02.120")),
            ("Participant 8", Some("00:00:05.900")),
            ("Interviewer", Some("00:00:13.800")),
            ("Participant 8", Some("00:00:16.400")),
        ]
    );
    let record = std::fs::read_to_string(dir.join("documents/P8.ron")).expect("record");
    assert!(record.contains("time: \"00:00:05.900\""), "{record}");
}

#[test]
fn a_vtt_transcript_keeps_voices_and_joins_their_cues() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = new_project(tmp.path());
    ok(&[
        "import",
        s(&dir),
        s(&data("P9-consultant.vtt")),
        "--id",
        "P9",
    ]);
    let text = std::fs::read_to_string(dir.join("documents/P9.txt")).expect("text");
    assert_eq!(
        text,
        "Interviewer:\nHow has the service changed since the pandemic?\n\n\
         Dr Amara Obi:\nWe moved a lot of key-working to the phone, and honestly, for some clients that worked better. \
         People who found the waiting room hard could talk from home.\n\n\
         Interviewer:\nAnd for others?\n\n\
         Dr Amara Obi:\nFor others it meant we lost touch & that still worries me.\n"
    );
    assert_eq!(
        speakers(&dir, "P9"),
        ["Interviewer", "Dr Amara Obi", "Interviewer", "Dr Amara Obi"]
    );
}

#[test]
fn other_and_damaged_files_are_refused_by_name_and_nothing_is_written() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = new_project(tmp.path());
    let before = snapshot(&dir);
    let pdf = tmp.path().join("consent form.pdf");
    std::fs::write(&pdf, b"%PDF-1.7\n").expect("write");
    let err = fails(&["import", s(&dir), s(&pdf)]);
    assert!(err.contains("consent form.pdf"), "{err}");
    assert!(
        err.contains(".txt, .md, .docx, .odt, .srt or .vtt"),
        "{err}"
    );

    let broken = tmp.path().join("P12.docx");
    std::fs::write(&broken, b"PK\x03\x04 this was cut off in the upload").expect("write");
    let err = fails(&["import", s(&dir), s(&broken)]);
    assert!(
        err.contains("P12.docx") && err.contains("not a readable zip"),
        "{err}"
    );

    let not_word = tmp.path().join("P13.docx");
    std::fs::write(
        &not_word,
        archive::write(&[("notes.txt".into(), b"hi".to_vec())]).expect("zips"),
    )
    .expect("write");
    let err = fails(&["import", s(&dir), s(&not_word)]);
    assert!(
        err.contains("P13.docx") && err.contains("word/document.xml"),
        "{err}"
    );

    let bad_srt = tmp.path().join("P14.srt");
    std::fs::write(
        &bad_srt,
        "1\n00:00:01,000 --> 00:00:02,000\nHello\n\n2\nnot a timing\nBye\n",
    )
    .expect("write");
    let err = fails(&["import", s(&dir), s(&bad_srt)]);
    assert!(err.contains("P14.srt:5: expected a cue timing"), "{err}");

    // A good file beside a bad one: all or nothing.
    let good = tmp.path().join("P15.txt");
    std::fs::write(&good, "Interviewer: Hello.\n").expect("write");
    fails(&["import", s(&dir), s(&good), s(&pdf)]);
    assert_eq!(
        snapshot(&dir),
        before,
        "a refused import changed the project"
    );
}

#[test]
fn the_workbench_shows_a_turn_time_beside_its_speaker() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = new_project(tmp.path());
    ok(&[
        "import",
        s(&dir),
        s(&data("P8-peer-mentor.srt")),
        "--id",
        "P8",
    ]);
    let (project, _) = Store::open(&dir).expect("opens");
    let app = common::fixture::app(project, (100, 20));
    let screen = common::fixture::screen_text(&app);
    let line = screen
        .lines()
        .find(|l| l.contains("Participant 8:"))
        .expect("the label is on screen");
    assert!(line.contains("Participant 8:  00:05"), "{screen}");
    let line = screen
        .lines()
        .find(|l| l.contains("Interviewer:"))
        .expect("the label is on screen");
    assert!(line.contains("Interviewer:  00:02"), "{screen}");
}
