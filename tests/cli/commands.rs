//! The headless CLI, driven as a user would: the real binary on temporary folders.

use crate::common;

use common::cli::{fails, margin, ok, snapshot};

use std::path::{Path, PathBuf};
use std::process::Command;

const P1: &str = "Interview P1\n\nInterviewer: How do clients describe the mix?\n\nP1: You never know which one you'll get. Some days it's calm,\nother days it's chaos.\n\nInterviewer: And the crack use?\n\nP1: They don't want to talk about it at first.\n";

/// A project with one document, one theme and two codes.
fn project() -> (tempfile::TempDir, String) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("study");
    let d = dir.to_str().expect("utf-8 path").to_string();
    ok(&["init", &d, "--title", "Test study"]);
    let file = tmp.path().join("P1.txt");
    std::fs::write(&file, P1).expect("write");
    ok(&[
        "import",
        &d,
        file.to_str().expect("path"),
        "--attr",
        "role=nurse",
        "--attr",
        "age=34",
    ]);
    ok(&["theme", "add", &d, "People who use both drugs"]);
    ok(&[
        "code",
        "add",
        &d,
        "Chaos",
        "--description",
        "Life out of control",
        "--theme",
        "People who use both drugs",
    ]);
    ok(&[
        "code",
        "add",
        &d,
        "Reluctance",
        "--description",
        "Not wanting to talk about crack",
    ]);
    (tmp, d)
}

#[test]
fn init_creates_an_empty_project_once() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let d = tmp.path().join("s");
    let d = d.to_str().expect("path");
    let out = ok(&["init", d, "--title", "My study"]);
    assert!(out.contains("My study"));
    let files: Vec<_> = snapshot(Path::new(d)).into_keys().collect();
    for name in [
        "margin.ron",
        "codebook.ron",
        "themes.ron",
        "journal.ron",
        ".gitattributes",
        ".gitignore",
    ] {
        assert!(
            files.contains(&PathBuf::from(name)),
            "{name} missing from {files:?}"
        );
    }
    let manifest = std::fs::read_to_string(Path::new(d).join("margin.ron")).expect("manifest");
    assert!(manifest.contains("format: 2"), "{manifest}");
    let err = fails(&["init", d]);
    assert!(err.contains("already"), "{err}");
}

#[test]
fn import_decodes_and_records_attributes() {
    let (tmp, d) = project();
    let record = std::fs::read_to_string(Path::new(&d).join("documents/P1.ron")).expect("record");
    assert!(record.contains("\"role\": \"nurse\""), "{record}");
    let manifest = std::fs::read_to_string(Path::new(&d).join("margin.ron")).expect("manifest");
    assert!(manifest.contains("kind: Number"), "{manifest}");

    // UTF-16 with a BOM and CRLF: decoded with a warning, stored as UTF-8 with LF.
    let mut bytes = vec![0xFF, 0xFE];
    for unit in "P2: naïve\r\ntext\r\n".encode_utf16() {
        bytes.extend(unit.to_le_bytes());
    }
    let f = tmp.path().join("P2.txt");
    std::fs::write(&f, bytes).expect("write");
    let out = margin(&["import", &d, f.to_str().expect("path")]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("UTF-16LE"));
    let text = std::fs::read_to_string(Path::new(&d).join("documents/P2.txt")).expect("text");
    assert_eq!(text, "P2: naïve\ntext\n");

    // Refusals change nothing.
    let before = snapshot(Path::new(&d));
    let bin = tmp.path().join("x.txt");
    std::fs::write(&bin, [0u8, 1, 2, 0x81]).expect("write");
    let err = fails(&["import", &d, bin.to_str().expect("path")]);
    assert!(err.contains("x.txt"), "{err}");
    let docx = tmp.path().join("y.docx");
    std::fs::write(&docx, b"PK").expect("write");
    // A damaged Word file is named, with what margin reads.
    let err = fails(&["import", &d, docx.to_str().expect("path")]);
    assert!(
        err.contains("y.docx") && err.contains("margin reads .docx files as Word saves them"),
        "{err}"
    );
    let again = tmp.path().join("P1.txt");
    assert!(
        fails(&["import", &d, again.to_str().expect("path")])
            .contains("already has a document 'P1'")
    );
    assert!(
        fails(&[
            "import",
            &d,
            again.to_str().expect("path"),
            "--attr",
            "nokey"
        ])
        .contains("KEY=VALUE")
    );
    assert_eq!(before, snapshot(Path::new(&d)));
}

