//! Taking over the terminal and giving it back: on quit, on panic, on
//! SIGTERM/SIGHUP/SIGINT/SIGQUIT (through a flag the event loop polls), on
//! SIGTSTP from outside, when the terminal hangs up, and around $EDITOR.

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;
use std::io::{self, IsTerminal as _};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

/// Alternate screen, raw mode, mouse capture.
pub fn enter() -> io::Result<DefaultTerminal> {
    let terminal = ratatui::try_init()?;
    execute!(io::stdout(), EnableMouseCapture)?;
    Ok(terminal)
}

/// Gives the terminal back as it was. Safe to call more than once, and when
/// the terminal is gone (SIGHUP): errors are ignored because there is nobody
/// left to tell.
pub fn leave() {
    let _ = execute!(io::stdout(), DisableMouseCapture);
    ratatui::restore();
}

/// Restores the terminal before the panic message is printed, so the message
/// is readable and the shell usable.
pub fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        leave();
        previous(info);
    }));
}

/// The signals the workbench answers. SIGTERM, SIGHUP, SIGINT and SIGQUIT
/// end it: the event loop sees the signal, leaves cleanly (every edit is
/// saved as it happens) and exits with 128 + the signal's number, as a shell
/// reports a process ended by it. SIGTSTP from outside (`kill -TSTP`; in raw
/// mode ctrl-z is a key) gives the terminal back before stopping, and takes
/// it again on SIGCONT.
#[derive(Debug)]
pub struct Signals {
    stop: Arc<AtomicUsize>,
    suspend: Arc<AtomicBool>,
}

impl Signals {
    /// Whether a signal asked the workbench to end.
    pub fn stopped(&self) -> bool {
        self.stop.load(Ordering::Relaxed) != 0
    }

    /// The exit status for the signal that ended the workbench, if one did.
    pub fn exit_code(&self) -> Option<i32> {
        match self.stop.load(Ordering::Relaxed) {
            0 => None,
            signal => Some(128 + signal as i32),
        }
    }

    /// Whether a stop (SIGTSTP) was asked for since the last call.
    pub fn take_suspend(&self) -> bool {
        self.suspend.swap(false, Ordering::Relaxed)
    }
}

/// Starts listening for the signals `Signals` describes.
pub fn termination_flag() -> io::Result<Signals> {
    let stop = Arc::new(AtomicUsize::new(0));
    for signal in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
        signal_hook::consts::SIGQUIT,
    ] {
        signal_hook::flag::register_usize(signal, Arc::clone(&stop), signal as usize)?;
    }
    let suspend = Arc::new(AtomicBool::new(false));
    signal_hook::flag::register(signal_hook::consts::SIGTSTP, Arc::clone(&suspend))?;
    watch_for_hangup(Arc::clone(&stop));
    Ok(Signals { stop, suspend })
}

/// Gives the terminal back, stops the process as SIGTSTP would have, and
/// takes the terminal again once the shell continues it (`fg`).
pub fn suspend(terminal: &mut DefaultTerminal) -> io::Result<()> {
    leave();
    signal_hook::low_level::raise(signal_hook::consts::SIGSTOP)?;
    // A new terminal draws everything afresh. Not `Terminal::clear`, which
    // asks the terminal where its cursor is.
    *terminal = enter()?;
    execute!(
        io::stdout(),
        ratatui::crossterm::terminal::Clear(ratatui::crossterm::terminal::ClearType::All)
    )
}

/// Ends the process once the terminal has hung up (an SSH connection dropped,
/// a tmux session killed). The flag alone is not enough: crossterm's reader
/// retries a hung-up terminal's failing read for ever, so the event loop never
/// gets back to look at the flag, and the process spun at full CPU holding the
/// project lock. A hung-up terminal answers no terminal request, which is how
/// this thread notices; it raises the flag, gives the event loop a moment to
/// leave by itself, then exits. Every edit is saved as it is made, and the
/// operating system drops the project lock with the process.
fn watch_for_hangup(flag: Arc<AtomicUsize>) {
    if !io::stdin().is_terminal() {
        return;
    }
    std::thread::spawn(move || {
        while io::stdin().is_terminal() {
            std::thread::sleep(Duration::from_millis(200));
        }
        flag.store(signal_hook::consts::SIGHUP as usize, Ordering::Relaxed);
        std::thread::sleep(Duration::from_secs(1));
        // 128 + SIGHUP, as a shell reports a process ended by a hangup.
        std::process::exit(129);
    });
}

/// What came back from the editor.
#[derive(Debug, PartialEq, Eq)]
pub enum Edited {
    Text(String),
    /// The editor failed (or was not found): nothing changes.
    Failed,
    /// The editor saved bytes that are not UTF-8 (a memo is UTF-8 text):
    /// they are kept in a file, so nothing typed is lost.
    NotUtf8 {
        kept: std::path::PathBuf,
    },
}

/// Runs `$VISUAL`/`$EDITOR` (default `vi`) on `text` with the screen
/// suspended; returns what the analyst saved.
pub fn edit_in_editor(terminal: &mut DefaultTerminal, text: &str) -> io::Result<Edited> {
    let file = tempfile::Builder::new()
        .prefix("margin-memo-")
        .suffix(".md")
        .tempfile()?;
    std::fs::write(file.path(), text)?;
    let editor = ["VISUAL", "EDITOR"]
        .iter()
        .find_map(|name| std::env::var(name).ok().filter(|e| !e.trim().is_empty()))
        .unwrap_or_else(|| "vi".to_string());
    leave();
    // Through the shell, so EDITOR may carry arguments ("code -w").
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("sh")
        .arg(file.path())
        .status();
    *terminal = enter()?;
    // Wipe what the editor left on the alternate screen. Not
    // `Terminal::clear`, which asks the terminal where its cursor is.
    execute!(
        io::stdout(),
        ratatui::crossterm::terminal::Clear(ratatui::crossterm::terminal::ClearType::All)
    )?;
    match status {
        Ok(s) if s.success() => {}
        _ => return Ok(Edited::Failed),
    }
    match String::from_utf8(std::fs::read(file.path())?) {
        Ok(text) => Ok(Edited::Text(text)),
        Err(_) => {
            let (_, kept) = file.keep().map_err(|e| e.error)?;
            Ok(Edited::NotUtf8 { kept })
        }
    }
}
