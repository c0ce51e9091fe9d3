//! The real binary's first screen before the whole project is read: what
//! the background read finds afterwards is acted on in the same run, and
//! the terminal is given back whole whatever it finds.

#![cfg(unix)]

use crate::common;

use common::pty::Tui;

/// A file of a document not on the first screen that does not parse: the
/// workbench closes when the read reaches it, gives the terminal back and
/// names the file, line and column, as a refusal before the screen does.
#[test]
fn a_broken_file_found_after_the_first_screen_closes_with_its_place() {
    let (_tmp, dir) = common::sample_study();
    std::fs::write(dir.join("codings/P5/asha.ron"), "[\n  (code: ]\n").expect("break P5");
    let mut tui = Tui::spawn(
        &[&dir.display().to_string()],
        100,
        30,
        &[("MARGIN_CODER", "ana")],
    );
    let status = tui.wait_exit();
    assert!(!status.success(), "exit status {status:?}");
    assert!(
        !tui.screen().alternate_screen(),
        "the terminal is given back"
    );
    let said = tui.contents();
    assert!(said.contains("codings/P5/asha.ron:2:"), "{said}");
}

/// Conflict markers committed in a document the first screen does not
/// show (no merge under way to tell in advance): the background read finds
/// them and the resolver takes over in the same run; resolved, the
/// workbench opens on the project.
#[test]
fn conflicts_found_after_the_first_screen_open_the_resolver() {
    let (_tmp, dir) = common::sample_study();
    let file = dir.join("codings/P6/asha.ron");
    let text = std::fs::read_to_string(&file).expect("reads");
    let mut lines: Vec<&str> = text.lines().collect();
    let ours = lines[1].to_string();
    let theirs = ours.replacen("lines: \"", "lines: \"1", 1);
    assert_ne!(ours, theirs, "the second line names its lines");
    let conflicted = format!("<<<<<<< ours\n{ours}\n=======\n{theirs}\n>>>>>>> theirs");
    lines[1] = &conflicted;
    std::fs::write(&file, lines.join("\n") + "\n").expect("write markers");
    let mut tui = Tui::spawn(
        &[&dir.display().to_string()],
        100,
        30,
        &[("MARGIN_CODER", "ana")],
    );
    tui.wait_for_text("Merge conflict 1 of 1");
    tui.wait_for_text("codings/P6/asha.ron");
    tui.send("o");
    tui.wait_for_text("resolved 1 conflict in 1 file");
    tui.wait_for_text("Codebook");
    tui.send("q");
    let status = tui.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    let after = std::fs::read_to_string(&file).expect("reads");
    assert!(!after.contains("<<<<<<<"), "{after}");
    assert!(after.contains(&ours), "{after}");
    assert!(
        common::cli::margin(&["check", &dir.display().to_string()])
            .status
            .success()
    );
}
