//! Review mode (Braun & Clarke phase 4): every extract of a theme's codes,
//! its subthemes' codes included, grouped by code, to judge whether the theme
//! coheres; Enter jumps to an extract in its transcript; the theme's status
//! and definition are set here as journaled edits. Its keys are the
//! keymap's "review" context; its drawing is in `draw`.

pub mod draw;

use super::{Screen, Step, keys_in, page_rule};
use crate::model::{CodeId, DocId, MemoTarget, Project, ThemeId, theme};
use crate::tui::action::Action;
use crate::tui::app::{App, Effect, MemoSubject, Pane, Tone};
use crate::tui::keymap::Context;
use crate::tui::overlay::Extract;
use crate::tui::refactor_ops::{RefactorOp, run};
use ratatui::Frame;
use ratatui::layout::Rect;

/// One row of the review list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReviewRow {
    /// A code heading; `within` names the subtheme that holds it, if any.
    Code {
        id: CodeId,
        within: Option<String>,
        codings: usize,
        documents: usize,
    },
    /// One coded range (several coders may share it).
    Extract {
        extract: Extract,
        coders: Vec<String>,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReviewView {
    pub theme: ThemeId,
    pub rows: Vec<ReviewRow>,
    /// Indices into `rows` of the extract rows, in order.
    pub extracts: Vec<usize>,
    /// Which extract is selected (an index into `extracts`).
    pub selected: usize,
    /// What the reading pane shows.
    pub reading: Reading,
    /// Rows of the reading pane scrolled past.
    pub scroll: usize,
}

/// What the reading pane under the list shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Reading {
    /// The selected extract in full.
    #[default]
    Extract,
    /// The speaker turn around it, the extract set off.
    Turn,
    /// The theme's definition in full.
    Definition,
}

impl ReviewView {
    /// The theme's extracts by the coders `shows` lets through (the layer
    /// and blind mode of the workbench), counts included.
    pub fn new(project: &Project, id: &ThemeId, shows: &dyn Fn(&str) -> bool) -> Option<Self> {
        let root = project.theme(id)?;
        let mut rows = Vec::new();
        for (_, node) in theme::walk(std::slice::from_ref(root)) {
            let within = (node.id != root.id).then(|| node.name.clone());
            for code in &node.codes {
                let (extracts, codings, documents) = extract_rows(project, code, shows);
                rows.push(ReviewRow::Code {
                    id: code.clone(),
                    within: within.clone(),
                    codings,
                    documents,
                });
                rows.extend(extracts);
            }
        }
        let extracts = rows
            .iter()
            .enumerate()
            .filter(|(_, r)| matches!(r, ReviewRow::Extract { .. }))
            .map(|(i, _)| i)
            .collect();
        Some(ReviewView {
            theme: id.clone(),
            rows,
            extracts,
            selected: 0,
            reading: Reading::Extract,
            scroll: 0,
        })
    }

    /// The view rebuilt after a change, on the same extract where possible;
    /// None when the theme is gone.
    pub fn rebuilt(&self, project: &Project, shows: &dyn Fn(&str) -> bool) -> Option<Self> {
        let mut view = ReviewView::new(project, &self.theme, shows)?;
        let current = self.selected_extract();
        view.selected = current
            .and_then(|e| {
                view.extracts
                    .iter()
                    .position(|&i| row_extract(&view.rows[i]) == Some(e))
            })
            .unwrap_or(self.selected)
            .min(view.extracts.len().saturating_sub(1));
        view.reading = self.reading;
        if view.selected == self.selected {
            view.scroll = self.scroll;
        }
        Some(view)
    }

    /// The selected row's index in `rows`.
    pub fn selected_row(&self) -> Option<usize> {
        self.extracts.get(self.selected).copied()
    }

    pub fn selected_extract(&self) -> Option<&Extract> {
        row_extract(self.rows.get(self.selected_row()?)?)
    }
}

fn row_extract(row: &ReviewRow) -> Option<&Extract> {
    match row {
        ReviewRow::Extract { extract, .. } => Some(extract),
        ReviewRow::Code { .. } => None,
    }
}

