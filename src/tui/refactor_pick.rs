//! The pickers of theme refactoring: which code to merge into, where a code
//! or theme goes, what happens to a deleted theme's codings, a theme's new
//! status. Each choice becomes a `RefactorOp` (see refactor_ops).

use super::app::{App, Effect, Tone};
use super::overlay::picker::PickPurpose;
use super::overlay::picker::{Choice, PickItem, Picker};
use super::refactor_ops::{MergeTarget, RefactorOp, ask_why, run};
use crate::model::{CodeId, ThemeId, ThemeStatus, theme};
use crate::refactor::{CodingsPolicy, DemoteMode, ExtractId, SplitTarget, ThemePlace};

/// What a refactor picker's choice is for; `items` line up with the picker's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RefactorPick {
    MergeInto {
        from: Vec<CodeId>,
        codes: Vec<CodeId>,
    },
    SplitTo {
        code: CodeId,
        extracts: Vec<ExtractId>,
        codes: Vec<CodeId>,
    },
    /// Other coders coded the marked passages too: all of them, or only
    /// the marked extracts?
    SplitWho {
        code: CodeId,
        extracts: Vec<ExtractId>,
        to: SplitTarget,
    },
    ReassignTo {
        code: CodeId,
        codes: Vec<CodeId>,
    },
    ThemeParent {
        theme: ThemeId,
        parents: Vec<Option<ThemeId>>,
    },
    MergeThemeInto {
        from: ThemeId,
        themes: Vec<ThemeId>,
    },
    DeleteTheme {
        theme: ThemeId,
        policies: Vec<CodingsPolicy>,
    },
    ReassignThemeTo {
        theme: ThemeId,
        codes: Vec<CodeId>,
    },
    Demote {
        theme: ThemeId,
        modes: Vec<DemoteMode>,
    },
    Status {
        theme: ThemeId,
        statuses: Vec<ThemeStatus>,
    },
    Review(Vec<ThemeId>),
}

fn open(app: &mut App, picker: Picker, pick: RefactorPick) {
    super::overlay::picker::open(app, picker, pick);
}

/// Every code but `except`, as the code picker lists them.
fn codes_except(app: &App, except: &[CodeId]) -> (Vec<CodeId>, Vec<PickItem>) {
    let (codes, items) = super::coding::codes_for_picker(app);
    codes
        .into_iter()
        .zip(items)
        .filter(|(c, _)| !except.contains(c))
        .unzip()
}

/// Every theme but `except` and those inside it, indented as in the tree.
fn themes_except(app: &App, except: Option<&ThemeId>) -> (Vec<ThemeId>, Vec<PickItem>) {
    theme::walk(&app.project.themes)
        .into_iter()
        .filter(|(_, t)| except.is_none_or(|e| !theme::is_within(&app.project.themes, &t.id, e)))
        .map(|(depth, t)| {
            let label = format!("{}{}", "  ".repeat(depth), t.name);
            (t.id.clone(), PickItem::new(label, t.status.label()))
        })
        .unzip()
}

fn names(app: &App, codes: &[CodeId]) -> String {
    crate::refactor::quoted_list(
        &codes
            .iter()
            .map(|c| app.project.code_name(c).to_string())
            .collect::<Vec<_>>(),
    )
}

pub fn merge_picker(app: &mut App, from: Vec<CodeId>) {
    // With one code to merge, the others are the targets; with several
    // marked, one of them may be the target too.
    let except: Vec<CodeId> = if from.len() == 1 {
        from.clone()
    } else {
        Vec::new()
    };
    let (codes, items) = codes_except(app, &except);
    let title = format!("Merge {} into", names(app, &from));
    let picker = Picker::new(title, items).with_create("merge into new code");
    open(app, picker, RefactorPick::MergeInto { from, codes });
}

pub fn split_picker(app: &mut App, code: CodeId, extracts: Vec<ExtractId>) {
    let (codes, items) = codes_except(app, std::slice::from_ref(&code));
    let title = format!(
        "Move {} extract(s) of '{}' to",
        extracts.len(),
        app.project.code_name(&code)
    );
    let picker = Picker::new(title, items).with_create("split into new code");
    open(
        app,
        picker,
        RefactorPick::SplitTo {
            code,
            extracts,
            codes,
        },
    );
}

