//! `update(&mut App, Action) -> Vec<Effect>`: the one place where actions
//! change the workbench. Keys, the palette, mouse clicks and tests all come
//! through here.

use super::action::Action;
use super::app::{App, Effect, MemoSubject, Pane, Tone};
use super::overlay::picker::{self, Choice, PickItem, PickPurpose, Picker};
use super::overlay::{help::Help, messages::Messages, prompt};
use super::{codebook, coding, memo, search, themes, transcript};
use crate::model::MemoTarget;

pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    if action != Action::Quit {
        app.quit_armed = false;
    }
    if let Some(effects) = super::screens::dispatch(app, action) {
        return effects;
    }
    if matches!(action, Action::Undo | Action::Redo | Action::SaveAgain)
        && let Some(refused) = app.session.refusal()
    {
        app.say(refused, Tone::Error);
        return Vec::new();
    }
    match action {
        // q after Enter left review mode means "back", as it does there.
        Action::Quit if app.screens.on_panes() && super::screens::return_to(app) => Vec::new(),
        Action::Quit => quit(app),
        Action::Command(command) => (command.run)(app),
        Action::MessageLog => {
            super::overlay::open(app, Messages::default());
            Vec::new()
        }
        Action::ReturnToReview => {
            if !super::screens::return_to(app) {
                app.say(
                    "no review to go back to (R on a theme reviews it)",
                    Tone::Info,
                );
            }
            Vec::new()
        }
        Action::Help => {
            super::overlay::open(app, Help::default());
            Vec::new()
        }
        Action::Palette => {
            open_palette(app);
            Vec::new()
        }
        Action::NextPane => focus(app, app.focus.next()),
        Action::PrevPane => focus(app, app.focus.prev()),
        Action::FocusTranscript => focus(app, Pane::Transcript),
        Action::FocusCodebook => focus(app, Pane::Codebook),
        Action::FocusThemes => focus(app, Pane::Themes),
        Action::Undo => undo_redo(app, true),
        Action::Redo => undo_redo(app, false),
        Action::OpenDocument => {
            open_document_picker(app);
            Vec::new()
        }
        Action::SearchProject => {
            prompt::open(app, "Search all documents: ", "", search::SearchProject);
            Vec::new()
        }
        Action::ProjectMemo => {
            memo::open(app, MemoSubject::Target(MemoTarget::Project));
            Vec::new()
        }
        Action::SaveAgain => {
            let pending = app.session.take_unsaved();
            if pending.is_empty() {
                app.say("everything is saved", Tone::Ok);
            }
            pending
                .into_iter()
                .map(|e| Effect::Save(Box::new(e)))
                .collect()
        }
        Action::ReloadProject => vec![Effect::Reload(super::reload::ReloadMode::Fresh)],
        Action::UnplacedCodings => {
            super::unplaced::open_list(app);
            Vec::new()
        }
        Action::AgreementView => {
            super::screens::agreement::open(app);
            Vec::new()
        }
        Action::ChooseCoderPair => {
            super::screens::agreement::choose_pair(app);
            Vec::new()
        }
        Action::ChooseLayer => {
            super::layers::choose_layer(app);
            Vec::new()
        }
        Action::ToggleBlind => {
            super::layers::toggle_blind(app);
            Vec::new()
        }
        Action::EditAttributes => {
            super::cases::open(app);
            Vec::new()
        }
        Action::QueryExtracts => {
            super::screens::extracts_query::open(app);
            Vec::new()
        }
        a if super::screens::charts::opens(a).is_some() => {
            if let Some(chart) = super::screens::charts::opens(a) {
                super::screens::charts::open(app, chart);
            }
            Vec::new()
        }
        a if super::refactor_ops::owns(a) => super::refactor_ops::act(app, a),
        _ => match app.focus {
            Pane::Transcript => transcript_action(app, action),
            Pane::Codebook => codebook_action(app, action),
            Pane::Themes => themes_action(app, action),
        },
    }
}

fn quit(app: &mut App) -> Vec<Effect> {
    if app.session.unsaved().is_empty() || app.quit_armed {
        return vec![Effect::Quit];
    }
    app.quit_armed = true;
    app.say(
        format!(
            "{} edit(s) could not be saved! ctrl-s tries again; q again quits and loses them",
            app.session.unsaved().len()
        ),
        Tone::Error,
    );
    Vec::new()
}

fn focus(app: &mut App, pane: Pane) -> Vec<Effect> {
    app.focus = pane;
    Vec::new()
}

