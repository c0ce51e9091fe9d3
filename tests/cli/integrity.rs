//! Issue 9: the analysis stays true when transcripts, branches and coders
//! change. Each test drives the real binary on a temporary project, as the
//! analyst would.

use crate::common;

use common::cli::{fails, ok};
use std::path::Path;

const P1: &str = "Interview P1\n\nInterviewer: Thanks for joining. How do clients describe the mix?\n\nP1: You never know which one you'll get. Some days it's calm,\nother days it's chaos.\n\nInterviewer: And the crack use?\n\nP1: They don't want to talk about it at first.\n";

/// A project with one transcript and two codes, not in git.
fn project() -> (tempfile::TempDir, String) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("study");
    let d = dir.to_str().expect("utf-8 path").to_string();
    ok(&["init", &d, "--title", "Integrity study"]);
    let file = tmp.path().join("P1.txt");
    std::fs::write(&file, P1).expect("write");
    ok(&["import", &d, file.to_str().expect("path")]);
    ok(&[
        "code",
        "add",
        &d,
        "Chaos",
        "--description",
        "Life out of control",
    ]);
    ok(&[
        "code",
        "add",
        &d,
        "Reluctance",
        "--description",
        "Not wanting to talk",
    ]);
    (tmp, d)
}

fn codings_file(d: &str, coder: &str) -> String {
    std::fs::read_to_string(Path::new(d).join(format!("codings/P1/{coder}.ron")))
        .unwrap_or_default()
}

/// Seen 5: coding inside one's own coding with the same code nested a
/// duplicate; next to it, a second fragment. Now it extends the one coding.
#[test]
fn coding_over_or_next_to_ones_own_coding_extends_it() {
    let (_tmp, d) = project();
    let apply = |chars: &str| {
        [
            "apply", &d, "--doc", "P1", "--chars", chars, "--code", "Chaos",
        ]
        .map(str::to_string)
        .to_vec()
    };
    let run = |args: Vec<String>| ok(&args.iter().map(String::as_str).collect::<Vec<_>>());
    run(apply("80..100"));
    let inside = apply("85..90");
    let err = fails(&inside.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(err.contains("already coded"), "{err}");
    let said = run(apply("100..120"));
    assert!(said.contains("joined with 1 coding"), "{said}");
    let said = run(apply("70..85"));
    assert!(said.contains("joined with 1 coding"), "{said}");
    let file = codings_file(&d, "tester");
    assert_eq!(file.matches("code:").count(), 1, "{file}");
    assert!(file.contains("start: 70, end: 120"), "{file}");
    let stats = ok(&["stats", &d, "--json"]);
    assert!(stats.contains("\"codings\": 1"), "{stats}");
}

/// The sample study in a real git repository, committed on main.
struct Repo {
    _tmp: tempfile::TempDir,
    dir: std::path::PathBuf,
}

impl Repo {
    fn with_sample() -> Repo {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path().join("study");
        common::copy_dir(&common::sample_project(), &dir);
        let repo = Repo { _tmp: tmp, dir };
        repo.git_ok(&["init", "-q", "-b", "main"]);
        repo.git_ok(&["config", "user.name", "Test Runner"]);
        repo.git_ok(&["config", "user.email", "test@example.org"]);
        repo.margin_ok(&["git-setup", "."]);
        repo.commit_all("sample study");
        repo
    }

    fn run(&self, program: &str, args: &[&str], coder: Option<&str>) -> std::process::Output {
        let mut cmd = std::process::Command::new(program);
        cmd.current_dir(&self.dir)
            .args(args)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", self.dir.join("../no-global-config"))
            .env_remove("MARGIN_CODER")
            .env_remove("NO_COLOR");
        if let Some(coder) = coder {
            cmd.env("MARGIN_CODER", coder);
        }
        cmd.output().expect("runs")
    }

    fn git_ok(&self, args: &[&str]) -> String {
        common::conflict::ok(self.run("git", args, None), &format!("git {args:?}"))
    }

    fn margin(&self, args: &[&str]) -> std::process::Output {
        self.run(env!("CARGO_BIN_EXE_margin"), args, None)
    }

    fn margin_ok(&self, args: &[&str]) -> String {
        common::conflict::ok(self.margin(args), &format!("margin {args:?}"))
    }

    fn margin_as(&self, coder: &str, args: &[&str]) -> String {
        let out = self.run(env!("CARGO_BIN_EXE_margin"), args, Some(coder));
        common::conflict::ok(out, &format!("margin {args:?} as {coder}"))
    }

    fn commit_all(&self, message: &str) {
        self.git_ok(&["add", "-A"]);
        self.git_ok(&["commit", "-q", "-m", message]);
    }

    fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.dir.join(rel)).expect("read")
    }

    fn write(&self, rel: &str, text: &str) {
        std::fs::write(self.dir.join(rel), text).expect("write")
    }
}

