//! The workbench state: the project (the model) plus view state only (focus,
//! cursors, scroll, selection, open overlay, status message). Rendering reads
//! it; `update` changes it; nothing here touches files or the terminal.

use super::action::Action;
use super::codebook::CodebookView;
use super::overlay::Overlay;
use super::themes::ThemesView;
use super::transcript::TranscriptView;
use crate::edit::Edit;
use crate::model::{CodeId, Project};
use crate::session::Session;
use crate::tui::keymap::{Context, Keymap};
use crate::tui::palette::Palette;
use std::collections::BTreeMap;

/// The three panes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pane {
    Transcript,
    Codebook,
    Themes,
}

impl Pane {
    /// The keymap context of the pane.
    pub fn context(self) -> Context {
        match self {
            Pane::Transcript => Context::Transcript,
            Pane::Codebook => Context::Codebook,
            Pane::Themes => Context::Themes,
        }
    }

    pub fn next(self) -> Pane {
        match self {
            Pane::Transcript => Pane::Codebook,
            Pane::Codebook => Pane::Themes,
            Pane::Themes => Pane::Transcript,
        }
    }

    pub fn prev(self) -> Pane {
        self.next().next()
    }
}

pub use crate::session::{Message, Tone};

/// Something the event loop must do outside the pure update.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Persist the files this applied edit touched.
    Save(Box<Edit>),
    /// Edit a memo in $EDITOR: suspend the screen, run it, resume.
    EditInEditor(Box<MemoSubject>),
    /// Read the project again from disk (see `reload`).
    Reload(super::reload::ReloadMode),
    /// Put text on the clipboard (see `copy`).
    Copy(String),
    /// Edit the conflict the resolver shows in $EDITOR (see
    /// `screens::resolver::edited`).
    EditConflict,
    /// Stop the workbench with this error (the project did not open after
    /// the resolver wrote its files).
    Fail(String),
    Quit,
}

/// What a memo belongs to: a project-level target, or one coding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MemoSubject {
    Target(crate::model::MemoTarget),
    Coding {
        doc: crate::model::DocId,
        coder: crate::model::CoderId,
        coding: crate::model::Coding,
    },
    /// A theme's definition (edited in review mode; saved as a journaled edit).
    ThemeDefinition(crate::model::ThemeId),
}

/// How many messages the log keeps.
pub const MESSAGES_KEPT: usize = 500;

pub struct App {
    pub project: Project,
    /// The project's link to its folder: undo history, saving, unsaved
    /// edits, reloads (see `session`). In memory only until `attach`.
    pub session: Session,
    /// Who new codings belong to.
    pub coder: crate::model::CoderId,
    pub keymap: Keymap<Action>,
    pub palette: Palette,
    pub focus: Pane,
    /// Terminal size in cells (columns, rows).
    pub size: (u16, u16),
    pub transcript: TranscriptView,
    pub codebook: CodebookView,
    pub themes: ThemesView,
    pub overlay: Option<Box<dyn Overlay>>,
    pub status: Message,
    /// Codings and documents per code, recounted after every change (not per
    /// frame: a large project has hundreds of thousands of codings).
    pub usage: BTreeMap<CodeId, (usize, usize)>,
    /// Every coder's code counts, kept up to date per edit (see `after_edit`).
    pub counts: crate::analysis::usage::UsageCounts,
    /// Codes used most recently first, for the code picker.
    pub recent_codes: Vec<CodeId>,
    /// The unit last coded around project-search hits (match, sentence...).
    pub autocode_scope: crate::text::scope::Scope,
    /// Set when a quit was asked for while edits are unsaved: a second quit leaves.
    pub quit_armed: bool,
    /// Whose codings are shown, and blind mode (team coding).
    pub layers: super::layers::Layers,
    /// The panes at the bottom and full screens over them (review mode,
    /// the journal, the agreement view...): the top one takes the keys.
    pub screens: super::screens::Screens,
    /// Watching the files on disk for changes made behind the workbench.
    pub reload: super::reload::ReloadState,
    /// Every message of the session, oldest first, for the message log: a
    /// long one is cut on the status line, and the next replaces it.
    pub messages: Vec<Message>,
    /// Extract lists show the whole speaker turn around the selected extract.
    pub reading_turn: bool,
    /// Codings of a split code made beside the split on another branch,
    /// found with git on open and reload (where the project folder is
    /// known); `U` offers to move or keep each.
    pub split_notices: Vec<crate::refactor::split_notice::SplitNotice>,
    /// Long work under way (a project search...), run a step at a time
    /// between key reads, with a gauge.
    pub job: Option<super::jobs::Job>,
    /// Set while the project is read in the background and only the first
    /// document is in (see `loading`).
    pub loading: Option<super::loading::Loading>,
}

