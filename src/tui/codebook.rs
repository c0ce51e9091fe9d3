//! The codebook pane: codes filtered as you type, with add, rename,
//! recolour, delete, definition form, theme placement and retrieval.

use super::app::{App, Effect, Pane, Tone};
use super::overlay::picker::{self, Choice, PickItem, PickPurpose, Picker};
use super::overlay::prompt::{self, PromptPurpose};
use super::overlay::results::Results;
use super::overlay::textarea::TextArea;
use crate::edit::{Edit, compose, names};
use crate::model::{CodeId, DocSpan, PALETTE, ThemeId, parse_hex_colour, theme};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

#[derive(Clone, Debug, Default)]
pub struct CodebookView {
    /// Codes shown, in order (filtered and sorted).
    pub rows: Vec<CodeId>,
    pub selected: usize,
    pub filter: String,
    /// Codes marked (space) to be merged together.
    pub marked: std::collections::BTreeSet<CodeId>,
}

/// Recomputes the visible rows after a change or a new filter.
pub fn refresh(app: &mut App) {
    let current = app.codebook.rows.get(app.codebook.selected).cloned();
    let filter = app.codebook.filter.trim();
    let mut codes: Vec<&crate::model::Code> = app.project.codes.values().collect();
    codes.sort_by_key(|c| c.name.to_lowercase());
    app.codebook.rows = if filter.is_empty() {
        codes.into_iter().map(|c| c.id.clone()).collect()
    } else {
        let matcher = SkimMatcherV2::default().ignore_case();
        let mut scored: Vec<(i64, usize, CodeId)> = codes
            .into_iter()
            .enumerate()
            .filter_map(|(i, c)| {
                matcher
                    .fuzzy_match(&c.name, filter)
                    .map(|s| (s, i, c.id.clone()))
            })
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        scored.into_iter().map(|(_, _, id)| id).collect()
    };
    app.codebook.selected = current
        .and_then(|id| app.codebook.rows.iter().position(|r| *r == id))
        .unwrap_or(app.codebook.selected)
        .min(app.codebook.rows.len().saturating_sub(1));
}

pub fn set_filter(app: &mut App, filter: String) {
    app.codebook.filter = filter;
    app.codebook.selected = 0;
    refresh(app);
}

/// Esc in the codebook: drops the filter, keeping the code under the cursor
/// selected; with no filter, clears the marks. It never moves the cursor by
/// itself (it used to jump to the first code, losing the analyst's place).
pub fn cancel(app: &mut App) {
    if !app.codebook.filter.is_empty() {
        app.codebook.filter.clear();
        refresh(app);
    } else if !app.codebook.marked.is_empty() {
        let n = app.codebook.marked.len();
        app.codebook.marked.clear();
        app.say(format!("{n} mark(s) cleared"), Tone::Info);
    }
}

pub fn select_code(app: &mut App, id: &CodeId) {
    if !app.codebook.rows.contains(id) {
        app.codebook.filter.clear();
        refresh(app);
    }
    if let Some(i) = app.codebook.rows.iter().position(|r| r == id) {
        app.codebook.selected = i;
    }
}

/// The code under the codebook cursor.
pub fn selected(app: &App) -> Option<CodeId> {
    app.codebook.rows.get(app.codebook.selected).cloned()
}

/// The extracts of `code` across documents, by document and position.
pub fn retrieve(app: &mut App, code: &CodeId) {
    let items = super::screens::review::shown_extracts(app, code);
    let name = app.project.code_name(code).to_string();
    if items.is_empty() {
        app.say(format!("'{name}' has no codings yet"), Tone::Info);
        return;
    }
    let title = format!("Extracts of '{name}' ({})", items.len());
    let list = Results {
        marks: Some(super::extract_marks::ExtractMarks::new(code.clone())),
        ..Results::new(title, items)
    };
    super::overlay::open(app, list);
}

/// Opens the code picker to auto-code project search hits.
pub fn open_code_picker_for_hits(app: &mut App, hits: Vec<DocSpan>) {
    let (codes, items) = super::coding::codes_for_picker(app);
    let title = format!(
        "Code all {} as",
        crate::text::count(hits.len(), "hit", "hits")
    );
    let picker = Picker::new(title, items).with_create("create code");
    picker::open(app, picker, AutoCode { hits, codes });
}

/// Runs a codebook action on the selected code.
pub fn act(app: &mut App, action: super::action::Action) -> Vec<Effect> {
    use super::action::Action;
    if action == Action::AddCode {
        prompt::open(app, "New code: ", "", AddCode);
        return Vec::new();
    }
    if action == Action::FilterCodes {
        app.focus = Pane::Codebook;
        let filter = app.codebook.filter.clone();
        prompt::open(app, "Filter codes: ", filter, FilterCodes);
        return Vec::new();
    }
    let Some(id) = selected(app) else {
        app.say("the codebook is empty: a adds a code", Tone::Warning);
        return Vec::new();
    };
    act_on(app, action, &id)
}