/// (start, excerpt) of every coding line of a codings file.
fn anchors(file: &str) -> Vec<(usize, String)> {
    file.lines()
        .filter_map(|l| {
            let start = l.split("start: ").nth(1)?.split(',').next()?.parse().ok()?;
            let text = l.split("text: \"").nth(1)?.rsplit_once('"')?.0.to_string();
            Some((start, text))
        })
        .collect()
}

/// Seen 1 / Must show: a transcript corrected near the top after coding
/// ends with every coding on its words, `margin check` clean, and one
/// commit that `margin diff` reads as a correction.
#[test]
fn a_corrected_transcript_ends_with_every_coding_on_its_words() {
    let repo = Repo::with_sample();
    let before: Vec<(String, String)> = ["asha", "ben"]
        .map(|c| (c.to_string(), repo.read(&format!("codings/P1/{c}.ron"))))
        .to_vec();
    let text = repo.read("documents/P1.txt");
    let corrected = text.replacen(
        "Thanks for making time",
        "Thank you so much for making time",
        1,
    );
    let shift = corrected.chars().count() - text.chars().count();
    assert_eq!(shift, 11);
    repo.write("documents/P1.txt", &corrected);

    // The problem is named, with the command that settles it.
    let check = repo.margin(&["check", "."]);
    let said = String::from_utf8_lossy(&check.stdout).to_string()
        + &String::from_utf8_lossy(&check.stderr);
    assert!(!check.status.success());
    assert!(said.contains("margin reanchor"), "{said}");

    // A dry run says what would move and writes nothing.
    let dry = repo.margin_ok(&["reanchor", ".", "--dry-run"]);
    assert!(dry.contains("by the text at git commit"), "{dry}");
    assert!(
        dry.contains("0 unplaceable") && dry.contains("nothing written"),
        "{dry}"
    );
    assert_eq!(repo.read("codings/P1/asha.ron"), before[0].1);

    let done = repo.margin_ok(&["reanchor", "."]);
    assert!(
        done.contains("moved") && done.contains("0 unplaceable"),
        "{done}"
    );
    repo.margin_ok(&["check", "."]);
    for (coder, was) in &before {
        let now = repo.read(&format!("codings/P1/{coder}.ron"));
        let (was, now) = (anchors(was), anchors(&now));
        assert_eq!(was.len(), now.len(), "{coder}: no coding lost or added");
        for ((s0, t0), (s1, t1)) in was.iter().zip(&now) {
            assert_eq!(t0, t1, "{coder}: the coding keeps its words");
            assert_eq!(s1 - s0, shift, "{coder}: moved by the correction");
        }
    }
    // Nothing left to do, and one commit reads as a correction.
    let again = repo.margin_ok(&["reanchor", "."]);
    assert!(again.contains("nothing to re-anchor"), "{again}");
    repo.commit_all("P1: corrected transcript");
    let diff = repo.margin_ok(&["diff", ".", "--from", "HEAD~1", "--to", "HEAD"]);
    assert!(
        diff.contains("P1: transcript corrected;") && diff.contains("moved with their words"),
        "{diff}"
    );
    assert!(!diff.contains("  + [") && !diff.contains("  - ["), "{diff}");
}

/// Without git the stored excerpts find the words; a passage deleted from
/// the transcript leaves an unplaced coding, which is never on the text,
/// is named by `margin check`, and is placed or deleted by id.
#[test]
fn a_deleted_passage_is_listed_then_placed_or_deleted() {
    let (_tmp, d) = project();
    for (text, code) in [
        ("You never know which one", "Chaos"),
        ("They don't want to talk", "Reluctance"),
    ] {
        ok(&["apply", &d, "--doc", "P1", "--match", text, "--code", code]);
    }
    let path = Path::new(&d).join("documents/P1.txt");
    let text = std::fs::read_to_string(&path).expect("read");
    std::fs::write(
        &path,
        text.replace("Thanks for joining. ", "")
            .replace("You never know which one you'll get. ", ""),
    )
    .expect("write");
    let out = ok(&["reanchor", &d]);
    assert!(
        out.contains("1 moved") || out.contains("1 coding moved"),
        "{out}"
    );
    assert!(
        out.contains("1 unplaceable") && out.contains("P1/tester/1"),
        "{out}"
    );
    let file = codings_file(&d, "tester");
    assert!(file.contains("unplaced: true"), "{file}");
    let check = common::cli::margin(&["check", &d]);
    let said = String::from_utf8_lossy(&check.stdout).to_string()
        + &String::from_utf8_lossy(&check.stderr);
    assert!(!check.status.success());
    assert!(
        said.contains("unplaced coding") && said.contains("You never know which one"),
        "{said}"
    );
    // Placed on the words the analyst chooses, it is a coding again.
    ok(&[
        "reanchor",
        &d,
        "--place",
        "P1/tester/1",
        "--match",
        "Some days it's calm",
    ]);
    let file = codings_file(&d, "tester");
    assert!(!file.contains("unplaced"), "{file}");
    assert!(file.contains("text: \"Some days it's calm\""), "{file}");
    ok(&["check", &d]);
    let none = fails(&["reanchor", &d, "--delete", "P1/tester/1"]);
    assert!(none.contains("every coding is on its text"), "{none}");
}

