//! The extracts query page (Q on a code or theme, or from the palette): every
//! extract of the code, or of the theme with its subthemes, with document,
//! speaker, lines, coder and text, as `margin query extracts` lists them.
//! `/` sets the filter from the keyboard in the CLI's terms: `role=nurse`
//! (an attribute's value, as --where) and `coder:asha` (as --coder). Its
//! keys are the keymap's "extracts_query" context.

use super::{Screen, Step, keys_in, page_rule};
use crate::analysis::query::{self, Filter, Subject};
use crate::tui::action::Action;
use crate::tui::app::{App, Effect, Pane, Tone};
use crate::tui::keymap::Context;
use crate::tui::overlay::prompt::{self, PromptPurpose};
use crate::tui::themes::TreeRow;
use ratatui::Frame;
use ratatui::layout::Rect;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExtractsQueryView {
    pub subject: Subject,
    /// The filter as typed ("role=nurse coder:asha"); parsed by `parse`.
    pub filter: String,
    /// First line shown.
    pub top: usize,
}

/// The code or theme under the cursor of the codebook or theme tree.
fn subject_here(app: &App) -> Option<Subject> {
    match app.focus {
        Pane::Codebook => crate::tui::codebook::selected(app).map(Subject::Code),
        Pane::Themes => match app.themes.rows.get(app.themes.selected)? {
            TreeRow::Theme { id, .. } => Some(Subject::Theme(id.clone())),
            TreeRow::Code { id, .. } => Some(Subject::Code(id.clone())),
            TreeRow::Unsorted => None,
        },
        Pane::Transcript => None,
    }
}

/// Opens the page on the code or theme under the cursor.
pub fn open(app: &mut App) {
    let Some(subject) = subject_here(app) else {
        app.say(
            "choose a code (2) or a theme (3) first, then query its extracts",
            Tone::Info,
        );
        return;
    };
    let view = ExtractsQueryView {
        subject,
        filter: String::new(),
        top: 0,
    };
    super::open(app, Box::new(view));
    say_count(app);
}

/// Reads "role=nurse prescriber service=A coder:asha" into a filter: a word
/// with neither `=` nor `coder:` goes on with the value before it, so values
/// with spaces need no quotes; the error names a first word that is neither.
pub fn parse(text: &str) -> Result<Filter, String> {
    let mut filter = Filter::default();
    let mut conditions: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        if let Some(coder) = word.strip_prefix("coder:") {
            if coder.is_empty() {
                return Err("'coder:' needs a coder's name, e.g. coder:asha".into());
            }
            filter.add_coder(coder);
        } else if word.contains('=') {
            conditions.push(word.to_string());
        } else if let Some(last) = conditions.last_mut() {
            last.push(' ');
            last.push_str(word);
        } else {
            return Err(format!(
                "'{word}': expected ATTR=VALUE (e.g. role=nurse) or coder:NAME"
            ));
        }
    }
    for condition in conditions {
        filter
            .add_where(&condition)
            .map_err(|e| e.replace("--where ", ""))?;
    }
    Ok(filter)
}

/// The filter the page lists by: the one typed, within what the workbench
/// shows (its layer and blind mode), so the page never shows hidden codings.
fn effective(app: &App, typed: &Filter) -> Filter {
    let mut filter = typed.clone();
    let coders = app.project.coders();
    if coders.iter().any(|c| !crate::tui::layers::shows(app, c)) {
        let shown: Vec<&crate::model::CoderId> = coders
            .iter()
            .filter(|c| crate::tui::layers::shows(app, c))
            .collect();
        let wanted = filter.coders.clone();
        filter.coders = shown
            .into_iter()
            .filter(|c| wanted.is_empty() || wanted.contains(c.as_str()))
            .map(ToString::to_string)
            .collect();
        if filter.coders.is_empty() {
            // Nothing the user may see: a coder no coding has.
            filter.coders.insert(String::from("\u{0}none"));
        }
    }
    filter
}

/// The extracts listed now.
pub fn list(app: &App, view: &ExtractsQueryView) -> Vec<query::Extract> {
    let typed = parse(&view.filter).unwrap_or_default();
    query::extracts(&app.project, Some(&view.subject), &effective(app, &typed))
}

fn say_count(app: &mut App) {
    let Some(view) = app.screens.top_as::<ExtractsQueryView>() else {
        return;
    };
    let n = list(app, view).len();
    let message = format!(
        "{} of '{}' · {} filter · {} back",
        crate::text::count(n, "extract", "extracts"),
        view.subject.name(&app.project),
        keys_in(app, Context::ExtractsQuery, Action::FilterExtracts),
        keys_in(app, Context::ExtractsQuery, Action::Back)
    );
    app.say(message, Tone::Info);
}

/// Asks for the filter, showing the one in force.
fn ask_filter(app: &mut App, view: &ExtractsQueryView) {
    let question = "Filter (role=nurse coder:asha; ctrl-u clears; empty: all): ";
    prompt::open(app, question, view.filter.clone(), ExtractsFilter);
}

/// The extracts query page's filter (role=nurse coder:asha).
pub struct ExtractsFilter;

impl PromptPurpose for ExtractsFilter {
    fn entered(self: Box<Self>, app: &mut App, text: String) -> Vec<Effect> {
        set_filter(app, &text)
    }
}

