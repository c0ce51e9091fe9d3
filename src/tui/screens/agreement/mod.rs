//! The agreement view: codes listed by inter-coder agreement for two coders,
//! worst first (Cohen's kappa, Krippendorff's alpha, percentage agreement on
//! characters, as `margin agree` computes them). Enter shows the document
//! where the two disagree most about the code, side by side; `c` picks
//! another pair of coders. Its keys are the keymap's "agreement" context;
//! every key stays here until the view closes. `draw` draws it.

mod draw;

use super::{Screen, Step, keys_in};
use crate::analysis::coders::{active_coders, default_pair, pairs, shared_documents};
use crate::analysis::disagreement::most_disagreeing_document;
use crate::analysis::{Comparison, Scores, compare};
use crate::model::{CodeId, DocId, Project};
use crate::tui::action::Action;
use crate::tui::app::{App, Effect, Tone};
use crate::tui::keymap::{Context, Key};
use crate::tui::layers::{self, Layer};
use crate::tui::overlay::picker::{self as pick, PickPurpose};
use crate::tui::overlay::picker::{Choice, PickItem, Picker};
use ratatui::Frame;
use ratatui::layout::Rect;

/// One code's agreement between the two coders.
#[derive(Clone, Debug, PartialEq)]
pub struct AgreementRow {
    pub code: CodeId,
    pub name: String,
    pub scores: Scores,
    /// The document with the most disagreeing characters, and how many.
    pub worst: Option<(DocId, usize)>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct AgreementView {
    pub coders: [String; 2],
    /// Documents both coders have coded, which are compared.
    pub documents: Vec<DocId>,
    /// Codes either coder used there, worst agreement first.
    pub rows: Vec<AgreementRow>,
    /// Codes neither used in the compared documents (not listed).
    pub unused: usize,
    pub overall: Scores,
    pub selected: usize,
}

/// Compares two coders; an error says why it cannot be done.
pub fn build(project: &Project, coders: [String; 2]) -> Result<AgreementView, String> {
    let report =
        compare(project, &Comparison::coders(coders.clone())).map_err(|e| e.to_string())?;
    if report.documents.is_empty() {
        return Err(format!(
            "{} and {} have not coded any document in common yet",
            coders[0], coders[1]
        ));
    }
    let listed: Vec<AgreementRow> = report
        .worst_first()
        .into_iter()
        .filter(|row| row.tally.coded.iter().any(|&n| n > 0))
        .map(|row| AgreementRow {
            code: row.code.clone(),
            name: row.name.clone(),
            scores: row.scores,
            worst: most_disagreeing_document(row).map(|(d, n)| (d.clone(), n)),
        })
        .collect();
    Ok(AgreementView {
        unused: report.codes.len() - listed.len(),
        coders,
        documents: report.documents,
        rows: listed,
        overall: report.overall.scores,
        selected: 0,
    })
}

/// Opens the view for the default pair (me and my closest co-coder).
pub fn open(app: &mut App) {
    if app.layers.blind {
        let keys = app.keys_label(Action::ToggleBlind);
        app.say(
            format!("agreement is hidden in blind mode: it would show other coders' work ({keys} leaves blind mode)"),
            Tone::Warning,
        );
        return;
    }
    // Reopening keeps the pair chosen last.
    let pair = match &app.layers.layer {
        Layer::Compare(c) => Some((c.coders[0].clone(), c.coders[1].clone())),
        _ => default_pair(&app.project, &app.coder),
    };
    let Some((a, b)) = pair else {
        let coders = active_coders(&app.project);
        app.say(
            format!(
                "agreement needs two coders; {} coded so far",
                if coders.is_empty() {
                    "nobody has".to_string()
                } else {
                    format!("only {} has", coders.join(", "))
                }
            ),
            Tone::Warning,
        );
        return;
    };
    show(app, [a, b]);
}

fn show(app: &mut App, coders: [String; 2]) {
    match build(&app.project, coders) {
        Ok(view) => {
            let docs: Vec<&str> = view.documents.iter().map(DocId::as_str).collect();
            app.say(format!("compared on {}", docs.join(", ")), Tone::Info);
            super::open(app, Box::new(view));
        }
        Err(message) => app.say(message, Tone::Warning),
    }
}

impl Screen for AgreementView {
    fn context(&self, _app: &App) -> Context {
        Context::Agreement
    }

    fn title(&self, _app: &App) -> &'static str {
        "AGREE"
    }