/// A copy of the sample study (asha and ben coded P1 and P2), not in git.
fn sample() -> (tempfile::TempDir, String) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("study");
    common::copy_dir(&common::sample_project(), &dir);
    let d = dir.to_str().expect("utf-8 path").to_string();
    (tmp, d)
}

/// Seen 4 / Must show: a third coder's three codings in P1 narrowed
/// `margin agree` to P1 and made `margin lint --min-kappa 0.6` fail with
/// dozens of findings. Now asha and ben are still compared over P1 and P2
/// with the same figures, and cy gets pairs of their own.
#[test]
fn a_third_coder_with_three_codings_leaves_the_main_pair_as_it_was() {
    let (_tmp, d) = sample();
    let json =
        |args: &[&str]| -> serde_json::Value { serde_json::from_str(&ok(args)).expect("json") };
    let mut before = json(&["agree", &d, "--json"]);
    assert_eq!(before["documents"], serde_json::json!(["P1", "P2"]));
    before.as_object_mut().expect("object").remove("units");
    let lint_before = common::cli::margin(&["lint", &d, "--min-kappa", "0.6"]);
    for (text, code) in [
        ("Thanks for making time for this", "chaotic-daily-life"),
        ("I'm a recovery worker here", "chaotic-daily-life"),
        ("drugs work broadly", "chaotic-daily-life"),
    ] {
        ok(&[
            "apply", &d, "--doc", "P1", "--match", text, "--code", code, "--coder", "cy",
        ]);
    }
    let after = json(&["agree", &d, "--json"]);
    let pairs = after["pairs"].as_array().expect("one report per pair");
    assert_eq!(pairs.len(), 3);
    assert_eq!(pairs[0]["coders"], serde_json::json!(["asha", "ben"]));
    assert_eq!(pairs[0]["report"], before, "asha and ben as without cy");
    assert_eq!(pairs[1]["report"]["documents"], serde_json::json!(["P1"]));

    let text = ok(&["agree", &d]);
    assert!(
        text.contains("agreement of asha / ben on 2 document(s) both coded: P1, P2"),
        "{text}"
    );
    assert!(
        text.contains("agreement of asha / cy on 1 document(s) both coded: P1"),
        "{text}"
    );
    let kappa = before["overall"]["kappa"].as_f64().expect("kappa");
    assert!(
        text.contains(&format!("overall: kappa {kappa:.3}")),
        "{text}"
    );
    // Codes nobody in a pair used have no variation to measure.
    assert!(text.contains("n/a (no variation)"), "{text}");

    // lint names the statistic it tests and the pair; asha and ben alone
    // fare exactly as before cy started.
    let only_main =
        common::cli::margin(&["lint", &d, "--min-kappa", "0.6", "--coders", "asha,ben"]);
    assert_eq!(only_main.stdout, lint_before.stdout);
    assert_eq!(only_main.status.code(), lint_before.status.code());
    let all = common::cli::margin(&["lint", &d, "--min-kappa", "0.6"]);
    let all = String::from_utf8_lossy(&all.stdout);
    let before_lines = String::from_utf8_lossy(&lint_before.stdout).to_string();
    for line in all.lines().filter(|l| l.contains("[low-agreement]")) {
        assert!(
            line.contains(": kappa ") && !line.contains("alpha"),
            "{line}"
        );
        assert!(
            line.contains(" / cy on P1)") || before_lines.contains(line),
            "only cy's pairs are new: {line}"
        );
    }
    let alpha = common::cli::margin(&["lint", &d, "--min-alpha", "0.99", "--coders", "asha,ben"]);
    let alpha = String::from_utf8_lossy(&alpha.stdout);
    assert!(
        alpha.contains(": alpha ") && alpha.contains("(asha / ben on P1, P2)"),
        "{alpha}"
    );
    let err = fails(&["agree", &d, "--coders", "asha,nobody"]);
    assert!(
        err.contains("no coder 'nobody'") && err.contains("asha, ben, cy"),
        "{err}"
    );
}

