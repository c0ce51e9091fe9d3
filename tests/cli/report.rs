//! `margin report`, `margin export` and `margin query` on the sample study,
//! as a user runs them: the study committed in a real git repository, the
//! files read back with an XML parser, a zip reader and a CSV parser.

use crate::common;

use common::cli::{margin, ok};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

const THEMES: [&str; 3] = [
    "People who use both drugs",
    "Worker-client relationship",
    "Interventions for people who use both drugs",
];

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_AUTHOR_DATE", "2026-01-01T00:00:00Z")
        .env("GIT_COMMITTER_DATE", "2026-01-01T00:00:00Z")
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// The sample study committed in a fresh repository; returns (tmp, dir, commit).
fn committed_sample() -> (tempfile::TempDir, PathBuf, String) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("study");
    common::copy_dir(&common::sample_project(), &dir);
    git(&dir, &["init", "-q"]);
    git(&dir, &["config", "user.name", "Tester"]);
    git(&dir, &["config", "user.email", "test@example.org"]);
    git(&dir, &["add", "."]);
    git(&dir, &["commit", "-qm", "the study"]);
    let commit = git(&dir, &["rev-parse", "HEAD"]);
    (tmp, dir, commit)
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// The theme definitions from the study, by name.
fn definitions(dir: &Path) -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(dir.join("themes.ron")).expect("themes");
    let themes = margin::store::themes_file::parse(&text).expect("parses");
    themes
        .into_iter()
        .map(|t| (t.name.clone(), t.definition.clone()))
        .collect()
}

/// Counts the quote attributions in a theme's section of `text` (up to the
/// next top-level theme), written as "— P<n>, line".
fn attributed_quotes(text: &str, theme: &str, next: Option<&str>) -> usize {
    let start = text.find(theme).expect("the theme is named");
    let rest = &text[start..];
    let end = next.and_then(|n| rest.find(n)).unwrap_or(rest.len());
    let section = &rest[..end];
    section.matches("— P").filter(|_| true).count()
}

#[test]
fn markdown_names_every_theme_with_quotes_a_mermaid_map_and_the_commit() {
    let (tmp, dir, commit) = committed_sample();
    let out = tmp.path().join("report.md");
    ok(&["report", s(&dir), "--format", "md", "-o", s(&out)]);
    let text = std::fs::read_to_string(&out).expect("written");
    assert!(text.contains("```mermaid\nflowchart LR\n"), "a Mermaid map");
    assert!(
        text.contains(&format!("Made from commit {commit}.")),
        "names the commit"
    );
    let defs = definitions(&dir);
    for (i, theme) in THEMES.iter().enumerate() {
        assert!(
            text.contains(&format!("\n### {theme}\n")),
            "{theme} is a section"
        );
        assert!(text.contains(&defs[*theme]), "{theme}'s definition");
        let n = attributed_quotes(
            &text,
            &format!("### {theme}"),
            THEMES.get(i + 1).map(|t| &t[..]),
        );
        assert!(n >= 2, "{theme} has {n} attributed quotes");
    }
    assert!(
        text.contains("role: nurse prescriber"),
        "quotes carry attribute values"
    );
    assert!(text.contains("## Codebook\n\n| Theme | Code | Definition | Codings | Documents |"));
    assert!(text.contains("## Appendix: decision journal"));
    // The same commit gives the same bytes; the report itself is not a change.
    let again = tmp.path().join("again.md");
    ok(&["report", s(&dir), "--format", "md", "-o", s(&again)]);
    assert_eq!(std::fs::read(&again).expect("written"), text.as_bytes());
    insta::assert_snapshot!("sample_report_md", text.replace(&commit, "<commit>"));
}