#[test]
fn code_list_columns_line_up_for_wide_and_long_names() {
    let (_tmp, d) = project();
    ok(&["code", "add", &d, "Ünïcode 中文 😀"]);
    ok(&[
        "code",
        "add",
        &d,
        "A rather long code name that is wider than thirty columns",
    ]);
    let list = ok(&["code", "list", &d]);
    // Every row's THEME column starts at the same display column.
    let starts: Vec<usize> = list
        .lines()
        .map(|l| {
            let at = ["THEME", "(unsorted)", "People who"]
                .iter()
                .find_map(|t| l.find(t))
                .unwrap_or(0);
            unicode_width::UnicodeWidthStr::width(&l[..at])
        })
        .collect();
    assert!(starts.windows(2).all(|w| w[0] == w[1]), "{list}");
}

#[test]
fn codes_and_themes_add_and_list() {
    let (_tmp, d) = project();
    ok(&[
        "theme",
        "add",
        &d,
        "Chaos and unpredictability",
        "--parent",
        "people-who-use-both-drugs",
        "--status",
        "final",
    ]);
    let tree = ok(&["theme", "list", &d]);
    assert!(
        tree.contains("People who use both drugs [candidate]"),
        "{tree}"
    );
    assert!(
        tree.contains("  Chaos and unpredictability [final]"),
        "{tree}"
    );
    assert!(tree.contains("- Chaos (0)"), "{tree}");
    assert!(tree.contains("(unsorted)\n  - Reluctance (0)"), "{tree}");
    let list = ok(&["code", "list", &d]);
    assert!(list.contains("reluctance"), "{list}");

    let before = snapshot(Path::new(&d));
    assert!(fails(&["code", "add", &d, "chaos"]).contains("already has a code"));
    assert!(fails(&["code", "add", &d, "New", "--color", "red"]).contains("#e06c75"));
    assert!(fails(&["code", "add", &d, "New", "--theme", "nope"]).contains("no theme 'nope'"));
    assert!(fails(&["theme", "add", &d, "T", "--parent", "nope"]).contains("no theme 'nope'"));
    assert!(
        fails(&["theme", "add", &d, "T", "--status", "done"])
            .contains("candidate, reviewed or final")
    );
    assert_eq!(before, snapshot(Path::new(&d)));
}