fn undo_redo(app: &mut App, undo: bool) -> Vec<Effect> {
    let result = if undo {
        app.session.undo(&mut app.project)
    } else {
        app.session.redo(&mut app.project)
    };
    match result {
        Ok(None) => {
            app.say(
                if undo {
                    "nothing to undo"
                } else {
                    "nothing to redo"
                },
                Tone::Info,
            );
            Vec::new()
        }
        Ok(Some(crate::session::Stepped { description, edit })) => {
            let verb = if undo { "undid" } else { "redid" };
            app.after_edit(&edit);
            // Show what changed: the transcript moves to the first coding
            // the step touched.
            if app.screens.on_panes()
                && let Some((doc, pos)) = first_coding_place(&edit)
                && app.project.documents.contains_key(&doc)
                && !transcript::shows(app, &doc, pos)
            {
                transcript::jump_to(app, &doc, pos);
            }
            app.say(format!("{verb}: {description}"), Tone::Ok);
            vec![Effect::Save(Box::new(edit))]
        }
        Err(crate::session::NotDone::ReadOnly(refused)) => {
            app.say(refused, Tone::Error);
            Vec::new()
        }
        Err(crate::session::NotDone::Refused(err)) => {
            app.say(
                format!("cannot {}: {err}", if undo { "undo" } else { "redo" }),
                Tone::Error,
            );
            Vec::new()
        }
    }
}

/// Where the first coding an edit adds, removes or changes begins.
fn first_coding_place(edit: &crate::edit::Edit) -> Option<(crate::model::DocId, usize)> {
    use crate::edit::Edit;
    match edit {
        Edit::AddCoding { doc, coding, .. } | Edit::RemoveCoding { doc, coding, .. } => {
            Some((doc.clone(), coding.start))
        }
        Edit::ChangeCoding { doc, after, .. } => Some((doc.clone(), after.start)),
        Edit::AddCodings { doc, codings, .. } | Edit::RemoveCodings { doc, codings, .. } => {
            codings.first().map(|c| (doc.clone(), c.start))
        }
        Edit::Batch { edits, .. } => edits.iter().find_map(first_coding_place),
        _ => None,
    }
}

fn open_palette(app: &mut App) {
    let context = app.screens.top().context(app);
    let actions: Vec<Action> = Action::every()
        .into_iter()
        .filter(|a| *a != Action::Palette && !a.in_overlay_only())
        .collect();
    let items = actions
        .iter()
        .map(|a| {
            let keys = app
                .keymap
                .keys_for(context, a)
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(" ");
            PickItem::new(a.description(), keys)
        })
        .collect();
    picker::open(app, Picker::new("Command", items), PaletteCommand(actions));
}

/// The command palette: the action chosen runs as if its key were pressed.
pub struct PaletteCommand(pub Vec<Action>);

impl PickPurpose for PaletteCommand {
    fn picked(self: Box<Self>, app: &mut App, choice: Choice) -> Vec<Effect> {
        match choice {
            Choice::Item(i) => self.0.get(i).map(|a| update(app, *a)).unwrap_or_default(),
            Choice::Create(_) => Vec::new(),
        }
    }
}

fn open_document_picker(app: &mut App) {
    let docs: Vec<_> = app.project.documents.keys().cloned().collect();
    let items = app
        .project
        .documents
        .values()
        .map(|d| {
            let n: usize = app.project.codings.get(&d.id).map_or(0, |m| {
                m.iter()
                    .filter(|(coder, _)| super::layers::shows(app, coder))
                    .map(|(_, list)| list.len())
                    .sum()
            });
            PickItem::new(d.id.to_string(), format!("{} · {n} codings", d.title()))
        })
        .collect();
    let picker = Picker::new("Open document", items).matching_hints();
    picker::open(app, picker, OpenDocument(docs));
}

/// `o`: the document to open; items follow the documents.
pub struct OpenDocument(pub Vec<crate::model::DocId>);

impl PickPurpose for OpenDocument {
    fn picked(self: Box<Self>, app: &mut App, choice: Choice) -> Vec<Effect> {
        if let Choice::Item(i) = choice
            && let Some(doc) = self.0.get(i)
        {
            transcript::open_document(app, doc);
            app.focus = Pane::Transcript;
            app.say(format!("opened {doc}"), Tone::Info);
        }
        Vec::new()
    }
}