#[test]
fn a_report_says_when_the_tree_has_uncommitted_changes() {
    let (tmp, dir, commit) = committed_sample();
    let inside = dir.join("report.md");
    ok(&["report", s(&dir), "-o", s(&inside)]);
    let text = std::fs::read_to_string(&inside).expect("written");
    assert!(
        text.contains(&format!("Made from commit {commit}.")),
        "its own output is not a change"
    );
    ok(&["attr", "set", s(&dir), "P1", "role=nurse"]);
    let out = margin(&["report", s(&dir), "--format", "md"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains(&format!(
            "Made from commit {commit}, with uncommitted changes"
        )),
        "{}",
        &text[..400]
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("uncommitted changes"));
    // Outside any repository the report says it cannot be traced.
    let plain = tmp.path().join("plain");
    common::copy_dir(&common::sample_project(), &plain);
    let text = ok(&["report", s(&plain)]);
    assert!(text.contains("no git commit"), "{}", &text[..400]);
}

#[test]
fn html_is_well_formed_self_contained_with_an_svg_map_and_the_commit() {
    let (tmp, dir, commit) = committed_sample();
    let out = tmp.path().join("report.html");
    ok(&["report", s(&dir), "--format", "html", "-o", s(&out)]);
    let html = std::fs::read_to_string(&out).expect("written");
    // Parse the whole file as XML: every element closed, every entity escaped.
    let mut reader = quick_xml::Reader::from_str(&html);
    let mut svgs = 0;
    let mut text = String::new();
    loop {
        match reader.read_event().expect("well-formed XHTML") {
            quick_xml::events::Event::Eof => break,
            quick_xml::events::Event::Start(e) if e.name().as_ref() == "svg" => svgs += 1,
            quick_xml::events::Event::Start(e) if e.name().as_ref() == "script" => {
                panic!("no script in a report")
            }
            quick_xml::events::Event::Text(t) => text.push_str(&t.xml10_content()),
            quick_xml::events::Event::GeneralRef(r) => text.push_str(&entity(&r)),
            _ => {}
        }
    }
    assert_eq!(svgs, 2, "the thematic map and the frequency chart");
    assert!(html.contains("aria-label=\"Thematic map\""));
    assert!(
        !html.contains("http://") || !html.contains("src=\"http"),
        "nothing fetched"
    );
    assert!(!html.contains("src="), "no external resources");
    assert!(text.contains(&format!("Made from commit {commit}.")));
    let defs = definitions(&dir);
    for theme in THEMES {
        assert!(text.contains(theme));
        assert!(text.contains(&defs[theme]), "{theme}'s definition");
    }
    assert!(html.matches("<blockquote>").count() >= 6);
}

#[test]
fn docx_opens_as_a_zip_whose_document_holds_every_theme_and_its_quotes() {
    let (tmp, dir, commit) = committed_sample();
    let out = tmp.path().join("report.docx");
    ok(&["report", s(&dir), "--format", "docx", "-o", s(&out)]);
    let file = std::fs::File::open(&out).expect("written");
    let mut zip = zip::ZipArchive::new(file).expect("a zip");
    for part in ["[Content_Types].xml", "_rels/.rels", "word/styles.xml"] {
        zip.by_name(part).expect(part);
    }
    let mut xml = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("word/document.xml").expect("document"),
        &mut xml,
    )
    .expect("utf-8");
    let mut reader = quick_xml::Reader::from_str(&xml);
    let mut text = String::new();
    let mut quotes = 0;
    loop {
        match reader.read_event().expect("well-formed document.xml") {
            quick_xml::events::Event::Eof => break,
            quick_xml::events::Event::Empty(e) if e.name().as_ref() == "w:pStyle" => {
                let style = e.try_get_attribute("w:val").expect("attr").expect("val");
                if style.value.as_ref() == "Quote" {
                    quotes += 1;
                }
            }
            quick_xml::events::Event::Text(t) => {
                text.push_str(&t.xml10_content());
                text.push('\n');
            }
            _ => {}
        }
    }
    let defs = definitions(&dir);
    for theme in THEMES {
        assert!(text.contains(theme), "{theme}");
        assert!(text.contains(&defs[theme]), "{theme}'s definition");
    }
    assert!(quotes >= 6, "{quotes} block quotes");
    assert!(text.contains(&commit));
    let again = tmp.path().join("again.docx");
    ok(&["report", s(&dir), "--format", "docx", "-o", s(&again)]);
    assert_eq!(
        std::fs::read(&again).expect("read"),
        std::fs::read(&out).expect("read")
    );
}

/// The text an entity or character reference stands for.
fn entity(r: &quick_xml::events::BytesRef<'_>) -> String {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return c.to_string();
    }
    match r.xml10_content().as_ref() {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        other => panic!("unknown entity &{other};"),
    }
    .to_string()
}

fn csv_rows(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader
        .headers()
        .expect("a header")
        .iter()
        .map(String::from)
        .collect();
    let rows = reader
        .records()
        .map(|r| {
            r.expect("an RFC 4180 row")
                .iter()
                .map(String::from)
                .collect()
        })
        .collect();
    (header, rows)
}

