//! `margin resolve` on real conflicts made with git: listing them, keeping a
//! side everywhere or in one file, and refusing what would not parse.

use crate::common;

use common::conflict::{CODE, Conflicted, OURS_NAME, OURS_THEME, THEIRS_NAME, THEIRS_THEME, THEME};
use margin::model::{CodeId, ThemeId};
use margin::store::Store;

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn names(repo: &Conflicted) -> (String, String) {
    let (project, _) = Store::open(&repo.dir).expect("the project opens");
    let code = project.codes[&CodeId::new(CODE)].name.clone();
    let theme = project
        .theme(&ThemeId::new(THEME))
        .expect("the theme")
        .name
        .clone();
    (code, theme)
}

#[test]
fn without_a_side_it_lists_each_conflict_and_fails() {
    let repo = Conflicted::new(true);
    let out = repo.margin(&["resolve", repo.d()]);
    assert!(!out.status.success(), "conflicts remain: exit 1");
    assert_eq!(out.status.code(), Some(1));
    let listing = stdout(&out);
    let lines: Vec<&str> = listing.lines().collect();
    assert_eq!(lines.len(), 2, "{listing}");
    let codebook = repo.dir.join("codebook.ron").display().to_string();
    assert!(
        lines[0].starts_with(&format!("{codebook}:")),
        "file and line first: {listing}"
    );
    assert!(
        lines[0].ends_with(&format!(
            ": name: \"{OURS_NAME}\" (ours) vs name: \"{THEIRS_NAME}\" (theirs)"
        )),
        "{listing}"
    );
    // The line is the marker's, the one `margin check` names.
    let line_no = lines[0]
        .strip_prefix(&format!("{codebook}:"))
        .and_then(|rest| rest.split(':').next())
        .expect("a line number");
    let check = repo.margin(&["check", repo.d()]);
    assert!(
        stderr(&check).contains(&format!(
            "codebook.ron:{line_no}:1: unresolved merge conflict"
        )),
        "{}",
        stderr(&check)
    );
    assert!(lines[1].contains(OURS_THEME) && lines[1].contains(THEIRS_THEME));
    assert!(stderr(&out).contains("2 unresolved conflict(s) in 2 file(s)"));
}

#[test]
fn theirs_everywhere_writes_valid_files_and_says_to_git_add() {
    let repo = Conflicted::new(true);
    let out = repo.margin_ok(&["resolve", repo.d(), "--theirs"]);
    assert!(
        out.contains("resolved 2 conflict(s) in 2 file(s); now `git add"),
        "{out}"
    );
    assert!(out.contains(&repo.dir.join("themes.ron").display().to_string()));
    repo.margin_ok(&["check", repo.d()]);
    assert_eq!(
        names(&repo),
        (THEIRS_NAME.to_string(), THEIRS_THEME.to_string())
    );
    // What it wrote is what margin writes: the merge can be committed as is.
    repo.margin_ok(&["fmt", repo.d(), "--check"]);
    let listing = repo.margin_ok(&["resolve", repo.d()]);
    assert!(
        listing.contains("no unresolved merge conflicts"),
        "{listing}"
    );
    repo.git_ok(&["add", "codebook.ron", "themes.ron"]);
    repo.git_ok(&["commit", "-q", "--no-edit"]);
}

#[test]
fn ours_in_one_named_file_leaves_the_other() {
    let repo = Conflicted::new(true);
    let themes_before = repo.read("themes.ron");
    // Named as a path from here, inside the project folder.
    let named = repo.dir.join("codebook.ron");
    let out = repo.margin_ok(&[
        "resolve",
        repo.d(),
        "--ours",
        named.to_str().expect("utf-8"),
    ]);
    assert!(out.contains("resolved 1 conflict(s) in 1 file(s)"), "{out}");
    assert!(
        out.contains("1 other file(s) still hold conflicts"),
        "{out}"
    );
    assert_eq!(repo.read("themes.ron"), themes_before);
    let left = repo.margin(&["resolve", repo.d()]);
    assert_eq!(stdout(&left).lines().count(), 1, "{}", stdout(&left));
    // The rest by its name inside the project.
    repo.margin_ok(&["resolve", repo.d(), "--theirs", "themes.ron"]);
    assert_eq!(
        names(&repo),
        (OURS_NAME.to_string(), THEIRS_THEME.to_string())
    );
}

#[test]
fn a_file_without_conflicts_or_both_sides_are_refused() {
    let repo = Conflicted::new(false);
    let before = repo.read("codebook.ron");
    let out = repo.margin(&["resolve", repo.d(), "--ours", "themes.ron"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("themes.ron: no unresolved merge conflicts"),
        "{}",
        stderr(&out)
    );
    let typo = repo.margin(&["resolve", repo.d(), "--ours", "codebok.ron"]);
    assert!(!typo.status.success());
    assert!(
        stderr(&typo).contains("codebok.ron: no such file in"),
        "{}",
        stderr(&typo)
    );
    let both = repo.margin(&["resolve", repo.d(), "--ours", "--theirs"]);
    assert!(!both.status.success(), "one side at a time");
    assert_eq!(repo.read("codebook.ron"), before);
}

#[test]
fn a_side_that_would_not_parse_is_refused_and_nothing_changes() {
    let repo = Conflicted::new(false);
    // A hand-made block whose theirs side breaks the file.
    let path = repo.dir.join("codebook.ron");
    let text = repo.read("codebook.ron");
    let broken = text.replacen("=======\n", "=======\n        name: (not a string,\n", 1);
    std::fs::write(&path, &broken).expect("write");
    let out = repo.margin(&["resolve", repo.d(), "--theirs"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("codebook.ron:") && err.contains("nothing was written"),
        "{err}"
    );
    assert_eq!(repo.read("codebook.ron"), broken);
    repo.margin_ok(&["resolve", repo.d(), "--ours"]);
    repo.margin_ok(&["check", repo.d()]);
    assert_eq!(names(&repo).0, OURS_NAME);
}
