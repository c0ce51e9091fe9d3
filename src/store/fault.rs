//! A fault point for tests: every change the store makes to the disk during
//! a save (writing a temporary file, the intent record, a rename, a removal)
//! first asks `fault::point`, so a test can make the Nth of them fail and see
//! that the project is left before or after the edit, never between.
//!
//! Nothing happens unless a test installs a fault, and only on the thread
//! that installed it, so tests running in parallel do not disturb each other.

use std::cell::Cell;
use std::io;

/// How an injected fault behaves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FaultKind {
    /// The operation fails with an I/O error; margin's own clean-up runs, as
    /// it would for a full disk or a folder made read-only.
    Error,
    /// The process "dies" there: that operation and every later one fail, the
    /// clean-up included, as after a SIGKILL or a power cut.
    Crash,
}

#[derive(Clone, Copy, Debug)]
struct Installed {
    kind: FaultKind,
    at: usize,
    seen: usize,
    dead: bool,
}

thread_local! {
    static FAULT: Cell<Option<Installed>> = const { Cell::new(None) };
}

/// Makes the `at`th (1-based) disk change of this thread fail, as `kind` says.
pub fn install(kind: FaultKind, at: usize) {
    FAULT.with(|f| {
        f.set(Some(Installed {
            kind,
            at,
            seen: 0,
            dead: false,
        }))
    });
}

/// Removes the fault; returns how many disk changes were seen since
/// `install`, and whether the fault fired.
pub fn clear() -> (usize, bool) {
    FAULT.with(|f| match f.take() {
        Some(i) => (i.seen, i.seen >= i.at),
        None => (0, false),
    })
}

/// Whether a test installed a fault on this thread: work that would be
/// spread over threads is then done in order on this one, so that the
/// fault lands on the change the test counted to.
pub fn is_installed() -> bool {
    FAULT.with(|f| f.get().is_some())
}

/// Called before each change to the disk; `what` names it for the error.
pub fn point(what: &str) -> io::Result<()> {
    FAULT.with(|f| {
        let Some(mut installed) = f.get() else {
            return Ok(());
        };
        installed.seen += 1;
        let fire = installed.dead || installed.seen == installed.at;
        if fire && installed.kind == FaultKind::Crash {
            installed.dead = true;
        }
        f.set(Some(installed));
        if fire {
            Err(io::Error::other(format!("injected fault at {what}")))
        } else {
            Ok(())
        }
    })
}