#[test]
fn csv_queries_and_the_export_agree_with_stats() {
    let sample = common::sample_project();
    let d = s(&sample);
    let stats: serde_json::Value =
        serde_json::from_str(&ok(&["stats", d, "--json"])).expect("json");
    let per_code: BTreeMap<String, usize> = stats["per_code"]
        .as_object()
        .expect("per_code")
        .iter()
        .map(|(k, v)| (k.clone(), v.as_u64().expect("n") as usize))
        .collect();

    // export: one row per coding, the code's name in "code".
    let (header, rows) = csv_rows(&ok(&["export", d, "--format", "csv"]));
    assert_eq!(
        header,
        [
            "document", "age", "role", "service", "years", "speaker", "start", "end", "lines",
            "code", "theme", "coder", "starred", "text"
        ]
    );
    assert_eq!(rows.len(), stats["codings"].as_u64().expect("n") as usize);
    let mut exported: BTreeMap<String, usize> = per_code.keys().map(|k| (k.clone(), 0)).collect();
    for row in &rows {
        *exported.entry(row[9].clone()).or_default() += 1;
    }
    assert_eq!(exported, per_code);

    // freq --by role: totals per code as stats counts them; the role columns add up.
    let (header, rows) = csv_rows(&ok(&["query", "freq", d, "--by", "role", "--csv"]));
    assert_eq!(&header[..4], ["code", "codings", "documents", "words"]);
    let role_codings: Vec<usize> = header
        .iter()
        .enumerate()
        .filter(|(_, h)| h.starts_with("codings: "))
        .map(|(i, _)| i)
        .collect();
    assert_eq!(role_codings.len(), 6, "six roles in the sample");
    assert_eq!(rows.len(), per_code.len());
    for row in &rows {
        let total: usize = row[1].parse().expect("a number");
        assert_eq!(total, per_code[&row[0]], "{}", row[0]);
        let split: usize = role_codings
            .iter()
            .map(|&i| row[i].parse::<usize>().expect("n"))
            .sum();
        assert_eq!(split, total, "{}", row[0]);
    }

    // cooc: every code, a symmetric table, a diagonal that is non-zero exactly
    // for the codes stats finds in use.
    let (header, rows) = csv_rows(&ok(&["query", "cooc", d, "--csv"]));
    let names: Vec<&String> = header.iter().skip(1).collect();
    assert_eq!(names.len(), per_code.len());
    for (i, row) in rows.iter().enumerate() {
        assert_eq!(&row[0], names[i]);
        for (j, other) in rows.iter().enumerate() {
            assert_eq!(row[j + 1], other[i + 1], "symmetric");
        }
        let diagonal: usize = row[i + 1].parse().expect("n");
        assert_eq!(diagonal > 0, per_code[&row[0]] > 0, "{}", row[0]);
    }
    // By document, the diagonal is freq's document count.
    let (_, docs) = csv_rows(&ok(&["query", "cooc", d, "--unit", "document", "--csv"]));
    let (_, freq) = csv_rows(&ok(&["query", "freq", d, "--csv"]));
    for (i, row) in docs.iter().enumerate() {
        assert_eq!(row[i + 1], freq[i][2], "{}", row[0]);
    }
}

#[test]
fn queries_filter_by_attribute_and_coder_and_the_binary_matrix_is_zero_or_one() {
    let sample = common::sample_project();
    let d = s(&sample);
    let (header, rows) = csv_rows(&ok(&[
        "query", "matrix", d, "--by", "document", "--binary", "--csv",
    ]));
    assert_eq!(header, ["code", "P1", "P2", "P3", "P4", "P5", "P6", "P7"]);
    assert!(
        rows.iter()
            .flat_map(|r| &r[1..])
            .all(|c| c == "0" || c == "1")
    );

    let json: serde_json::Value = serde_json::from_str(&ok(&[
        "query",
        "extracts",
        d,
        "Chaos and unpredictability",
        "--where",
        "service=B",
        "--coder",
        "asha",
        "--json",
    ]))
    .expect("json");
    let list = json.as_array().expect("a list");
    assert!(!list.is_empty());
    for e in list {
        assert_eq!(e["coder"], "asha");
        assert_eq!(e["attributes"]["service"], "B");
        let code = e["code"].as_str().expect("code");
        assert!(
            [
                "chaotic-daily-life",
                "missed-and-dropped-appointments",
                "unpredictable-presentation"
            ]
            .contains(&code),
            "{code} belongs to the theme"
        );
    }
    let err = margin(&["query", "freq", d, "--by", "height"]);
    assert!(!err.status.success());
    assert!(
        String::from_utf8_lossy(&err.stderr)
            .contains("no attribute 'height'; the project has: age, role, service, years")
    );
    // Not a terminal: no progress bar, only the note of what was written.
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("codings.csv");
    let run = margin(&["export", d, "--format", "csv", "-o", s(&out)]);
    assert!(run.status.success());
    assert_eq!(
        String::from_utf8_lossy(&run.stderr).trim(),
        format!("wrote {}", out.display())
    );
}