/// The filter typed at the prompt: kept when it reads, else the page stays
/// as it was and the status says what was expected.
pub fn set_filter(app: &mut App, text: &str) -> Vec<Effect> {
    let filter = match parse(text) {
        Ok(filter) => filter,
        Err(err) => {
            app.say(format!("filter not changed: {err}"), Tone::Warning);
            return Vec::new();
        }
    };
    let unknown = filter.unknown_attributes(&app.project);
    if !unknown.is_empty() {
        let known: Vec<&str> = app
            .project
            .manifest
            .attributes
            .iter()
            .map(|a| a.name.as_str())
            .collect();
        app.say(
            format!(
                "filter not changed: no attribute {}; the study has: {}",
                unknown.join(", "),
                if known.is_empty() {
                    "none yet".to_string()
                } else {
                    known.join(", ")
                }
            ),
            Tone::Warning,
        );
        return Vec::new();
    }
    if let Some(view) = app.screens.top_mut_as::<ExtractsQueryView>() {
        view.filter = text.split_whitespace().collect::<Vec<_>>().join(" ");
        view.top = 0;
    }
    say_count(app);
    Vec::new()
}

impl Screen for ExtractsQueryView {
    fn context(&self, _app: &App) -> Context {
        Context::ExtractsQuery
    }

    fn title(&self, _app: &App) -> &'static str {
        "EXTRACTS"
    }

    fn act(&mut self, app: &mut App, action: Action) -> Step {
        if let Some(step) = page_rule(app, action) {
            return step;
        }
        let width = app.size.0.saturating_sub(2);
        let lines = lines(app, self, width).len();
        let page = usize::from(app.size.1.saturating_sub(4)).max(1);
        match action {
            Action::FilterExtracts => ask_filter(app, self),
            Action::Cancel => return Step::Close(Vec::new()),
            _ => {
                if let Some(top) =
                    action.list_motion(self.top, lines.saturating_sub(page) + 1, page)
                {
                    self.top = top;
                }
            }
        }
        Step::Stay(Vec::new())
    }

    fn draw(&self, app: &App, frame: &mut Frame, area: Rect) {
        render(app, self, frame, super::above_status(area));
    }
}

/// The page's lines for an inner width of `width` columns: a head line per
/// extract (document, speaker, lines, coder, code) and its text, wrapped.
pub fn lines(app: &App, view: &ExtractsQueryView, width: u16) -> Vec<String> {
    let width = usize::from(width).max(20);
    let fit = super::charts::draw::fit;
    let extracts = list(app, view);
    let typed = parse(&view.filter).unwrap_or_default();
    let mut out = vec![
        fit(
            &format!(
                "{} · filter: {}",
                crate::text::count(extracts.len(), "extract", "extracts"),
                if view.filter.is_empty() {
                    "none".to_string()
                } else {
                    typed.describe()
                }
            ),
            width,
        )
        .trim_end()
        .to_string(),
    ];
    if extracts.is_empty() {
        out.push(String::new());
        out.push(format!(
            "no extracts match; {} changes the filter",
            keys_in(app, Context::ExtractsQuery, Action::FilterExtracts)
        ));
    }
    for e in &extracts {
        out.push(String::new());
        let star = if e.starred { "★ " } else { "" };
        let speaker = e.speaker.as_deref().unwrap_or("—");
        let head = format!(
            "{star}{} · {speaker} · lines {} · {} · {}",
            e.document, e.lines, e.coder, e.code_name
        );
        out.push(fit(&head, width).trim_end().to_string());
        for line in e.text.lines() {
            for row in crate::text::wrap::wrap_line(line, width.saturating_sub(2)) {
                let cut: String = line
                    .chars()
                    .skip(row.start)
                    .take(row.end - row.start)
                    .collect();
                out.push(format!("  {}", cut.trim_end()));
            }
        }
    }
    out
}

fn render(app: &App, view: &ExtractsQueryView, frame: &mut Frame, area: Rect) {
    let kind = match view.subject {
        Subject::Code(_) => "code",
        Subject::Theme(_) => "theme, with its subthemes",
    };
    let title = format!(
        " Extracts of '{}' ({kind}) ",
        view.subject.name(&app.project)
    );
    let footer = super::footer(
        app,
        Context::ExtractsQuery,
        &[(Action::FilterExtracts, "filter"), (Action::Back, "back")],
    );
    let text = lines(app, view, area.width.saturating_sub(2));
    crate::tui::render::page_text(app, frame, area, (title, footer), text, view.top);
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn the_filter_reads_as_the_cli_flags() {
        let f = parse("role=nurse  prescriber coder:asha role=doctor").expect("reads");
        assert_eq!(f.coders.len(), 1);
        let roles: Vec<&str> = f.conditions["role"].iter().map(String::as_str).collect();
        assert_eq!(roles, ["doctor", "nurse prescriber"]);
        assert!(parse("=x").unwrap_err().contains("needs a name"));
        assert!(parse("nurse").unwrap_err().contains("expected ATTR=VALUE"));
        assert!(parse("coder:").is_err());
        assert_eq!(parse("").expect("empty reads"), Default::default());
    }
}
