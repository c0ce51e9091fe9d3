//! Taking over the terminal and giving it back: on quit, on panic, on
//! SIGTERM/SIGHUP (through a flag the event loop polls), and around $EDITOR.

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;
use std::io;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

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
    Ok(flag)
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