fn transcript_action(app: &mut App, action: Action) -> Vec<Effect> {
    if transcript::motion(app, action) {
        return Vec::new();
    }
    match action {
        Action::Select | Action::SelectLines => {
            let linewise = action == Action::SelectLines;
            if app.transcript.anchor.is_some() && app.transcript.linewise == linewise {
                app.transcript.anchor = None;
            } else {
                app.transcript.anchor.get_or_insert(app.transcript.cursor);
                app.transcript.linewise = linewise;
            }
            Vec::new()
        }
        Action::Cancel => {
            if app.transcript.anchor.is_none()
                && app.transcript.search.is_none()
                && super::layers::compare(app).is_none()
                && super::screens::return_to(app)
            {
                return Vec::new();
            }
            if app.transcript.anchor.is_none() && app.transcript.search.is_none() {
                super::layers::end_compare(app);
            }
            app.transcript.anchor = None;
            app.transcript.search = None;
            Vec::new()
        }
        Action::NextDisagreement | Action::PrevDisagreement => {
            super::layers::step_disagreement(app, action == Action::NextDisagreement);
            Vec::new()
        }
        Action::CodeSelection => coding::code_selection(app),
        Action::CodeInVivo => coding::code_in_vivo(app),
        Action::RepeatCoding => coding::repeat_coding(app),
        Action::RemoveCoding => coding::remove_coding(app),
        Action::WidenCoding => coding::resize_coding(app, true),
        Action::NarrowCoding => coding::resize_coding(app, false),
        Action::WidenCodingStart => coding::resize_coding_start(app, true),
        Action::NarrowCodingStart => coding::resize_coding_start(app, false),
        Action::CopyPassage => super::copy::copy_passage(app),
        Action::Search => {
            prompt::open(app, "/", "", search::SearchDocument);
            Vec::new()
        }
        Action::SearchNext => {
            search::step(app, true, false);
            Vec::new()
        }
        Action::SearchPrev => {
            search::step(app, false, false);
            Vec::new()
        }
        Action::DocumentMemo => {
            if let Some(doc) = app.transcript.doc.clone() {
                memo::open(app, MemoSubject::Target(MemoTarget::Document(doc)));
            }
            Vec::new()
        }
        Action::EditMemo | Action::EditMemoInEditor => transcript_memo(app, action),
        Action::Retrieve => {
            let found = coding::own_codings_at_cursor(app);
            let code = found.first().map(|(_, _, c)| c.code.clone()).or_else(|| {
                let doc = transcript::document(app)?;
                let pos = app.transcript.cursor;
                app.project
                    .codings_in(&doc.id)
                    .iter()
                    .find(|r| r.coding.contains(pos) && super::layers::shows(app, r.coder))
                    .map(|r| r.coding.code.clone())
            });
            match code {
                Some(code) => codebook::retrieve(app, &code),
                None => app.say("no coding under the cursor", Tone::Info),
            }
            Vec::new()
        }
        Action::AddCode | Action::FilterCodes => codebook::act(app, action),
        Action::AddTheme => themes::act(app, action),
        _ => {
            not_here(app, action);
            Vec::new()
        }
    }
}

/// `m` in the transcript: the coding under the cursor, else the document.
fn transcript_memo(app: &mut App, action: Action) -> Vec<Effect> {
    let found = coding::own_codings_at_cursor(app);
    let subject = match found.as_slice() {
        [] => match app.transcript.doc.clone() {
            Some(doc) => MemoSubject::Target(MemoTarget::Document(doc)),
            None => return Vec::new(),
        },
        [(doc, coder, coding)] => MemoSubject::Coding {
            doc: doc.clone(),
            coder: coder.clone(),
            coding: coding.clone(),
        },
        _ if action == Action::EditMemo => {
            let items = coding::coding_items(app, &found);
            let picker = Picker::new("Memo on which coding?", items);
            picker::open(app, picker, CodingMemo(found));
            return Vec::new();
        }
        [(doc, coder, coding), ..] => MemoSubject::Coding {
            doc: doc.clone(),
            coder: coder.clone(),
            coding: coding.clone(),
        },
    };
    if action == Action::EditMemoInEditor {
        return vec![Effect::EditInEditor(Box::new(subject))];
    }
    memo::open(app, subject);
    Vec::new()
}

fn codebook_action(app: &mut App, action: Action) -> Vec<Effect> {
    let len = app.codebook.rows.len();
    if let Some(selected) = action.list_motion(app.codebook.selected, len, 10) {
        app.codebook.selected = selected;
        return Vec::new();
    }
    match action {
        Action::Cancel => {
            codebook::cancel(app);
            Vec::new()
        }
        Action::AddTheme => themes::act(app, action),
        _ => codebook::act(app, action),
    }
}

fn themes_action(app: &mut App, action: Action) -> Vec<Effect> {
    let len = app.themes.rows.len();
    if let Some(selected) = action.list_motion(app.themes.selected, len, 10) {
        app.themes.selected = selected;
        return Vec::new();
    }
    match action {
        Action::AddCode | Action::FilterCodes => codebook::act(app, action),
        _ => themes::act(app, action),
    }
}

fn not_here(app: &mut App, action: Action) {
    app.say(
        format!("'{}' does not apply in this pane", action.description()),
        Tone::Info,
    );
}

/// `m` over several codings: which coding's memo to edit.
pub struct CodingMemo(
    pub  Vec<(
        crate::model::DocId,
        crate::model::CoderId,
        crate::model::Coding,
    )>,
);

impl PickPurpose for CodingMemo {
    fn picked(self: Box<Self>, app: &mut App, choice: Choice) -> Vec<Effect> {
        if let Choice::Item(i) = choice
            && let Some((doc, coder, coding)) = self.0.get(i)
        {
            let subject = MemoSubject::Coding {
                doc: doc.clone(),
                coder: coder.clone(),
                coding: coding.clone(),
            };
            memo::open(app, subject);
        }
        Vec::new()
    }
}