/// Blind work compared before one side has started: a coder named with
/// --coders who has coded nothing counts as coding nothing, with a note.
#[test]
fn a_named_coder_who_has_not_started_counts_as_coding_nothing() {
    let (_tmp, d) = sample();
    let manifest = Path::new(&d).join("margin.ron");
    let text = std::fs::read_to_string(&manifest).expect("manifest");
    std::fs::write(
        &manifest,
        text.replace("\"asha\",", "\"asha\",\n        \"dee\","),
    )
    .expect("write");
    ok(&["check", &d]);
    let out = ok(&["agree", &d, "--coders", "asha,dee"]);
    assert!(
        out.contains("note: dee has coded nothing in P1, P2, P3, P4, P5, P6, P7: counted as coding nothing there"),
        "{out}"
    );
}

/// Seen 3: the split list had a row per coder per passage; moving asha's
/// copy of a passage ben also coded left ben's under the old code and
/// lowered its kappa without a word. Now every coder's coding of the passage
/// moves by default, the preview says so, and one coder only is a choice.
#[test]
fn splitting_a_passage_coded_by_two_coders_moves_both_by_default() {
    let (_tmp, d) = sample();
    let split = |extra: &[&str]| {
        let mut args = vec![
            "code",
            "split",
            &d,
            "stigmatising-labels",
            "--to",
            "Labels in practice",
            "--extracts",
            "P1/asha/6632-6860",
        ];
        args.extend_from_slice(extra);
        ok(&args)
    };
    let only = split(&["--only-named", "--dry-run"]);
    assert!(
        only.contains(
            "only the chosen extracts: 1 coding of other coders on the same passages stay"
        ),
        "{only}"
    );
    let preview = split(&["--dry-run"]);
    assert!(
        preview.contains("split 2 codings")
            && preview.contains("every coder's coding of those passages: asha, ben; 1 moved along"),
        "{preview}"
    );
    split(&[]);
    let left = ok(&["code", "extracts", &d, "stigmatising-labels"]);
    assert!(
        !left.contains("P1/asha/6632-") && !left.contains("P1/ben/6632-"),
        "{left}"
    );
    let moved = ok(&["code", "extracts", &d, "labels-in-practice"]);
    assert!(
        moved.contains("P1/asha/6632-6860") && moved.contains("P1/ben/6632-6958"),
        "{moved}"
    );
    ok(&["check", &d]);
    // Both coders' copies moved together: the new code compares them.
    let agree = ok(&["agree", &d, "--codes", "labels-in-practice", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&agree).expect("json");
    let kappa = json["codes"][0]["kappa"].as_f64().expect("kappa");
    assert!(kappa > 0.6, "{kappa}");
}

/// Seen 2 / Must show: alice refactors on her branch while bob codes a new
/// passage with the old code on his; `git merge` is clean. The project is
/// then consistent at once (bob's coding under the code it became), or names
/// the decision with the command that settles it; `margin reconcile` writes
/// it down touching only bob's file; `margin check` ends clean. Every kind.
#[test]
fn refactors_on_one_branch_survive_coding_on_another() {
    const CODE: &str = "chaotic-daily-life";
    const PASSAGE: &str = "That's the big one.";
    let kinds: [(&str, &[&str], Option<&str>); 6] = [
        (
            "merge",
            &[
                "code",
                "merge",
                ".",
                CODE,
                "--into",
                "binge-and-crash-cycles",
                "--reason",
                "tidy",
            ],
            Some("binge-and-crash-cycles"),
        ),
        (
            "delete, reassigned",
            &[
                "code",
                "delete",
                ".",
                CODE,
                "--reassign-to",
                "missed-and-dropped-appointments",
            ],
            Some("missed-and-dropped-appointments"),
        ),
        (
            "demote, merging codes",
            &[
                "theme",
                "demote",
                ".",
                "chaos-and-unpredictability",
                "--merge-codes",
            ],
            None,
        ),
        (
            "split",
            &[
                "code",
                "split",
                ".",
                CODE,
                "--to",
                "Unstable days",
                "--docs",
                "P1",
            ],
            Some(CODE),
        ),
        (
            "rename",
            &[
                "code",
                "rename",
                ".",
                CODE,
                "Everyday chaos",
                "--reason",
                "clearer",
            ],
            Some(CODE),
        ),
        (
            "delete with its codings",
            &["code", "delete", ".", CODE, "--delete-codings"],
            None,
        ),
    ];
    for (kind, refactor, lands_in) in kinds {
        let repo = Repo::with_sample();
        repo.git_ok(&["checkout", "-q", "-b", "alice"]);
        repo.margin_as("alice", refactor);
        repo.commit_all(kind);
        repo.git_ok(&["checkout", "-q", "-b", "bob", "main"]);
        repo.margin_as(
            "bob",
            &[
                "apply", ".", "--doc", "P3", "--match", PASSAGE, "--code", CODE,
            ],
        );
        repo.commit_all("bob codes P3");
        repo.git_ok(&["checkout", "-q", "alice"]);
        repo.git_ok(&["merge", "-q", "--no-edit", "bob"]);
        let journal = repo.read("journal.ron");
        assert!(
            journal.contains("alice"),
            "{kind}: the journal records alice's decision"
        );

        if kind == "delete with its codings" {
            // A decision: named on open, with the commands that settle it.
            let check = repo.margin(&["check", "."]);
            let said = String::from_utf8_lossy(&check.stdout).to_string()
                + &String::from_utf8_lossy(&check.stderr);
            assert!(!check.status.success(), "{kind}");
            assert!(
                said.contains("deleted with its codings")
                    && said.contains("--restore chaotic-daily-life"),
                "{said}"
            );
            let listed = repo.margin_ok(&["reconcile", "."]);
            assert!(
                listed.contains("decide: 1 coding by bob of 'Chaotic daily life'"),
                "{listed}"
            );
            repo.margin_ok(&["reconcile", ".", "--restore", CODE]);
            repo.margin_ok(&["check", "."]);
            let extracts = repo.margin_ok(&["code", "extracts", ".", CODE]);
            assert!(extracts.contains("P3/bob/"), "{kind}: {extracts}");
            continue;
        }
        // Consistent at once: check is clean before anything is written.
        repo.margin_ok(&["check", "."]);
        let target = match lands_in {
            Some(code) => code.to_string(),
            None => {
                let list = repo.margin_ok(&["code", "list", "."]);
                assert!(list.contains("Chaos and unpredictability"), "{list}");
                "chaos-and-unpredictability".to_string()
            }
        };
        let extracts = repo.margin_ok(&["code", "extracts", ".", &target]);
        assert!(
            extracts.contains("P3/bob/"),
            "{kind}: bob's coding under {target}: {extracts}"
        );
        // reconcile writes it down, in bob's file only.
        let before_files = repo.git_ok(&["status", "--porcelain"]);
        assert!(before_files.trim().is_empty(), "{before_files}");
        repo.margin_ok(&["reconcile", "."]);
        let changed = repo.git_ok(&["status", "--porcelain"]);
        for line in changed.lines() {
            assert!(
                line.ends_with("codings/P3/bob.ron"),
                "{kind}: only bob's file changes: {changed}"
            );
        }
        repo.margin_ok(&["check", "."]);
        assert!(
            repo.read("codings/P3/bob.ron")
                .contains(&format!("code: \"{target}\"")),
            "{kind}"
        );
    }
}

/// Deliver 7 (in part): the resolver names the branches behind "ours" and
/// "theirs", on the command line and on its screen.
#[test]
fn the_resolver_names_the_branches_behind_ours_and_theirs() {
    let repo = Repo::with_sample();
    for (branch, name) in [("alice", "Chaos"), ("bob", "Everyday chaos")] {
        repo.git_ok(&["checkout", "-q", "-b", branch, "main"]);
        repo.margin_as(branch, &["code", "rename", ".", "chaotic-daily-life", name]);
        repo.commit_all(branch);
    }
    repo.git_ok(&["checkout", "-q", "alice"]);
    assert!(
        !repo
            .run("git", &["merge", "--no-edit", "bob"], None)
            .status
            .success()
    );
    let listed = repo.margin(&["resolve", "."]);
    let out = String::from_utf8_lossy(&listed.stdout);
    assert!(
        out.contains("name: \"Chaos\" (ours, alice) vs name: \"Everyday chaos\" (theirs, bob)"),
        "{out}"
    );
    let files = margin::merge::conflicts::find(&repo.dir).expect("reads");
    let mut resolver = margin::tui::screens::resolver::Resolver::new(files).expect("a conflict");
    resolver.sides = margin::store::git::merge_sides(&repo.dir);
    let (palette, _) = margin::tui::palette::load(Some("dark"), None, false).expect("theme");
    let (keymap, _) = margin::tui::load_keymap(None);
    let backend = ratatui::backend::TestBackend::new(120, 30);
    let mut terminal = ratatui::Terminal::new(backend).expect("terminal");
    terminal
        .draw(|f| {
            let area = f.area();
            margin::tui::screens::resolver::draw::render(
                &resolver,
                &repo.dir,
                (&palette, &keymap),
                f,
                area,
            )
        })
        .expect("draws");
    let screen: String = terminal
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|c| c.symbol())
        .collect();
    assert!(
        screen.contains("keep ours (alice)") && screen.contains("keep theirs (bob)"),
        "{screen}"
    );
}

