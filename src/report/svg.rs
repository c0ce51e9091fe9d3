//! Pictures margin draws itself, as inline SVG for the HTML report: the
//! thematic map (the theme tree as linked boxes) and a bar chart of theme
//! frequencies. No script, no fonts or images from elsewhere.

use super::Report;
use std::fmt::Write as _;

const BOX_WIDTH: usize = 270;
const INDENT: usize = 40;
const LINE: usize = 16;
const CHARS_PER_LINE: usize = 36;

/// Escapes text for XML (element content and attribute values).
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if (c as u32) < 0x20 && c != '\n' && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// Words into lines of at most `width` characters (a longer word stands alone).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// The theme tree: each theme a box, indented under its parent and joined to
/// it by an elbow line, in reading order from the top.
pub fn thematic_map(report: &Report) -> String {
    let mut boxes = String::new();
    let mut links = String::new();
    let mut y = 10usize;
    let mut placed: Vec<(usize, usize, usize)> = Vec::new(); // (x, y, height)
    let mut right = 0usize;
    for t in &report.themes {
        let x = 10 + t.depth * INDENT;
        let lines = wrap(&t.name, CHARS_PER_LINE);
        let height = lines.len() * LINE + 14;
        let (fill, weight) = if t.depth == 0 {
            ("#e8eef7", "bold")
        } else {
            ("#ffffff", "normal")
        };
        let _ = write!(
            boxes,
            "<g><title>{}</title><rect x=\"{x}\" y=\"{y}\" width=\"{BOX_WIDTH}\" height=\"{height}\" rx=\"6\" fill=\"{fill}\" stroke=\"#3b5b8c\"/>",
            esc(&t.definition)
        );
        for (k, line) in lines.iter().enumerate() {
            let _ = write!(
                boxes,
                "<text x=\"{}\" y=\"{}\" font-weight=\"{weight}\">{}</text>",
                x + 8,
                y + 18 + k * LINE,
                esc(line)
            );
        }
        boxes.push_str("</g>\n");
        if let Some(p) = t.parent {
            let (px, py, ph) = placed[p];
            let from_x = px + 16;
            let mid_y = y + height / 2;
            let _ = writeln!(
                links,
                "<path d=\"M{from_x} {} V{mid_y} H{x}\" fill=\"none\" stroke=\"#3b5b8c\"/>",
                py + ph
            );
        }
        placed.push((x, y, height));
        right = right.max(x + BOX_WIDTH);
        y += height + 10;
    }
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"Thematic map\" width=\"{}\" height=\"{}\" viewBox=\"0 0 {} {}\" font-family=\"sans-serif\" font-size=\"13\">\n{links}{boxes}</svg>",
        right + 10,
        y,
        right + 10,
        y
    )
}

/// A horizontal bar per theme: its codings, the bar scaled to the largest.
pub fn frequency_chart(report: &Report) -> String {
    let label_width = 330usize;
    let bar_width = 300usize;
    let row = 22usize;
    let max = report
        .theme_counts
        .iter()
        .map(|(_, _, c)| c.codings)
        .max()
        .unwrap_or(0)
        .max(1);
    let mut out = String::new();
    for (i, (depth, name, c)) in report.theme_counts.iter().enumerate() {
        let y = 10 + i * row;
        let mut label: String = "  ".repeat(*depth) + name;
        if label.chars().count() > 46 {
            label = label.chars().take(45).collect::<String>() + "…";
        }
        let width = c.codings * bar_width / max;
        let fill = if *depth == 0 { "#3b5b8c" } else { "#8fa9d0" };
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" xml:space=\"preserve\">{}</text><rect x=\"{label_width}\" y=\"{}\" width=\"{width}\" height=\"{}\" fill=\"{fill}\"/><text x=\"{}\" y=\"{}\">{}</text>",
            label_width - 6,
            y + 15,
            esc(&label),
            y + 3,
            row - 6,
            label_width + width + 4,
            y + 15,
            c.codings
        );
    }
    let height = 20 + report.theme_counts.len() * row;
    let width = label_width + bar_width + 50;
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"Codings per theme\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"sans-serif\" font-size=\"12\">\n{out}</svg>"
    )
}
