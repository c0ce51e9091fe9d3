//! A small, safe XML reader: parses a document into a tree of elements named
//! by their local names (so `w:p`, `text:p` and a default-namespace `Code`
//! all match by what follows the prefix). It refuses what hostile files use:
//! a DOCTYPE (and so any entity declaration, internal or external), and any
//! entity reference but the five predefined ones and character references.
//! Nesting is limited, so walking the tree never runs out of stack.

use super::InteropError;
use quick_xml::Reader;
use quick_xml::XmlVersion;
use quick_xml::events::{BytesStart, Event};

/// How deep elements may nest; real documents stay far below this.
pub const MAX_DEPTH: usize = 256;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Node {
    Element(Element),
    Text(String),
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Element {
    /// The local name, without any namespace prefix.
    pub name: String,
    /// Attributes by local name, in document order (namespace declarations left out).
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
}

impl Element {
    /// The value of attribute `name` (local name, exact case).
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Child elements, in order.
    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// Child elements named `name`.
    pub fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> {
        self.elements().filter(move |e| e.name == name)
    }

    /// The first child element named `name`.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.name == name)
    }

    /// All text inside this element, descendants included.
    pub fn text(&self) -> String {
        let mut out = String::new();
        collect_text(self, &mut out);
        out
    }
}

fn collect_text(element: &Element, out: &mut String) {
    for node in &element.children {
        match node {
            Node::Text(t) => out.push_str(t),
            Node::Element(e) => collect_text(e, out),
        }
    }
}

/// Parses XML bytes (UTF-8 with or without a byte-order mark, or UTF-16 with
/// one) into the root element. `file` names the file in errors, which say
/// where (line:column) and what is wrong.
pub fn parse(bytes: &[u8], file: &str) -> Result<Element, InteropError> {
    let text = decode(bytes, file)?;
    let fail = |at: u64, problem: String| {
        let (line, col) = line_col(&text, at as usize);
        InteropError::new(format!("{file}:{line}:{col}"), problem)
    };
    let mut reader = Reader::from_str(&text);
    reader.config_mut().check_end_names = true;
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    loop {
        let at = reader.buffer_position();
        let event = reader.read_event().map_err(|e| {
            fail(
                reader.error_position(),
                format!("broken XML: {e}; margin reads only well-formed XML"),
            )
        })?;
        match event {
            Event::DocType(_) => {
                return Err(fail(
                    at,
                    "declares a DOCTYPE; margin refuses DTDs and entity declarations, \
                     which can make a file expand without end or read other files"
                        .to_string(),
                ));
            }
            Event::Start(start) => {
                if root.is_some() {
                    return Err(fail(at, "holds a second root element".to_string()));
                }
                if stack.len() >= MAX_DEPTH {
                    return Err(fail(
                        at,
                        format!("nests elements deeper than {MAX_DEPTH} levels"),
                    ));
                }
                stack.push(element_of(&start).map_err(|p| fail(at, p))?);
            }
            Event::Empty(start) => {
                let element = element_of(&start).map_err(|p| fail(at, p))?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(Node::Element(element)),
                    None if root.is_none() => root = Some(element),
                    None => return Err(fail(at, "holds a second root element".to_string())),
                }
            }
            Event::End(_) => {
                let Some(done) = stack.pop() else {
                    return Err(fail(at, "closes an element that was never opened".into()));
                };
                match stack.last_mut() {
                    Some(parent) => parent.children.push(Node::Element(done)),
                    None => root = Some(done),
                }
            }
            Event::Text(t) => push_text(&mut stack, &t.xml_content(XmlVersion::Implicit1_0)),
            Event::CData(t) => {
                let raw = t.xml_content(XmlVersion::Implicit1_0).into_owned();
                push_text(&mut stack, &raw);
            }
            Event::GeneralRef(r) => {
                let ch = match r.resolve_char_ref() {
                    Ok(Some(ch)) => ch.to_string(),
                    Ok(None) => match predefined(&r) {
                        Some(s) => s.to_string(),
                        None => {
                            return Err(fail(
                                at,
                                format!(
                                    "refers to the entity &{}; margin expands only &lt; &gt; \
                                     &amp; &apos; &quot; and character references",
                                    &*r
                                ),
                            ));
                        }
                    },
                    Err(e) => return Err(fail(at, format!("broken character reference: {e}"))),
                };
                push_text(&mut stack, &ch);
            }
            Event::Eof => break,
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
        }
    }
    if let Some(open) = stack.last() {
        return Err(fail(
            text.len() as u64,
            format!(
                "ends before <{}> is closed (the file is cut short)",
                open.name
            ),
        ));
    }
    root.ok_or_else(|| InteropError::new(file, "holds no XML element"))
}

fn predefined(name: &str) -> Option<&'static str> {
    match name {
        "lt" => Some("<"),
        "gt" => Some(">"),
        "amp" => Some("&"),
        "apos" => Some("'"),
        "quot" => Some("\""),
        _ => None,
    }
}