/// Lines added plus removed in `rel` between two commits, as git counts them.
fn diff_lines(repo: &Repo, from: &str, to: &str, rel: &str) -> usize {
    let stat = repo.git_ok(&["diff", "--numstat", from, to, "--", rel]);
    stat.split_whitespace()
        .take(2)
        .map(|n| n.parse::<usize>().expect("a count"))
        .sum()
}

/// Deliver 8: reordering a top-level theme changes a few lines of
/// themes.ron (its place in the order list), not the whole theme block.
#[test]
fn reordering_a_top_level_theme_is_a_small_diff() {
    let repo = Repo::with_sample();
    repo.margin_ok(&[
        "theme",
        "move",
        ".",
        "interventions-for-people-who-use-both-drugs",
        "--before",
        "people-who-use-both-drugs",
    ]);
    repo.commit_all("interventions first");
    let changed = diff_lines(&repo, "HEAD~1", "HEAD", "themes.ron");
    assert!(changed <= 4, "{changed} lines of themes.ron changed");
    // Besides, the journal gains its one line; nothing else is rewritten.
    let status = repo.git_ok(&["diff", "--name-only", "HEAD~1", "HEAD"]);
    assert_eq!(status.trim(), "journal.ron\nthemes.ron");
    assert_eq!(diff_lines(&repo, "HEAD~1", "HEAD", "journal.ron"), 1);
    let list = repo.margin_ok(&["theme", "list", "."]);
    let first = list.find("Interventions").expect("listed");
    let user = list.find("People who use both drugs").expect("listed");
    assert!(first < user, "{list}");
    repo.margin_ok(&["check", "."]);
}