#[test]
fn a_star_is_one_line_of_its_coding_file_shown_by_diff_and_quoted_first() {
    let (tmp, dir, _) = committed_sample();
    // Star the last extract of P7 by hand, as the workbench's `*` writes it.
    let file = dir.join("codings/P7/asha.ron");
    let text = std::fs::read_to_string(&file).expect("read");
    let lines: Vec<&str> = text.lines().collect();
    let last = lines.len() - 2;
    let starred = lines[last].replacen("),", ", star: true),", 1);
    let mut edited: Vec<String> = lines.iter().map(ToString::to_string).collect();
    edited[last] = starred.clone();
    std::fs::write(&file, edited.join("\n") + "\n").expect("write");
    ok(&["check", s(&dir)]);
    let stat = git(&dir, &["diff", "--numstat"]);
    assert_eq!(stat, "1\t1\tcodings/P7/asha.ron", "one line changed");
    let diff = ok(&["diff", s(&dir)]);
    assert!(diff.contains("starred for the quote bank"), "{diff}");
    // fmt keeps the star where it is.
    ok(&["fmt", s(&dir)]);
    assert!(
        std::fs::read_to_string(&file)
            .expect("read")
            .contains(", star: true)")
    );
    // The report quotes it first in its theme.
    let out = tmp.path().join("r.md");
    ok(&["report", s(&dir), "-o", s(&out), "--quotes", "2"]);
    let report = std::fs::read_to_string(&out).expect("written");
    assert!(report.contains(" ★\n"), "the starred quote is marked");
    let export = ok(&["export", s(&dir), "--format", "csv"]);
    let (_, rows) = csv_rows(&export);
    assert_eq!(rows.iter().filter(|r| r[12] == "TRUE").count(), 1);
}

#[test]
fn the_codebook_exports_as_csv_and_markdown() {
    let sample = common::sample_project();
    let d = s(&sample);
    let stats: serde_json::Value =
        serde_json::from_str(&ok(&["stats", d, "--json"])).expect("json");
    let (header, rows) = csv_rows(&ok(&["export", d, "--format", "codebook-csv"]));
    assert_eq!(
        header,
        [
            "theme",
            "id",
            "code",
            "definition",
            "inclusion",
            "exclusion",
            "example",
            "codings",
            "documents"
        ]
    );
    assert_eq!(rows.len(), stats["codes"].as_u64().expect("n") as usize);
    for row in &rows {
        assert_eq!(
            row[7].parse::<u64>().expect("n"),
            stats["per_code"][&row[2]].as_u64().expect("n"),
            "{}",
            row[2]
        );
        assert!(row[0].contains(" > "), "{} sits in a subtheme", row[2]);
    }
    let md = ok(&["export", d, "--format", "codebook-md"]);
    for theme in THEMES {
        assert!(md.contains(&format!("\n## {theme} (final)\n")), "{theme}");
    }
    insta::assert_snapshot!("sample_codebook_md", md);
}

#[test]
fn an_empty_project_reports_without_a_map() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("empty");
    ok(&["init", s(&dir), "--title", "Empty"]);
    let md = ok(&["report", s(&dir)]);
    assert!(md.contains("## Thematic map\n\n*No themes yet.*"), "{md}");
    let html = ok(&["report", s(&dir), "--format", "html"]);
    let mut reader = quick_xml::Reader::from_str(&html);
    while !matches!(
        reader.read_event().expect("well-formed"),
        quick_xml::events::Event::Eof
    ) {}
}
