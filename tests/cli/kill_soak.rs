//! Real margin processes killed with SIGKILL at random moments during edits
//! that write several files: afterwards the project loads, `margin check` is
//! clean and it is as before or as after the edit. `cargo test` runs a few
//! dozen kills; scripts/kill-soak.sh runs hundreds (MARGIN_KILLS).

#![cfg(unix)]

use crate::common;

use common::{copy_dir, sample_project};
use margin::model::Project;
use margin::store::Store;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The edits killed, as arguments with DIR for the project.
const EDITS: &[&[&str]] = &[
    &[
        "code",
        "merge",
        "DIR",
        "mandated-attendance",
        "practical-help-as-a-way-in",
        "--into",
        "stigmatising-labels",
    ],
    &[
        "code",
        "delete",
        "DIR",
        "mandated-attendance",
        "--reassign-to",
        "stigmatising-labels",
    ],
    &[
        "code",
        "split",
        "DIR",
        "mandated-attendance",
        "--to",
        "Referred by the courts",
        "--docs",
        "P2,P5",
    ],
    &[
        "autocode",
        "DIR",
        "--pattern",
        "(?i)methadone",
        "--code",
        "mandated-attendance",
        "--scope",
        "sentence",
    ],
    &[
        "code",
        "rename",
        "DIR",
        "mandated-attendance",
        "Court-ordered attendance",
        "--reason",
        "closer to how workers put it",
    ],
];

fn spawn(edit: &[&str], dir: &Path) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_margin"))
        .args(common::with_dir(edit, dir))
        .env("MARGIN_CODER", "tester")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("margin runs")
}

/// The project with the journal's clock left out.
fn state(dir: &Path) -> Project {
    let (mut project, _) = Store::open(dir).unwrap_or_else(|e| panic!("{}", e.in_folder(dir)));
    for entry in &mut project.journal {
        entry.when.clear();
    }
    project
}

/// A small deterministic generator: a failure names its seed.
fn next(seed: &mut u64) -> u64 {
    *seed ^= *seed << 13;
    *seed ^= *seed >> 7;
    *seed ^= *seed << 17;
    *seed
}

#[test]
fn random_kills_never_leave_half_an_edit() {
    let kills: usize = std::env::var("MARGIN_KILLS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(25);
    let mut seed: u64 = std::env::var("MARGIN_KILL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5eed_1234_abcd_0001);
    let tmp = tempfile::tempdir().expect("tempdir");
    let before_dir = tmp.path().join("before");
    copy_dir(&sample_project(), &before_dir);
    let before = state(&before_dir);
    // Each edit's result, and how long it takes, from a run left alone.
    let mut outcomes = Vec::new();
    for (i, edit) in EDITS.iter().enumerate() {
        let dir = tmp.path().join(format!("after-{i}"));
        copy_dir(&sample_project(), &dir);
        let started = Instant::now();
        let status = spawn(edit, &dir).wait().expect("waits");
        assert!(status.success(), "{edit:?} runs");
        outcomes.push((state(&dir), started.elapsed()));
    }
    let mut halves = Vec::new();
    let (mut died, mut finished, mut landed) = (0, 0, 0);
    for round in 0..kills {
        let which = (next(&mut seed) % EDITS.len() as u64) as usize;
        let (after, took) = &outcomes[which];
        let dir = tmp.path().join(format!("round-{round}"));
        copy_dir(&sample_project(), &dir);
        // Most of a run is reading; the kills fall mostly in its last part,
        // where the files are written (and a few after it has finished).
        let window = took.as_micros().max(10) as u64;
        let delay = Duration::from_micros(window * 3 / 10 + next(&mut seed) % (window * 8 / 10));
        let mut child = spawn(EDITS[which], &dir);
        std::thread::sleep(delay);
        let _ = child.kill();
        let status = child.wait().expect("waits");
        if status.success() {
            finished += 1;
        } else {
            died += 1;
        }
        let now = state(&dir);
        let (project, _) = Store::open(&dir).expect("loads");
        let problems = margin::check::validate(&dir, &project);
        if &now == after && !status.success() {
            landed += 1;
        }
        if !(now == before || &now == after) || !problems.is_empty() {
            halves.push(format!(
                "round {round}: {:?} killed after {delay:?}: {problems:?}",
                EDITS[which]
            ));
        }
        std::fs::remove_dir_all(&dir).expect("clean up");
    }
    assert!(
        halves.is_empty(),
        "half an edit left:\n{}",
        halves.join("\n")
    );
    eprintln!(
        "{kills} kills: {died} died part-way ({landed} of them after the edit was in place), {finished} had finished"
    );
}