/// Deliver 8: a project in the old layout (format 1, themes.ron a plain
/// list) loads unchanged and is written in the new one when themes change.
#[test]
fn an_old_theme_layout_loads_and_migrates_when_written() {
    let repo = Repo::with_sample();
    let project = margin::store::Store::open(&repo.dir).expect("opens").0;
    let old = margin::store::files::pretty(&project.themes);
    repo.write("themes.ron", &old);
    let manifest = repo.read("margin.ron").replace("format: 2", "format: 1");
    repo.write("margin.ron", &manifest);
    repo.commit_all("old layout");
    let again = margin::store::Store::open(&repo.dir).expect("opens").0;
    assert_eq!(again.themes, project.themes);
    repo.margin_ok(&["check", "."]);
    repo.margin_ok(&[
        "theme",
        "move",
        ".",
        "worker-client-relationship",
        "--before",
        "people-who-use-both-drugs",
    ]);
    assert!(repo.read("themes.ron").starts_with("(\n    order: ["));
    assert!(repo.read("margin.ron").contains("format: 2"));
    let moved = margin::store::Store::open(&repo.dir).expect("opens").0;
    assert_eq!(moved.themes[0].id.as_str(), "worker-client-relationship");
    assert_eq!(moved.themes.len(), project.themes.len());
}

/// Deliver 2: theme moves on one branch, coding on another: the merge is
/// clean, both stand, and `margin check` is clean.
#[test]
fn theme_moves_survive_coding_on_another_branch() {
    let moves: [&[&str]; 3] = [
        &[
            "theme",
            "move",
            ".",
            "worker-client-relationship",
            "--before",
            "people-who-use-both-drugs",
        ],
        &[
            "theme",
            "move",
            ".",
            "chaos-and-unpredictability",
            "--parent",
            "worker-client-relationship",
        ],
        &[
            "theme",
            "demote",
            ".",
            "chaos-and-unpredictability",
            "--keep-codes",
        ],
    ];
    for refactor in moves {
        let repo = Repo::with_sample();
        repo.git_ok(&["checkout", "-q", "-b", "alice"]);
        repo.margin_as("alice", refactor);
        repo.commit_all("alice moves a theme");
        let after_alice = repo.read("themes.ron");
        repo.git_ok(&["checkout", "-q", "-b", "bob", "main"]);
        repo.margin_as(
            "bob",
            &[
                "apply",
                ".",
                "--doc",
                "P3",
                "--match",
                "That's the big one.",
                "--code",
                "chaotic-daily-life",
            ],
        );
        repo.commit_all("bob codes P3");
        repo.git_ok(&["checkout", "-q", "alice"]);
        repo.git_ok(&["merge", "-q", "--no-edit", "bob"]);
        repo.margin_ok(&["check", "."]);
        assert_eq!(repo.read("themes.ron"), after_alice, "{refactor:?}");
        let extracts = repo.margin_ok(&["code", "extracts", ".", "chaotic-daily-life"]);
        assert!(extracts.contains("P3/bob/"), "{refactor:?}: {extracts}");
    }
}

