//! The charts page (F, or from the palette): a bar chart of code or theme
//! frequencies, the co-occurrence heat table with the strongest pairs, a code
//! x attribute and a code x document table and the theme tree drawn as a thematic map. Each is
//! drawn as text (shading by characters, so it reads with NO_COLOR too) from
//! the core's queries; this module holds the view state and the keys (the
//! keymap's "charts" context), `draw` the drawing.

pub mod draw;

use super::{Screen, Step, keys_in, page_rule};
use crate::analysis::query::Unit;
use crate::tui::action::Action;
use crate::tui::app::{App, Tone};
use crate::tui::keymap::Context;
use ratatui::Frame;
use ratatui::layout::Rect;

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
    super::open(app, Box::new(ChartsView::new(chart)));
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
    let keys = |a| keys_in(app, Context::Charts, a);
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

impl Screen for ChartsView {
    fn context(&self, _app: &App) -> Context {
        Context::Charts
    }

    fn title(&self, _app: &App) -> &'static str {
        "CHARTS"
    }

    fn act(&mut self, app: &mut App, action: Action) -> Step {
        if let Some(step) = page_rule(app, action) {
            return step;
        }
        if action == Action::Cancel {
            return Step::Close(Vec::new());
        }
        self.act_here(app, action);
        Step::Stay(Vec::new())
    }

    fn draw(&self, app: &App, frame: &mut Frame, area: Rect) {
        draw::render(app, self, frame, super::above_status(area));
    }
}

impl ChartsView {
    /// Runs an action on the open charts page.
    fn act_here(&mut self, app: &mut App, action: Action) {
        if let Some(chart) = opens(action) {
            // Another chart on the same page, its settings kept.
            self.chart = chart;
            self.top = 0;
            say_keys(app);
            return;
        }
        let width = app.size.0.saturating_sub(2);
        let lines = draw::lines(app, self, width).len();
        let page = usize::from(app.size.1.saturating_sub(6)).max(1);
        let attributes = app.project.manifest.attributes.len();
        if let Some(top) = action.list_motion(self.top, lines.saturating_sub(page) + 1, page) {
            self.top = top;
            return;
        }
        match action {
            Action::ToggleThemeCounts => {
                self.themes = !self.themes;
                self.chart = Chart::Frequencies;
                self.top = 0;
            }
            Action::NextAttribute => {
                self.attribute = if attributes == 0 {
                    0
                } else {
                    (self.attribute + 1) % attributes
                };
                if self.chart != Chart::CodeByAttribute {
                    self.chart = Chart::CodeByAttribute;
                }
                self.top = 0;
            }
            Action::NextCoocUnit => {
                self.unit = match self.unit {
                    Unit::Overlap => Unit::Turn,
                    Unit::Turn => Unit::Document,
                    Unit::Document => Unit::Overlap,
                };
                self.chart = Chart::Cooccurrence;
                self.top = 0;
            }
            _ => {
                let back = keys_in(app, Context::Charts, Action::Back);
                app.say(
                    format!(
                        "'{}' is not for the charts ({back} goes back)",
                        action.description()
                    ),
                    Tone::Info,
                );
            }
        }
    }
}
