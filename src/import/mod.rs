//! Importing transcripts: choose the reader by file type, decode the bytes,
//! normalise line ends, and make a `Document`. Pure: takes bytes and a file
//! name, returns text or a clear refusal. Reading the file is the caller's
//! business; the document formats themselves are read in `interop`.

use crate::interop::subtitles::{self, Format};
use crate::interop::{InteropError, docx, odt};
use crate::model::{DocId, Document, DocumentRecord, TurnTime};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// File name endings margin imports as plain-text transcripts.
pub const TEXT_EXTENSIONS: [&str; 2] = ["txt", "md"];

/// Every file name ending `margin import` reads, as the refusal lists them.
pub const TRANSCRIPT_EXTENSIONS: [&str; 6] = ["txt", "md", "docx", "odt", "srt", "vtt"];

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    #[error(
        "{file}: margin imports transcripts saved as .txt, .md, .docx, .odt, .srt or .vtt; save this file as one of them"
    )]
    UnknownType { file: String },
    /// A file of a known type that cannot be read (damaged, or not what its name says).
    #[error("{0}")]
    Unreadable(InteropError),
    #[error(
        "{file}: margin imports plain-text transcripts (.txt, .md); convert this file to UTF-8 text first"
    )]
    UnsupportedType { file: String },
    #[error("{file}: {reason}; save it as UTF-8 text and import again")]
    Undecodable { file: String, reason: String },
}

/// The decoded text, with any warnings worth showing (a guessed encoding).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub warnings: Vec<String>,
}

/// A transcript ready to become a document: its text, when its turns start
/// (subtitle files), and warnings worth showing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transcript {
    pub text: String,
    pub times: Vec<TurnTime>,
    pub warnings: Vec<String>,
}

/// Reads a transcript of any type margin imports, chosen by the file name's
/// ending: plain text (.txt, .md), Word (.docx), OpenDocument (.odt), or
/// subtitles (.srt, .vtt).
pub fn read_transcript(bytes: &[u8], file: &str) -> Result<Transcript, ImportError> {
    let unreadable = ImportError::Unreadable;
    let plain = |text: String, warnings| Transcript {
        text,
        times: Vec::new(),
        warnings,
    };
    match extension(file).as_str() {
        "txt" | "md" => {
            let decoded = decode_transcript(bytes, file)?;
            Ok(plain(decoded.text, decoded.warnings))
        }
        "docx" => Ok(plain(
            docx::text_of(bytes, file).map_err(unreadable)?,
            vec![],
        )),
        "odt" => Ok(plain(
            odt::text_of(bytes, file).map_err(unreadable)?,
            vec![],
        )),
        ext @ ("srt" | "vtt") => {
            let decoded = decode_text(bytes, file)?;
            let format = if ext == "srt" {
                Format::Srt
            } else {
                Format::Vtt
            };
            let t = subtitles::transcript_of(&decoded.text, format, file).map_err(unreadable)?;
            Ok(Transcript {
                text: t.text,
                times: t.times,
                warnings: decoded.warnings,
            })
        }
        _ => Err(ImportError::UnknownType {
            file: file.to_string(),
        }),
    }
}

fn extension(file: &str) -> String {
    let name = file.rsplit(['/', '\\']).next().unwrap_or(file);
    name.rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default()
}

/// Decodes a transcript: UTF-8 with or without BOM; UTF-16 with a BOM and
/// Windows-1252 are decoded with a warning; anything else (binary files, other
/// encodings) is refused. CRLF and lone CR become LF.
pub fn decode_transcript(bytes: &[u8], file: &str) -> Result<Decoded, ImportError> {
    if !TEXT_EXTENSIONS.contains(&extension(file).as_str()) {
        return Err(ImportError::UnsupportedType {
            file: file.to_string(),
        });
    }
    decode_text(bytes, file)
}

/// Decodes text whatever the file's type (see `decode_transcript`).
pub fn decode_text(bytes: &[u8], file: &str) -> Result<Decoded, ImportError> {
    let decoded = decode_keeping_line_ends(bytes, file)?;
    Ok(Decoded {
        text: normalise_line_ends(&decoded.text),
        warnings: decoded.warnings,
    })
}