pub fn reassign_picker(app: &mut App, code: CodeId) {
    let (n, docs) = app.project.code_usage(&code);
    let (codes, items) = codes_except(app, std::slice::from_ref(&code));
    let title = format!(
        "Delete '{}', giving its {} in {} to",
        app.project.code_name(&code),
        crate::text::count(n, "coding", "codings"),
        crate::text::count(docs, "document", "documents")
    );
    open(
        app,
        Picker::new(title, items),
        RefactorPick::ReassignTo { code, codes },
    );
}

pub fn move_theme_picker(app: &mut App, moved: &ThemeId) {
    let (themes, mut items) = themes_except(app, Some(moved));
    let mut parents: Vec<Option<ThemeId>> = vec![None];
    parents.extend(themes.into_iter().map(Some));
    items.insert(0, PickItem::new("(the top level)", "no parent theme"));
    let name = app.project.theme(moved).map_or("", |t| t.name.as_str());
    let picker = Picker::new(format!("Move theme '{name}' under"), items);
    open(
        app,
        picker,
        RefactorPick::ThemeParent {
            theme: moved.clone(),
            parents,
        },
    );
}

pub fn merge_themes_picker(app: &mut App, from: &ThemeId) {
    let (themes, items) = themes_except(app, Some(from));
    let name = app.project.theme(from).map_or("", |t| t.name.as_str());
    let picker = Picker::new(format!("Merge theme '{name}' into"), items);
    open(
        app,
        picker,
        RefactorPick::MergeThemeInto {
            from: from.clone(),
            themes,
        },
    );
}

pub fn status_picker(app: &mut App, id: &ThemeId) {
    let Some(current) = app.project.theme(id).map(|t| t.status) else {
        return;
    };
    let statuses = vec![
        ThemeStatus::Candidate,
        ThemeStatus::Reviewed,
        ThemeStatus::Final,
    ];
    let items = statuses
        .iter()
        .map(|s| PickItem::new(s.label(), if *s == current { "now" } else { "" }))
        .collect();
    let name = app.project.theme(id).map_or("", |t| t.name.as_str());
    let picker = Picker::new(format!("Status of theme '{name}'"), items);
    open(
        app,
        picker,
        RefactorPick::Status {
            theme: id.clone(),
            statuses,
        },
    );
}

pub fn review_picker(app: &mut App) {
    let (themes, items) = themes_except(app, None);
    if themes.is_empty() {
        app.say("there are no themes to review yet", Tone::Info);
        return;
    }
    open(
        app,
        Picker::new("Review which theme?", items),
        RefactorPick::Review(themes),
    );
}

/// Deleting a theme: an empty one asks nothing more; one that holds codes
/// asks what happens to them (Esc keeps everything).
pub fn delete_theme(app: &mut App, id: ThemeId) -> Vec<Effect> {
    let Some(doomed) = app.project.theme(&id).cloned() else {
        return Vec::new();
    };
    let codes = doomed.all_codes();
    if codes.is_empty() && doomed.subthemes.is_empty() {
        return ask_why(
            app,
            RefactorOp::DeleteTheme {
                theme: id,
                policy: CodingsPolicy::Refuse,
            },
        );
    }
    let codings: usize = codes.iter().map(|c| app.project.code_usage(c).0).sum();
    let policies = vec![
        CodingsPolicy::KeepCodes,
        CodingsPolicy::ReassignTo(CodeId::new("")),
        CodingsPolicy::DeleteCodings,
    ];
    let items = vec![
        PickItem::new(
            "keep its codes and subthemes",
            "they move to where the theme was",
        ),
        PickItem::new("give its codings to another code", "then choose the code"),
        PickItem::new(
            format!(
                "delete its {} and {}",
                crate::text::count(codes.len(), "code", "codes"),
                crate::text::count(codings, "coding", "codings")
            ),
            "gone from every document (u undoes)",
        ),
    ];
    let title = format!(
        "Delete theme '{}' ({}, {}): and its codes?",
        doomed.name,
        crate::text::count(codes.len(), "code", "codes"),
        crate::text::count(codings, "coding", "codings")
    );
    open(
        app,
        Picker::new(title, items),
        RefactorPick::DeleteTheme {
            theme: id,
            policies,
        },
    );
    app.say(
        format!(
            "esc keeps theme '{}' and its {codings} codings",
            doomed.name
        ),
        Tone::Info,
    );
    Vec::new()
}

