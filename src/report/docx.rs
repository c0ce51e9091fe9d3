//! The report as a Word .docx (Office Open XML): headings, quotes as block
//! quotes, tables with a grid. A .docx is a zip of XML parts; they are written
//! with quick-xml's writer (escaping included) and the zip crate, with fixed
//! timestamps so the same report always gives the same bytes. (docx-rs would
//! bring a second zip and quick-xml version into the build for what these
//! four small parts need.)

use super::Report;
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};
use std::io::{Cursor, Write as _};

type Xml = Writer<Vec<u8>>;
type IoResult = std::io::Result<()>;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

pub fn render(report: &Report) -> Result<Vec<u8>, String> {
    let document = document_xml(report).map_err(|e| format!("cannot write the document: {e}"))?;
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    let parts: [(&str, &[u8]); 5] = [
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", RELS.as_bytes()),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS.as_bytes()),
        ("word/styles.xml", STYLES.as_bytes()),
        ("word/document.xml", &document),
    ];
    for (name, bytes) in parts {
        zip.start_file(name, options)
            .and_then(|()| zip.write_all(bytes).map_err(Into::into))
            .map_err(|e| format!("cannot write {name}: {e}"))?;
    }
    let cursor = zip
        .finish()
        .map_err(|e| format!("cannot finish the docx: {e}"))?;
    Ok(cursor.into_inner())
}

fn document_xml(report: &Report) -> std::io::Result<Vec<u8>> {
    let mut w = Writer::new(Vec::new());
    w.write_event(Event::Decl(BytesDecl::new(
        "1.0",
        Some("UTF-8"),
        Some("yes"),
    )))?;
    w.create_element("w:document")
        .with_attribute(("xmlns:w", W))
        .write_inner_content(|w| {
            w.create_element("w:body")
                .write_inner_content(|w| body(w, report))?;
            Ok(())
        })?;
    Ok(w.into_inner())
}

fn body(w: &mut Xml, report: &Report) -> IoResult {
    para(w, Some("Title"), &[Run::plain(&report.title)])?;
    if !report.description.is_empty() {
        para(w, None, &[Run::plain(&report.description)])?;
    }
    para(w, None, &[Run::italic(&report.provenance)])?;
    if !report.scope.is_empty() {
        para(
            w,
            None,
            &[Run::italic(&format!("Scope: {}.", report.scope))],
        )?;
    }
    para(w, Some("Heading1"), &[Run::plain("Thematic map")])?;
    for t in &report.themes {
        let indent = "    ".repeat(t.depth);
        let marker = if t.depth == 0 { "■ " } else { "└ " };
        para(
            w,
            Some("MapLine"),
            &[Run::plain(&format!("{indent}{marker}{}", t.name))],
        )?;
    }
    para(w, Some("Heading1"), &[Run::plain("Themes")])?;
    para(w, None, &[Run::plain(report.quote_rule)])?;
    for t in &report.themes {
        let style = format!("Heading{}", (2 + t.depth).min(4));
        para(w, Some(&style), &[Run::plain(&t.name)])?;
        para(
            w,
            None,
            &[
                Run::bold("Status: "),
                Run::plain(&format!(
                    "{} · {} codings in {} · {} words coded",
                    t.status,
                    t.counts.codings,
                    crate::text::count(t.counts.documents, "document", "documents"),
                    t.counts.words
                )),
            ],
        )?;
        if !t.definition.is_empty() {
            para(w, None, &[Run::plain(&t.definition)])?;
        }
        if !t.subthemes.is_empty() {
            para(
                w,
                None,
                &[
                    Run::bold("Subthemes: "),
                    Run::plain(&t.subthemes.join(", ")),
                ],
            )?;
        }
        for (name, definition) in &t.codes {
            let mut runs = vec![Run::bold(name)];
            let rest = format!(": {definition}");
            if !definition.is_empty() {
                runs.push(Run::plain(&rest));
            }
            para(w, Some("ListParagraph"), &runs)?;
        }
        for q in &t.quotes {
            para(w, Some("Quote"), &[Run::plain(&q.text)])?;
            let star = if q.starred { " ★" } else { "" };
            para(
                w,
                Some("QuoteSource"),
                &[Run::plain(&format!(
                    "— {} ({}){star}",
                    q.attribution, q.code
                ))],
            )?;
        }
    }
    para(w, Some("Heading1"), &[Run::plain("Codebook")])?;
    let mut rows = vec![strings(&[
        "Theme",
        "Code",
        "Definition",
        "Codings",
        "Documents",
    ])];
    rows.extend(report.codebook.iter().map(|r| {
        vec![
            r.theme_path.clone(),
            r.code.clone(),
            r.definition.clone(),
            r.codings.to_string(),
            r.documents.to_string(),
        ]
    }));
    table(w, &rows)?;
    para(w, Some("Heading1"), &[Run::plain("Frequencies")])?;
    let mut rows = vec![strings(&["Theme", "Codings", "Documents", "Words coded"])];
    rows.extend(report.theme_counts.iter().map(|(depth, name, c)| {
        vec![
            format!("{}{name}", "    ".repeat(*depth)),
            c.codings.to_string(),
            c.documents.to_string(),
            c.words.to_string(),
        ]
    }));
    table(w, &rows)?;
    para(
        w,
        Some("Heading1"),
        &[Run::plain("Appendix: decision journal")],
    )?;
    if report.journal.is_empty() {
        para(w, None, &[Run::italic("No decisions were journaled.")])?;
    } else {
        let mut rows = vec![strings(&["When", "Who", "What", "Why"])];
        rows.extend(
            report
                .journal
                .iter()
                .map(|e| vec![e.when.clone(), e.who.clone(), e.what.clone(), e.why.clone()]),
        );
        table(w, &rows)?;
    }
    w.create_element("w:sectPr").write_empty()?;
    Ok(())
}

