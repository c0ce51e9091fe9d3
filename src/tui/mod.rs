//! The workbench: a three-pane keyboard TUI (transcript, codebook, theme
//! tree) over the pure core. It keeps view state only; every change is an
//! `Edit` applied and saved at once through the `session`, as the CLI's are.

pub mod action;
pub mod agreement;
pub mod app;
mod cases;
pub mod charts;
mod codebook;
mod coding;
pub mod copy;
pub mod decisions;
#[doc(hidden)]
pub mod driver;
mod extract_marks;
pub mod extracts_query;
pub mod geometry;
pub mod help;
pub mod input;
mod jobs;
pub mod journal;
pub mod keymap;
pub mod layers;
mod memo;
pub mod overlay;
pub mod page;
pub mod palette;
mod picked;
pub mod quote_bank;
mod refactor_ops;
mod refactor_pick;
pub mod reload;
pub mod render;
pub mod resolve;
pub mod resume;
pub mod review;
mod runner;
mod search;
pub mod stripe_tags;
mod terminal;
pub mod themes;
pub mod transcript;
pub mod unplaced;
pub mod update;

use crate::config;
use action::Action;
use anyhow::{Context as _, Result, anyhow, bail};
use app::{App, Tone};
use keymap::Keymap;
use std::path::Path;

/// The built-in key bindings; the user's keymap.ron is patched over them.
pub const DEFAULT_KEYMAP: &str = include_str!("keymap.ron");

/// How the workbench should look and whom it codes for.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// A colour theme name (built in or in the config folder).
    pub theme: Option<String>,
    /// Who new codings belong to.
    pub coder: String,
    /// Start in blind mode: other coders' codings hidden.
    pub blind: bool,
}

/// The built-in keymap with the user's overrides, plus any problems found.
pub fn load_keymap(config_dir: Option<&Path>) -> (Keymap<Action>, Vec<String>) {
    keymap::load(DEFAULT_KEYMAP, config_dir)
}

/// Opens the workbench on the project `opened` from `dir` (see
/// `Session::open_workbench`: the lock first, then the files, read once)
/// until the analyst quits. Problems with the project, the lock or the theme
/// are reported before the screen is taken over.
pub fn run(dir: &Path, opened: crate::session::Opened, options: Options) -> Result<()> {
    // Merge conflicts alone are resolved on a screen of their own first.
    let Some((project, session, resolved)) =
        resolve::open_resolving(dir, opened, options.theme.as_deref())?
    else {
        return Ok(());
    };
    let config_dir = config::config_dir();
    let (palette, theme_warnings) = palette::load(
        options.theme.as_deref(),
        config_dir.as_deref(),
        palette::no_color_requested(),
    )
    .map_err(|e| anyhow!(e))?;
    let (keymap, keymap_warnings) = load_keymap(config_dir.as_deref());
    let stop = terminal::termination_flag().context("could not watch for signals")?;
    let size = ratatui::crossterm::terminal::size().unwrap_or((80, 24));
    let mut app = App::new(project, options.coder.into(), keymap, palette, size);
    app.session = session;
    let state_dir = config::resume::state_dir();
    resume::restore(&mut app, &config::resume::load(state_dir.as_deref(), dir));
    if options.blind {
        layers::set_blind(&mut app, true);
    }
    if let Some(done) = resolved {
        app.say(done, Tone::Ok);
    }
    // A transcript corrected since its codings were made: re-anchor now,
    // then check what is left (the workbench is read-only while check fails).
    let effects = unplaced::on_open(&mut app, dir);
    reload::run_effects(&mut app, effects);
    reload::recheck(&mut app);
    let warnings: Vec<String> = theme_warnings.into_iter().chain(keymap_warnings).collect();
    if !warnings.is_empty() {
        app.say(
            format!("config ignored (defaults used): {}", warnings.join("; ")),
            Tone::Warning,
        );
    }
    terminal::install_panic_hook();
    let mut screen = terminal::enter().context("could not set up the terminal")?;
    let result = runner::event_loop(&mut screen, &mut app, &stop);
    terminal::leave();
    if let Err(problem) = config::resume::save(state_dir.as_deref(), dir, &resume::capture(&app)) {
        eprintln!("margin: could not remember where you left off: {problem}");
    }
    result?;
    if let Some(code) = stop.exit_code() {
        if !app.session.unsaved().is_empty() {
            eprintln!(
                "margin: {} edit(s) could not be saved to {}; they are lost",
                app.session.unsaved().len(),
                dir.display()
            );
        }
        // 128 + the signal, as a shell reports a process a signal ended.
        std::process::exit(code);
    }
    if !app.session.unsaved().is_empty() {
        bail!(
            "{} edit(s) could not be saved to {}; they are lost",
            app.session.unsaved().len(),
            dir.display()
        );
    }
    Ok(())
}
