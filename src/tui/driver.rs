//! A test driver for the workbench: send keys by name, read the status
//! line, the open overlay and the screen, drive long jobs to the end.
//!
//! It lives in the crate (not in tests/common) because it reads view state
//! that is not part of the public face of `App`, and because unit tests in
//! src/tui/ use it too: when the workbench's inner shape changes, this file
//! changes with it and the tests that go through it do not.

mod reads;
mod setup;

use super::app::{App, Effect, Tone};
use super::overlay::Extract;
use super::overlay::picker::{PickPurpose, PickerOverlay};
use super::overlay::prompt::{Prompt, PromptPurpose};
use super::overlay::results::Results;
use crate::model::Project;
use crate::store::Store;
use crate::tui::keymap::Key;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

pub use super::overlay::OverlayKind;

/// A workbench in memory, optionally saving through a store like the real
/// event loop does.
pub struct Driver {
    app: App,
    /// Saves and reloads run as the event loop runs them (`with_store`);
    /// otherwise they are handed back for the test to run.
    runs_saves: bool,
    effects: Vec<Effect>,
}

impl Driver {
    /// A workbench on `project` with the built-in keymap and the dark colour
    /// theme, coding as "ana", at `size` (columns, rows). Nothing is saved.
    pub fn new(project: Project, size: (u16, u16)) -> Driver {
        let (keymap, errors) = super::load_keymap(None);
        assert!(errors.is_empty(), "built-in keymap: {errors:?}");
        let (palette, _) =
            super::palette::load(Some("dark"), None, false).expect("the dark theme is built in");
        Driver::from_app(App::new(project, "ana".into(), keymap, palette, size))
    }

    /// A workbench whose edits are saved through `store`, as in the real loop.
    pub fn with_store(project: Project, store: Store, size: (u16, u16)) -> Driver {
        let mut driver = Driver::new(project, size);
        driver.app.attach(store);
        driver.runs_saves = true;
        driver
    }

    /// The workbench as `tui::run` starts it on `dir` when merge conflicts
    /// are all that stop the project from opening: the resolver first, in
    /// the same workbench; once it has written every conflict the project
    /// opens and edits are saved as in the real loop. None when the project
    /// does not open that way.
    pub fn resolving(dir: &std::path::Path, size: (u16, u16)) -> Option<Driver> {
        let crate::session::Opened::OnlyConflicts { files, lock } =
            crate::session::Session::open_workbench(dir)
        else {
            return None;
        };
        let waiting = Project::new(crate::model::Manifest::new(""));
        let mut driver = Driver::new(waiting, size);
        let then = Box::new(|app: &mut App, done: String| app.say(done, Tone::Ok));
        let resolver = super::screens::resolver::ResolverScreen::new(dir, files, lock, then)?;
        driver.app.screens = super::screens::Screens::on(Box::new(resolver));
        driver.runs_saves = true;
        Some(driver)
    }

    /// What $EDITOR saved for the conflict the resolver shows (after `e`
    /// asked for it with `Effect::EditConflict`).
    pub fn edited_conflict(&mut self, text: &str) -> &mut Self {
        let effects = super::screens::resolver::edited(
            &mut self.app,
            super::terminal::Edited::Text(text.into()),
        );
        self.run(effects);
        self
    }

    /// Gives the workbench's session `store`; saves and reloads asked for
    /// by keys are still handed back (see `take_effects`), for a test to run
    /// them when it chooses (`reload::run_effects`).
    pub fn attach(&mut self, store: Store) {
        self.app.attach(store);
    }

    /// A workbench opened as `margin DIR` opens it (`Session::first_look`):
    /// `wanted` (or the first document) read alone and shown, the rest read
    /// in the background until `finish_loading`. Edits are saved. Panics if
    /// the project had to be read whole first.
    pub fn first_look(
        dir: &std::path::Path,
        wanted: Option<&crate::model::DocId>,
        size: (u16, u16),
    ) -> Driver {
        match crate::session::Session::first_look(dir, wanted) {
            crate::session::FirstLook::Partial { project, loading } => {
                let mut driver = Driver::new(*project, size);
                driver.runs_saves = true;
                let opening = super::opening::Opening {
                    dir: dir.to_path_buf(),
                    state_dir: None,
                    blind: false,
                    warnings: Vec::new(),
                };
                super::loading::start(&mut driver.app, loading, Default::default(), opening);
                driver
            }
            crate::session::FirstLook::Whole(opened) => {
                panic!("the project was read whole first: {opened:?}")
            }
        }
    }

    /// Is the project still being read in the background?
    pub fn loading(&self) -> bool {
        super::loading::is_loading(&self.app)
    }

