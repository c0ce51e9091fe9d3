//! Blind coding end to end, in a real pseudo-terminal: `margin --coder ben
//! --blind` on a copy of the sample study hides asha's codings (P3 is hers
//! alone: no stripe at all), and B brings them back.

#![cfg(unix)]

use crate::common;

use common::pty::Tui;
use common::{copy_dir, sample_project};

/// Stripe cells in the transcript's margin: one per code shown on a row.
fn stripes(screen: &vt100::Screen) -> usize {
    screen.contents().matches('▌').count()
}

#[test]
fn blind_mode_hides_asha_until_toggled_off() {
    let temp = tempfile::tempdir().expect("temp dir");
    let dir = temp.path().join("study");
    copy_dir(&sample_project(), &dir);
    let dir_arg = dir.to_string_lossy().to_string();
    let mut tui = Tui::spawn(&["--coder", "ben", "--blind", &dir_arg], 120, 40, &[]);
    tui.wait_for_text("Codebook");
    tui.wait_for_text("ben · BLIND");
    // P1 opens first: ben coded it, so his stripes are there.
    tui.wait_until("ben's stripes on P1", |s| stripes(s) > 0);
    // P3 was coded by asha alone: in blind mode nothing of hers shows.
    tui.send("o");
    tui.wait_for_text("Open document");
    tui.send("P3");
    tui.enter();
    tui.wait_for_text("opened P3");
    tui.wait_stable(std::time::Duration::from_millis(150));
    assert_eq!(
        stripes(tui.screen()),
        0,
        "asha's stripes show in blind mode:\n{}",
        tui.contents()
    );
    // The agreement view would show her work: it refuses.
    tui.send("A");
    tui.wait_for_text("agreement is hidden in blind mode");
    // Blind off: her codings of P3 appear.
    tui.send("B");
    tui.wait_for_text("blind mode off");
    tui.wait_until("asha's stripes on P3", |s| stripes(s) > 0);
    assert!(!tui.contents().contains("BLIND"));
    tui.send("q");
    let status = tui.wait_exit();
    assert!(status.success(), "exit status {status:?}");
}