#[test]
fn apply_codes_by_chars_lines_and_match() {
    let (_tmp, d) = project();
    ok(&[
        "apply",
        &d,
        "--doc",
        "P1",
        "--match",
        "You never know which one you'll get.",
        "--code",
        "Chaos",
    ]);
    ok(&[
        "apply",
        &d,
        "--doc",
        "P1",
        "--lines",
        "10:5-10:46",
        "--code",
        "reluctance",
        "--coder",
        "ben",
    ]);
    ok(&[
        "apply", &d, "--doc", "P1", "--chars", "0..12", "--code", "chaos", "--memo", "heading",
    ]);
    let tester =
        std::fs::read_to_string(Path::new(&d).join("codings/P1/tester.ron")).expect("codings");
    assert!(
        tester.contains("text: \"Interview P1\", memo: \"heading\""),
        "{tester}"
    );
    assert!(
        tester.contains("lines: \"5\", text: r#\"You never know")
            || tester.contains("text: \"You never know which one you'll get.\""),
        "{tester}"
    );
    let ben = std::fs::read_to_string(Path::new(&d).join("codings/P1/ben.ron")).expect("codings");
    assert!(
        ben.contains("text: \"They don't want to talk about it at first.\""),
        "{ben}"
    );
    let manifest = std::fs::read_to_string(Path::new(&d).join("margin.ron")).expect("manifest");
    assert!(
        manifest.contains("\"ben\"") && manifest.contains("\"tester\""),
        "{manifest}"
    );

    let before = snapshot(Path::new(&d));
    assert!(
        fails(&[
            "apply", &d, "--doc", "P9", "--chars", "0..1", "--code", "chaos"
        ])
        .contains("no document 'P9'")
    );
    assert!(
        fails(&[
            "apply", &d, "--doc", "P1", "--chars", "0..1", "--code", "nope"
        ])
        .contains("no code 'nope'")
    );
    assert!(
        fails(&[
            "apply", &d, "--doc", "P1", "--chars", "0..99999", "--code", "chaos"
        ])
        .contains("outside P1")
    );
    assert!(
        fails(&[
            "apply", &d, "--doc", "P1", "--chars", "5..5", "--code", "chaos"
        ])
        .contains("empty")
    );
    assert!(
        fails(&[
            "apply", &d, "--doc", "P1", "--chars", "a..b", "--code", "chaos"
        ])
        .contains("whole numbers")
    );
    assert!(
        fails(&[
            "apply",
            &d,
            "--doc",
            "P1",
            "--lines",
            "99:1-99:2",
            "--code",
            "chaos"
        ])
        .contains("outside")
    );
    assert!(
        fails(&[
            "apply",
            &d,
            "--doc",
            "P1",
            "--match",
            "not in the text",
            "--code",
            "chaos"
        ])
        .contains("0 time(s)")
    );
    assert!(
        fails(&[
            "apply", &d, "--doc", "P1", "--chars", "0..12", "--code", "chaos"
        ])
        .contains("already coded")
    );
    assert!(fails(&["apply", &d, "--doc", "P1", "--code", "chaos"]).contains("--chars"));
    assert_eq!(before, snapshot(Path::new(&d)));
}

#[test]
fn check_reports_damage_with_file_line_and_column() {
    let (_tmp, d) = project();
    ok(&[
        "apply",
        &d,
        "--doc",
        "P1",
        "--match",
        "other days it's chaos.",
        "--code",
        "chaos",
    ]);
    assert!(ok(&["check", &d]).contains("clean"));

    // A damaged RON file: file:line:col on stderr, non-zero exit, nothing changed.
    let codebook = Path::new(&d).join("codebook.ron");
    let text = std::fs::read_to_string(&codebook).expect("codebook");
    std::fs::write(
        &codebook,
        text.replacen("name: \"Chaos\"", "name: Chaos\"", 1),
    )
    .expect("write");
    let before = snapshot(Path::new(&d));
    let err = fails(&["check", &d]);
    let expected = format!("{d}/codebook.ron:4:");
    assert!(err.contains(&expected), "{err}");
    let err = fails(&[
        "apply", &d, "--doc", "P1", "--chars", "0..3", "--code", "chaos",
    ]);
    assert!(err.contains(&expected), "{err}");
    assert!(fails(&["stats", &d]).contains("codebook.ron"));
    assert_eq!(before, snapshot(Path::new(&d)));
    std::fs::write(&codebook, text).expect("restore");

    // Semantic problems: a dangling code id, a changed transcript.
    let codings = Path::new(&d).join("codings/P1/tester.ron");
    let c = std::fs::read_to_string(&codings).expect("codings");
    std::fs::write(&codings, c.replace("code: \"chaos\"", "code: \"gone\"")).expect("write");
    let transcript = Path::new(&d).join("documents/P1.txt");
    let t = std::fs::read_to_string(&transcript).expect("text");
    std::fs::write(&transcript, t.replace("chaos", "CHAOS")).expect("write");
    let err = fails(&["check", &d]);
    assert!(
        err.contains("codings/P1/tester.ron:2:") && err.contains("unknown code 'gone'"),
        "{err}"
    );
    assert!(
        err.contains("documents/P1.txt:1:1: the text changed since its codings were made"),
        "{err}"
    );
    assert!(err.contains("coding no longer anchors"), "{err}");
}

#[test]
fn not_a_project_is_a_clear_error() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let d = tmp.path().to_str().expect("path");
    assert!(fails(&["check", d]).contains("not a margin project"));
    assert!(fails(&["stats", d]).contains("not a margin project"));
}

