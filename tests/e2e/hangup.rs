//! The terminal going away under a running workbench (an SSH connection
//! dropped, a tmux session killed): margin must end and let go of the
//! project lock. It used to spin at full CPU for ever, holding the lock, so
//! the project could not be opened again until the process was found and
//! killed by hand.

#![cfg(unix)]

use crate::common;

use common::pty::deadline;
use common::{copy_dir, sample_project};
use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::Read;
use std::sync::mpsc::channel;
use std::time::{Duration, Instant};

#[test]
fn closing_the_terminal_ends_margin_and_frees_the_project() {
    let dir = tempfile::tempdir().expect("temp dir");
    let project = dir.path().join("study");
    copy_dir(&sample_project(), &project);
    let home = tempfile::tempdir().expect("temp home");
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("open a pty");
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_margin"));
    cmd.arg(&project);
    cmd.env("TERM", "xterm-256color");
    cmd.env("MARGIN_CONFIG_DIR", home.path().join("config"));
    cmd.env("MARGIN_DATA_DIR", home.path().join("data"));
    cmd.env("MARGIN_CODER", "ana");
    let mut child = pair.slave.spawn_command(cmd).expect("spawn margin");
    drop(pair.slave);
    // Read until the workbench is drawn; then this reader lets go of its
    // handle on the terminal, so dropping the master below hangs it up.
    let mut reader = pair.master.try_clone_reader().expect("pty reader");
    let (drawn, seen) = channel();
    std::thread::spawn(move || {
        let mut screen = Vec::new();
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            screen.extend_from_slice(&buf[..n]);
            if String::from_utf8_lossy(&screen).contains("Codebook") {
                let _ = drawn.send(());
                break;
            }
        }
    });
    seen.recv_timeout(deadline())
        .expect("the workbench is drawn");
    drop(pair.master);

    let end = Instant::now() + deadline();
    loop {
        if child.try_wait().expect("poll the child").is_some() {
            break;
        }
        if Instant::now() > end {
            let _ = child.kill();
            panic!("margin kept running after its terminal was closed");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    margin::store::ProjectLock::acquire(&project).expect("the project lock is free again");
}
