//! Word transcripts (.docx): the text of word/document.xml, one line per
//! paragraph, in order. Runs are joined as Word shows them; tabs and line
//! breaks are kept; a table becomes one line per row with its cells
//! separated by tabs. Comments, headers, footers and footnotes live in other
//! parts of the package and are never read; tracked deletions (and the old
//! place of moved text) are left out, tracked insertions kept, as Word shows
//! the document with changes accepted.

use super::InteropError;
use super::archive::{Archive, LIMITS};
use super::xml::{self, Element, Node};

/// The transcript text of a .docx file's bytes.
pub fn text_of(bytes: &[u8], file: &str) -> Result<String, InteropError> {
    let mut archive = Archive::open(bytes, file, LIMITS).map_err(|e| damaged(file, &e))?;
    let Some(name) = archive.find("word/document.xml").map(str::to_string) else {
        return Err(InteropError::new(
            file,
            "has no word/document.xml, so it is not a Word document (save it from Word as .docx)",
        ));
    };
    let part = archive.read(&name)?;
    let root = xml::parse(&part, &format!("{file}:{name}"))?;
    let body = root.child("body").ok_or_else(|| {
        InteropError::new(
            file,
            "word/document.xml has no <w:body>; the file is damaged",
        )
    })?;
    let mut out = String::new();
    blocks(body, &mut out);
    Ok(super::finish_text(&out))
}

fn damaged(file: &str, e: &InteropError) -> InteropError {
    InteropError::new(
        file,
        format!("{}; margin reads .docx files as Word saves them", e.problem),
    )
}

/// Block-level content: paragraphs and tables, and the containers that hold them.
fn blocks(parent: &Element, out: &mut String) {
    for e in parent.elements() {
        match e.name.as_str() {
            "p" => {
                paragraph(e, out);
                out.push('\n');
            }
            "tbl" => table(e, out),
            "sdt" | "sdtContent" | "customXml" | "ins" | "moveTo" | "smartTag" => blocks(e, out),
            // del, moveFrom, sectPr, bookmarks and the rest hold no shown text.
            _ => {}
        }
    }
}

fn table(tbl: &Element, out: &mut String) {
    for row in tbl.children_named("tr") {
        let cells: Vec<String> = row
            .elements()
            .filter(|c| c.name == "tc" || c.name == "sdt")
            .map(|cell| {
                let mut text = String::new();
                blocks(cell, &mut text);
                // Paragraphs inside one cell stay on the row's line.
                text.trim_end_matches('\n').replace('\n', " ")
            })
            .collect();
        out.push_str(&cells.join("\t"));
        out.push('\n');
    }
}

/// The inline content of a paragraph.
fn paragraph(p: &Element, out: &mut String) {
    for e in p.elements() {
        inline(e, out);
    }
}

fn inline(e: &Element, out: &mut String) {
    match e.name.as_str() {
        "r" => run(e, out),
        // Kept: insertions, moved-to text, links, fields, content controls.
        "ins" | "moveTo" | "hyperlink" | "fldSimple" | "smartTag" | "sdt" | "sdtContent"
        | "customXml" | "dir" | "bdo" => {
            for child in e.elements() {
                inline(child, out);
            }
        }
        // Office Math: its text, in order.
        "oMath" | "oMathPara" => out.push_str(&e.text()),
        // Left out: deletions, moved-from text, properties, comments' anchors.
        _ => {}
    }
}

fn run(r: &Element, out: &mut String) {
    for node in &r.children {
        let Node::Element(e) = node else { continue };
        match e.name.as_str() {
            "t" => out.push_str(&e.text()),
            "tab" | "ptab" => out.push('\t'),
            "br" | "cr" => out.push('\n'),
            "noBreakHyphen" => out.push('\u{2011}'),
            "sym" => {
                if let Some(ch) = e
                    .attr("char")
                    .and_then(|c| u32::from_str_radix(c, 16).ok())
                    .and_then(char::from_u32)
                    .filter(|c| !c.is_control())
                {
                    out.push(ch);
                }
            }
            // A text box drawn in the run: Word gives its text twice (the
            // drawing and a fallback); read the choice only.
            "AlternateContent" => {
                if let Some(choice) = e.child("Choice") {
                    text_boxes(choice, out);
                }
            }
            "pict" | "drawing" => text_boxes(e, out),
            // delText, instrText (field codes), footnote and comment references,
            // softHyphen and run properties are not shown text.
            _ => {}
        }
    }
}

