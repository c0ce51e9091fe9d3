//! Hostile and broken REFI-QDA packages: each is refused with a message
//! naming the file and the problem, nothing is written outside the target,
//! no half-made project is left behind, and margin never panics.

mod common;

use common::cli::{fails, ok, snapshot};
use margin::interop::archive;
use std::path::Path;

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

const QDE_HEAD: &str = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";

/// A small valid project.qde with one text source at `path`.
fn qde(path: &str) -> String {
    format!(
        "{QDE_HEAD}<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"Outreach\">\n\
         <Sources><TextSource guid=\"11111111-2222-4333-8444-555555555555\" name=\"Interview 3\" plainTextPath=\"{path}\"/></Sources>\n\
         </Project>\n"
    )
}

fn package(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let owned: Vec<(String, Vec<u8>)> = entries
        .iter()
        .map(|(n, b)| (n.to_string(), b.to_vec()))
        .collect();
    archive::write(&owned).expect("zips")
}

/// Imports `bytes` as FILE.qdpx into tmp/target, expecting a refusal; checks
/// nothing was left behind and returns the message.
fn refused(bytes: &[u8]) -> String {
    let tmp = tempfile::tempdir().expect("tmp");
    let work = tmp.path().join("work");
    std::fs::create_dir(&work).expect("mkdir");
    let file = tmp.path().join("export.qdpx");
    std::fs::write(&file, bytes).expect("write");
    let before = snapshot(tmp.path());
    let target = work.join("study");
    let err = fails(&["import-qdpx", s(&file), s(&target)]);
    assert!(
        err.contains("export.qdpx"),
        "the message names the file: {err}"
    );
    assert!(
        !target.exists(),
        "a refused import left {}",
        target.display()
    );
    assert_eq!(snapshot(tmp.path()), before, "a refused import wrote files");
    err
}

#[test]
fn entries_whose_paths_leave_the_folder_are_refused() {
    let ok_qde = qde("internal://a.txt");
    for bad in [
        "../../evil.txt",
        "sources/../../../evil.txt",
        "/tmp/evil.txt",
        "C:\\Users\\evil.txt",
    ] {
        let err = refused(&package(&[
            ("project.qde", ok_qde.as_bytes()),
            ("sources/a.txt", b"Interviewer: Hello."),
            (bad, b"owned"),
        ]));
        assert!(err.contains(&format!("entry '{bad}'")), "{err}");
        assert!(err.contains("refuses archives with such paths"), "{err}");
    }
}

#[test]
fn xml_with_entity_expansion_or_external_entities_is_refused() {
    let laughs = format!(
        "{QDE_HEAD}<!DOCTYPE Project [\n <!ENTITY lol \"lol\">\n <!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n]>\n<Project name=\"&lol3;\"/>\n"
    );
    let err = refused(&package(&[("project.qde", laughs.as_bytes())]));
    assert!(
        err.contains("export.qdpx:project.qde:2:1: declares a DOCTYPE"),
        "{err}"
    );

    let external = format!(
        "{QDE_HEAD}<!DOCTYPE Project [<!ENTITY secret SYSTEM \"file:///etc/passwd\">]>\n<Project name=\"x\"><Description>&secret;</Description></Project>\n"
    );
    let err = refused(&package(&[("project.qde", external.as_bytes())]));
    assert!(err.contains("declares a DOCTYPE"), "{err}");

    let undeclared =
        format!("{QDE_HEAD}<Project name=\"x\"><Description>&secret;</Description></Project>\n");
    let err = refused(&package(&[("project.qde", undeclared.as_bytes())]));
    assert!(err.contains("refers to the entity &secret;"), "{err}");
}

#[test]
fn broken_xml_is_refused_with_its_place() {
    let broken = format!("{QDE_HEAD}<Project name=\"x\">\n  <Sources>\n</Project>\n");
    let err = refused(&package(&[("project.qde", broken.as_bytes())]));
    assert!(err.contains("export.qdpx:project.qde:4:1:"), "{err}");
    assert!(err.contains("broken XML"), "{err}");
    let cut = format!("{QDE_HEAD}<Project name=\"x\"><Sources>");
    let err = refused(&package(&[("project.qde", cut.as_bytes())]));
    assert!(err.contains("cut short"), "{err}");
}

#[test]
fn missing_and_outside_sources_are_refused() {
    let err = refused(&package(&[(
        "project.qde",
        qde("internal://gone.txt").as_bytes(),
    )]));
    assert!(
        err.contains(
            "source 'Interview 3' points to internal://gone.txt, which is not in the package"
        ),
        "{err}"
    );
    for outside in [
        "relative://../../etc/passwd",
        "absolute:///etc/passwd",
        "file:///etc/passwd",
    ] {
        let err = refused(&package(&[("project.qde", qde(outside).as_bytes())]));
        assert!(err.contains("outside the package"), "{err}");
    }
}

#[test]
fn files_that_are_not_projects_are_refused() {
    let err = refused(b"this is not a zip archive");
    assert!(err.contains("not a readable zip archive"), "{err}");
    let err = refused(&package(&[("notes.txt", b"hello")]));
    assert!(err.contains("holds no project.qde"), "{err}");
    let err = refused(&package(&[("project.qde", b"<CodeBook/>")]));
    assert!(err.contains("not <Project>"), "{err}");
    let err = refused(&package(&[("project.qde", b"\xff\xfe\x00")]));
    assert!(err.contains("project.qde"), "{err}");
    let bad_guid =
        qde("internal://a.txt").replace("11111111-2222-4333-8444-555555555555", "not-a-guid");
    let err = refused(&package(&[
        ("project.qde", bad_guid.as_bytes()),
        ("sources/a.txt", b"x"),
    ]));
    assert!(err.contains("no valid GUID ('not-a-guid')"), "{err}");
}

#[test]
fn an_existing_project_is_never_imported_over() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("study");
    ok(&["init", s(&dir)]);
    let before = snapshot(&dir);
    let file = tmp.path().join("export.qdpx");
    std::fs::write(
        &file,
        package(&[
            ("project.qde", qde("internal://a.txt").as_bytes()),
            ("sources/a.txt", b"Interviewer: Hello.\n"),
        ]),
    )
    .expect("write");
    let err = fails(&["import-qdpx", s(&file), s(&dir)]);
    assert!(err.contains("is not empty"), "{err}");
    assert_eq!(snapshot(&dir), before);
    // An empty folder is fine, and the package imports.
    let empty = tmp.path().join("empty");
    std::fs::create_dir(&empty).expect("mkdir");
    ok(&["import-qdpx", s(&file), s(&empty)]);
    assert!(empty.join("documents/a.txt").is_file());
}

#[test]
fn a_broken_codebook_changes_nothing() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("study");
    ok(&["init", s(&dir)]);
    let before = snapshot(&dir);
    let qdc = tmp.path().join("team.qdc");
    std::fs::write(
        &qdc,
        "<CodeBook><Codes><Code guid=\"x\" name=\"A\" isCodable=\"true\"/>",
    )
    .expect("write");
    let err = fails(&["import-codebook", s(&dir), s(&qdc)]);
    assert!(err.contains("team.qdc"), "{err}");
    std::fs::write(
        &qdc,
        "<!DOCTYPE x [<!ENTITY a SYSTEM \"/etc/passwd\">]><CodeBook/>",
    )
    .expect("write");
    let err = fails(&["import-codebook", s(&dir), s(&qdc)]);
    assert!(err.contains("team.qdc:1:1: declares a DOCTYPE"), "{err}");
    assert_eq!(snapshot(&dir), before);
}
