//! OpenDocument transcripts (.odt): the text of content.xml's body, one line
//! per paragraph or heading, as for Word (see `docx`). Spaces follow ODF's
//! rules (runs of white space in the XML are one space; `text:s` holds
//! extra spaces). Annotations (comments), footnotes and the record of
//! tracked changes (which holds deleted text) are left out; headers and
//! footers live in styles.xml, which is never read.

use super::InteropError;
use super::archive::{Archive, LIMITS};
use super::xml::{self, Element, Node};

/// The transcript text of an .odt file's bytes.
pub fn text_of(bytes: &[u8], file: &str) -> Result<String, InteropError> {
    let mut archive = Archive::open(bytes, file, LIMITS).map_err(|e| {
        InteropError::new(
            file,
            format!(
                "{}; margin reads .odt files as LibreOffice saves them",
                e.problem
            ),
        )
    })?;
    let Some(name) = archive.find("content.xml").map(str::to_string) else {
        return Err(InteropError::new(
            file,
            "has no content.xml, so it is not an OpenDocument text (save it as .odt)",
        ));
    };
    let part = archive.read(&name)?;
    let root = xml::parse(&part, &format!("{file}:{name}"))?;
    let text = root
        .child("body")
        .and_then(|b| b.child("text"))
        .ok_or_else(|| {
            InteropError::new(
                file,
                "content.xml has no <office:text> body; is it a text document (not a spreadsheet)?",
            )
        })?;
    let mut out = String::new();
    blocks(text, &mut out);
    Ok(super::finish_text(&out))
}

fn blocks(parent: &Element, out: &mut String) {
    for e in parent.elements() {
        match e.name.as_str() {
            "p" | "h" => {
                let mut line = String::new();
                inline(e, &mut line);
                out.push_str(line.trim_start_matches(' '));
                out.push('\n');
            }
            "table" => table(e, out),
            "list" | "list-item" | "list-header" | "section" | "index-body" => blocks(e, out),
            // tracked-changes, sequence-decls, forms and the rest: no shown text.
            _ => {}
        }
    }
}

fn table(tbl: &Element, out: &mut String) {
    for e in tbl.elements() {
        match e.name.as_str() {
            "table-row" => {
                let cells: Vec<String> = e
                    .children_named("table-cell")
                    .map(|cell| {
                        let mut text = String::new();
                        blocks(cell, &mut text);
                        text.trim_end_matches('\n').replace('\n', " ")
                    })
                    .collect();
                out.push_str(&cells.join("\t"));
                out.push('\n');
            }
            "table-header-rows" | "table-rows" | "table-row-group" => table(e, out),
            _ => {}
        }
    }
}

fn inline(parent: &Element, out: &mut String) {
    for node in &parent.children {
        match node {
            Node::Text(t) => push_collapsed(t, out),
            Node::Element(e) => match e.name.as_str() {
                "s" => {
                    let n = e.attr("c").and_then(|c| c.parse().ok()).unwrap_or(1usize);
                    out.extend(std::iter::repeat_n(' ', n.min(1000)));
                }
                "tab" => out.push('\t'),
                "line-break" => out.push('\n'),
                "span" | "a" | "meta" | "ruby" | "ruby-base" | "bookmark-ref" | "reference-ref"
                | "date" | "time" | "page-number" | "author-name" => inline(e, out),
                // annotation (comments), note (footnotes), change marks,
                // bookmarks, frames: not part of the spoken text.
                _ => {}
            },
        }
    }
}

/// ODF white space: any run of space, tab or line end in the XML is one space.
fn push_collapsed(text: &str, out: &mut String) {
    for ch in text.chars() {
        if matches!(ch, ' ' | '\t' | '\n' | '\r') {
            if !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.push(ch);
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub fn odt_with_body(body: &str) -> Vec<u8> {
        let content = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-content \
             xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
             xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" \
             xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" office:version=\"1.3\">\
             <office:body><office:text>{body}</office:text></office:body></office:document-content>"
        );
        let entries = vec![
            (
                "mimetype".to_string(),
                b"application/vnd.oasis.opendocument.text".to_vec(),
            ),
            ("content.xml".to_string(), content.into_bytes()),
            (
                "styles.xml".to_string(),
                b"<office:document-styles xmlns:office=\"o\"><text:p xmlns:text=\"t\">FOOTER</text:p></office:document-styles>".to_vec(),
            ),
        ];
        super::super::archive::write(&entries).expect("zips")
    }

    #[test]
    fn paragraphs_spaces_tabs_breaks_and_tables() {
        let body = "<text:sequence-decls/><text:h text:outline-level=\"1\">Interview 5</text:h>\
            <text:p>Interviewer: Tell me\n   about <text:span>the</text:span> <text:span>drop-in.</text:span></text:p>\
            <text:p>P5:<text:tab/>It\u{2019}s open<text:s text:c=\"2\"/>mornings.<text:line-break/>Mostly.</text:p>\
            <table:table><table:table-header-rows><table:table-row><table:table-cell><text:p>Day</text:p></table:table-cell><table:table-cell><text:p>Hours</text:p></table:table-cell></table:table-row></table:table-header-rows>\
            <table:table-row><table:table-cell><text:p>Monday</text:p></table:table-cell><table:table-cell><text:p>9\u{2013}12</text:p></table:table-cell></table:table-row></table:table>\
            <text:list><text:list-item><text:p>First point</text:p></text:list-item></text:list>";
        let text = text_of(&odt_with_body(body), "P5.odt").expect("reads");
        assert_eq!(
            text,
            "Interview 5\nInterviewer: Tell me about the drop-in.\nP5:\tIt\u{2019}s open  mornings.\nMostly.\nDay\tHours\nMonday\t9\u{2013}12\nFirst point\n"
        );
    }

    #[test]
    fn tracked_deletions_comments_and_notes_are_left_out() {
        let body = "<text:tracked-changes><text:changed-region text:id=\"c1\"><text:deletion>\
            <text:p>old words</text:p></text:deletion></text:changed-region></text:tracked-changes>\
            <text:p>We <text:change text:change-id=\"c1\"/>talk <text:change-start text:change-id=\"c2\"/>a lot<text:change-end text:change-id=\"c2\"/>.\
            <office:annotation xmlns:office=\"o\"><text:p>a comment</text:p></office:annotation>\
            <text:note><text:note-citation>1</text:note-citation><text:note-body><text:p>a footnote</text:p></text:note-body></text:note></text:p>";
        let text = text_of(&odt_with_body(body), "x.odt").expect("reads");
        assert_eq!(text, "We talk a lot.\n");
    }

    #[test]
    fn not_a_text_document() {
        let entries = vec![("content.xml".to_string(), b"<office:document-content xmlns:office=\"o\"><office:body><office:spreadsheet/></office:body></office:document-content>".to_vec())];
        let bytes = super::super::archive::write(&entries).expect("zips");
        let err = text_of(&bytes, "sheet.odt").expect_err("refused");
        assert!(err.to_string().contains("text document"), "{err}");
    }
}
