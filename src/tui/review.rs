//! Review mode (Braun & Clarke phase 4): every extract of a theme's codes,
//! its subthemes' codes included, grouped by code, to judge whether the theme
//! coheres; Enter jumps to an extract in its transcript; the theme's status
//! and definition are set here as journaled edits.

use super::action::Action;
use super::app::{App, Effect, MemoSubject, Pane, Tone};
use super::overlay::Extract;
use super::refactor_ops::{RefactorOp, run};
use crate::model::{CodeId, DocId, MemoTarget, Project, ThemeId, theme};
use crate::tui::keymap::Context;

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
    let shows = |coder: &str| super::layers::shows(app, coder);
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
    let status = super::page::keys_in(app, Context::Review, Action::SetThemeStatus);
    let definition = super::page::keys_in(app, Context::Review, Action::EditDefinition);
    format!(
        "reviewing '{}' ({}): {codes} codes, {} extracts; {status} sets its status, {definition} its definition",
        t.name,
        t.status.label(),
        view.extracts.len()
    )
}

fn view(app: &App) -> Option<&ReviewView> {
    match &app.page {
        Some(super::page::Page::Review(view)) => Some(view),
        _ => None,
    }
}

fn view_mut(app: &mut App) -> Option<&mut ReviewView> {
    match &mut app.page {
        Some(super::page::Page::Review(view)) => Some(view),
        _ => None,
    }
}

pub fn act(app: &mut App, action: Action) -> Vec<Effect> {
    let Some(current) = view(app) else {
        return Vec::new();
    };
    let theme = current.theme.clone();
    let page = usize::from(app.size.1.saturating_sub(8)).max(1);
    if let Some(selected) = action.list_motion(current.selected, current.extracts.len(), page) {
        if let Some(view) = view_mut(app)
            && view.selected != selected
        {
            view.selected = selected;
            view.scroll = 0;
        }
        return Vec::new();
    }
    match action {
        Action::Retrieve => jump(app),
        Action::ToggleStar => return star(app),
        Action::ReadTurn | Action::ReadDefinition => {
            let wanted = if action == Action::ReadTurn {
                Reading::Turn
            } else {
                Reading::Definition
            };
            if let Some(view) = view_mut(app) {
                view.reading = if view.reading == wanted {
                    Reading::Extract
                } else {
                    wanted
                };
                view.scroll = 0;
            }
        }
        Action::ReadingDown | Action::ReadingUp => {
            // Scrolling stops at the passage's end, so K comes straight back.
            let most = view(app).map_or(0, |v| super::render::review_reading_overflow(app, v));
            if let Some(view) = view_mut(app) {
                view.scroll = if action == Action::ReadingDown {
                    view.scroll + 1
                } else {
                    view.scroll.saturating_sub(1)
                }
                .min(most);
            }
        }
        Action::SetThemeStatus | Action::CycleThemeStatus => {
            super::refactor_pick::status_picker(app, &theme);
        }
        Action::EditDefinition | Action::EditCode => {
            super::memo::open(app, MemoSubject::ThemeDefinition(theme));
        }
        Action::EditMemo => super::memo::open(app, MemoSubject::Target(MemoTarget::Theme(theme))),
        Action::EditMemoInEditor => {
            return vec![Effect::EditInEditor(Box::new(MemoSubject::Target(
                MemoTarget::Theme(theme),
            )))];
        }
        Action::Cancel => app.page = None,
        _ => {
            let back = super::page::keys_in(app, Context::Review, Action::Back);
            app.say(
                format!(
                    "'{}' is not for review mode ({back} goes back)",
                    action.description()
                ),
                Tone::Info,
            );
        }
    }
    Vec::new()
}

/// `*`: stars the selected extract of the code it is listed under.
fn star(app: &mut App) -> Vec<Effect> {
    let Some(current) = view(app) else {
        return Vec::new();
    };
    let Some(row) = current.selected_row() else {
        app.say("this theme has no extracts yet", Tone::Info);
        return Vec::new();
    };
    let code = current.rows[..row].iter().rev().find_map(|r| match r {
        ReviewRow::Code { id, .. } => Some(id.clone()),
        ReviewRow::Extract { .. } => None,
    });
    let (Some(code), Some(extract)) = (code, current.selected_extract().cloned()) else {
        return Vec::new();
    };
    super::quote_bank::toggle(app, &code, &extract)
}

/// Enter: the transcript at the selected extract; review mode closes, kept
/// in `review_return` for `return_to` to reopen where it was.
fn jump(app: &mut App) {
    let Some(current) = view(app) else {
        return;
    };
    let Some(extract) = current.selected_extract().cloned() else {
        app.say("this theme has no extracts yet", Tone::Info);
        return;
    };
    let (n, len) = (current.selected + 1, current.extracts.len());
    let name = app
        .project
        .theme(&current.theme)
        .map_or(String::new(), |t| t.name.clone());
    app.review_return = Some(current.clone());
    app.page = None;
    super::transcript::jump_to(app, &extract.doc, extract.start);
    app.focus = Pane::Transcript;
    let back = super::page::keys_in(app, Context::Transcript, Action::ReturnToReview);
    app.say(
        format!("extract {n} of {len} in theme '{name}'; {back} (or esc, q) goes back to review"),
        Tone::Info,
    );
}

/// Back to review mode as Enter left it (rebuilt, should codings have
/// changed meanwhile); false when there is nothing to go back to.
pub fn return_to(app: &mut App) -> bool {
    let Some(view) = app.review_return.take() else {
        return false;
    };
    match view.rebuilt(&app.project, &|c| super::layers::shows(app, c)) {
        Some(view) => {
            let message = summary(app, &view);
            app.page = Some(super::page::Page::Review(view));
            app.say(message, Tone::Info);
        }
        None => app.say("the theme under review is gone", Tone::Warning),
    }
    true
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