#[test]
fn stats_json_has_the_promised_keys() {
    let (_tmp, d) = project();
    ok(&[
        "apply",
        &d,
        "--doc",
        "P1",
        "--match",
        "other days it's chaos.",
        "--code",
        "chaos",
    ]);
    ok(&[
        "apply",
        &d,
        "--doc",
        "P1",
        "--match",
        "other days it's chaos.",
        "--code",
        "chaos",
        "--coder",
        "ben",
    ]);
    let json: serde_json::Value =
        serde_json::from_str(&ok(&["stats", &d, "--json"])).expect("json");
    assert_eq!(json["documents"], 1);
    assert_eq!(json["codes"], 2);
    assert_eq!(json["themes"], 1);
    assert_eq!(json["codings"], 2);
    assert_eq!(json["per_code"]["Chaos"], 2);
    assert_eq!(json["per_code"]["Reluctance"], 0);
    assert_eq!(json["per_coder"]["ben"], 1);
    assert_eq!(json["per_coder"]["tester"], 1);
    let text = ok(&["stats", &d]);
    assert!(
        text.contains("1 documents") && text.contains("2 codings"),
        "{text}"
    );
}

#[test]
fn memos_are_markdown_files() {
    let (_tmp, d) = project();
    assert!(ok(&["memo", &d, "project"]).contains("no memo"));
    ok(&[
        "memo",
        &d,
        "code:Chaos",
        "--set",
        "Seen in **every** interview.",
    ]);
    ok(&["memo", &d, "project", "--set", "Braun & Clarke."]);
    let memo = std::fs::read_to_string(Path::new(&d).join("memos/codes/chaos.md")).expect("memo");
    assert_eq!(memo, "Seen in **every** interview.\n");
    assert_eq!(
        ok(&["memo", &d, "code:chaos"]),
        "Seen in **every** interview.\n"
    );
    ok(&["memo", &d, "code:chaos", "--clear"]);
    assert!(!Path::new(&d).join("memos/codes/chaos.md").exists());
    assert!(fails(&["memo", &d, "code:nope", "--set", "x"]).contains("no code 'nope'"));
    assert!(fails(&["memo", &d, "elsewhere"]).contains("expected project"));
    assert!(ok(&["check", &d]).contains("clean"));
}

fn git(dir: &str, args: &[&str]) -> String {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.org")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.org")
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn one_coding_is_one_added_line_in_one_file() {
    let (_tmp, d) = project();
    ok(&[
        "apply",
        &d,
        "--doc",
        "P1",
        "--match",
        "Some days it's calm",
        "--code",
        "chaos",
    ]);
    git(&d, &["init", "-q"]);
    git(&d, &["add", "-A"]);
    git(&d, &["commit", "-qm", "base"]);

    ok(&[
        "apply",
        &d,
        "--doc",
        "P1",
        "--match",
        "You never know",
        "--code",
        "chaos",
    ]);
    assert_eq!(
        git(&d, &["diff", "--numstat"]),
        "1\t0\tcodings/P1/tester.ron\n"
    );
    git(&d, &["commit", "-qam", "coding"]);

    ok(&[
        "code",
        "add",
        &d,
        "Power of language",
        "--description",
        "Words that label clients",
    ]);
    let numstat = git(&d, &["diff", "--numstat"]);
    let lines: Vec<&str> = numstat.lines().collect();
    assert_eq!(lines.len(), 1, "{numstat}");
    assert!(lines[0].ends_with("\t0\tcodebook.ron"), "{numstat}");
}

#[test]
fn loading_then_saving_changes_no_byte() {
    let (_tmp, d) = project();
    ok(&[
        "apply",
        &d,
        "--doc",
        "P1",
        "--match",
        "You never know",
        "--code",
        "chaos",
        "--memo",
        "line one\nline two",
    ]);
    let before = snapshot(Path::new(&d));
    let (project, mut store) = margin::store::Store::open(&d).expect("opens");
    let report = store.save(&project).expect("saves");
    assert!(report.is_empty(), "{report:?}");
    assert_eq!(before, snapshot(Path::new(&d)));
    // A coding memo with a line break still keeps one coding per line.
    let codings =
        std::fs::read_to_string(Path::new(&d).join("codings/P1/tester.ron")).expect("codings");
    assert_eq!(codings.lines().count(), 3, "{codings}");
}

