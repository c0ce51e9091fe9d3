//! Whose codings the workbench shows: every coder's (the default), mine
//! only, mine and one other coder's, or two coders side by side on one code
//! (from the agreement view). Blind mode overrides every layer and shows
//! only my own work, everywhere: highlights, stripes, counts, extracts.
//! Also stepping between the places where the compared coders disagree.

use super::app::Effect;
use super::app::{App, Pane, Tone};
use super::overlay::picker::{self, Choice, PickItem, PickPurpose, Picker};
use crate::analysis::Group;
use crate::analysis::coders::{active_coders, usage_of};
use crate::analysis::disagreement::{Stretch, codes_used, step, stretches};
use crate::model::{CodeId, DocId};

/// Two coders' codings side by side, on one code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Compare {
    pub code: CodeId,
    pub coders: [String; 2],
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Layer {
    #[default]
    All,
    Mine,
    /// Mine and this other coder's.
    With(String),
    Compare(Compare),
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Layers {
    pub layer: Layer,
    /// Only my codings, whatever the layer, so I can code independently.
    pub blind: bool,
}

/// Are `coder`'s codings shown now?
pub fn shows(app: &App, coder: &str) -> bool {
    if app.layers.blind {
        return app.coder == coder;
    }
    match &app.layers.layer {
        Layer::All => true,
        Layer::Mine => app.coder == coder,
        Layer::With(other) => app.coder == coder || coder == other,
        Layer::Compare(c) => c.coders.iter().any(|x| x == coder),
    }
}

/// The side-by-side comparison shown, if any (never in blind mode).
pub fn compare(app: &App) -> Option<&Compare> {
    match &app.layers.layer {
        Layer::Compare(c) if !app.layers.blind => Some(c),
        _ => None,
    }
}

/// Recounts codes for the coders shown. The full count is kept when every
/// coder is shown, so the default costs nothing extra.
pub fn refilter_usage(app: &mut App) {
    if app.layers.layer != Layer::All || app.layers.blind {
        app.usage = usage_of(&app.project, |coder| shows(app, coder));
    }
}

/// What the status line says about the layer ("" for every coder's codings).
pub fn status_label(app: &App) -> String {
    if app.layers.blind {
        return " · BLIND".to_string();
    }
    match &app.layers.layer {
        Layer::All => String::new(),
        Layer::Mine => " · mine only".to_string(),
        Layer::With(other) => format!(" · mine+{other}"),
        Layer::Compare(c) => format!(" · {}│{}", c.coders[0], c.coders[1]),
    }
}

fn set_layer(app: &mut App, layer: Layer) {
    app.layers.layer = layer;
    app.after_change();
}

/// Turns blind mode on or off, saying what it means.
pub fn set_blind(app: &mut App, on: bool) {
    app.layers.blind = on;
    if on {
        // A comparison is other coders' work: it ends with blind mode.
        if matches!(app.layers.layer, Layer::Compare(_)) {
            app.layers.layer = Layer::All;
        }
        // The agreement view closes too (see its `refresh`).
    }
    app.after_change();
    let keys = app.keys_label(super::action::Action::ToggleBlind);
    if on {
        app.say(
            format!(
                "blind mode: only {}'s codings are shown ({keys} shows the others)",
                app.coder
            ),
            Tone::Info,
        );
    } else {
        app.say(
            "blind mode off: other coders' codings are shown",
            Tone::Info,
        );
    }
}

pub fn toggle_blind(app: &mut App) {
    set_blind(app, !app.layers.blind);
}

/// Opens the layer picker: mine, mine and each other coder, all.
pub fn choose_layer(app: &mut App) {
    if app.layers.blind {
        let keys = app.keys_label(super::action::Action::ToggleBlind);
        app.say(
            format!("blind mode shows only your codings ({keys} leaves it)"),
            Tone::Warning,
        );
        return;
    }
    let others: Vec<String> = active_coders(&app.project)
        .into_iter()
        .filter(|c| app.coder != **c)
        .collect();
    let mut layers = vec![Layer::All, Layer::Mine];
    layers.extend(others.iter().cloned().map(Layer::With));
    let items = layers
        .iter()
        .map(|layer| {
            let label = match layer {
                Layer::All => "all coders".to_string(),
                Layer::Mine => format!("mine only ({})", app.coder),
                Layer::With(other) => format!("mine and {other}'s"),
                Layer::Compare(_) => String::new(),
            };
            let hint = if *layer == app.layers.layer {
                "shown now"
            } else {
                ""
            };
            PickItem::new(label, hint)
        })
        .collect();
    picker::open(
        app,
        Picker::new("Show the codings of", items),
        LayerPick(layers),
    );
}

/// Whose codings the transcript shows.
pub struct LayerPick(pub Vec<Layer>);

impl PickPurpose for LayerPick {
    fn picked(self: Box<Self>, app: &mut App, choice: Choice) -> Vec<Effect> {
        picked_layer(app, &self.0, choice);
        Vec::new()
    }
}

/// The layer picker's choice.
pub fn picked_layer(app: &mut App, layers: &[Layer], choice: Choice) {
    let Choice::Item(i) = choice else { return };
    let Some(layer) = layers.get(i).cloned() else {
        return;
    };
    set_layer(app, layer);
    let shown = match &app.layers.layer {
        Layer::All => "every coder's codings".to_string(),
        Layer::Mine => format!("only {}'s codings", app.coder),
        Layer::With(other) => format!("{}'s and {other}'s codings", app.coder),
        Layer::Compare(_) => String::new(),
    };
    app.say(format!("showing {shown}"), Tone::Info);
}

/// Shows two coders side by side on `code` in `doc`, at the first
/// disagreement.
pub fn start_compare(app: &mut App, code: CodeId, coders: [String; 2], doc: &DocId) {
    set_layer(app, Layer::Compare(Compare { code, coders }));
    app.focus = Pane::Transcript;
    super::transcript::jump_to(app, doc, 0);
    let Some((groups, codes)) = comparison(app, doc) else {
        return;
    };
    let found = stretches(&app.project, doc, &codes, &groups);
    if found.is_empty() {
        app.say(format!("the two agree everywhere in {doc}"), Tone::Ok);
    } else {
        show_stretch(app, doc, &groups, &found, 0, false);
    }
}

/// Ends a side-by-side comparison (Esc), back to every coder's codings.
pub fn end_compare(app: &mut App) -> bool {
    if matches!(app.layers.layer, Layer::Compare(_)) {
        set_layer(app, Layer::All);
        app.say(
            "comparison closed: showing every coder's codings",
            Tone::Info,
        );
        return true;
    }
    false
}

/// What is compared in the open document: the groups, and the codes.
fn comparison(app: &App, doc: &DocId) -> Option<(Vec<Group>, Vec<CodeId>)> {
    match &app.layers.layer {
        Layer::Compare(c) => Some((
            c.coders.iter().cloned().map(Group::coder).collect(),
            vec![c.code.clone()],
        )),
        Layer::With(other) => {
            let groups = vec![Group::coder(app.coder.clone()), Group::coder(other.clone())];
            let codes = codes_used(&app.project, doc, &groups);
            Some((groups, codes))
        }
        Layer::All | Layer::Mine => None,
    }
}

/// Moves the cursor to the next (or previous) disagreement between the
/// compared coders in the open document.
pub fn step_disagreement(app: &mut App, forward: bool) {
    if app.layers.blind {
        app.say("blind mode hides other coders' work", Tone::Warning);
        return;
    }
    let Some(doc) = app.transcript.doc.clone() else {
        return;
    };
    let Some((groups, codes)) = comparison(app, &doc) else {
        let agree = app.keys_label(super::action::Action::AgreementView);
        let layer = app.keys_label(super::action::Action::ChooseLayer);
        app.say(
            format!("nothing compared: {agree} lists codes by agreement, {layer} shows another coder's codings"),
            Tone::Info,
        );
        return;
    };
    let found: Vec<Stretch> = stretches(&app.project, &doc, &codes, &groups);
    let Some((i, wrapped)) = step(&found, app.transcript.cursor, forward) else {
        app.say(
            format!(
                "{} and {} agree everywhere in {doc}",
                groups[0].name, groups[1].name
            ),
            Tone::Ok,
        );
        return;
    };
    show_stretch(app, &doc, &groups, &found, i, wrapped);
}

/// Puts the cursor on stretch `i` and says who coded it.
fn show_stretch(
    app: &mut App,
    doc: &DocId,
    groups: &[Group],
    found: &[Stretch],
    i: usize,
    wrapped: bool,
) {
    let Some(stretch) = found.get(i) else { return };
    super::transcript::jump_to(app, doc, stretch.start);
    let who: Vec<&str> = groups
        .iter()
        .zip(&stretch.coded_by)
        .filter(|(_, coded)| **coded)
        .map(|(g, _)| g.name.as_str())
        .collect();
    let lines = app
        .project
        .documents
        .get(doc)
        .map(|d| d.index().line_span(stretch.start, stretch.end))
        .unwrap_or_default();
    let wrap = if wrapped { " (wrapped)" } else { "" };
    app.say(
        format!(
            "disagreement {}/{} on '{}', line {lines}: {} only{wrap}",
            i + 1,
            found.len(),
            app.project.code_name(&stretch.code),
            who.join(", ")
        ),
        Tone::Info,
    );
}
