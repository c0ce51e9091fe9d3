//! Set-ups and outside events a test drives that no key press makes: the
//! coder, keymap and colours the workbench was started with, the terminal
//! being resized, the disk changing, a jump to an exact character (as a
//! link from the extract list or a resumed session makes). Each goes through
//! the same function the event loop or the start-up calls.

use super::Driver;
use crate::config::resume::Resume;
use crate::model::DocId;
use crate::tui::action::Action;
use crate::tui::app::Effect;
use crate::tui::keymap::Keymap;
use crate::tui::palette::Palette;
use crate::tui::reload::{self, Watch};
use ratatui::crossterm::event::Event;
use std::path::Path;

impl Driver {
    /// Codes as `coder` from now on (as `--coder` or the config would set).
    pub fn set_coder(&mut self, coder: &str) -> &mut Self {
        self.app.coder = coder.into();
        self
    }

    /// Uses `keymap` instead of the built-in one (a user's whole keymap).
    pub fn set_keymap(&mut self, keymap: Keymap<Action>) -> &mut Self {
        self.app.keymap = keymap;
        self
    }

    /// Lays a user's bindings over the keys in force, as keymap.ron does.
    pub fn merge_keymap(&mut self, user: Keymap<Action>) -> &mut Self {
        self.app.keymap.merge(user);
        self
    }

    /// Draws in `palette` (e.g. `Palette::monochrome()` for NO_COLOR).
    pub fn set_palette(&mut self, palette: Palette) -> &mut Self {
        self.app.palette = palette;
        self
    }

    /// The terminal is resized to (columns, rows).
    pub fn resize(&mut self, size: (u16, u16)) -> &mut Self {
        self.event(Event::Resize(size.0, size.1))
    }

    /// Opens `doc` with the cursor on character `pos`.
    pub fn jump_to(&mut self, doc: &DocId, pos: usize) -> &mut Self {
        crate::tui::transcript::jump_to(&mut self.app, doc, pos);
        self
    }

    /// Puts back what a previous session remembered, as start-up does.
    pub fn restore(&mut self, remembered: &Resume) -> &mut Self {
        crate::tui::resume::restore(&mut self.app, remembered);
        self
    }

    /// What the workbench does on opening the project at `root`: notices
    /// corrected transcripts and codings beside a split.
    pub fn on_open(&mut self, root: &Path) -> Vec<Effect> {
        crate::tui::unplaced::on_open(&mut self.app, root)
    }

    /// Notices corrected transcripts under `root` (re-anchoring codings).
    pub fn notice_corrections(&mut self, root: &Path) -> Vec<Effect> {
        crate::tui::unplaced::notice(&mut self.app, root)
    }

    /// `margin check`'s problems with the project as opened: the workbench
    /// turns read-only, as after a check at start-up.
    pub fn reject(&mut self, problems: Vec<String>) -> &mut Self {
        self.app.session.set_rejected(problems);
        self
    }

    /// Runs saves and reloads as the event loop does (others are dropped).
    pub fn run_effects(&mut self, effects: Vec<Effect>) -> &mut Self {
        reload::run_effects(&mut self.app, effects);
        self
    }

    /// Looks at the disk now, as a manual check does; true when something
    /// changed on screen.
    pub fn check_disk(&mut self) -> bool {
        reload::check_now(&mut self.app)
    }

    /// One idle tick of the event loop, taking what the watcher saw; true
    /// when something changed on screen.
    pub fn tick(&mut self, watch: &mut Watch) -> bool {
        reload::tick(&mut self.app, watch)
    }
}