#[test]
fn every_subcommand_has_help_with_an_example() {
    for sub in [
        vec!["init"],
        vec!["import"],
        vec!["code", "add"],
        vec!["code", "list"],
        vec!["theme", "add"],
        vec!["theme", "list"],
        vec!["apply"],
        vec!["check"],
        vec!["stats"],
        vec!["memo"],
        vec!["fmt"],
        vec!["demo"],
    ] {
        let mut args = sub.clone();
        args.push("--help");
        let help = ok(&args);
        assert!(
            help.contains("Example"),
            "{sub:?} help lacks an example:\n{help}"
        );
    }
}

#[test]
fn fmt_rewrites_hand_edited_files_in_margins_layout() {
    let (_tmp, d) = project();
    assert!(ok(&["fmt", &d, "--check"]).is_empty());
    let codebook = Path::new(&d).join("codebook.ron");
    let canonical = std::fs::read_to_string(&codebook).expect("codebook");
    let squashed = canonical.split_whitespace().collect::<Vec<_>>().join(" ");
    std::fs::write(&codebook, &squashed).expect("write");
    assert!(
        ok(&["check", &d]).contains("clean"),
        "hand layout is still valid"
    );
    let out = margin(&["fmt", &d, "--check"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("codebook.ron"));
    assert_eq!(
        std::fs::read_to_string(&codebook).expect("codebook"),
        squashed,
        "--check writes nothing"
    );
    assert!(ok(&["fmt", &d]).contains("saved codebook.ron"));
    assert_eq!(
        std::fs::read_to_string(&codebook).expect("codebook"),
        canonical
    );
}

#[test]
fn a_closed_pipe_ends_output_quietly() {
    use std::io::Read;
    use std::process::Stdio;
    let (_tmp, d) = project();
    let mut child = Command::new(env!("CARGO_BIN_EXE_margin"))
        .args(["stats", &d])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawns");
    // Close the reading end at once, as `| head -0` would.
    drop(child.stdout.take());
    let status = child.wait().expect("waits");
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut stderr)
        .expect("reads");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(status.success(), "{stderr}");
}

#[test]
fn commands_do_not_write_under_a_running_workbench() {
    let (_tmp, d) = project();
    let lock = margin::store::ProjectLock::acquire(Path::new(&d)).expect("free");
    let before = snapshot(Path::new(&d));
    let err = fails(&[
        "apply", &d, "--doc", "P1", "--chars", "0..5", "--code", "chaos",
    ]);
    assert!(err.contains("another margin"), "{err}");
    assert!(fails(&["code", "add", &d, "Fresh"]).contains("another margin"));
    assert!(fails(&["fmt", &d]).contains("another margin"));
    // Reading is fine while the workbench is open.
    assert!(ok(&["check", &d]).contains("clean"));
    assert_eq!(before, snapshot(Path::new(&d)));
    drop(lock);
    ok(&[
        "apply", &d, "--doc", "P1", "--chars", "0..5", "--code", "chaos",
    ]);
}

#[test]
fn confirmations_are_past_tense_with_proper_plurals() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let d = tmp.path().join("study");
    let d = d.to_str().expect("utf-8 path");
    ok(&["init", d, "--title", "Wording"]);
    let one = tmp.path().join("one.txt");
    std::fs::write(&one, "Hello\n").expect("write");
    let many = tmp.path().join("many.txt");
    std::fs::write(&many, "P1: two words\nP1: and more\n").expect("write");
    let out = ok(&["import", d, one.to_str().expect("path")]);
    assert_eq!(out, "imported one: 1 line, 1 word\n");
    let out = ok(&["import", d, many.to_str().expect("path")]);
    assert_eq!(out, "imported many: 2 lines, 6 words\n");
    assert_eq!(
        ok(&["theme", "add", d, "Top"]),
        "added theme 'Top' (id top)\n"
    );
    assert_eq!(
        ok(&["theme", "add", d, "Sub", "--parent", "Top"]),
        "added theme 'Sub' under 'Top' (id sub)\n"
    );
    assert_eq!(
        ok(&["code", "add", d, "Chaos"]),
        "added code 'Chaos' (id chaos)\n"
    );
}