    /// Every action stays here: motions, Enter, the pair; others are
    /// answered with the view's keys.
    fn act(&mut self, app: &mut App, action: Action) -> Step {
        if let Some(selected) = action.list_motion(self.selected, self.rows.len(), 10) {
            self.selected = selected;
            return Step::Stay(Vec::new());
        }
        match action {
            Action::Back | Action::Cancel => {
                app.say("agreement view closed", Tone::Info);
                Step::Close(Vec::new())
            }
            Action::Retrieve => self.enter_step(app, false),
            // The selected code side by side, at its first (or last) disagreement.
            Action::NextDisagreement => self.enter_step(app, false),
            Action::PrevDisagreement => self.enter_step(app, true),
            Action::ChooseCoderPair => {
                choose_pair(app);
                Step::Stay(Vec::new())
            }
            _ => {
                self.hint(app);
                Step::Stay(Vec::new())
            }
        }
    }

    fn unbound(&mut self, app: &mut App, _key: Key) {
        self.hint(app);
    }

    fn draw(&self, app: &App, frame: &mut Frame, area: Rect) {
        draw::render(app, self, frame, area);
    }

    /// Compared again on the project as it is now (a reload), on the same
    /// row; closed in blind mode, which hides other coders' work.
    fn refresh(&mut self, app: &App) -> bool {
        if app.layers.blind {
            return false;
        }
        match build(&app.project, self.coders.clone()) {
            Ok(mut view) => {
                view.selected = self.selected.min(view.rows.len().saturating_sub(1));
                *self = view;
                true
            }
            Err(_) => false,
        }
    }
}

impl AgreementView {
    /// Enter: the code side by side (at its last disagreement when `last`);
    /// the view stays open when there is nothing to show.
    fn enter_step(&self, app: &mut App, last: bool) -> Step {
        if !enter(app, self) {
            return Step::Stay(Vec::new());
        }
        if last {
            layers::step_disagreement(app, false);
        }
        Step::Close(Vec::new())
    }

    fn hint(&self, app: &mut App) {
        let keys = |a| keys_in(app, Context::Agreement, a);
        let hint = format!(
            "{} side by side · {} other coders · {} close",
            keys(Action::Retrieve),
            keys(Action::ChooseCoderPair),
            keys(Action::Back)
        );
        app.say(hint, Tone::Info);
    }
}

/// Enter: the selected code, side by side, where the two disagree most.
/// False when there is nothing to show (the view stays open).
fn enter(app: &mut App, view: &AgreementView) -> bool {
    let Some(row) = view.rows.get(view.selected) else {
        app.say("no code to show", Tone::Info);
        return false;
    };
    let Some((doc, _)) = &row.worst else {
        app.say(
            format!(
                "{} and {} agree on every character of '{}'",
                view.coders[0], view.coders[1], row.name
            ),
            Tone::Ok,
        );
        return false;
    };
    layers::start_compare(app, row.code.clone(), view.coders.clone(), doc);
    true
}

/// Opens a picker of coder pairs, those sharing most documents first.
pub fn choose_pair(app: &mut App) {
    let coders = active_coders(&app.project);
    let mut options: Vec<((String, String), usize)> = pairs(&coders)
        .into_iter()
        .map(|(a, b)| {
            let shared = shared_documents(&app.project, &a, &b);
            ((a, b), shared)
        })
        .filter(|(_, shared)| *shared > 0)
        .collect();
    options.sort_by_key(|(_, shared)| std::cmp::Reverse(*shared));
    if options.is_empty() {
        app.say(
            "no two coders have coded the same document yet",
            Tone::Warning,
        );
        return;
    }
    let items = options
        .iter()
        .map(|((a, b), shared)| {
            PickItem::new(
                format!("{a} and {b}"),
                format!(
                    "{} in common",
                    crate::text::count(*shared, "document", "documents")
                ),
            )
        })
        .collect();
    let pairs = options.into_iter().map(|(pair, _)| pair).collect();
    pick::open(
        app,
        Picker::new("Compare which coders?", items),
        CoderPair(pairs),
    );
}

/// Which two coders the agreement view compares.
pub struct CoderPair(pub Vec<(String, String)>);

impl PickPurpose for CoderPair {
    fn picked(self: Box<Self>, app: &mut App, choice: Choice) -> Vec<Effect> {
        picked_pair(app, &self.0, choice);
        Vec::new()
    }
}

/// The pair picker's choice: the view for that pair.
pub fn picked_pair(app: &mut App, options: &[(String, String)], choice: Choice) {
    let Choice::Item(i) = choice else { return };
    if let Some((a, b)) = options.get(i) {
        show(app, [a.clone(), b.clone()]);
    }
}