/// Runs a code action on `id` (from the codebook or the theme tree).
/// Names of the palette's colours, in `PALETTE` order: a list of bare hex
/// codes said nothing to anyone choosing between them.
const COLOUR_NAMES: [&str; 12] = [
    "red",
    "blue",
    "green",
    "yellow",
    "purple",
    "cyan",
    "orange",
    "rust",
    "periwinkle",
    "pink",
    "teal",
    "lime",
];

/// The colour picker for `id`, opened with `query` typed (kept after a
/// colour that could not be read, so it can be corrected).
pub fn recolour_picker(app: &mut App, id: &CodeId, query: &str) {
    let Some(code) = app.project.codes.get(id) else {
        return;
    };
    let colours: Vec<String> = PALETTE.iter().map(ToString::to_string).collect();
    let items = colours
        .iter()
        .zip(COLOUR_NAMES)
        .map(|(c, name)| {
            let users = app.project.codes.values().filter(|o| o.color == *c).count();
            let mut hint = c.clone();
            if *c == code.color {
                hint.push_str(" · current");
            } else if users > 0 {
                hint.push_str(&format!(
                    " · {}",
                    crate::text::count(users, "code", "codes")
                ));
            }
            PickItem::new(name, hint).coloured(c)
        })
        .collect();
    let mut picker = Picker::new(
        format!("Colour of '{}' (or type #rrggbb)", code.name),
        items,
    )
    .matching_hints()
    .with_create("use colour");
    for c in query.chars() {
        picker.type_char(c);
    }
    let recolour = Recolour {
        code: id.clone(),
        colours,
    };
    picker::open(app, picker, recolour);
}

pub fn act_on(app: &mut App, action: super::action::Action, id: &CodeId) -> Vec<Effect> {
    use super::action::Action;
    let Some(code) = app.project.codes.get(id).cloned() else {
        return Vec::new();
    };
    match action {
        Action::Retrieve => retrieve(app, id),
        Action::Rename => {
            let question = format!("Rename '{}' to: ", code.name);
            prompt::open(app, question, code.name.clone(), RenameCode(id.clone()));
        }
        Action::RecolourCode => recolour_picker(app, id, ""),
        Action::DeleteCode => return super::refactor_ops::confirm_delete_code(app, id),
        Action::EditCode => {
            super::overlay::open(app, super::overlay::code_form::CodeForm::new(&code));
        }
        Action::PutInTheme => {
            let walked = theme::walk(&app.project.themes);
            if walked.is_empty() {
                app.say(
                    "there are no themes yet: add one in the theme pane (3, a)",
                    Tone::Warning,
                );
                return Vec::new();
            }
            let themes = walked.iter().map(|(_, t)| t.id.clone()).collect();
            let items = walked
                .iter()
                .map(|(depth, t)| {
                    PickItem::new(
                        format!("{}{}", "  ".repeat(*depth), t.name),
                        t.status.label(),
                    )
                })
                .collect();
            let picker = Picker::new(format!("Put '{}' into", code.name), items);
            let put = PutInTheme {
                code: id.clone(),
                themes,
            };
            picker::open(app, picker, put);
        }
        Action::MoveOutOfTheme => {
            if theme::holder_of(&app.project.themes, id).is_none() {
                app.say(format!("'{}' is in no theme", code.name), Tone::Info);
                return Vec::new();
            }
            let op = super::refactor_ops::RefactorOp::MoveCode {
                code: id.clone(),
                placement: crate::refactor::Placement::Unsorted,
            };
            return super::refactor_ops::run(app, &op, "");
        }
        Action::EditMemo => {
            super::memo::open(
                app,
                super::app::MemoSubject::Target(crate::model::MemoTarget::Code(id.clone())),
            );
        }
        Action::EditMemoInEditor => {
            return vec![Effect::EditInEditor(Box::new(
                super::app::MemoSubject::Target(crate::model::MemoTarget::Code(id.clone())),
            ))];
        }
        _ => {}
    }
    Vec::new()
}

/// Saves the definition form as one edit.
/// Whether the form's fields differ from the code's definition.
pub fn form_changed(app: &App, id: &CodeId, fields: &[TextArea; 4]) -> bool {
    app.project.codes.get(id).is_some_and(|c| {
        [&c.description, &c.inclusion, &c.exclusion, &c.example]
            .iter()
            .zip(fields)
            .any(|(old, field)| **old != field.text())
    })
}

pub fn save_form(app: &mut App, id: &CodeId, fields: &[TextArea; 4]) -> Vec<Effect> {
    let Some(before) = app.project.codes.get(id).cloned() else {
        return Vec::new();
    };
    let mut after = before.clone();
    after.description = fields[0].text();
    after.inclusion = fields[1].text();
    after.exclusion = fields[2].text();
    after.example = fields[3].text();
    if after == before {
        app.say("definition unchanged", Tone::Info);
        return Vec::new();
    }
    app.apply(Edit::ChangeCode { before, after })
}

