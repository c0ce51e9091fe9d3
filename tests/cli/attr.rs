//! `margin attr`: typed case attributes set, listed, imported from CSV and
//! defined, always all or nothing.

use crate::common;

use common::cli::{fails, ok, snapshot};
use std::path::Path;

fn sample() -> (tempfile::TempDir, String) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("study");
    common::copy_dir(&common::sample_project(), &dir);
    let d = dir.to_str().expect("utf-8").to_string();
    (tmp, d)
}

#[test]
fn set_changes_one_line_of_the_document_record() {
    let (_tmp, d) = sample();
    let out = ok(&["attr", "set", &d, "P1", "role=nurse"]);
    assert_eq!(out.trim(), "set role of P1 to 'nurse'");
    let record = std::fs::read_to_string(Path::new(&d).join("documents/P1.ron")).expect("read");
    assert!(record.contains("\"role\": \"nurse\","), "{record}");
    let list = ok(&["attr", "list", &d]);
    assert!(list.contains("role (text)"), "{list}");
    assert!(
        list.contains("P1  age=31  role=nurse  service=A  years=6"),
        "{list}"
    );
}

#[test]
fn a_bad_number_is_refused_and_nothing_is_written() {
    let (_tmp, d) = sample();
    let before = snapshot(Path::new(&d));
    let err = fails(&["attr", "set", &d, "P1", "age=thirty"]);
    assert!(
        err.contains("attribute 'age' should be a number, not 'thirty'"),
        "{err}"
    );
    assert_eq!(snapshot(Path::new(&d)), before);
}

#[test]
fn import_reports_every_bad_row_by_row_and_column_and_writes_nothing() {
    let (tmp, d) = sample();
    ok(&["attr", "define", &d, "interviewed", "--kind", "date"]);
    let csv = tmp.path().join("cases.csv");
    std::fs::write(
        &csv,
        "document,age,interviewed\nP1,32,2024-03-01\nP9,40,2024-03-02\nP2,forty,2024-02-30\n",
    )
    .expect("write");
    let before = snapshot(Path::new(&d));
    let err = fails(&["attr", "import", &d, csv.to_str().expect("utf-8")]);
    let name = csv.display().to_string();
    assert!(
        err.contains(&format!("{name}:3:1: no document 'P9'")),
        "{err}"
    );
    assert!(
        err.contains(&format!("{name}:4:2: attribute 'age' should be a number")),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "{name}:4:3: attribute 'interviewed' should be a date"
        )),
        "{err}"
    );
    assert!(err.contains("nothing was written"), "{err}");
    assert_eq!(snapshot(Path::new(&d)), before);

    std::fs::write(
        &csv,
        "document,age,interviewed\nP1,32,2024-03-01\nP2,45,2024-02-29\n",
    )
    .expect("write");
    ok(&["attr", "import", &d, csv.to_str().expect("utf-8")]);
    let listed = ok(&["attr", "list", &d, "--csv"]);
    let mut reader = csv::Reader::from_reader(listed.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(String::from)
        .collect();
    assert_eq!(
        header,
        ["document", "age", "role", "service", "years", "interviewed"]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert_eq!(&rows[0][1], "32");
    assert_eq!(&rows[0][5], "2024-03-01");
    assert_eq!(&rows[1][5], "2024-02-29");
}

#[test]
fn a_choice_refuses_values_outside_it_and_loading_checks_types() {
    let (_tmp, d) = sample();
    let err = fails(&[
        "attr", "define", &d, "service", "--kind", "choice", "--values", "A,B",
    ]);
    assert!(
        err.contains("P5: attribute 'service' should be one of: A, B; not 'C'"),
        "{err}"
    );
    ok(&[
        "attr", "define", &d, "service", "--kind", "choice", "--values", "A,B,C",
    ]);
    let err = fails(&["attr", "set", &d, "P1", "service=D"]);
    assert!(err.contains("one of: A, B, C"), "{err}");
    // A value edited by hand that breaks its type stops the load at its line.
    let record = Path::new(&d).join("documents/P2.ron");
    let text = std::fs::read_to_string(&record).expect("read");
    std::fs::write(
        &record,
        text.replace("\"service\": \"A\"", "\"service\": \"Z\""),
    )
    .expect("write");
    let err = fails(&["stats", &d]);
    assert!(
        err.contains("documents/P2.ron:7:9: attribute 'service' should be one of"),
        "{err}"
    );
}

#[test]
fn import_refuses_a_value_that_does_not_fit_its_type() {
    let (tmp, d) = sample();
    let file = tmp.path().join("P8.txt");
    std::fs::write(&file, "Interviewer: Hello.\nP8: Hello.\n").expect("write");
    let before = snapshot(Path::new(&d));
    let err = fails(&[
        "import",
        &d,
        file.to_str().expect("utf-8"),
        "--attr",
        "age=unknown",
    ]);
    assert!(
        err.contains("attribute 'age' should be a number, not 'unknown'"),
        "{err}"
    );
    assert_eq!(snapshot(Path::new(&d)), before);
    ok(&[
        "import",
        &d,
        file.to_str().expect("utf-8"),
        "--attr",
        "age=52",
    ]);
    ok(&["check", &d]);
}