/// Decodes text as `decode_text` does but keeps its line ends as they are
/// (positions in REFI-QDA sources may count a CRLF as two).
pub fn decode_keeping_line_ends(bytes: &[u8], file: &str) -> Result<Decoded, ImportError> {
    let mut warnings = Vec::new();
    let text = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        strict_utf8(rest, file)?
    } else if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let (encoding, name) = if bytes[0] == 0xFF {
            (encoding_rs::UTF_16LE, "UTF-16LE")
        } else {
            (encoding_rs::UTF_16BE, "UTF-16BE")
        };
        let (text, had_errors) = encoding.decode_with_bom_removal(bytes);
        if had_errors {
            return Err(undecodable(file, format!("is not valid {name}")));
        }
        warnings.push(format!(
            "{file}: decoded from {name}; margin stores it as UTF-8"
        ));
        text.into_owned()
    } else if let Ok(text) = std::str::from_utf8(bytes) {
        text.to_string()
    } else {
        let text = windows_1252(bytes, file)?;
        warnings.push(format!(
            "{file}: not UTF-8; decoded as Windows-1252 (check accented letters and quotes)"
        ));
        text
    };
    if let Some(pos) =
        text.find(|c: char| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
    {
        let line = text[..pos].matches('\n').count() + 1;
        return Err(undecodable(
            file,
            format!("holds a control character on line {line}, so it looks like a binary file"),
        ));
    }
    Ok(Decoded { text, warnings })
}

fn strict_utf8(bytes: &[u8], file: &str) -> Result<String, ImportError> {
    String::from_utf8(bytes.to_vec()).map_err(|e| {
        undecodable(
            file,
            format!(
                "starts with a UTF-8 mark but byte {} is not UTF-8",
                e.utf8_error().valid_up_to()
            ),
        )
    })
}

/// Windows-1252, refusing bytes it leaves undefined (a sign of another
/// encoding or of binary data).
fn windows_1252(bytes: &[u8], file: &str) -> Result<String, ImportError> {
    if let Some(pos) = bytes
        .iter()
        .position(|b| matches!(b, 0x00 | 0x81 | 0x8D | 0x8F | 0x90 | 0x9D))
    {
        return Err(undecodable(
            file,
            format!(
                "is neither UTF-8, UTF-16 with a byte-order mark, nor Windows-1252 (byte {pos})"
            ),
        ));
    }
    let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
    Ok(text.into_owned())
}

fn undecodable(file: &str, reason: String) -> ImportError {
    ImportError::Undecodable {
        file: file.to_string(),
        reason,
    }
}

/// CRLF and lone CR become LF.
pub fn normalise_line_ends(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// SHA-256 of a text, as lower-case hex (what `sha256sum` prints).
pub fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A document id from a file name: its stem, with anything unsafe for a file
/// name replaced by '-'.
pub fn doc_id_from_file_name(file: &str) -> DocId {
    let name = file.rsplit(['/', '\\']).next().unwrap_or(file);
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    let id: String = stem
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let id = id.trim_matches('-');
    DocId::new(if id.is_empty() { "document" } else { id })
}

/// Builds the document for decoded text.
pub fn make_document(
    id: DocId,
    title: String,
    source: String,
    attributes: BTreeMap<String, String>,
    text: String,
) -> Document {
    let record = DocumentRecord {
        title,
        source,
        attributes,
        sha256: sha256_hex(&text),
        guid: String::new(),
        times: Vec::new(),
    };
    Document::new(id, record, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_bom_and_crlf() {
        let d = decode_transcript(b"\xEF\xBB\xBFa\r\nb\rc\n", "x.txt").expect("decodes");
        assert_eq!(d.text, "a\nb\nc\n");
        assert!(d.warnings.is_empty());
    }

    #[test]
    fn utf16_with_bom_warns() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "hé\r\n".encode_utf16() {
            bytes.extend(unit.to_le_bytes());
        }
        let d = decode_transcript(&bytes, "x.txt").expect("decodes");
        assert_eq!(d.text, "hé\n");
        assert_eq!(d.warnings.len(), 1);
    }

    #[test]
    fn windows_1252_warns() {
        let d = decode_transcript(b"caf\xe9 \x93quoted\x94", "x.md").expect("decodes");
        assert_eq!(d.text, "café \u{201c}quoted\u{201d}");
        assert!(d.warnings[0].contains("Windows-1252"));
    }

    #[test]
    fn binary_and_other_types_are_refused() {
        assert!(matches!(
            decode_transcript(b"\x00\x01\x02\x81", "x.txt"),
            Err(ImportError::Undecodable { .. })
        ));
        assert!(matches!(
            decode_transcript(b"PK\x03\x04", "x.docx"),
            Err(ImportError::UnsupportedType { .. })
        ));
        let err = decode_transcript(b"ok\x01", "x.txt").expect_err("control char");
        assert!(err.to_string().contains("line 1"), "{err}");
    }

    #[test]
    fn ids_from_file_names() {
        assert_eq!(doc_id_from_file_name("/a/b/P1.txt").as_str(), "P1");
        assert_eq!(
            doc_id_from_file_name("Interview 3 (final).md").as_str(),
            "Interview-3--final"
        );
    }

    #[test]
    fn sha256_matches_known_value() {
        assert_eq!(
            sha256_hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