fn push_text(stack: &mut [Element], text: &str) {
    // Text outside the root element is whitespace (or refused by the parser).
    let Some(parent) = stack.last_mut() else {
        return;
    };
    if let Some(Node::Text(last)) = parent.children.last_mut() {
        last.push_str(text);
    } else {
        parent.children.push(Node::Text(text.to_string()));
    }
}

fn element_of(start: &BytesStart) -> Result<Element, String> {
    let name = start.local_name().as_ref().to_string();
    let mut attrs = Vec::new();
    for attr in start.attributes() {
        let attr = attr.map_err(|e| format!("broken attribute in <{name}>: {e}"))?;
        let qname = attr.key.as_ref();
        if qname == "xmlns" || qname.starts_with("xmlns:") {
            continue;
        }
        let value = attr
            .normalized_value(XmlVersion::Implicit1_0)
            .map_err(|e| {
                format!(
                    "attribute {qname} of <{name}>: {e}; margin expands only the predefined entities"
                )
            })?
            .into_owned();
        attrs.push((attr.key.local_name().as_ref().to_string(), value));
    }
    Ok(Element {
        name,
        attrs,
        children: Vec::new(),
    })
}

/// The XML text: UTF-8 (a byte-order mark is dropped) or UTF-16 with a mark.
fn decode(bytes: &[u8], file: &str) -> Result<String, InteropError> {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let encoding = if bytes[0] == 0xFF {
            encoding_rs::UTF_16LE
        } else {
            encoding_rs::UTF_16BE
        };
        let (text, had_errors) = encoding.decode_with_bom_removal(bytes);
        if had_errors {
            return Err(InteropError::new(file, "is not valid UTF-16"));
        }
        return Ok(text.into_owned());
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    String::from_utf8(bytes.to_vec()).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        InteropError::new(
            file,
            format!("byte {at} is not UTF-8; margin reads XML in UTF-8 or UTF-16"),
        )
    })
}

/// 1-based line and column (in characters) of byte `at`.
fn line_col(text: &str, at: usize) -> (usize, usize) {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// Escapes text for an XML attribute or element.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\r' => out.push_str("&#13;"),
            '\n' => out.push_str("&#10;"),
            '\t' => out.push_str("&#9;"),
            // Characters XML 1.0 cannot carry at all are dropped.
            c if (c as u32) < 0x20 => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_names_whatever_the_prefix() {
        let xml = "\u{feff}<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\"?>\
            <q:Project xmlns:q=\"urn:x\" q:name=\"A &amp; B\"><q:Code guid=\"1\">x&#233;y</q:Code><Code/></q:Project>";
        let root = parse(xml.as_bytes(), "p.qde").expect("parses");
        assert_eq!(root.name, "Project");
        assert_eq!(root.attr("name"), Some("A & B"));
        assert_eq!(root.children_named("Code").count(), 2);
        assert_eq!(
            root.child("Code").map(Element::text).as_deref(),
            Some("xéy")
        );
    }

    #[test]
    fn doctype_and_entities_are_refused() {
        let bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;\">]>\n<lolz>&lol2;</lolz>";
        let err = parse(bomb.as_bytes(), "bomb.xml").expect_err("refused");
        assert!(
            err.to_string()
                .starts_with("bomb.xml:2:1: declares a DOCTYPE"),
            "{err}"
        );
        let external = "<a>&xxe;</a>";
        let err = parse(external.as_bytes(), "x.xml").expect_err("refused");
        assert!(err.to_string().contains("entity &xxe;"), "{err}");
        let err = parse(b"<a b=\"&xxe;\"/>", "x.xml").expect_err("refused");
        assert!(err.to_string().contains("attribute b"), "{err}");
    }

    #[test]
    fn broken_xml_names_the_place() {
        let err = parse(b"<a>\n  <b></c>\n</a>", "broken.xml").expect_err("refused");
        assert!(err.to_string().starts_with("broken.xml:2:"), "{err}");
        let err = parse(b"<a><b>", "cut.xml").expect_err("refused");
        assert!(err.to_string().contains("cut short"), "{err}");
        assert!(parse(b"", "empty.xml").is_err());
        assert!(parse(b"\xff\x00", "bin.xml").is_err());
    }

    #[test]
    fn deep_nesting_is_refused() {
        let xml = "<a>".repeat(MAX_DEPTH + 1);
        let err = parse(xml.as_bytes(), "deep.xml").expect_err("refused");
        assert!(err.to_string().contains("deeper"), "{err}");
    }

    #[test]
    fn escape_round_trips() {
        let text = "a<b & \"c\" 'd'\ne";
        let xml = format!("<x v=\"{}\">{}</x>", escape(text), escape(text));
        let root = parse(xml.as_bytes(), "x").expect("parses");
        assert_eq!(root.attr("v"), Some(text));
        assert_eq!(root.text(), text);
    }
}
