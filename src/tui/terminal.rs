//! Taking over the terminal and giving it back: on quit, on panic, on
//! SIGTERM/SIGHUP (through a flag the event loop polls), when the terminal
//! hangs up, and around $EDITOR.

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;
use std::io::{self, IsTerminal as _};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
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

/// A flag raised by SIGTERM, SIGHUP or SIGINT; the event loop checks it and
/// leaves cleanly (every edit is saved as it happens, so nothing is lost).
pub fn termination_flag() -> io::Result<Arc<AtomicBool>> {
    let flag = Arc::new(AtomicBool::new(false));
    for signal in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ] {
        signal_hook::flag::register(signal, Arc::clone(&flag))?;
    }
    watch_for_hangup(Arc::clone(&flag));
    Ok(flag)
}

/// Ends the process once the terminal has hung up (an SSH connection dropped,
/// a tmux session killed). The flag alone is not enough: crossterm's reader
/// retries a hung-up terminal's failing read for ever, so the event loop never
/// gets back to look at the flag, and the process spun at full CPU holding the
/// project lock. A hung-up terminal answers no terminal request, which is how
/// this thread notices; it raises the flag, gives the event loop a moment to
/// leave by itself, then exits. Every edit is saved as it is made, and the
/// operating system drops the project lock with the process.
fn watch_for_hangup(flag: Arc<AtomicBool>) {
    if !io::stdin().is_terminal() {
        return;
    }
    std::thread::spawn(move || {
        while io::stdin().is_terminal() {
            std::thread::sleep(Duration::from_millis(200));
        }
        flag.store(true, Ordering::Relaxed);
        std::thread::sleep(Duration::from_secs(1));
        // 128 + SIGHUP, as a shell reports a process ended by a hangup.
        std::process::exit(129);
    });
}

/// Runs `$VISUAL`/`$EDITOR` (default `vi`) on `text` with the screen
/// suspended; returns the edited text, or None if the editor failed.
pub fn edit_in_editor(terminal: &mut DefaultTerminal, text: &str) -> io::Result<Option<String>> {
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
        Ok(s) if s.success() => Ok(Some(std::fs::read_to_string(file.path())?)),
        _ => Ok(None),
    }
}