    /// Waits for the background read and does what the event loop does when
    /// it arrives: the whole project in, then the keys that waited (or the
    /// resolver, when only merge conflicts stop it). Err with a refusal.
    pub fn finish_loading(&mut self) -> Result<&mut Self, String> {
        loop {
            match super::loading::tick(&mut self.app) {
                super::loading::Arrived::NotYet if self.loading() => {
                    std::thread::sleep(std::time::Duration::from_millis(2))
                }
                super::loading::Arrived::NotYet => return Ok(self),
                super::loading::Arrived::Ready { effects, replay } => {
                    self.run(effects);
                    for event in replay {
                        self.event(event);
                    }
                    return Ok(self);
                }
                super::loading::Arrived::Refused(problem) => return Err(problem),
            }
        }
    }

    pub fn from_app(app: App) -> Driver {
        Driver {
            app,
            runs_saves: false,
            effects: Vec::new(),
        }
    }

    /// Presses keys given by name and separated by spaces, as keymap.ron
    /// writes them: `"c"`, `"ctrl-r"`, `"esc"`, `"enter"`, `"space"`.
    pub fn press(&mut self, names: &str) -> &mut Self {
        for name in names.split_whitespace() {
            let key = Key::parse(name).unwrap_or_else(|e| panic!("{e}"));
            self.key(KeyEvent::new(key.code, key.modifiers));
        }
        self
    }

    /// Types `text` character by character (into a prompt or picker, or as
    /// single-character keys).
    pub fn type_text(&mut self, text: &str) -> &mut Self {
        for c in text.chars() {
            self.key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
        self
    }

    /// Keys written as a script: plain characters, and `<esc>`, `<cr>`,
    /// `<tab>`, `<bs>`, `<up>`, `<down>`, `<lt>`, `<c-r>` (ctrl + letter).
    pub fn keys(&mut self, script: &str) -> &mut Self {
        let mut rest = script;
        while let Some(c) = rest.chars().next() {
            let (code, modifiers, len) = if c == '<'
                && let Some(end) = rest.find('>')
            {
                let name = &rest[1..end];
                let (code, modifiers) = match name {
                    "esc" => (KeyCode::Esc, KeyModifiers::NONE),
                    "cr" => (KeyCode::Enter, KeyModifiers::NONE),
                    "tab" => (KeyCode::Tab, KeyModifiers::NONE),
                    "bs" => (KeyCode::Backspace, KeyModifiers::NONE),
                    "up" => (KeyCode::Up, KeyModifiers::NONE),
                    "down" => (KeyCode::Down, KeyModifiers::NONE),
                    "lt" => (KeyCode::Char('<'), KeyModifiers::NONE),
                    n if n.starts_with("c-") => (
                        KeyCode::Char(n.chars().nth(2).unwrap_or('x')),
                        KeyModifiers::CONTROL,
                    ),
                    other => panic!("unknown key <{other}>"),
                };
                (code, modifiers, end + 1)
            } else {
                (KeyCode::Char(c), KeyModifiers::NONE, c.len_utf8())
            };
            rest = &rest[len..];
            self.key(KeyEvent::new(code, modifiers));
        }
        self
    }

    /// Sends one terminal event, as the event loop would.
    pub fn event(&mut self, event: Event) -> &mut Self {
        let effects = super::input::handle_event(&mut self.app, event);
        self.run(effects);
        self
    }

    fn key(&mut self, key: KeyEvent) {
        self.event(Event::Key(key));
    }

    /// Saves edits when made `with_store`; other effects are kept for
    /// `take_effects` (a test has no clipboard, editor or terminal).
    fn run(&mut self, effects: Vec<Effect>) {
        let on_disk = self.runs_saves;
        for effect in effects {
            match effect {
                Effect::Save(edit) if on_disk => super::runner::save(&mut self.app, *edit),
                Effect::Reload(mode) if on_disk => super::reload::run(&mut self.app, mode),
                other => self.effects.push(other),
            }
        }
    }

    /// Applies an edit as the keys would (one undo step, saved when a
    /// store is attached); returns the effects not run here.
    pub fn apply(&mut self, edit: crate::edit::Edit) -> Vec<Effect> {
        let effects = self.app.apply(edit);
        self.run(effects);
        self.take_effects()
    }

    /// Puts a message on the status line (and in the message log).
    pub fn say(&mut self, text: impl Into<String>, tone: Tone) {
        self.app.say(text, tone);
    }

    /// Keys bound to `action` where the focus is, as help shows them.
    pub fn keys_label(&self, action: super::action::Action) -> String {
        self.app.keys_label(action)
    }

    /// How many applied edits could not be written.
    pub fn unsaved(&self) -> usize {
        self.app.session.unsaved().len()
    }

    /// The effects asked for since the last call (saves without a store,
    /// editor runs, clipboard copies, quit).
    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }

    /// Runs the long jobs that are under way to their end, step by step as
    /// the event loop does between key reads.
    pub fn finish_jobs(&mut self) -> &mut Self {
        while super::jobs::step(&mut self.app) {}
        self
    }

    /// Runs one step of the job under way; false once none is left.
    pub fn step_job(&mut self) -> bool {
        super::jobs::step(&mut self.app)
    }

    /// Is a long job under way?
    pub fn job_running(&self) -> bool {
        self.app.job.is_some()
    }