impl App {
    pub fn new(
        project: Project,
        coder: crate::model::CoderId,
        keymap: Keymap<Action>,
        palette: Palette,
        size: (u16, u16),
    ) -> App {
        let first_doc = project.documents.keys().next().cloned();
        let mut app = App {
            project,
            session: Session::in_memory(),
            coder,
            keymap,
            palette,
            focus: Pane::Transcript,
            size,
            transcript: TranscriptView::default(),
            codebook: CodebookView::default(),
            themes: ThemesView::default(),
            overlay: None,
            status: Message::new("? for help, : for every command", Tone::Info),
            usage: BTreeMap::new(),
            counts: Default::default(),
            recent_codes: Vec::new(),
            autocode_scope: Default::default(),
            quit_armed: false,
            layers: Default::default(),
            screens: super::screens::Screens::panes(),
            reload: Default::default(),
            messages: Vec::new(),
            reading_turn: false,
            split_notices: Vec::new(),
            job: None,
            loading: None,
        };
        app.counts = crate::analysis::usage::UsageCounts::new(&app.project);
        app.usage = app.counts.table().clone();
        // Top-level themes start folded, so every theme's name is in view.
        app.themes.folded = app.project.themes.iter().map(|t| t.id.clone()).collect();
        super::codebook::refresh(&mut app);
        super::themes::refresh(&mut app);
        if let Some(doc) = first_doc {
            super::transcript::open_document(&mut app, &doc);
        }
        app
    }

    /// Starts again on `project`, opened by `session`, with the views as
    /// `new` sets them up; the message log is kept. The resolver calls it
    /// once the project it held back opens.
    pub fn reopen(&mut self, project: Project, session: Session) {
        let messages = std::mem::take(&mut self.messages);
        let keymap = self.keymap.clone();
        let palette = self.palette.clone();
        *self = App::new(project, self.coder.clone(), keymap, palette, self.size);
        self.session = session;
        self.messages = messages;
    }

    pub fn say(&mut self, text: impl Into<String>, tone: Tone) {
        self.tell(Message::new(text, tone));
    }

    /// Puts `message` on the status line and in the message log.
    pub fn tell(&mut self, message: Message) {
        self.status = message;
        if !self.status.is_empty() && self.messages.last() != Some(&self.status) {
            self.messages.push(self.status.clone());
            // A long session keeps its latest messages only.
            if self.messages.len() > MESSAGES_KEPT {
                self.messages.drain(..self.messages.len() - MESSAGES_KEPT);
            }
        }
    }

    /// Saves the workbench's edits into `store` from now on.
    pub fn attach(&mut self, store: crate::store::Store) {
        self.session.attach(store);
    }

    /// Applies an edit as one undo step through the session and asks for it
    /// to be persisted (`Session::persist`, run by the event loop after the
    /// screen is drawn).
    pub fn apply(&mut self, edit: Edit) -> Vec<Effect> {
        match self.session.apply(&mut self.project, edit.clone()) {
            Ok(done) => {
                self.tell(done);
                self.after_edit(&edit);
                vec![Effect::Save(Box::new(edit))]
            }
            Err(not_done) => {
                self.tell(not_done.message());
                Vec::new()
            }
        }
    }

    /// Notes that `code` was just used, for the picker's recent list and `.`.
    pub fn used_code(&mut self, code: &CodeId) {
        self.recent_codes.retain(|c| c != code);
        self.recent_codes.insert(0, code.clone());
    }

    /// Keeps view state valid after `edit` (or an undo's inverse) was
    /// applied: counts follow the edit instead of recounting every coding.
    pub fn after_edit(&mut self, edit: &Edit) {
        self.counts.follow(&self.project, edit);
        self.after_change();
    }

    /// Keeps view state valid after the project changed (undo, delete...).
    pub fn after_change(&mut self) {
        self.usage = self.counts.table().clone();
        super::layers::refilter_usage(self);
        self.recent_codes
            .retain(|c| self.project.codes.contains_key(c));
        super::codebook::refresh(self);
        super::themes::refresh(self);
        super::transcript::refresh(self);
        self.codebook
            .marked
            .retain(|c| self.project.codes.contains_key(c));
        super::screens::refresh(self);
    }

    /// The project's title for the status line.
    pub fn title(&self) -> &str {
        &self.project.manifest.title
    }

    /// Keys bound to `action` where the focus is, as "c" or "ctrl-r / f1".
    pub fn keys_label(&self, action: Action) -> String {
        self.keymap
            .keys_for(self.focus.context(), &action)
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(" ")
    }
}