/// Demoting: a theme holding only its namesake code asks nothing more;
/// otherwise choose what happens to its other codes.
pub fn demote(app: &mut App, id: ThemeId) -> Vec<Effect> {
    let Some(t) = app.project.theme(&id).cloned() else {
        return Vec::new();
    };
    let others = t
        .codes
        .iter()
        .filter(|c| app.project.code_name(c).to_lowercase() != t.name.to_lowercase())
        .count();
    if others == 0 || !t.subthemes.is_empty() {
        let mode = DemoteMode::OnlyIfEmpty;
        return ask_why(app, RefactorOp::DemoteTheme { theme: id, mode });
    }
    let modes = vec![DemoteMode::KeepCodes, DemoteMode::MergeCodes];
    let items = vec![
        PickItem::new(
            format!("keep its {others} other codes"),
            "beside the new code",
        ),
        PickItem::new(
            format!("merge its {others} other codes into the new code"),
            "codings re-pointed",
        ),
    ];
    let title = format!("Demote theme '{}' to a code: and its other codes?", t.name);
    open(
        app,
        Picker::new(title, items),
        RefactorPick::Demote { theme: id, modes },
    );
    Vec::new()
}

/// When other coders coded the marked passages too: the choice between
/// moving every coder's coding of them (first, the default) and only the
/// marked extracts, each saying what it does. None when nobody else did.
fn split_who(
    app: &App,
    code: &CodeId,
    extracts: &[ExtractId],
    to: &SplitTarget,
) -> Option<(String, Vec<PickItem>)> {
    use crate::refactor::{SplitSelection, Stamp, split_code};
    let stamp = Stamp::now(app.coder.as_str(), "");
    let all = SplitSelection::Extracts(extracts.to_vec());
    let planned = split_code(&app.project, code, &all, to, &stamp).ok()?;
    if planned.report.along == 0 {
        return None;
    }
    let only = SplitSelection::OnlyExtracts(extracts.to_vec());
    let marked = split_code(&app.project, code, &only, to, &stamp).ok()?;
    let items = vec![
        PickItem::new(
            format!(
                "every coder's coding of these passages ({})",
                planned.report.coders.join(", ")
            ),
            format!("{} codings move; agreement is kept", planned.report.moved),
        ),
        PickItem::new(
            "only the marked extract(s)",
            format!(
                "{} of other coders stay under '{}'",
                marked.report.left_behind,
                app.project.code_name(code)
            ),
        ),
    ];
    let title = format!(
        "Other coders coded these passages too: move {} codings or only the {} marked?",
        planned.report.moved,
        extracts.len()
    );
    Some((title, items))
}

/// A refactor picker's choice was made.
impl PickPurpose for RefactorPick {
    fn picked(self: Box<Self>, app: &mut App, choice: Choice) -> Vec<Effect> {
        picked(app, *self, choice)
    }
}

