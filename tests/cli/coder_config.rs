//! Who codes: --coder, then $MARGIN_CODER, then `coder` in config.ron, then
//! git's user.name, each tried in a real run of `margin apply`.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;

struct Study {
    _tmp: tempfile::TempDir,
    dir: PathBuf,
    config: PathBuf,
}

impl Study {
    fn new() -> Study {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path().join("study");
        common::copy_dir(&common::sample_project(), &dir);
        let config = tmp.path().join("config");
        std::fs::create_dir_all(&config).expect("config dir");
        let study = Study {
            _tmp: tmp,
            dir,
            config,
        };
        for args in [
            &["init", "-q"][..],
            &["config", "user.name", "Git Person"][..],
        ] {
            let out = study.command("git").args(args).output().expect("git");
            assert!(out.status.success(), "git {args:?}");
        }
        study
    }

    fn command(&self, program: impl AsRef<std::ffi::OsStr>) -> Command {
        let mut cmd = Command::new(program);
        cmd.current_dir(&self.dir)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", self.config.join("no-global-config"))
            .env("MARGIN_CONFIG_DIR", &self.config)
            .env_remove("MARGIN_CODER");
        cmd
    }

    fn config(&self, text: &str) {
        std::fs::write(self.config.join("config.ron"), text).expect("config.ron");
    }

    /// Codes a range of P1 and returns who it was filed under (the one new
    /// codings file) and what margin said on stderr.
    fn apply(&self, extra: &[&str], env: &[(&str, &str)]) -> (String, String) {
        let before = coders_of_p1(&self.dir);
        let mut cmd = self.command(env!("CARGO_BIN_EXE_margin"));
        cmd.args(["apply", ".", "--doc", "P1", "--chars", "0..12"])
            .args(["--code", "chaotic-daily-life"])
            .args(extra);
        for (k, v) in env {
            cmd.env(k, v);
        }
        let out = cmd.output().expect("run margin");
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(out.status.success(), "{stderr}");
        let new: Vec<String> = coders_of_p1(&self.dir)
            .into_iter()
            .filter(|c| !before.contains(c))
            .collect();
        assert_eq!(new.len(), 1, "one new coder file: {new:?}");
        (new[0].clone(), stderr)
    }
}

fn coders_of_p1(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir.join("codings/P1"))
        .expect("codings of P1")
        .filter_map(Result::ok)
        .filter_map(|e| {
            e.file_name()
                .to_str()?
                .strip_suffix(".ron")
                .map(String::from)
        })
        .collect()
}

#[test]
fn the_config_file_comes_between_the_environment_and_git() {
    let study = Study::new();
    // No config file: git's user.name.
    assert_eq!(study.apply(&[], &[]).0, "git-person");
    // config.ron beats git.
    study.config("// who I am\n(coder: \"Asha K\")\n");
    assert_eq!(study.apply(&[], &[]).0, "asha-k");
    // $MARGIN_CODER beats the config file, and --coder beats everything.
    assert_eq!(study.apply(&[], &[("MARGIN_CODER", "zed")]).0, "zed");
    assert_eq!(
        study
            .apply(&["--coder", "yan"], &[("MARGIN_CODER", "zed")])
            .0,
        "yan"
    );
}

#[test]
fn a_broken_config_file_is_named_and_skipped() {
    let study = Study::new();
    study.config("(coder: asha)\n");
    let (coder, stderr) = study.apply(&[], &[]);
    assert_eq!(coder, "git-person");
    assert!(
        stderr.contains("config ignored") && stderr.contains("config.ron:1:"),
        "{stderr}"
    );
}

/// Seen: `--coder ''` and `--coder '!!!'` silently became "analyst", so two
/// people could share one codings file. Now such names are refused, named in
/// the message, and nothing is written.
#[test]
fn coder_names_that_reduce_to_nothing_are_refused() {
    let study = Study::new();
    let before = coders_of_p1(&study.dir);
    for (args, env) in [
        (&["--coder", ""][..], &[][..]),
        (&["--coder", "!!!"][..], &[][..]),
        (&[][..], &[("MARGIN_CODER", "???")][..]),
    ] {
        let mut cmd = study.command(env!("CARGO_BIN_EXE_margin"));
        cmd.args(["apply", ".", "--doc", "P1", "--chars", "0..12"])
            .args(["--code", "chaotic-daily-life"])
            .args(args);
        for (k, v) in env {
            cmd.env(k, v);
        }
        let out = cmd.output().expect("run margin");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?} {env:?} was accepted");
        assert!(
            stderr.contains("is no coder name") && stderr.contains("letter or digit"),
            "{stderr}"
        );
    }
    assert_eq!(coders_of_p1(&study.dir), before, "nothing was written");
    assert!(!study.dir.join("codings/P1/analyst.ron").exists());
}