fn strings(cells: &[&str]) -> Vec<String> {
    cells.iter().map(ToString::to_string).collect()
}

struct Run<'a> {
    text: &'a str,
    bold: bool,
    italic: bool,
}

impl<'a> Run<'a> {
    fn plain(text: &'a str) -> Self {
        Run {
            text,
            bold: false,
            italic: false,
        }
    }
    fn bold(text: &'a str) -> Self {
        Run {
            text,
            bold: true,
            italic: false,
        }
    }
    fn italic(text: &'a str) -> Self {
        Run {
            text,
            bold: false,
            italic: true,
        }
    }
}

fn para(w: &mut Xml, style: Option<&str>, runs: &[Run<'_>]) -> IoResult {
    w.create_element("w:p").write_inner_content(|w| {
        if let Some(style) = style {
            w.create_element("w:pPr").write_inner_content(|w| {
                w.create_element("w:pStyle")
                    .with_attribute(("w:val", style))
                    .write_empty()?;
                Ok(())
            })?;
        }
        for run in runs {
            w.create_element("w:r").write_inner_content(|w| {
                if run.bold || run.italic {
                    w.create_element("w:rPr").write_inner_content(|w| {
                        if run.bold {
                            w.create_element("w:b").write_empty()?;
                        }
                        if run.italic {
                            w.create_element("w:i").write_empty()?;
                        }
                        Ok(())
                    })?;
                }
                w.create_element("w:t")
                    .with_attribute(("xml:space", "preserve"))
                    .write_text_content(BytesText::new(&clean(run.text)))?;
                Ok(())
            })?;
        }
        Ok(())
    })?;
    Ok(())
}

/// XML 1.0 allows no control characters but tab and line ends.
fn clean(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// A table with a grid; the first row is the header (bold, repeated on each page).
fn table(w: &mut Xml, rows: &[Vec<String>]) -> IoResult {
    w.create_element("w:tbl").write_inner_content(|w| {
        w.create_element("w:tblPr").write_inner_content(|w| {
            w.create_element("w:tblStyle")
                .with_attribute(("w:val", "TableGrid"))
                .write_empty()?;
            w.create_element("w:tblW")
                .with_attributes([("w:w", "0"), ("w:type", "auto")])
                .write_empty()?;
            Ok(())
        })?;
        w.create_element("w:tblGrid").write_inner_content(|w| {
            for width in column_widths(rows) {
                w.create_element("w:gridCol")
                    .with_attribute(("w:w", width.to_string().as_str()))
                    .write_empty()?;
            }
            Ok(())
        })?;
        for (i, row) in rows.iter().enumerate() {
            w.create_element("w:tr").write_inner_content(|w| {
                if i == 0 {
                    w.create_element("w:trPr").write_inner_content(|w| {
                        w.create_element("w:tblHeader").write_empty()?;
                        Ok(())
                    })?;
                }
                for cell in row {
                    w.create_element("w:tc").write_inner_content(|w| {
                        let run = if i == 0 {
                            Run::bold(cell)
                        } else {
                            Run::plain(cell)
                        };
                        para(w, None, &[run])
                    })?;
                }
                Ok(())
            })?;
        }
        Ok(())
    })?;
    // Word needs a paragraph between two tables.
    para(w, None, &[])
}

/// Text width the tables share, in twentieths of a point: it fits the page
/// of both A4 and US Letter with the default margins.
const TABLE_WIDTH: usize = 9000;

/// Column widths in proportion to each column's longest text (capped, so one
/// long definition does not squeeze the rest, and at least its header), so a
/// definition gets room and a count column stays narrow.
fn column_widths(rows: &[Vec<String>]) -> Vec<usize> {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let weights: Vec<usize> = (0..columns)
        .map(|c| {
            let longest = |row: &Vec<String>| row.get(c).map_or(0, |t| t.chars().count());
            let header = rows.first().map_or(0, longest);
            rows.iter()
                .map(longest)
                .max()
                .unwrap_or(0)
                .clamp(header.max(6), 60)
        })
        .collect();
    let total: usize = weights.iter().sum::<usize>().max(1);
    weights.iter().map(|w| w * TABLE_WIDTH / total).collect()
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>"#;

const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#;

const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:eastAsia="Calibri" w:cs="Calibri"/><w:sz w:val="22"/><w:lang w:val="en-GB"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="276" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:after="240"/></w:pPr><w:rPr><w:sz w:val="48"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="360" w:after="120"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="32"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="240" w:after="80"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:sz w:val="28"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="heading 3"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="200" w:after="60"/><w:outlineLvl w:val="2"/></w:pPr><w:rPr><w:b/><w:sz w:val="24"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading4"><w:name w:val="heading 4"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:outlineLvl w:val="3"/></w:pPr><w:rPr><w:b/><w:i/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Quote"><w:name w:val="Quote"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:ind w:left="720" w:right="720"/><w:spacing w:after="40"/></w:pPr><w:rPr><w:i/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="QuoteSource"><w:name w:val="Quote Source"/><w:basedOn w:val="Normal"/><w:pPr><w:ind w:left="720" w:right="720"/><w:spacing w:after="200"/></w:pPr><w:rPr><w:sz w:val="18"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/><w:basedOn w:val="Normal"/><w:pPr><w:ind w:left="360"/><w:spacing w:after="40"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="MapLine"><w:name w:val="Map Line"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:after="0"/></w:pPr></w:style>
<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="999999"/><w:left w:val="single" w:sz="4" w:space="0" w:color="999999"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="999999"/><w:right w:val="single" w:sz="4" w:space="0" w:color="999999"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="999999"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="999999"/></w:tblBorders><w:tblCellMar><w:left w:w="80" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>
</w:styles>"#;

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| c.to_string()).collect()
    }

    #[test]
    fn a_definition_column_is_wider_than_a_count_column() {
        let rows = vec![
            row(&["Code", "Definition", "Codings"]),
            row(&["Worker strengths", &"What workers bring. ".repeat(10), "12"]),
        ];
        let widths = column_widths(&rows);
        assert_eq!(widths.len(), 3);
        assert!(widths[1] > widths[0] && widths[0] > widths[2], "{widths:?}");
        assert!(widths.iter().sum::<usize>() <= TABLE_WIDTH);
        // Weights: the code's 16 characters, the definition capped at 60, and
        // the count column its 7-character header (not its 2-digit value).
        assert_eq!(widths[2], TABLE_WIDTH * 7 / (16 + 60 + 7), "{widths:?}");
    }
}