/// The distinct ranges of `code` coded by the coders shown, by document and
/// position (what retrieval lists; review mode adds who coded each).
pub fn shown_extracts(app: &App, code: &CodeId) -> Vec<Extract> {
    let shows = |coder: &str| crate::tui::layers::shows(app, coder);
    let (rows, _, _) = extract_rows(&app.project, code, &shows);
    rows.into_iter()
        .filter_map(|row| match row {
            ReviewRow::Extract { extract, .. } => Some(extract),
            ReviewRow::Code { .. } => None,
        })
        .collect()
}

/// The extracts of `code` by the coders shown, one row per range, by
/// document and position; with the number of codings and documents.
fn extract_rows(
    project: &Project,
    code: &CodeId,
    shows: &dyn Fn(&str) -> bool,
) -> (Vec<ReviewRow>, usize, usize) {
    let mut found: Vec<(Extract, String)> = project
        .codings_of(code)
        .filter(|r| shows(r.coder))
        .map(|r| {
            let extract = Extract {
                doc: r.doc.clone(),
                start: r.coding.start,
                end: r.coding.end,
            };
            (extract, r.coder.to_string())
        })
        .collect();
    found.sort_by(|(a, x), (b, y)| (&a.doc, a.start, a.end, x).cmp(&(&b.doc, b.start, b.end, y)));
    let codings = found.len();
    let mut documents: Vec<&DocId> = found.iter().map(|(e, _)| &e.doc).collect();
    documents.dedup();
    let documents = documents.len();
    let mut rows: Vec<ReviewRow> = Vec::new();
    for (extract, coder) in found {
        if let Some(ReviewRow::Extract {
            extract: last,
            coders,
        }) = rows.last_mut()
            && *last == extract
        {
            coders.push(coder);
            continue;
        }
        rows.push(ReviewRow::Extract {
            extract,
            coders: vec![coder],
        });
    }
    (rows, codings, documents)
}

/// "Reviewing 'X' (candidate): 4 codes, 23 extracts; s status, e definition".
pub fn summary(app: &App, view: &ReviewView) -> String {
    let Some(t) = app.project.theme(&view.theme) else {
        return String::new();
    };
    let codes = view.rows.len() - view.extracts.len();
    let status = keys_in(app, Context::Review, Action::SetThemeStatus);
    let definition = keys_in(app, Context::Review, Action::EditDefinition);
    format!(
        "reviewing '{}' ({}): {codes} codes, {} extracts; {status} sets its status, {definition} its definition",
        t.name,
        t.status.label(),
        view.extracts.len()
    )
}

/// Opens review mode on `theme`, saying what it holds.
pub fn open(app: &mut App, theme: &ThemeId) {
    match ReviewView::new(&app.project, theme, &|c| crate::tui::layers::shows(app, c)) {
        Some(view) => {
            let message = summary(app, &view);
            super::open(app, Box::new(view));
            app.say(message, Tone::Info);
        }
        None => app.say(format!("no theme '{theme}'"), Tone::Warning),
    }
}

impl Screen for ReviewView {
    fn context(&self, _app: &App) -> Context {
        Context::Review
    }

    fn title(&self, _app: &App) -> &'static str {
        "REVIEW"
    }

    fn act(&mut self, app: &mut App, action: Action) -> Step {
        if let Some(step) = page_rule(app, action) {
            return step;
        }
        self.act_here(app, action)
    }

    fn draw(&self, app: &App, frame: &mut Frame, area: Rect) {
        draw::render(app, self, frame, super::above_status(area));
    }

    /// Rebuilt from the project, on the same extract where it can be;
    /// closed when the theme is gone.
    fn refresh(&mut self, app: &App) -> bool {
        match self.rebuilt(&app.project, &|c| crate::tui::layers::shows(app, c)) {
            Some(view) => {
                *self = view;
                true
            }
            None => false,
        }
    }

    /// Back from the transcript as Enter left it (rebuilt, should codings
    /// have changed meanwhile).
    fn returned(&mut self, app: &mut App) -> bool {
        if !self.refresh(app) {
            app.say("the theme under review is gone", Tone::Warning);
            return false;
        }
        let message = summary(app, self);
        app.say(message, Tone::Info);
        true
    }
}