fn text_boxes(e: &Element, out: &mut String) {
    for child in e.elements() {
        if child.name == "txbxContent" {
            out.push('\n');
            let mut inner = String::new();
            blocks(child, &mut inner);
            out.push_str(inner.trim_end_matches('\n'));
        } else {
            text_boxes(child, out);
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A .docx package around a document body, as Word writes it.
    pub fn docx_with_body(body: &str) -> Vec<u8> {
        let document = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n\
             <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
             <w:body>{body}<w:sectPr/></w:body></w:document>"
        );
        let entries = vec![
            (
                "[Content_Types].xml".to_string(),
                b"<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>".to_vec(),
            ),
            ("word/document.xml".to_string(), document.into_bytes()),
            (
                "word/comments.xml".to_string(),
                b"<w:comments xmlns:w=\"w\"><w:comment><w:p><w:r><w:t>COMMENT</w:t></w:r></w:p></w:comment></w:comments>".to_vec(),
            ),
            (
                "word/header1.xml".to_string(),
                b"<w:hdr xmlns:w=\"w\"><w:p><w:r><w:t>HEADER</w:t></w:r></w:p></w:hdr>".to_vec(),
            ),
        ];
        super::super::archive::write(&entries).expect("zips")
    }

    #[test]
    fn paragraphs_runs_tabs_breaks_and_tables() {
        let body = "<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr><w:r><w:t>Interview 4</w:t></w:r></w:p>\
            <w:p><w:r><w:t xml:space=\"preserve\">Interviewer: </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>How</w:t></w:r><w:r><w:t xml:space=\"preserve\"> long?</w:t></w:r></w:p>\
            <w:p><w:r><w:t>P4:</w:t><w:tab/><w:t>\u{201c}Years\u{201d} \u{2014} on and off.</w:t><w:br/><w:t>Second line.</w:t></w:r></w:p>\
            <w:tbl><w:tr><w:tc><w:p><w:r><w:t>Role</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Nurse</w:t></w:r></w:p></w:tc></w:tr>\
            <w:tr><w:tc><w:p><w:r><w:t>Service</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>B</w:t></w:r></w:p><w:p><w:r><w:t>(outreach)</w:t></w:r></w:p></w:tc></w:tr></w:tbl>";
        let text = text_of(&docx_with_body(body), "P4.docx").expect("reads");
        assert_eq!(
            text,
            "Interview 4\nInterviewer: How long?\nP4:\t\u{201c}Years\u{201d} \u{2014} on and off.\nSecond line.\nRole\tNurse\nService\tB (outreach)\n"
        );
    }

    #[test]
    fn tracked_changes_and_comments() {
        let body = "<w:p><w:r><w:t xml:space=\"preserve\">We see them </w:t></w:r>\
            <w:del w:id=\"1\"><w:r><w:delText>every week</w:delText></w:r></w:del>\
            <w:ins w:id=\"2\"><w:r><w:t>most weeks</w:t></w:r></w:ins>\
            <w:commentRangeStart w:id=\"3\"/><w:r><w:t>.</w:t></w:r><w:commentRangeEnd w:id=\"3\"/>\
            <w:r><w:commentReference w:id=\"3\"/></w:r>\
            <w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r></w:p>";
        let text = text_of(&docx_with_body(body), "x.docx").expect("reads");
        assert_eq!(text, "We see them most weeks.\n");
    }

    #[test]
    fn damaged_files_are_named() {
        let err = text_of(b"PK\x03\x04 broken", "bad.docx").expect_err("refused");
        assert!(err.to_string().starts_with("bad.docx: "), "{err}");
        let no_document =
            super::super::archive::write(&[("x.xml".into(), b"<x/>".to_vec())]).expect("zips");
        let err = text_of(&no_document, "odd.docx").expect_err("refused");
        assert!(err.to_string().contains("word/document.xml"), "{err}");
        let broken = docx_with_body("<w:p><w:r><w:t>cut");
        let err = text_of(&broken, "cut.docx").expect_err("refused");
        assert!(
            err.to_string().starts_with("cut.docx:word/document.xml:"),
            "{err}"
        );
    }
}
