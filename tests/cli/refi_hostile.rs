//! Hostile and broken REFI-QDA packages: each is refused with a message
//! naming the file and the problem, nothing is written outside the target,
//! no half-made project is left behind, and margin never panics.

use crate::common;

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

/// A raw deflate stream that inflates to `1 + 258 * n` zero bytes from about
/// 13n/8 bytes: a literal zero, then n times "copy 258 bytes from one back",
/// in deflate's fixed Huffman codes.
fn deflate_zeros(n: usize) -> Vec<u8> {
    #[derive(Default)]
    struct Bits {
        out: Vec<u8>,
        acc: u8,
        len: u8,
    }
    impl Bits {
        fn bit(&mut self, b: u32) {
            self.acc |= ((b & 1) as u8) << self.len;
            self.len += 1;
            if self.len == 8 {
                self.out.push(self.acc);
                (self.acc, self.len) = (0, 0);
            }
        }
        /// Header fields go least significant bit first.
        fn value(&mut self, v: u32, count: u32) {
            (0..count).for_each(|i| self.bit(v >> i));
        }
        /// Huffman codes go most significant bit first.
        fn code(&mut self, c: u32, count: u32) {
            (0..count).rev().for_each(|i| self.bit(c >> i));
        }
    }
    let mut bits = Bits::default();
    bits.value(1, 1); // the final block
    bits.value(1, 2); // fixed Huffman codes
    bits.code(0x30, 8); // literal 0
    for _ in 0..n {
        bits.code(0xC5, 8); // length 258 (symbol 285)
        bits.code(0, 5); // distance 1
    }
    bits.code(0, 7); // end of block (symbol 256)
    if bits.len > 0 {
        bits.out.push(bits.acc);
    }
    bits.out
}

/// A zip holding one deflated entry `name` with the given raw stream, its
/// header telling the truth about the size it inflates to (a bomb need not lie).
fn zip_with_raw_entry(name: &str, data: &[u8], inflated: u32) -> Vec<u8> {
    let mut out = Vec::new();
    let u16le = |out: &mut Vec<u8>, v: u16| out.extend(v.to_le_bytes());
    let u32le = |out: &mut Vec<u8>, v: u32| out.extend(v.to_le_bytes());
    let csize = u32::try_from(data.len()).expect("small");
    let name_len = u16::try_from(name.len()).expect("short");
    u32le(&mut out, 0x0403_4b50);
    for v in [20, 0, 8, 0, 0x21] {
        u16le(&mut out, v);
    }
    for v in [0, csize, inflated] {
        u32le(&mut out, v);
    }
    u16le(&mut out, name_len);
    u16le(&mut out, 0);
    out.extend(name.as_bytes());
    out.extend(data);
    let directory = u32::try_from(out.len()).expect("small");
    u32le(&mut out, 0x0201_4b50);
    for v in [20, 20, 0, 8, 0, 0x21] {
        u16le(&mut out, v);
    }
    for v in [0, csize, inflated] {
        u32le(&mut out, v);
    }
    for v in [name_len, 0, 0, 0, 0] {
        u16le(&mut out, v);
    }
    u32le(&mut out, 0);
    u32le(&mut out, 0);
    out.extend(name.as_bytes());
    let directory_size = u32::try_from(out.len()).expect("small") - directory;
    u32le(&mut out, 0x0605_4b50);
    for v in [0, 0, 1, 1] {
        u16le(&mut out, v);
    }
    u32le(&mut out, directory_size);
    u32le(&mut out, directory);
    u16le(&mut out, 0);
    out
}

#[test]
fn a_zip_bomb_stops_at_the_unpacking_limit() {
    let limit = archive::LIMITS.max_entry_bytes;
    let n = usize::try_from(limit / 258 + 16).expect("fits");
    let stream = deflate_zeros(n);
    assert!(stream.len() < 2_000_000, "{} bytes", stream.len());
    let inflated = u32::try_from(1 + 258 * n).expect("fits");
    let bomb = zip_with_raw_entry("project.qde", &stream, inflated);
    let err = refused(&bomb);
    assert!(
        err.contains("entry 'project.qde' unpacks to more than 256 MiB, the most margin unpacks (a zip bomb?)"),
        "{err}"
    );
}
