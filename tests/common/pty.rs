//! Runs the real `margin` binary in a pseudo-terminal, feeds it keys and
//! reads the screen through a vt100 emulator. Every wait polls with a
//! deadline and panics with the screen on timeout; nothing sleeps blindly.

use portable_pty::{Child, CommandBuilder, ExitStatus, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::Path;
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

/// How long any one wait may take: 5 s locally, 20 s on CI, or
/// MARGIN_TEST_TIMEOUT_SECS.
pub fn deadline() -> Duration {
    let secs = std::env::var("MARGIN_TEST_TIMEOUT_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(if std::env::var_os("CI").is_some() {
            20
        } else {
            5
        });
    Duration::from_secs(secs)
}

pub struct Tui {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    output: Receiver<Vec<u8>>,
    parser: vt100::Parser,
    /// Every byte margin wrote, for what the screen does not keep (how often
    /// the alternate screen was entered).
    raw: Vec<u8>,
    /// Config and data folders of this run, so the user's are never touched.
    _home: tempfile::TempDir,
    status: Option<ExitStatus>,
    eof: bool,
}

impl Tui {
    /// Starts `margin ARGS` at `cols`x`rows` with extra environment variables.
    pub fn spawn(args: &[&str], cols: u16, rows: u16, env: &[(&str, &str)]) -> Tui {
        Tui::spawn_in(None, args, cols, rows, env)
    }

    /// As `spawn`, started in folder `cwd` (as a user at a prompt there).
    pub fn spawn_in(
        cwd: Option<&Path>,
        args: &[&str],
        cols: u16,
        rows: u16,
        env: &[(&str, &str)],
    ) -> Tui {
        let pty = native_pty_system();
        let pair = pty
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let home = tempfile::tempdir().expect("temp home");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_margin"));
        cmd.args(args);
        if let Some(cwd) = cwd {
            cmd.cwd(cwd);
        }
        cmd.env("TERM", "xterm-256color");
        cmd.env("MARGIN_CONFIG_DIR", home.path().join("config"));
        cmd.env("MARGIN_DATA_DIR", home.path().join("data"));
        cmd.env("MARGIN_STATE_DIR", home.path().join("state"));
        cmd.env_remove("NO_COLOR");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn margin");
        // Without the slave here, the reader sees EOF when the child exits.
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let (tx, output) = channel();
        std::thread::spawn(move || {
            // Keep the master alive as long as we read from it.
            let _master = pair.master;
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        if tx.send(buf[..n].to_vec()).is_err() {
                            break;
                        }
                    }
                }
            }
        });
        Tui {
            child,
            writer,
            output,
            parser: vt100::Parser::new(
                std::num::NonZeroU16::new(rows.max(1)).expect("rows > 0"),
                std::num::NonZeroU16::new(cols.max(1)).expect("cols > 0"),
                0,
            ),
            raw: Vec::new(),
            _home: home,
            status: None,
            eof: false,
        }
    }

    pub fn config_dir(&self) -> std::path::PathBuf {
        self._home.path().join("config")
    }

    /// Reads what has arrived, waiting at most `wait` for the first chunk.
    fn pump(&mut self, wait: Duration) {
        if self.eof {
            return;
        }
        match self.output.recv_timeout(wait) {
            Ok(chunk) => {
                self.parser.process(&chunk);
                self.raw.extend_from_slice(&chunk);
            }
            Err(RecvTimeoutError::Timeout) => return,
            Err(RecvTimeoutError::Disconnected) => {
                self.eof = true;
                return;
            }
        }
        while let Ok(chunk) = self.output.try_recv() {
            self.parser.process(&chunk);
            self.raw.extend_from_slice(&chunk);
        }
    }

    /// How many times `sequence` was written so far.
    pub fn count_written(&self, sequence: &[u8]) -> usize {
        self.raw
            .windows(sequence.len())
            .filter(|w| *w == sequence)
            .count()
    }

    pub fn screen(&self) -> &vt100::Screen {
        self.parser.screen()
    }

    pub fn contents(&self) -> String {
        self.screen().contents()
    }

    /// Waits until `check` holds for the screen (and the world), reading
    /// output meanwhile; panics with the screen after the deadline.
    pub fn wait_until(&mut self, what: &str, mut check: impl FnMut(&vt100::Screen) -> bool) {
        let end = Instant::now() + deadline();
        loop {
            self.pump(Duration::from_millis(20));
            if check(self.parser.screen()) {
                return;
            }
            if Instant::now() > end {
                panic!(
                    "timed out waiting for {what}; the screen shows:\n{}",
                    self.contents()
                );
            }
        }
    }

    pub fn wait_for_text(&mut self, text: &str) {
        let want = text.to_string();
        self.wait_until(&format!("'{text}'"), move |s| s.contents().contains(&want));
    }

    /// Waits until the screen has not changed for `quiet`.
    pub fn wait_stable(&mut self, quiet: Duration) {
        let end = Instant::now() + deadline();
        let mut last = self.contents();
        let mut since = Instant::now();
        while Instant::now() < end {
            self.pump(Duration::from_millis(10));
            let now = self.contents();
            if now != last {
                last = now;
                since = Instant::now();
            } else if since.elapsed() >= quiet {
                return;
            }
        }
        panic!("the screen never settled:\n{last}");
    }

    pub fn send(&mut self, text: &str) {
        self.writer.write_all(text.as_bytes()).expect("write keys");
        self.writer.flush().expect("flush keys");
    }

    pub fn enter(&mut self) {
        self.send("\r");
    }

    pub fn esc(&mut self) {
        self.send("\x1b");
    }

    pub fn ctrl(&mut self, c: char) {
        let byte = (c as u8) & 0x1f;
        self.writer.write_all(&[byte]).expect("write ctrl");
        self.writer.flush().expect("flush ctrl");
    }

    /// Waits for the process to end and returns its status.
    pub fn wait_exit(&mut self) -> ExitStatus {
        let end = Instant::now() + deadline();
        loop {
            self.pump(Duration::from_millis(20));
            if let Some(status) = self.child.try_wait().expect("poll the child") {
                // Read what it wrote last (leaving the alternate screen).
                let drain_end = Instant::now() + Duration::from_millis(500);
                while !self.eof && Instant::now() < drain_end {
                    self.pump(Duration::from_millis(20));
                }
                self.status = Some(status.clone());
                return status;
            }
            if Instant::now() > end {
                panic!(
                    "margin did not exit; the screen shows:\n{}",
                    self.contents()
                );
            }
        }
    }

    /// The process id, to send it signals.
    pub fn pid(&self) -> Option<u32> {
        self.child.process_id()
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        if self.status.is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Waits until `check` holds for a file system condition, with the deadline.
pub fn wait_for_file(what: &str, path: &Path, mut check: impl FnMut(Option<&str>) -> bool) {
    let end = Instant::now() + deadline();
    loop {
        let content = std::fs::read_to_string(path).ok();
        if check(content.as_deref()) {
            return;
        }
        if Instant::now() > end {
            panic!(
                "timed out waiting for {what} in {}: {content:?}",
                path.display()
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}