/// Deliver 2, Must show (split): alice splits a code on her branch while bob
/// codes a new passage with it on his. The merge is clean and bob's coding
/// is valid under the old code, but `margin check` names it, with the
/// commands that move it to the new code or keep it; codings the split saw
/// are not named. Both ways settle it and leave check with nothing to say.
#[test]
fn a_coding_made_beside_a_split_is_named_with_the_ways_to_settle_it() {
    const CODE: &str = "chaotic-daily-life";
    for settle in ["move", "keep"] {
        let repo = Repo::with_sample();
        repo.git_ok(&["checkout", "-q", "-b", "alice"]);
        repo.margin_as(
            "alice",
            &[
                "code",
                "split",
                ".",
                CODE,
                "--to",
                "Unstable days",
                "--docs",
                "P1",
            ],
        );
        repo.commit_all("alice splits");
        // Before the merge nothing is beside the split.
        let quiet = repo.margin_ok(&["check", "."]);
        assert!(!quiet.contains("notice"), "{quiet}");
        repo.git_ok(&["checkout", "-q", "-b", "bob", "main"]);
        repo.margin_as(
            "bob",
            &[
                "apply",
                ".",
                "--doc",
                "P3",
                "--match",
                "That's the big one.",
                "--code",
                CODE,
            ],
        );
        repo.commit_all("bob codes P3");
        repo.git_ok(&["checkout", "-q", "alice"]);
        repo.git_ok(&["merge", "-q", "--no-edit", "bob"]);

        let said = repo.margin_ok(&["check", "."]);
        let notices: Vec<&str> = said.lines().filter(|l| l.starts_with("notice:")).collect();
        assert_eq!(notices.len(), 1, "only bob's new coding: {said}");
        let notice = notices[0];
        assert!(
            notice.contains("P3/bob/")
                && notice.contains("while alice split it into 'Unstable days'")
                && notice.contains("--keep-split chaotic-daily-life"),
            "{notice}"
        );
        assert!(said.contains("clean"), "a notice, not an error: {said}");
        // The workbench says so on open.
        let project = margin::store::Store::open(&repo.dir).expect("opens").0;
        let mut app = common::fixture::app(project, (120, 30));
        let effects = app.on_open(&repo.dir);
        assert!(effects.is_empty(), "nothing to write");
        assert!(
            app.status().contains(
                "1 coding of 'Chaotic daily life' made beside alice's split into 'Unstable days'"
            ),
            "{:?}",
            (app.status(), app.tone())
        );
        let command = notice
            .split('`')
            .nth(if settle == "move" { 1 } else { 3 })
            .expect("a command")
            .to_string();
        let args: Vec<&str> = command.split_whitespace().skip(1).collect();
        repo.margin_as("bob", &args);
        repo.commit_all(settle);
        let after = repo.margin_ok(&["check", "."]);
        assert!(!after.contains("notice"), "{settle}: {after}");
        let new_code = repo.margin_ok(&["code", "extracts", ".", "unstable-days"]);
        let old_code = repo.margin_ok(&["code", "extracts", ".", CODE]);
        let (under, not_under) = if settle == "move" {
            (new_code, old_code)
        } else {
            (old_code, new_code)
        };
        assert!(under.contains("P3/bob/"), "{settle}: {under}");
        assert!(!not_under.contains("P3/bob/"), "{settle}: {not_under}");
        if settle == "keep" {
            assert!(
                repo.read("journal.ron")
                    .contains("kept 1 coding of 'Chaotic daily life'")
            );
        }
    }
}