/// Code every project-search hit (or passage around it); items are `codes`.
pub struct AutoCode {
    pub hits: Vec<DocSpan>,
    pub codes: Vec<CodeId>,
}

impl PickPurpose for AutoCode {
    fn picked(self: Box<Self>, app: &mut App, choice: Choice) -> Vec<Effect> {
        let Some((code, new)) = super::coding::code_choice(app, &self.codes, choice) else {
            return Vec::new();
        };
        let AutoCode { hits, .. } = *self;
        let edit = names::with_new_code(&app.project, new, |project| {
            compose::auto_code(project, &hits, &app.coder, &code)
        });
        // A corpus-wide search holds a hundred thousand hits: gone before
        // the edit is applied and saved, not after.
        drop(hits);
        match edit {
            Some(edit) => {
                app.used_code(&code);
                app.apply(edit)
            }
            None => {
                app.say("every hit is already coded so", Tone::Info);
                Vec::new()
            }
        }
    }
}

/// Put `code` into the theme chosen; items follow `themes`.
pub struct PutInTheme {
    pub code: CodeId,
    pub themes: Vec<ThemeId>,
}

impl PickPurpose for PutInTheme {
    fn picked(self: Box<Self>, app: &mut App, choice: Choice) -> Vec<Effect> {
        let Choice::Item(i) = choice else {
            return Vec::new();
        };
        let Some(theme) = self.themes.get(i).cloned() else {
            return Vec::new();
        };
        let code = self.code;
        // Its own theme again: moving would only send it to the end
        // (and journal a reorder nobody asked for).
        let holder = theme::holder_of(&app.project.themes, &code);
        if let Some((held, _)) = holder.filter(|(t, _)| t.id == theme) {
            let text = format!(
                "'{}' is already in '{}'; nothing changed (K and J reorder)",
                app.project.code_name(&code),
                held.name
            );
            app.say(text, Tone::Info);
            return Vec::new();
        }
        let placement = crate::refactor::Placement::Theme { theme, index: None };
        let op = super::refactor_ops::RefactorOp::MoveCode { code, placement };
        super::refactor_ops::run(app, &op, "")
    }
}

/// A new colour for `code`: one of `colours`, or a typed `#rrggbb`.
pub struct Recolour {
    pub code: CodeId,
    pub colours: Vec<String>,
}

impl PickPurpose for Recolour {
    fn picked(self: Box<Self>, app: &mut App, choice: Choice) -> Vec<Effect> {
        let (colour, typed) = match choice {
            Choice::Item(i) => (self.colours.get(i).cloned(), String::new()),
            Choice::Create(text) => (
                parse_hex_colour(&text).map(|_| text.to_ascii_lowercase()),
                text,
            ),
        };
        let Some(before) = app.project.codes.get(&self.code).cloned() else {
            return Vec::new();
        };
        let Some(colour) = colour else {
            // Stay in the picker with what was typed, to correct it.
            recolour_picker(app, &self.code, &typed);
            app.say(
                format!("'{typed}' is not a colour: pick one, or type one like #e06c75"),
                Tone::Warning,
            );
            return Vec::new();
        };
        let mut after = before.clone();
        after.color = colour;
        app.apply(Edit::ChangeCode { before, after })
    }
}

/// The name of a new code.
pub struct AddCode;

impl PromptPurpose for AddCode {
    fn entered(self: Box<Self>, app: &mut App, text: String) -> Vec<Effect> {
        let Some(name) = prompt::name_given(app, &text) else {
            return Vec::new();
        };
        let code = match names::new_code(&app.project, &name) {
            Ok(code) => code,
            Err(refused) => {
                app.say(format!("{refused}; nothing changed"), Tone::Warning);
                return Vec::new();
            }
        };
        let id = code.id.clone();
        let effects = app.apply(Edit::AddCode { code });
        select_code(app, &id);
        effects
    }
}

/// A code's new name.
pub struct RenameCode(pub CodeId);

impl PromptPurpose for RenameCode {
    fn entered(self: Box<Self>, app: &mut App, text: String) -> Vec<Effect> {
        let Some(name) = prompt::name_given(app, &text) else {
            return Vec::new();
        };
        let op = super::refactor_ops::RefactorOp::RenameCode { code: self.0, name };
        super::refactor_ops::run(app, &op, "")
    }
}

/// The codebook's filter, applied as it is typed; Esc clears it.
pub struct FilterCodes;

impl PromptPurpose for FilterCodes {
    fn entered(self: Box<Self>, app: &mut App, text: String) -> Vec<Effect> {
        set_filter(app, text);
        Vec::new()
    }

    fn edited(&self, app: &mut App, text: &str) {
        set_filter(app, text.to_string());
    }

    fn cancelled(&self, app: &mut App) {
        set_filter(app, String::new());
    }
}
