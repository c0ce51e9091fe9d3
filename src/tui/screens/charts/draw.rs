//! Drawing the charts as lines of text: bars of █, cells shaded with
//! " ·░▒▓█" by count, the theme tree with ├─ and └─. Readable at 80x24 and
//! without colour; the page scrolls when a chart is taller than the screen.

use super::{Chart, ChartsView};
use crate::analysis::query::{self, Filter, MatrixBy};
use crate::model::theme;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::Context;
use crate::tui::screens::{footer, keys_in};
use ratatui::Frame;
use ratatui::layout::Rect;
use unicode_width::UnicodeWidthStr as _;

/// Shades from none to the most, for a count relative to the largest.
const SHADES: [char; 6] = [' ', '·', '░', '▒', '▓', '█'];

pub fn shade(count: usize, max: usize) -> char {
    if count == 0 || max == 0 {
        return SHADES[0];
    }
    let step = (count * (SHADES.len() - 1)).div_ceil(max);
    SHADES[step.clamp(1, SHADES.len() - 1)]
}

pub fn render(app: &App, view: &ChartsView, frame: &mut Frame, area: Rect) {
    let title = format!(" {} ", subtitle(app, view));
    let footer = footer(
        app,
        Context::Charts,
        &[
            (Action::ShowFrequencies, "freq"),
            (Action::ShowCooccurrence, "cooc"),
            (Action::ShowCodeByAttribute, "attribute"),
            (Action::ShowCodeByDocument, "document"),
            (Action::ShowThematicMap, "map"),
            (Action::Back, "back"),
        ],
    );
    let text = lines(app, view, area.width.saturating_sub(2));
    crate::tui::render::page_text(app, frame, area, (title, footer), text, view.top);
}

/// The chart's title, naming the key that changes it as bound now.
fn subtitle(app: &App, view: &ChartsView) -> String {
    let key = |action| keys_in(app, Context::Charts, action);
    match view.chart {
        Chart::Frequencies if view.themes => format!(
            "Codings per theme ({}: per code)",
            key(Action::ToggleThemeCounts)
        ),
        Chart::Frequencies => format!(
            "Codings per code ({}: per theme)",
            key(Action::ToggleThemeCounts)
        ),
        Chart::Cooccurrence => format!(
            "Co-occurrence: {} ({}: next unit)",
            view.unit.label(),
            key(Action::NextCoocUnit)
        ),
        Chart::CodeByAttribute => match app.project.manifest.attributes.get(view.attribute) {
            Some(a) => format!(
                "Codings per code and {} ({}: next attribute)",
                a.name,
                key(Action::NextAttribute)
            ),
            None => "Codes by attribute".to_string(),
        },
        Chart::CodeByDocument => "Codings per code and document".to_string(),
        Chart::ThematicMap => "Thematic map".to_string(),
    }
}

/// The chart's lines for an inner width of `width` columns.
pub fn lines(app: &App, view: &ChartsView, width: u16) -> Vec<String> {
    let width = usize::from(width).max(20);
    // The charts count what the workbench shows: its layer and blind mode.
    let mut filter = Filter::default();
    let coders = app.project.coders();
    if coders.iter().any(|c| !crate::tui::layers::shows(app, c)) {
        for coder in coders.iter().filter(|c| crate::tui::layers::shows(app, c)) {
            filter.add_coder(coder);
        }
        if filter.coders.is_empty() {
            filter.add_coder(&app.coder);
        }
    }
    match view.chart {
        Chart::Frequencies => frequencies(app, &filter, view.themes, width),
        Chart::Cooccurrence => cooccurrence(app, &filter, view, width),
        Chart::CodeByAttribute => by_attribute(app, &filter, view.attribute, width),
        Chart::CodeByDocument => table(app, &filter, &MatrixBy::Document, width),
        Chart::ThematicMap => thematic_map(app, &filter, width),
    }
}