/// Two codings made beside a split: moving one (`code split --extracts`,
/// which journals a split of the same code again) leaves the other named
/// until it is moved or kept too; a keep settles it.
#[test]
fn moving_one_coding_beside_a_split_leaves_the_other_named() {
    const CODE: &str = "chaotic-daily-life";
    let repo = Repo::with_sample();
    repo.git_ok(&["checkout", "-q", "-b", "alice"]);
    repo.margin_as(
        "alice",
        &[
            "code",
            "split",
            ".",
            CODE,
            "--to",
            "Unstable days",
            "--docs",
            "P1",
        ],
    );
    repo.commit_all("alice splits");
    repo.git_ok(&["checkout", "-q", "-b", "bob", "main"]);
    for passage in [
        "That's the big one.",
        "This is something I see all the time.",
    ] {
        repo.margin_as(
            "bob",
            &[
                "apply", ".", "--doc", "P3", "--match", passage, "--code", CODE,
            ],
        );
    }
    repo.commit_all("bob codes P3");
    repo.git_ok(&["checkout", "-q", "alice"]);
    repo.git_ok(&["merge", "-q", "--no-edit", "bob"]);
    let notices = |said: &str| -> Vec<String> {
        said.lines()
            .filter(|l| l.starts_with("notice:"))
            .map(str::to_string)
            .collect()
    };
    let before = notices(&repo.margin_ok(&["check", "."]));
    assert_eq!(before.len(), 2, "{before:?}");
    let command = before[0].split('`').nth(1).expect("a command").to_string();
    let args: Vec<&str> = command.split_whitespace().skip(1).collect();
    repo.margin_as("bob", &args);
    repo.commit_all("move one");
    let after = notices(&repo.margin_ok(&["check", "."]));
    assert_eq!(after, before[1..].to_vec(), "the other stays named");
    repo.margin_as("carol", &["reconcile", ".", "--keep-split", CODE]);
    repo.commit_all("keep the other");
    let settled = repo.margin_ok(&["check", "."]);
    assert!(notices(&settled).is_empty(), "{settled}");
}

/// Deliver 7: "keep both" where both can stand. alice and bob each rewrite
/// the definition of one code on their branches; the merge conflicts on that
/// field. `margin resolve --both` joins the two definitions (ours first), the
/// project reads, and `margin check` is clean.
#[test]
fn keep_both_joins_two_definitions_of_one_code() {
    let repo = Repo::with_sample();
    for (branch, text) in [
        (
            "alice",
            "Days shaped by the next score rather than by plans.",
        ),
        (
            "bob",
            "Appointments, meals and sleep give way to the search for drugs.",
        ),
    ] {
        repo.git_ok(&["checkout", "-q", "-b", branch, "main"]);
        // As the workbench's definition editor writes it.
        let codebook = repo.read("codebook.ron").replace(
            "description: \"Lives without routine or security: evictions, debts, lost phones, violence, moving between places, constant crises.\"",
            &format!("description: \"{text}\""),
        );
        assert!(codebook.contains(text));
        repo.write("codebook.ron", &codebook);
        repo.commit_all(branch);
    }
    repo.git_ok(&["checkout", "-q", "alice"]);
    let merge = repo.run("git", &["merge", "--no-edit", "bob"], None);
    assert!(!merge.status.success(), "the definitions conflict");
    let listed = repo.margin(&["resolve", "."]);
    assert!(String::from_utf8_lossy(&listed.stdout).contains("codebook.ron"));
    let said = repo.margin_ok(&["resolve", ".", "--both"]);
    assert!(said.contains("kept both sides in 1 conflict(s)"), "{said}");
    repo.margin_ok(&["check", "."]);
    let project = margin::store::Store::open(&repo.dir).expect("reads").0;
    let code = &project.codes[&margin::model::CodeId::new("chaotic-daily-life")];
    assert_eq!(
        code.description,
        "Days shaped by the next score rather than by plans.\n\nAppointments, meals and sleep give way to the search for drugs."
    );
}

/// Deliver 7: one logical conflict is one choice. alice moves a code into
/// one theme, bob into another; the merge stops on themes.ron with one
/// block, and keeping either side leaves the code in exactly one theme.
#[test]
fn a_code_moved_to_two_themes_is_one_choice() {
    for (keep, theme) in [("--ours", "health-risks"), ("--theirs", "patterns-of-use")] {
        let repo = Repo::with_sample();
        for (branch, to) in [("alice", "health-risks"), ("bob", "patterns-of-use")] {
            repo.git_ok(&["checkout", "-q", "-b", branch, "main"]);
            repo.margin_as(
                branch,
                &["code", "move", ".", "chaotic-daily-life", "--theme", to],
            );
            repo.commit_all(branch);
        }
        repo.git_ok(&["checkout", "-q", "alice"]);
        assert!(
            !repo
                .run("git", &["merge", "--no-edit", "bob"], None)
                .status
                .success()
        );
        let files = margin::merge::conflicts::find(&repo.dir).expect("reads");
        let blocks: usize = files.iter().map(|f| f.conflicts.len()).sum();
        assert_eq!(blocks, 1, "{files:?}");
        repo.margin_ok(&["resolve", ".", keep]);
        repo.margin_ok(&["check", "."]);
        let project = margin::store::Store::open(&repo.dir).expect("reads").0;
        let holders: Vec<&str> = margin::model::theme::walk(&project.themes)
            .into_iter()
            .filter(|(_, t)| t.codes.iter().any(|c| c.as_str() == "chaotic-daily-life"))
            .map(|(_, t)| t.id.as_str())
            .collect();
        assert_eq!(holders, [theme], "{keep}");
    }
}