impl ReviewView {
    fn act_here(&mut self, app: &mut App, action: Action) -> Step {
        let theme = self.theme.clone();
        let page = usize::from(app.size.1.saturating_sub(8)).max(1);
        if let Some(selected) = action.list_motion(self.selected, self.extracts.len(), page) {
            if self.selected != selected {
                self.selected = selected;
                self.scroll = 0;
            }
            return Step::Stay(Vec::new());
        }
        match action {
            Action::Retrieve => return self.jump(app),
            Action::ToggleStar => return Step::Stay(self.star(app)),
            Action::ReadTurn | Action::ReadDefinition => {
                let wanted = if action == Action::ReadTurn {
                    Reading::Turn
                } else {
                    Reading::Definition
                };
                self.reading = if self.reading == wanted {
                    Reading::Extract
                } else {
                    wanted
                };
                self.scroll = 0;
            }
            Action::ReadingDown | Action::ReadingUp => {
                // Scrolling stops at the passage's end, so K comes straight back.
                let most = draw::reading_overflow(app, self);
                self.scroll = if action == Action::ReadingDown {
                    self.scroll + 1
                } else {
                    self.scroll.saturating_sub(1)
                }
                .min(most);
            }
            Action::SetThemeStatus | Action::CycleThemeStatus => {
                crate::tui::refactor_pick::status_picker(app, &theme);
            }
            Action::EditDefinition | Action::EditCode => {
                crate::tui::memo::open(app, MemoSubject::ThemeDefinition(theme));
            }
            Action::EditMemo => {
                crate::tui::memo::open(app, MemoSubject::Target(MemoTarget::Theme(theme)))
            }
            Action::EditMemoInEditor => {
                return Step::Stay(vec![Effect::EditInEditor(Box::new(MemoSubject::Target(
                    MemoTarget::Theme(theme),
                )))]);
            }
            Action::Cancel => return Step::Close(Vec::new()),
            _ => {
                let back = keys_in(app, Context::Review, Action::Back);
                app.say(
                    format!(
                        "'{}' is not for review mode ({back} goes back)",
                        action.description()
                    ),
                    Tone::Info,
                );
            }
        }
        Step::Stay(Vec::new())
    }

    /// `*`: stars the selected extract of the code it is listed under.
    fn star(&self, app: &mut App) -> Vec<Effect> {
        let Some(row) = self.selected_row() else {
            app.say("this theme has no extracts yet", Tone::Info);
            return Vec::new();
        };
        let code = self.rows[..row].iter().rev().find_map(|r| match r {
            ReviewRow::Code { id, .. } => Some(id.clone()),
            ReviewRow::Extract { .. } => None,
        });
        let (Some(code), Some(extract)) = (code, self.selected_extract().cloned()) else {
            return Vec::new();
        };
        crate::tui::quote_bank::toggle(app, &code, &extract)
    }

    /// Enter: the transcript at the selected extract, pushed over review
    /// mode, which comes back where it was on esc, q or ctrl-o (`return_to`).
    fn jump(&self, app: &mut App) -> Step {
        let Some(extract) = self.selected_extract().cloned() else {
            app.say("this theme has no extracts yet", Tone::Info);
            return Step::Stay(Vec::new());
        };
        let (n, len) = (self.selected + 1, self.extracts.len());
        let name = app
            .project
            .theme(&self.theme)
            .map_or(String::new(), |t| t.name.clone());
        crate::tui::transcript::jump_to(app, &extract.doc, extract.start);
        app.focus = Pane::Transcript;
        let back = keys_in(app, Context::Transcript, Action::ReturnToReview);
        app.say(
            format!(
                "extract {n} of {len} in theme '{name}'; {back} (or esc, q) goes back to review"
            ),
            Tone::Info,
        );
        Step::PanesOver(Vec::new())
    }
}

/// Saves a theme's definition from the text area, journaled with its status.
pub fn save_definition(app: &mut App, id: &ThemeId, text: &str) -> Vec<Effect> {
    let Some(status) = app.project.theme(id).map(|t| t.status) else {
        return Vec::new();
    };
    let op = RefactorOp::SetStatus {
        theme: id.clone(),
        status,
        definition: Some(text.to_string()),
    };
    run(app, &op, "")
}
