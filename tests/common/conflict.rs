//! A copy of the sample study in a real git repository, merged so that it
//! holds real conflicts: one code renamed on two branches (codebook.ron) and,
//! if asked, one theme renamed on both too (themes.ron).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const CODE: &str = "chaotic-daily-life";
pub const OURS_NAME: &str = "Chaos";
pub const THEIRS_NAME: &str = "Chaos and unpredictability";
pub const THEME: &str = "reasons-for-use";
pub const OURS_THEME: &str = "Why they use";
pub const THEIRS_THEME: &str = "What the drugs do for them";

pub struct Conflicted {
    _tmp: tempfile::TempDir,
    pub dir: PathBuf,
}

impl Conflicted {
    /// Two renames of `CODE` (and of `THEME` when `themes_too`), merged.
    pub fn new(themes_too: bool) -> Conflicted {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path().join("study");
        super::copy_dir(&super::sample_project(), &dir);
        let repo = Conflicted { _tmp: tmp, dir };
        repo.git_ok(&["init", "-q", "-b", "main"]);
        repo.git_ok(&["config", "user.name", "Test Runner"]);
        repo.git_ok(&["config", "user.email", "test@example.org"]);
        repo.margin_ok(&["git-setup", repo.d()]);
        repo.commit_all("sample study");
        for (branch, code_name, theme_name) in [
            ("ours", OURS_NAME, OURS_THEME),
            ("theirs", THEIRS_NAME, THEIRS_THEME),
        ] {
            repo.git_ok(&["checkout", "-q", "-b", branch, "main"]);
            repo.margin_ok(&["code", "rename", repo.d(), CODE, code_name]);
            if themes_too {
                repo.margin_ok(&["theme", "rename", repo.d(), THEME, theme_name]);
            }
            repo.commit_all(branch);
        }
        repo.git_ok(&["checkout", "-q", "ours"]);
        let merge = repo.git(&["merge", "--no-edit", "theirs"]);
        assert!(!merge.status.success(), "the renames conflict");
        repo
    }

    pub fn d(&self) -> &str {
        self.dir.to_str().expect("utf-8 path")
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.dir.join(rel)).expect("read a project file")
    }

    fn env(cmd: &mut Command, root: &Path) {
        cmd.env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", root.join("../no-global-config"))
            .env_remove("MARGIN_CODER");
    }

    pub fn git(&self, args: &[&str]) -> Output {
        let mut cmd = Command::new("git");
        cmd.arg("-C").arg(&self.dir).args(args);
        Self::env(&mut cmd, &self.dir);
        cmd.output().expect("run git")
    }

    pub fn git_ok(&self, args: &[&str]) -> String {
        ok(self.git(args), &format!("git {}", args.join(" ")))
    }

    fn commit_all(&self, message: &str) {
        self.git_ok(&["add", "-A"]);
        self.git_ok(&["commit", "-q", "-m", message]);
    }

    pub fn margin(&self, args: &[&str]) -> Output {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_margin"));
        cmd.args(args);
        Self::env(&mut cmd, &self.dir);
        cmd.output().expect("run margin")
    }

    pub fn margin_ok(&self, args: &[&str]) -> String {
        ok(self.margin(args), &format!("margin {}", args.join(" ")))
    }
}

pub fn ok(out: Output, what: &str) -> String {
    assert!(
        out.status.success(),
        "{what} failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}