pub fn picked(app: &mut App, pick: RefactorPick, choice: Choice) -> Vec<Effect> {
    let item = |list_len: usize| match &choice {
        Choice::Item(i) if *i < list_len => Some(*i),
        _ => None,
    };
    let op = match pick {
        RefactorPick::MergeInto { from, codes } => {
            let into = match &choice {
                Choice::Create(name) => MergeTarget::New(name.clone()),
                Choice::Item(_) => match item(codes.len()) {
                    Some(i) => MergeTarget::Existing(codes[i].clone()),
                    None => return Vec::new(),
                },
            };
            let from: Vec<CodeId> = from
                .into_iter()
                .filter(|c| into != MergeTarget::Existing(c.clone()))
                .collect();
            RefactorOp::MergeCodes { from, into }
        }
        RefactorPick::SplitTo {
            code,
            extracts,
            codes,
        } => {
            let to = match &choice {
                Choice::Create(name) => SplitTarget::New(name.clone()),
                Choice::Item(_) => match item(codes.len()) {
                    Some(i) => SplitTarget::Existing(codes[i].clone()),
                    None => return Vec::new(),
                },
            };
            if let Some((title, items)) = split_who(app, &code, &extracts, &to) {
                let pick = RefactorPick::SplitWho { code, extracts, to };
                open(app, Picker::new(title, items), pick);
                return Vec::new();
            }
            RefactorOp::SplitCode {
                code,
                extracts,
                to,
                only_marked: false,
            }
        }
        RefactorPick::SplitWho { code, extracts, to } => match item(2) {
            Some(i) => RefactorOp::SplitCode {
                code,
                extracts,
                to,
                only_marked: i == 1,
            },
            None => return Vec::new(),
        },
        RefactorPick::ReassignTo { code, codes } => match item(codes.len()) {
            Some(i) => RefactorOp::DeleteCode {
                code,
                policy: CodingsPolicy::ReassignTo(codes[i].clone()),
            },
            None => return Vec::new(),
        },
        // A move is quick to redo by hand, so, like t and x on a code, it
        // does not stop to ask why.
        RefactorPick::ThemeParent { theme, parents } => {
            let Some(i) = item(parents.len()) else {
                return Vec::new();
            };
            // Its own parent again: moving would only send it to the end.
            let current = theme::slot_of(&app.project.themes, &theme);
            if current.is_some_and(|slot| slot.parent == parents[i]) {
                let place = match &parents[i] {
                    Some(parent) => format!(
                        "under '{}'",
                        app.project.theme(parent).map_or("", |t| t.name.as_str())
                    ),
                    None => "at the top level".to_string(),
                };
                app.say(
                    format!("already {place}; nothing changed (K and J reorder)"),
                    Tone::Info,
                );
                return Vec::new();
            }
            // Unfold the new parent, so the moved theme stays in view.
            if let Some(parent) = &parents[i] {
                app.themes.folded.remove(parent);
            }
            let place = ThemePlace::Under {
                parent: parents[i].clone(),
                index: None,
            };
            return run(app, &RefactorOp::MoveTheme { theme, place }, "");
        }
        RefactorPick::MergeThemeInto { from, themes } => match item(themes.len()) {
            Some(i) => RefactorOp::MergeThemes {
                from,
                into: themes[i].clone(),
            },
            None => return Vec::new(),
        },
        RefactorPick::DeleteTheme { theme, policies } => match item(policies.len()) {
            Some(i) if matches!(policies[i], CodingsPolicy::ReassignTo(_)) => {
                let (codes, items) = codes_except(app, &[]);
                let title = "Give the deleted theme's codings to";
                let pick = RefactorPick::ReassignThemeTo { theme, codes };
                open(app, Picker::new(title, items), pick);
                return Vec::new();
            }
            Some(i) => RefactorOp::DeleteTheme {
                theme,
                policy: policies[i].clone(),
            },
            None => return Vec::new(),
        },
        RefactorPick::ReassignThemeTo { theme, codes } => match item(codes.len()) {
            Some(i) => RefactorOp::DeleteTheme {
                theme,
                policy: CodingsPolicy::ReassignTo(codes[i].clone()),
            },
            None => return Vec::new(),
        },
        RefactorPick::Demote { theme, modes } => match item(modes.len()) {
            Some(i) => RefactorOp::DemoteTheme {
                theme,
                mode: modes[i],
            },
            None => return Vec::new(),
        },
        RefactorPick::Status { theme, statuses } => match item(statuses.len()) {
            Some(i) => RefactorOp::SetStatus {
                theme,
                status: statuses[i],
                definition: None,
            },
            None => return Vec::new(),
        },
        RefactorPick::Review(themes) => {
            if let Some(i) = item(themes.len()) {
                super::screens::review::open(app, &themes[i]);
            }
            return Vec::new();
        }
    };
    ask_why(app, op)
}
