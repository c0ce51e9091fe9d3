//! Team coding over git, with real repositories in temporary folders:
//! parallel coding merges with plain `git merge`, the structural merge driver
//! merges what lines cannot, a real conflict is written so `margin check`
//! names it, and agreement and diff read the project at git refs.

use crate::common;

use common::copy_dir;

use margin::edit::Edit;
use margin::merge::{markers, value::Side};
use margin::model::{CodeId, Project};
use margin::store::Store;
use std::path::PathBuf;
use std::process::{Command, Output};

struct Repo {
    _tmp: tempfile::TempDir,
    root: PathBuf,
    /// The project folder inside the repository.
    dir: PathBuf,
}

fn ok(out: Output, what: &str) -> String {
    assert!(
        out.status.success(),
        "{what} failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

impl Repo {
    /// A repository holding a copy of the sample study at `sub` (may be ""),
    /// committed on main.
    fn with_sample(sub: &str) -> Repo {
        let tmp = tempfile::tempdir().expect("tempdir");
        let root = tmp.path().join("repo");
        let dir = root.join(sub);
        copy_dir(&common::sample_project(), &dir);
        let repo = Repo {
            _tmp: tmp,
            root,
            dir,
        };
        repo.git_ok(&["init", "-q", "-b", "main"]);
        repo.git_ok(&["config", "user.name", "Test Runner"]);
        repo.git_ok(&["config", "user.email", "test@example.org"]);
        repo.commit_all("sample study");
        repo
    }

    fn git(&self, args: &[&str]) -> Output {
        Command::new("git")
            .arg("-C")
            .arg(&self.root)
            .args(args)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", self.root.join("../no-global-config"))
            .output()
            .expect("run git")
    }

    fn git_ok(&self, args: &[&str]) -> String {
        ok(self.git(args), &format!("git {}", args.join(" ")))
    }

    fn commit_all(&self, message: &str) {
        self.git_ok(&["add", "-A"]);
        self.git_ok(&["commit", "-q", "-m", message]);
    }

    fn margin(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_margin"))
            .args(args)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", self.root.join("../no-global-config"))
            .output()
            .expect("run margin")
    }

    fn margin_ok(&self, args: &[&str]) -> String {
        ok(self.margin(args), &format!("margin {}", args.join(" ")))
    }

    fn d(&self) -> &str {
        self.dir.to_str().expect("utf-8 path")
    }

    fn open(&self) -> (Project, Store) {
        Store::open(&self.dir).expect("project opens")
    }

    /// Changes one code through an edit, as every face of margin does.
    fn change_code(&self, id: &str, change: impl FnOnce(&mut margin::model::Code)) {
        let (mut project, mut store) = self.open();
        let before = project.codes[&CodeId::new(id)].clone();
        let mut after = before.clone();
        change(&mut after);
        let edit = Edit::ChangeCode { before, after };
        edit.clone().apply(&mut project).expect("edit applies");
        store.save_edit(&project, &edit).expect("saved");
    }
}

fn first_code(repo: &Repo) -> String {
    repo.open()
        .0
        .codes
        .keys()
        .next()
        .expect("a code")
        .to_string()
}

fn codings_of(project: &Project, doc: &str, coder: &str) -> usize {
    project
        .codings
        .get(&margin::model::DocId::new(doc))
        .and_then(|m| m.get(coder))
        .map_or(0, Vec::len)
}

#[test]
fn parallel_coding_on_two_branches_merges_with_plain_git() {
    let repo = Repo::with_sample("");
    let code = first_code(&repo);
    let before = repo.open().0;
    let asha_before = codings_of(&before, "P3", "asha");

    repo.git_ok(&["checkout", "-q", "-b", "asha-p3"]);
    for range in ["10..60", "400..480"] {
        repo.margin_ok(&[
            "apply",
            repo.d(),
            "--doc",
            "P3",
            "--chars",
            range,
            "--code",
            &code,
            "--coder",
            "asha",
        ]);
    }
    repo.commit_all("asha codes P3");

    repo.git_ok(&["checkout", "-q", "main"]);
    repo.git_ok(&["checkout", "-q", "-b", "ben-p3"]);
    repo.margin_ok(&[
        "code",
        "add",
        repo.d(),
        "Hope",
        "--description",
        "Hope for change",
    ]);
    for (range, c) in [("10..60", code.as_str()), ("700..800", "hope")] {
        repo.margin_ok(&[
            "apply",
            repo.d(),
            "--doc",
            "P3",
            "--chars",
            range,
            "--code",
            c,
            "--coder",
            "ben",
        ]);
    }
    repo.commit_all("ben codes P3 and adds a code");

    repo.git_ok(&["checkout", "-q", "main"]);
    repo.git_ok(&["merge", "-q", "--no-edit", "asha-p3"]);
    repo.git_ok(&["merge", "-q", "--no-edit", "ben-p3"]);

    repo.margin_ok(&["check", repo.d()]);
    let (after, _) = repo.open();
    assert_eq!(codings_of(&after, "P3", "asha"), asha_before + 2);
    assert_eq!(codings_of(&after, "P3", "ben"), 2);
    assert!(after.codes.contains_key(&CodeId::new("hope")));
    assert_eq!(after.coding_count(), before.coding_count() + 4);
}

#[test]
fn the_driver_merges_codebook_and_manifest_changes_that_lines_cannot() {
    let repo = Repo::with_sample("");
    let out = repo.margin_ok(&["git-setup", repo.d()]);
    assert!(out.contains("merge.margin.driver"));
    repo.commit_all("margin git-setup wrote .gitattributes");
    let code = first_code(&repo);
    let name_before = repo.open().0.codes[&CodeId::new(&code)].name.clone();

    // Ours: a new coder (margin.ron), a new code, and a rename.
    repo.git_ok(&["checkout", "-q", "-b", "ours"]);
    repo.margin_ok(&["code", "add", repo.d(), "Zest"]);
    repo.margin_ok(&[
        "apply",
        repo.d(),
        "--doc",
        "P4",
        "--chars",
        "0..20",
        "--code",
        "zest",
        "--coder",
        "cleo",
    ]);
    repo.change_code(&code, |c| c.name = "Renamed on ours".into());
    repo.commit_all("ours");

    // Theirs: another new coder and code, a recolour and a new definition of
    // the same code, and the code moved to the top of another theme.
    repo.git_ok(&["checkout", "-q", "main"]);
    repo.git_ok(&["checkout", "-q", "-b", "theirs"]);
    repo.margin_ok(&["code", "add", repo.d(), "Zeal"]);
    repo.margin_ok(&[
        "apply",
        repo.d(),
        "--doc",
        "P4",
        "--chars",
        "30..50",
        "--code",
        "zeal",
        "--coder",
        "dev",
    ]);
    repo.change_code(&code, |c| {
        c.color = "#123456".into();
        c.description = "Redefined on theirs".into();
    });
    let (project, _) = repo.open();
    let other_theme = project
        .themes
        .iter()
        .flat_map(|t| t.subthemes.iter())
        .find(|t| !t.codes.contains(&CodeId::new(&code)))
        .expect("another theme")
        .id
        .0
        .clone();
    repo.margin_ok(&["code", "move", repo.d(), &code, "--theme", &other_theme]);
    repo.commit_all("theirs");

    repo.git_ok(&["checkout", "-q", "ours"]);
    // Line by line, git cannot merge this (adjacent lines changed on both sides).
    let info = repo.root.join(".git/info/attributes");
    std::fs::create_dir_all(info.parent().expect("parent")).expect("mkdir");
    std::fs::write(&info, "*.ron merge=text\n").expect("attributes");
    assert!(
        !repo
            .git(&["merge", "-q", "--no-edit", "theirs"])
            .status
            .success()
    );
    repo.git_ok(&["merge", "--abort"]);
    std::fs::remove_file(&info).expect("remove");
    // With margin's driver it merges cleanly.
    repo.git_ok(&["merge", "-q", "--no-edit", "theirs"]);
    repo.margin_ok(&["check", repo.d()]);
    let (merged, _) = repo.open();
    let c = &merged.codes[&CodeId::new(&code)];
    assert_ne!(name_before, c.name);
    assert_eq!(
        (c.name.as_str(), c.color.as_str(), c.description.as_str()),
        ("Renamed on ours", "#123456", "Redefined on theirs")
    );
    assert!(merged.codes.contains_key(&CodeId::new("zest")));
    assert!(merged.codes.contains_key(&CodeId::new("zeal")));
    assert!(merged.manifest.coders.contains(&"cleo".into()));
    assert!(merged.manifest.coders.contains(&"dev".into()));
    assert_eq!(
        merged
            .theme_of_code(&CodeId::new(&code))
            .map(|t| t.id.0.clone()),
        Some(other_theme)
    );
    // The merged files are in margin's own layout.
    repo.margin_ok(&["fmt", repo.d(), "--check"]);
}

#[test]
fn the_same_field_changed_twice_is_a_conflict_check_names() {
    let repo = Repo::with_sample("");
    repo.margin_ok(&["git-setup", repo.d()]);
    repo.commit_all("setup");
    let code = first_code(&repo);
    repo.git_ok(&["checkout", "-q", "-b", "ours"]);
    repo.change_code(&code, |c| c.name = "Name A".into());
    repo.commit_all("ours renames");
    repo.git_ok(&["checkout", "-q", "main"]);
    repo.git_ok(&["checkout", "-q", "-b", "theirs"]);
    repo.change_code(&code, |c| c.name = "Name B".into());
    repo.commit_all("theirs renames");
    repo.git_ok(&["checkout", "-q", "ours"]);

    let merge = repo.git(&["merge", "--no-edit", "theirs"]);
    assert!(!merge.status.success(), "a real conflict stops the merge");
    let path = repo.dir.join("codebook.ron");
    let text = std::fs::read_to_string(&path).expect("codebook");
    let found = markers::blocks(&text);
    assert_eq!(found.len(), 1, "{text}");
    assert!(found[0].ours.contains("Name A") && found[0].theirs.contains("Name B"));
    assert_eq!(
        found[0].ours.lines().count(),
        1,
        "only the name line is in conflict"
    );

    let check = repo.margin(&["check", repo.d()]);
    assert!(!check.status.success());
    let expected = format!(
        "codebook.ron:{}:1: unresolved merge conflict",
        found[0].line
    );
    assert!(
        String::from_utf8_lossy(&check.stderr).contains(&expected),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );

    std::fs::write(&path, markers::resolve(&text, Side::Theirs)).expect("resolve");
    repo.margin_ok(&["check", repo.d()]);
    assert_eq!(repo.open().0.codes[&CodeId::new(&code)].name, "Name B");
}

#[test]
fn agreement_between_blind_branches_and_a_readable_diff() {
    let repo = Repo::with_sample("study");
    repo.margin_ok(&["code", "add", repo.d(), "Blind"]);
    repo.commit_all("a code to test with");
    let n = repo.open().0.documents[&margin::model::DocId::new("P5")].char_len();
    for (branch, coder, range) in [("alice", "alice", "100..200"), ("bob", "bob", "150..250")] {
        repo.git_ok(&["checkout", "-q", "-b", branch, "main"]);
        repo.margin_ok(&[
            "apply",
            repo.d(),
            "--doc",
            "P5",
            "--chars",
            range,
            "--code",
            "blind",
            "--coder",
            coder,
        ]);
        repo.commit_all(&format!("{coder} codes blind"));
    }
    repo.git_ok(&["checkout", "-q", "main"]);
    let json = repo.margin_ok(&[
        "agree",
        repo.d(),
        "--refs",
        "alice,bob",
        "--codes",
        "blind",
        "--json",
    ]);
    let report: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(report["documents"], serde_json::json!(["P5"]));
    // a = b = 100 coded, 50 both, n characters:
    // kappa = (n*(n - 100) - (100*100 + (n-100)^2)) / (n^2 - (100*100 + (n-100)^2)).
    let n = n as f64;
    let chance = 100.0 * 100.0 + (n - 100.0) * (n - 100.0);
    let kappa = (n * (n - 100.0) - chance) / (n * n - chance);
    let got = report["codes"][0]["kappa"].as_f64().expect("kappa");
    assert!((got - kappa).abs() < 1e-9, "{got} vs {kappa}");
    // The working tree was not touched.
    assert_eq!(codings_of(&repo.open().0, "P5", "alice"), 0);

    let diff = repo.margin_ok(&["diff", repo.d(), "--from", "main", "--to", "alice"]);
    assert!(diff.starts_with("P5 (alice)\n  + [Blind] lines "), "{diff}");

    repo.margin_ok(&["git-setup", repo.d()]);
    repo.git_ok(&["checkout", "-q", "bob"]);
    repo.margin_ok(&[
        "apply",
        repo.d(),
        "--doc",
        "P5",
        "--chars",
        "300..340",
        "--code",
        "blind",
        "--coder",
        "bob",
    ]);
    let git_diff = repo.git_ok(&["diff", "--", "study/codings"]);
    assert!(
        git_diff.contains("+lines "),
        "textconv shows codings as lines: {git_diff}"
    );
    assert!(git_diff.contains("blind  \""), "{git_diff}");
}
