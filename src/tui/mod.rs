//! The workbench: a three-pane keyboard TUI (transcript, codebook, theme
//! tree) over the pure core. It keeps view state only; every change is an
//! `Edit` applied and saved at once through the `session`, as the CLI's are.

pub mod action;
pub mod app;
mod cases;
mod codebook;
mod coding;
pub mod command;
pub mod copy;
pub mod decisions;
#[doc(hidden)]
pub mod driver;
mod extract_marks;
pub mod geometry;
pub mod help;
pub mod input;
mod jobs;
pub mod keymap;
pub mod layers;
pub mod loading;
mod memo;
mod opening;
pub mod overlay;
pub mod palette;
pub mod quote_bank;
pub mod refactor_ops;
mod refactor_pick;
pub mod reload;
pub mod render;
pub mod resume;
mod runner;
pub mod screens;
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
use app::App;
use keymap::Keymap;
use opening::Opening;
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

/// Opens the project in `dir` for the workbench (see
/// `Session::first_look`): the document the analyst left off at is read
/// first, the rest in the background, unless only a whole read can tell
/// what is wrong.
pub fn first_look(dir: &Path) -> crate::session::FirstLook {
    let state_dir = config::resume::state_dir();
    let resume = config::resume::load(state_dir.as_deref(), dir);
    let wanted = resume.document.as_deref().map(crate::model::DocId::new);
    crate::session::Session::first_look(dir, wanted.as_ref())
}

/// Opens the workbench on the project `first` from `dir` (see `first_look`)
/// until the analyst quits. Problems with the project, the lock or the theme
/// found before the screen is taken over are reported then; a problem the
/// background read finds closes the workbench and is reported the same way.
/// Merge conflicts alone: the resolver is the first screen.
pub fn run(dir: &Path, first: crate::session::FirstLook, options: Options) -> Result<()> {
    let (project, session, conflicts, loading) = match first {
        crate::session::FirstLook::Partial { project, loading } => (
            *project,
            crate::session::Session::in_memory(),
            None,
            Some(loading),
        ),
        crate::session::FirstLook::Whole(opened) => match opened {
            crate::session::Opened::Ready(opened) => {
                let (project, session) = *opened;
                (project, session, None, None)
            }
            crate::session::Opened::Refused(err) => return Err(anyhow!(err.in_folder(dir))),
            crate::session::Opened::OnlyConflicts { files, lock } => {
                let waiting = crate::model::Project::new(crate::model::Manifest::new(""));
                (
                    waiting,
                    crate::session::Session::in_memory(),
                    Some((files, lock)),
                    None,
                )
            }
        },
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
    let mut app = App::new(project, options.coder.clone().into(), keymap, palette, size);
    app.session = session;
    let state_dir = config::resume::state_dir();
    let opening = Opening {
        dir: dir.to_path_buf(),
        state_dir: state_dir.clone(),
        blind: options.blind,
        warnings: theme_warnings.into_iter().chain(keymap_warnings).collect(),
    };
    match (conflicts, loading) {
        (Some((files, lock)), _) => {
            let Some(resolver) = opening.resolver(files, lock) else {
                bail!(
                    "{}: merge conflicts were reported but none found",
                    dir.display()
                );
            };
            app.screens = screens::Screens::on(Box::new(resolver));
        }
        (None, Some(loading)) => opening.start_loading(&mut app, loading),
        (None, None) => opening.finish(&mut app, None),
    }
    terminal::install_panic_hook();
    let mut screen = terminal::enter().context("could not set up the terminal")?;
    let result = runner::event_loop(&mut screen, &mut app, &stop);
    terminal::leave();
    if let Some(left) = screens::resolver::left_unresolved(&app) {
        if let Some(code) = stop.exit_code() {
            std::process::exit(code);
        }
        result?;
        eprintln!(
            "margin: {left} merge conflict(s) left as they were; nothing was written (`margin resolve {}` lists them)",
            dir.display()
        );
        return Ok(());
    }
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
