//! The report as one self-contained HTML file: styles inline, the thematic
//! map and the frequency chart as inline SVG, no script and nothing fetched
//! from the network, printable to PDF from a browser. Written as well-formed
//! XHTML so any XML parser reads it.

use super::Report;
use super::svg::{esc, frequency_chart, thematic_map};
use std::fmt::Write as _;

const STYLE: &str = "body{font-family:Georgia,serif;max-width:50em;margin:2em auto;padding:0 1em;line-height:1.5;color:#1a1a1a}\
h1,h2,h3,h4,h5,h6{font-family:sans-serif;line-height:1.25}\
.provenance{font-style:italic;color:#444}\
blockquote{margin:1em 0 1em 1.5em;padding-left:1em;border-left:3px solid #3b5b8c}\
blockquote footer{font-size:.9em;color:#444}\
table{border-collapse:collapse;margin:1em 0;font-size:.9em}\
th,td{border:1px solid #bbb;padding:.25em .5em;vertical-align:top;text-align:left}\
td.n{text-align:right}\
figure{margin:1em 0;overflow-x:auto}\
@media print{body{max-width:none}h2{page-break-before:always}figure,blockquote{page-break-inside:avoid}}";

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n");
    let _ = writeln!(out, "<title>{}</title>", esc(&report.title));
    let _ = writeln!(out, "<style>{STYLE}</style>\n</head>\n<body>");
    let _ = writeln!(out, "<h1>{}</h1>", esc(&report.title));
    if !report.description.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", esc(&report.description));
    }
    let _ = writeln!(
        out,
        "<p class=\"provenance\">{}</p>",
        esc(&report.provenance)
    );
    if !report.scope.is_empty() {
        let _ = writeln!(
            out,
            "<p class=\"provenance\">Scope: {}.</p>",
            esc(&report.scope)
        );
    }
    if report.themes.is_empty() {
        out.push_str("<h2>Thematic map</h2>\n<p><em>No themes yet.</em></p>\n");
    } else {
        let _ = writeln!(
            out,
            "<h2>Thematic map</h2>\n<figure>{}</figure>",
            thematic_map(report)
        );
    }
    let _ = writeln!(out, "<h2>Themes</h2>\n<p>{}</p>", esc(report.quote_rule));
    for t in &report.themes {
        let level = (3 + t.depth).min(6);
        let _ = writeln!(
            out,
            "<h{level} id=\"theme-{}\">{}</h{level}>",
            esc(&t.id),
            esc(&t.name)
        );
        let _ = writeln!(
            out,
            "<p><strong>Status:</strong> {} · <strong>Codings:</strong> {} in {} · <strong>Words coded:</strong> {}</p>",
            esc(&t.status),
            t.counts.codings,
            crate::text::count(t.counts.documents, "document", "documents"),
            t.counts.words
        );
        if !t.definition.is_empty() {
            let _ = writeln!(out, "<p>{}</p>", esc(&t.definition));
        }
        if !t.subthemes.is_empty() {
            let names: Vec<String> = t.subthemes.iter().map(|s| esc(s)).collect();
            let _ = writeln!(
                out,
                "<p><strong>Subthemes:</strong> {}</p>",
                names.join(", ")
            );
        }
        if !t.codes.is_empty() {
            out.push_str("<ul>\n");
            for (name, definition) in &t.codes {
                let _ = writeln!(
                    out,
                    "<li><strong>{}</strong>{}</li>",
                    esc(name),
                    if definition.is_empty() {
                        String::new()
                    } else {
                        format!(": {}", esc(definition))
                    }
                );
            }
            out.push_str("</ul>\n");
        }
        for q in &t.quotes {
            let star = if q.starred { " ★" } else { "" };
            let _ = writeln!(
                out,
                "<blockquote><p>{}</p><footer>— {} ({}){star}</footer></blockquote>",
                esc(&q.text),
                esc(&q.attribution),
                esc(&q.code)
            );
        }
    }
    out.push_str("<h2>Codebook</h2>\n<table>\n<tr><th>Theme</th><th>Code</th><th>Definition</th><th>Codings</th><th>Documents</th></tr>\n");
    for row in &report.codebook {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            esc(&row.theme_path),
            esc(&row.code),
            esc(&row.definition),
            row.codings,
            row.documents
        );
    }
    out.push_str("</table>\n<h2>Frequencies</h2>\n");
    let _ = writeln!(out, "<figure>{}</figure>", frequency_chart(report));
    out.push_str(
        "<table>\n<tr><th>Theme</th><th>Codings</th><th>Documents</th><th>Words coded</th></tr>\n",
    );
    for (depth, name, c) in &report.theme_counts {
        let _ = writeln!(
            out,
            "<tr><td style=\"padding-left:{}em\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            0.5 + *depth as f32 * 1.5,
            esc(name),
            c.codings,
            c.documents,
            c.words
        );
    }
    out.push_str("</table>\n<h2>Appendix: decision journal</h2>\n");
    if report.journal.is_empty() {
        out.push_str("<p><em>No decisions were journaled.</em></p>\n");
    } else {
        out.push_str("<table>\n<tr><th>When</th><th>Who</th><th>What</th><th>Why</th></tr>\n");
        for e in &report.journal {
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(&e.when),
                esc(&e.who),
                esc(&e.what),
                esc(&e.why)
            );
        }
        out.push_str("</table>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}