/// Cuts `text` to `width` columns, with "…" when cut; pads to `width`.
pub fn fit(text: &str, width: usize) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if out.width() + c.to_string().width() > width.saturating_sub(1) && text.width() > width {
            out.push('…');
            break;
        }
        out.push(c);
    }
    let pad = width.saturating_sub(out.width());
    out + &" ".repeat(pad)
}

fn frequencies(app: &App, filter: &Filter, themes: bool, width: usize) -> Vec<String> {
    let Ok(f) = query::freq(&app.project, filter, themes, None) else {
        return Vec::new();
    };
    let label = (width / 3).clamp(12, 34);
    let number = 6;
    let room = width.saturating_sub(label + number + 2).max(1);
    let max = f.rows.iter().map(|r| r.total.codings).max().unwrap_or(0);
    let mut out = vec![format!(
        "{}{:>number$}",
        fit(if themes { "theme" } else { "code" }, label),
        "codings"
    )];
    for row in &f.rows {
        let name = format!("{}{}", "  ".repeat(row.depth), row.name);
        let bar = (row.total.codings * room).checked_div(max).unwrap_or(0);
        let bar = if row.total.codings > 0 { bar.max(1) } else { 0 };
        out.push(format!(
            "{}{:>number$}  {}",
            fit(&name, label),
            row.total.codings,
            "█".repeat(bar)
        ));
    }
    out.push(String::new());
    let total: usize = f
        .rows
        .iter()
        .filter(|r| r.depth == 0)
        .map(|r| r.total.codings)
        .sum();
    let what = if themes {
        "a theme counts its subthemes' codings"
    } else {
        "one bar per code"
    };
    out.push(
        fit(
            &format!("{total} codings; {what}; the longest bar is {max}"),
            width,
        )
        .trim_end()
        .to_string(),
    );
    out
}

fn cooccurrence(app: &App, filter: &Filter, view: &ChartsView, width: usize) -> Vec<String> {
    let c = query::cooc(&app.project, filter, view.unit, false);
    let n = c.names.len();
    let mut out = vec!["Strongest pairs:".to_string()];
    let pairs = c.strongest_pairs(5);
    if pairs.is_empty() {
        out.push("  no two codes occur together yet".to_string());
    }
    let half = width.saturating_sub(12) / 2;
    for (a, b, count) in pairs {
        out.push(format!(
            "{count:>5}  {} ↔ {}",
            fit(&c.names[a], half).trim_end(),
            fit(&c.names[b], half).trim_end()
        ));
    }
    out.push(String::new());
    let max = (0..n)
        .flat_map(|i| (0..n).filter(move |&j| j != i).map(move |j| (i, j)))
        .map(|(i, j)| c.counts[i][j])
        .max()
        .unwrap_or(0);
    let legend = format!(
        "Heat table: {} = 1 to {max} shared; \\ = the code itself",
        SHADES.iter().collect::<String>().trim_start()
    );
    out.push(fit(&legend, width).trim_end().to_string());
    let label = width.saturating_sub(n + 5).clamp(8, 28);
    let columns = width.saturating_sub(label + 5).min(n);
    let mut header = " ".repeat(label + 4);
    for j in 0..columns {
        header.push(if (j + 1) % 5 == 0 {
            char::from_digit(((j + 1) / 5 % 10) as u32, 10).unwrap_or('+')
        } else {
            '·'
        });
    }
    out.push(header);
    for i in 0..n {
        let mut row = format!("{:>2} {} ", i + 1, fit(&c.names[i], label));
        for j in 0..columns {
            row.push(if i == j {
                '\\'
            } else {
                shade(c.counts[i][j], max)
            });
        }
        out.push(row);
    }
    if columns < n {
        out.push(format!(
            "(columns 1-{columns} of {n} shown; `margin query cooc --csv` has them all)"
        ));
    }
    out
}