    /// The status message.
    pub fn status(&self) -> &str {
        &self.app.status.text
    }

    /// How the status message looks.
    pub fn tone(&self) -> Tone {
        self.app.status.tone
    }

    /// The kind of overlay open, if any.
    pub fn overlay(&self) -> Option<OverlayKind> {
        self.app.overlay.as_ref().map(|o| o.kind())
    }

    /// The open overlay's title (a picker's or list's title, a prompt's
    /// question, a confirmation's message).
    pub fn overlay_title(&self) -> Option<&str> {
        self.app.overlay.as_ref()?.title()
    }

    /// The open overlay's items as shown: a picker's matching labels, best
    /// first; a result list's extracts as "DOC start-end".
    pub fn overlay_items(&self) -> Vec<String> {
        self.app
            .overlay
            .as_ref()
            .map(|o| o.items())
            .unwrap_or_default()
    }

    fn picker(&self) -> Option<&PickerOverlay> {
        self.app.overlay.as_ref()?.get::<PickerOverlay>()
    }

    /// The open picker's or list's items' hints (a picker's, in item order).
    pub fn overlay_hints(&self) -> Vec<String> {
        self.picker().map_or_else(Vec::new, |o| {
            o.picker.items.iter().map(|i| i.hint.clone()).collect()
        })
    }

    /// Every item of the open picker by label, in item order (not filtered).
    pub fn picker_labels(&self) -> Vec<String> {
        self.picker().map_or_else(Vec::new, |o| {
            o.picker.items.iter().map(|i| i.label.clone()).collect()
        })
    }

    /// What the open picker is for, if it is a `P` (`unplaced::UnplacedList`...).
    pub fn pick_purpose<P: PickPurpose>(&self) -> Option<&P> {
        self.picker()?.purpose::<P>()
    }

    /// What the open prompt is for, if it is a `P`.
    pub fn prompt_purpose<P: PromptPurpose>(&self) -> Option<&P> {
        self.app.overlay.as_ref()?.get::<Prompt>()?.purpose::<P>()
    }

    fn results_list(&self) -> Option<&Results> {
        self.app.overlay.as_ref()?.get::<Results>()
    }

    /// The open result list's extracts.
    pub fn results(&self) -> Option<&[Extract]> {
        self.results_list().map(|r| r.items.as_slice())
    }

    /// Does the open result list offer to code its hits (project search)?
    pub fn results_codable(&self) -> bool {
        self.results_list().is_some_and(|r| r.codable)
    }

    /// The selected row of the open picker or list.
    pub fn overlay_selected(&self) -> Option<usize> {
        self.app.overlay.as_ref()?.selected()
    }

    /// How far the open list's reading pane, help or log is scrolled.
    pub fn overlay_scroll(&self) -> Option<usize> {
        self.app.overlay.as_ref()?.scroll()
    }

    /// The text typed into the open prompt or picker.
    pub fn overlay_text(&self) -> Option<&str> {
        self.app.overlay.as_ref()?.typed()
    }

    /// Are the three panes on top (no full screen open over them)?
    pub fn on_panes(&self) -> bool {
        self.app.screens.on_panes()
    }

    /// The full screen on top as its own type (`ReviewView`,
    /// `AgreementView`, `ChartsView`...), when it is that one.
    pub fn top<S: super::screens::Screen>(&self) -> Option<&S> {
        self.app.screens.top_as::<S>()
    }

    /// The status line's badge for the screen on top ("REVIEW", "NORMAL").
    pub fn screen_title(&self) -> &'static str {
        self.app.screens.top().title(&self.app)
    }

    /// How many screens are stacked (1: the panes alone).
    pub fn screen_depth(&self) -> usize {
        self.app.screens.depth()
    }

    /// The project as the workbench holds it.
    pub fn project(&self) -> &Project {
        &self.app.project
    }

    /// The whole workbench, for what the driver does not read yet.
    pub fn app(&self) -> &App {
        &self.app
    }

    /// The whole workbench, for set-ups the keys cannot reach quickly.
    pub fn app_mut(&mut self) -> &mut App {
        &mut self.app
    }

    /// The screen drawn into a test backend (whose Display is the screen's
    /// text, for snapshots).
    pub fn draw(&self) -> Terminal<TestBackend> {
        let (w, h) = self.app.size;
        let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("a test terminal");
        terminal
            .draw(|frame| super::render::render(&self.app, frame))
            .expect("draws");
        terminal
    }

    /// The screen drawn into a test backend: text and styles.
    pub fn buffer(&self) -> Buffer {
        self.draw().backend().buffer().clone()
    }

    /// The screen as text, one line per row.
    pub fn screen(&self) -> String {
        let buffer = self.buffer();
        let mut out = String::new();
        for y in 0..buffer.area.height {
            for x in 0..buffer.area.width {
                out.push_str(buffer[(x, y)].symbol());
            }
            out.push('\n');
        }
        out
    }
}
