//! The report as Markdown that renders on GitHub and GitLab: the thematic map
//! as a Mermaid diagram, tables as pipe tables, quotes as block quotes.

use super::Report;
use std::fmt::Write as _;

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", inline(&report.title));
    if !report.description.is_empty() {
        let _ = writeln!(out, "{}\n", inline(&report.description));
    }
    let _ = writeln!(out, "*{}*\n", inline(&report.provenance));
    if !report.scope.is_empty() {
        let _ = writeln!(out, "*Scope: {}.*\n", inline(&report.scope));
    }
    out.push_str("## Thematic map\n\n");
    if report.themes.is_empty() {
        out.push_str("*No themes yet.*\n");
    } else {
        out.push_str(&mermaid(report));
    }
    out.push_str("\n## Themes\n\n");
    let _ = writeln!(out, "{}\n", inline(report.quote_rule));
    for (i, t) in report.themes.iter().enumerate() {
        let level = "#".repeat((3 + t.depth).min(6));
        let _ = writeln!(out, "{level} {}\n", inline(&t.name));
        let _ = writeln!(
            out,
            "**Status:** {} · **Codings:** {} in {} · **Words coded:** {}\n",
            t.status,
            t.counts.codings,
            crate::text::count(t.counts.documents, "document", "documents"),
            t.counts.words
        );
        if !t.definition.is_empty() {
            let _ = writeln!(out, "{}\n", inline(&t.definition));
        }
        if !t.subthemes.is_empty() {
            let names: Vec<String> = t.subthemes.iter().map(|s| inline(s)).collect();
            let _ = writeln!(out, "**Subthemes:** {}\n", names.join(", "));
        }
        if !t.codes.is_empty() {
            out.push_str("**Codes:**\n\n");
            for (name, definition) in &t.codes {
                if definition.is_empty() {
                    let _ = writeln!(out, "- **{}**", inline(name));
                } else {
                    let _ = writeln!(out, "- **{}**: {}", inline(name), inline(definition));
                }
            }
            out.push('\n');
        }
        for q in &t.quotes {
            let star = if q.starred { " ★" } else { "" };
            let _ = writeln!(out, "> {}\n>", inline(&q.text));
            let _ = writeln!(
                out,
                "> — {} ({}){star}\n",
                inline(&q.attribution),
                inline(&q.code)
            );
        }
        if t.quotes.is_empty() && t.subthemes.is_empty() {
            let _ = writeln!(out, "*No extracts {}.*\n", no_quotes_reason(i, report));
        }
    }
    out.push_str("## Codebook\n\n");
    out.push_str("| Theme | Code | Definition | Codings | Documents |\n");
    out.push_str("|---|---|---|--:|--:|\n");
    for row in &report.codebook {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            cell(&row.theme_path),
            cell(&row.code),
            cell(&row.definition),
            row.codings,
            row.documents
        );
    }
    out.push_str("\n## Frequencies\n\n");
    out.push_str("| Theme | Codings | Documents | Words coded |\n|---|--:|--:|--:|\n");
    for (depth, name, c) in &report.theme_counts {
        let indent = "↳ ".repeat(*depth);
        let _ = writeln!(
            out,
            "| {indent}{} | {} | {} | {} |",
            cell(name),
            c.codings,
            c.documents,
            c.words
        );
    }
    out.push_str("\n## Appendix: decision journal\n\n");
    if report.journal.is_empty() {
        out.push_str("*No decisions were journaled.*\n");
    } else {
        out.push_str("| When | Who | What | Why |\n|---|---|---|---|\n");
        for e in &report.journal {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} |",
                cell(&e.when),
                cell(&e.who),
                cell(&e.what),
                cell(&e.why)
            );
        }
    }
    out
}

fn no_quotes_reason(_index: usize, report: &Report) -> &'static str {
    if report.scope.is_empty() {
        "are coded under this theme yet"
    } else {
        "in this scope"
    }
}

/// The theme tree as a Mermaid flowchart (rendered by GitHub and GitLab).
pub fn mermaid(report: &Report) -> String {
    let mut out = String::from("```mermaid\nflowchart LR\n");
    for (i, t) in report.themes.iter().enumerate() {
        let label = t.name.replace('"', "#quot;");
        match t.parent {
            Some(p) => {
                let _ = writeln!(out, "  t{p} --> t{i}[\"{label}\"]");
            }
            None => {
                let _ = writeln!(out, "  t{i}[\"{label}\"]");
            }
        }
    }
    out.push_str("```\n");
    out
}

/// Text that Markdown must not read as markup.
pub fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        if c == '\n' {
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    out
}

fn cell(text: &str) -> String {
    inline(text.trim())
}