fn by_attribute(app: &App, filter: &Filter, attribute: usize, width: usize) -> Vec<String> {
    let Some(def) = app.project.manifest.attributes.get(attribute) else {
        return vec![
            "the study has no attributes yet: @ in the transcript sets a document's".into(),
        ];
    };
    table(app, filter, &MatrixBy::Attribute(def.name.clone()), width)
}

/// A code x column table (attribute values or documents): counts, each
/// marked by its shade; columns that do not fit are named in a last line.
fn table(app: &App, filter: &Filter, by: &MatrixBy, width: usize) -> Vec<String> {
    let Ok(m) = query::matrix(&app.project, filter, by, false) else {
        return Vec::new();
    };
    let flag = match by {
        MatrixBy::Document => "document".to_string(),
        MatrixBy::Attribute(name) => name.clone(),
    };
    let label = (width / 3).clamp(12, 30);
    let cell = m
        .columns
        .iter()
        .map(|c| c.width())
        .max()
        .unwrap_or(4)
        .clamp(5, 12);
    let fits = (width.saturating_sub(label + 1) / (cell + 1)).max(1);
    let shown = m.columns.len().min(fits);
    let max = m.cells.iter().flatten().copied().max().unwrap_or(0);
    let mut header = fit(&format!("code \\ {}", m.by), label);
    for column in m.columns.iter().take(shown) {
        header.push(' ');
        header.push_str(&format!("{:>cell$}", fit(column, cell).trim_end()));
    }
    let mut out = vec![header];
    for (name, row) in m.names.iter().zip(&m.cells) {
        let mut line = fit(name, label);
        for &count in row.iter().take(shown) {
            let mark = shade(count, max);
            line.push(' ');
            line.push_str(&format!("{:>width$}{mark}", count, width = cell - 1));
        }
        out.push(line);
    }
    if shown < m.columns.len() {
        out.push(format!(
            "({shown} of {} columns shown; `margin query matrix --by {flag}` has them all)",
            m.columns.len(),
        ));
    }
    out
}

fn thematic_map(app: &App, filter: &Filter, width: usize) -> Vec<String> {
    let counts = query::freq(&app.project, filter, true, None)
        .map(|f| f.rows)
        .unwrap_or_default();
    let mut out = Vec::new();
    let walked = theme::walk(&app.project.themes);
    for (k, (depth, t)) in walked.iter().enumerate() {
        let last_sibling = walked[k + 1..]
            .iter()
            .take_while(|(d, _)| d >= depth)
            .all(|(d, _)| d > depth);
        let n = counts
            .iter()
            .find(|r| r.id == t.id.as_str())
            .map_or(0, |r| r.total.codings);
        let branch = if *depth == 0 {
            "■ ".to_string()
        } else {
            format!(
                "{}{}",
                "   ".repeat(*depth),
                if last_sibling { "└─ " } else { "├─ " }
            )
        };
        if *depth == 0 && k > 0 {
            out.push(String::new());
        }
        let head = format!("{branch}{} ({}, {n})", t.name, t.status.label());
        out.push(fit(&head, width).trim_end().to_string());
        if !t.codes.is_empty() {
            let names: Vec<&str> = t.codes.iter().map(|c| app.project.code_name(c)).collect();
            let indent = " ".repeat(branch.chars().count() + 2);
            let text = format!("{indent}{}", names.join(" · "));
            out.push(fit(&text, width).trim_end().to_string());
        }
    }
    let unsorted = app.project.unsorted_codes();
    if !unsorted.is_empty() {
        out.push(format!(
            "{} in no theme",
            crate::text::count(unsorted.len(), "code", "codes")
        ));
    }
    if out.is_empty() {
        out.push("no themes yet: a (in the theme tree) adds one".into());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shades_grow_with_the_count() {
        assert_eq!(shade(0, 10), ' ');
        assert_eq!(shade(1, 10), '·');
        assert_eq!(shade(6, 10), '▒');
        assert_eq!(shade(10, 10), '█');
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("ab", 4), "ab  ");
    }
}
