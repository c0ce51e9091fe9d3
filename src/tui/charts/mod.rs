//! The charts page (F, or from the palette): a bar chart of code or theme
//! frequencies, the co-occurrence heat table with the strongest pairs, a code
//! x attribute and a code x document table and the theme tree drawn as a thematic map. Each is
//! drawn as text (shading by characters, so it reads with NO_COLOR too) from
//! the core's queries; this module holds the view state and the keys.

pub mod draw;

use super::action::Action;
use super::app::{App, Effect, Tone};
use crate::analysis::query::Unit;
use crate::tui::keymap::Context;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Chart {
    Frequencies,
    Cooccurrence,
    CodeByAttribute,
    CodeByDocument,
    ThematicMap,
}

impl Chart {
    pub fn title(self) -> &'static str {
        match self {
            Chart::Frequencies => "Frequencies",
            Chart::Cooccurrence => "Co-occurrence",
            Chart::CodeByAttribute => "Codes by attribute",
            Chart::CodeByDocument => "Codes by document",
            Chart::ThematicMap => "Thematic map",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChartsView {
    pub chart: Chart,
    /// Frequencies per theme (with subthemes' codes) rather than per code.
    pub themes: bool,
    /// Which attribute the code x attribute table splits by (an index into
    /// the manifest's attributes).
    pub attribute: usize,
    pub unit: Unit,
    /// First line shown.
    pub top: usize,
}

impl ChartsView {
    pub fn new(chart: Chart) -> Self {
        ChartsView {
            chart,
            themes: false,
            attribute: 0,
            unit: Unit::Overlap,
            top: 0,
        }
    }
}

/// Opens the charts page on `chart` (or switches to it when open).
pub fn open(app: &mut App, chart: Chart) {
    let mut view = match app.page.take() {
        Some(super::page::Page::Charts(view)) => view,
        _ => ChartsView::new(chart),
    };
    view.chart = chart;
    view.top = 0;
    app.page = Some(super::page::Page::Charts(view));
    say_keys(app);
}

/// The chart actions that open the page from anywhere (the palette included).
pub fn opens(action: Action) -> Option<Chart> {
    Some(match action {
        Action::ShowFrequencies => Chart::Frequencies,
        Action::ShowCooccurrence => Chart::Cooccurrence,
        Action::ShowCodeByAttribute => Chart::CodeByAttribute,
        Action::ShowCodeByDocument => Chart::CodeByDocument,
        Action::ShowThematicMap => Chart::ThematicMap,
        _ => return None,
    })
}

fn say_keys(app: &mut App) {
    let keys = |a| super::page::keys_in(app, Context::Charts, a);
    let message = format!(
        "charts: {} frequencies · {} co-occurrence · {} by attribute · {} by document · {} thematic map · {} back",
        keys(Action::ShowFrequencies),
        keys(Action::ShowCooccurrence),
        keys(Action::ShowCodeByAttribute),
        keys(Action::ShowCodeByDocument),
        keys(Action::ShowThematicMap),
        keys(Action::Back)
    );
    app.say(message, Tone::Info);
}

fn view_mut(app: &mut App) -> Option<&mut ChartsView> {
    match &mut app.page {
        Some(super::page::Page::Charts(view)) => Some(view),
        _ => None,
    }
}

/// Runs an action on the open charts page.
pub fn act(app: &mut App, action: Action) -> Vec<Effect> {
    if let Some(chart) = opens(action) {
        open(app, chart);
        return Vec::new();
    }
    let width = app.size.0.saturating_sub(2);
    let lines = match &app.page {
        Some(super::page::Page::Charts(view)) => draw::lines(app, view, width).len(),
        _ => return Vec::new(),
    };
    let page = usize::from(app.size.1.saturating_sub(6)).max(1);
    let attributes = app.project.manifest.attributes.len();
    let Some(view) = view_mut(app) else {
        return Vec::new();
    };
    if let Some(top) = action.list_motion(view.top, lines.saturating_sub(page) + 1, page) {
        view.top = top;
        return Vec::new();
    }
    match action {
        Action::ToggleThemeCounts => {
            view.themes = !view.themes;
            view.chart = Chart::Frequencies;
            view.top = 0;
        }
        Action::NextAttribute => {
            view.attribute = if attributes == 0 {
                0
            } else {
                (view.attribute + 1) % attributes
            };
            if view.chart != Chart::CodeByAttribute {
                view.chart = Chart::CodeByAttribute;
            }
            view.top = 0;
        }
        Action::NextCoocUnit => {
            view.unit = match view.unit {
                Unit::Overlap => Unit::Turn,
                Unit::Turn => Unit::Document,
                Unit::Document => Unit::Overlap,
            };
            view.chart = Chart::Cooccurrence;
            view.top = 0;
        }
        Action::Cancel => app.page = None,
        _ => {
            let back = super::page::keys_in(app, Context::Charts, Action::Back);
            app.say(
                format!(
                    "'{}' is not for the charts ({back} goes back)",
                    action.description()
                ),
                Tone::Info,
            );
        }
    }
    Vec::new()
}
