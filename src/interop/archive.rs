//! Reading and writing zip archives (.docx, .odt, .qdpx) safely. Nothing is
//! ever unpacked to disk: entries are read into memory by name, within
//! limits on their number and on what they unpack to (counted while
//! inflating, so a header that lies about sizes changes nothing). An archive
//! holding a path that would leave the folder it is unpacked into (`../x`,
//! `/etc/x`, `C:\x`) is refused outright, as other tools may unpack it.

use super::InteropError;
use std::collections::BTreeMap;
use std::io::{Cursor, Read, Write};
use zip::ZipArchive;
use zip::write::SimpleFileOptions;

/// What margin will unpack from one archive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    pub max_entries: usize,
    /// Bytes one entry may unpack to.
    pub max_entry_bytes: u64,
    /// Bytes all the entries read may unpack to together.
    pub max_total_bytes: u64,
}

/// Generous for real projects (thousands of transcripts), small enough that
/// a zip bomb stops long before memory runs out.
pub const LIMITS: Limits = Limits {
    max_entries: 50_000,
    max_entry_bytes: 256 * 1024 * 1024,
    max_total_bytes: 1024 * 1024 * 1024,
};

/// An opened archive: its entry names, checked, and the bytes to read them from.
pub struct Archive<'a> {
    file: String,
    zip: ZipArchive<Cursor<&'a [u8]>>,
    names: Vec<String>,
    limits: Limits,
    unpacked: u64,
}

impl<'a> Archive<'a> {
    /// Opens an archive and checks every entry's name and the entry count.
    pub fn open(bytes: &'a [u8], file: &str, limits: Limits) -> Result<Self, InteropError> {
        let fail = |problem: String| InteropError::new(file, problem);
        let mut zip = ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| fail(format!("is not a readable zip archive ({e})")))?;
        if zip.len() > limits.max_entries {
            return Err(fail(format!(
                "holds {} entries, more than the {} margin unpacks",
                zip.len(),
                limits.max_entries
            )));
        }
        let mut names = Vec::with_capacity(zip.len());
        for i in 0..zip.len() {
            let entry = zip
                .by_index(i)
                .map_err(|e| fail(format!("entry {i} is damaged ({e})")))?;
            let name = entry
                .name()
                .map_err(|e| fail(format!("entry {i} has an unreadable name ({e})")))?
                .into_owned();
            if let Some(problem) = unsafe_path(&name) {
                return Err(fail(format!(
                    "entry '{name}' {problem}; margin refuses archives with such paths"
                )));
            }
            names.push(name);
        }
        Ok(Archive {
            file: file.to_string(),
            zip,
            names,
            limits,
            unpacked: 0,
        })
    }

    /// Entry names, in archive order.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// The entry whose name equals `name` ignoring ASCII case
    /// (`Sources/` and `sources/` alike), if any.
    /// Windows tools may separate folders with '\'.
    pub fn find(&self, name: &str) -> Option<&str> {
        let plain = |n: &str| n.replace('\\', "/").trim_start_matches("./").to_string();
        let wanted = plain(name);
        self.names
            .iter()
            .find(|n| plain(n).eq_ignore_ascii_case(&wanted))
            .map(String::as_str)
    }

    /// Reads one entry, within the limits.
    pub fn read(&mut self, name: &str) -> Result<Vec<u8>, InteropError> {
        let fail = |problem: String| InteropError::new(&self.file, problem);
        let Some(index) = self.names.iter().position(|n| n == name) else {
            return Err(fail(format!("has no entry '{name}'")));
        };
        let left = self.limits.max_total_bytes.saturating_sub(self.unpacked);
        let cap = self.limits.max_entry_bytes.min(left);
        let entry = self
            .zip
            .by_index(index)
            .map_err(|e| fail(format!("entry '{name}' is damaged ({e})")))?;
        let mut out = Vec::new();
        entry
            .take(cap + 1)
            .read_to_end(&mut out)
            .map_err(|e| fail(format!("entry '{name}' cannot be unpacked ({e})")))?;
        if out.len() as u64 > cap {
            let which = if cap < self.limits.max_entry_bytes {
                format!(
                    "the archive unpacks to more than {} in all",
                    megabytes(self.limits.max_total_bytes)
                )
            } else {
                format!(
                    "entry '{name}' unpacks to more than {}",
                    megabytes(self.limits.max_entry_bytes)
                )
            };
            return Err(fail(format!(
                "{which}, the most margin unpacks (a zip bomb?)"
            )));
        }
        self.unpacked += out.len() as u64;
        Ok(out)
    }
}

fn megabytes(bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{} MiB", bytes / (1024 * 1024))
    } else {
        format!("{bytes} bytes")
    }
}

/// Why an entry name is unsafe to unpack, if it is.
pub fn unsafe_path(name: &str) -> Option<&'static str> {
    let unified = name.replace('\\', "/");
    if unified.starts_with('/') {
        return Some("has an absolute path");
    }
    let bytes = unified.as_bytes();
    if bytes.len() >= 2 && bytes[1] == b':' && bytes[0].is_ascii_alphabetic() {
        return Some("has an absolute (drive) path");
    }
    if unified.split('/').any(|part| part == "..") {
        return Some("would leave the folder it is unpacked into");
    }
    if name.contains('\0') {
        return Some("has a NUL byte in its name");
    }
    None
}

/// Writes entries (name, bytes), deflated, into a zip archive in memory.
pub fn write(entries: &[(String, Vec<u8>)]) -> Result<Vec<u8>, String> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .unix_permissions(0o644);
    for (name, bytes) in entries {
        zip.start_file(name.as_str(), options)
            .map_err(|e| format!("cannot add {name}: {e}"))?;
        zip.write_all(bytes)
            .map_err(|e| format!("cannot add {name}: {e}"))?;
    }
    let cursor = zip.finish().map_err(|e| e.to_string())?;
    Ok(cursor.into_inner())
}

/// Reads every entry of a small archive whose names pass `wanted`.
pub fn read_matching(
    archive: &mut Archive,
    wanted: impl Fn(&str) -> bool,
) -> Result<BTreeMap<String, Vec<u8>>, InteropError> {
    let names: Vec<String> = archive
        .names()
        .iter()
        .filter(|n| wanted(n))
        .cloned()
        .collect();
    let mut out = BTreeMap::new();
    for name in names {
        let bytes = archive.read(&name)?;
        out.insert(name, bytes);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let owned: Vec<(String, Vec<u8>)> = entries
            .iter()
            .map(|(n, b)| (n.to_string(), b.to_vec()))
            .collect();
        write(&owned).expect("zips")
    }

    #[test]
    fn reads_entries_by_name_ignoring_case() {
        let bytes = zip_of(&[
            ("project.qde", b"<Project/>"),
            ("Sources/a.txt", b"hi"),
            ("sources\\b.txt", b"ho"),
        ]);
        let mut archive = Archive::open(&bytes, "p.qdpx", LIMITS).expect("opens");
        let name = archive.find("sources/A.TXT").expect("found").to_string();
        assert_eq!(archive.read(&name).expect("reads"), b"hi");
        let name = archive.find("Sources/b.txt").expect("found").to_string();
        assert_eq!(archive.read(&name).expect("reads"), b"ho");
    }

    #[test]
    fn hostile_paths_are_refused() {
        for bad in [
            "../evil.txt",
            "sources/../../evil.txt",
            "/etc/evil",
            "C:\\evil",
        ] {
            let bytes = zip_of(&[("project.qde", b"x"), (bad, b"x")]);
            let err = Archive::open(&bytes, "bad.qdpx", LIMITS)
                .err()
                .expect("refused");
            let text = err.to_string();
            assert!(text.starts_with("bad.qdpx: entry '"), "{text}");
        }
    }

    #[test]
    fn limits_stop_a_zip_bomb() {
        let zeros = vec![0u8; 200_000];
        let bytes = zip_of(&[("a", &zeros), ("b", &zeros)]);
        assert!(bytes.len() < 10_000, "deflate squeezes zeros");
        let per_entry = Limits {
            max_entries: 10,
            max_entry_bytes: 100_000,
            max_total_bytes: 1_000_000,
        };
        let mut archive = Archive::open(&bytes, "bomb.zip", per_entry).expect("opens");
        let err = archive.read("a").expect_err("too big");
        assert!(err.to_string().contains("zip bomb"), "{err}");
        let total = Limits {
            max_entry_bytes: 300_000,
            max_total_bytes: 300_000,
            ..per_entry
        };
        let mut archive = Archive::open(&bytes, "bomb.zip", total).expect("opens");
        archive.read("a").expect("first fits");
        let err = archive.read("b").expect_err("total too big");
        assert!(err.to_string().contains("in all"), "{err}");
        let few = Limits {
            max_entries: 1,
            ..per_entry
        };
        assert!(Archive::open(&bytes, "bomb.zip", few).is_err());
    }

    #[test]
    fn garbage_is_not_an_archive() {
        let err = Archive::open(b"not a zip", "x.docx", LIMITS)
            .err()
            .expect("refused");
        assert!(err.to_string().contains("not a readable zip"), "{err}");
    }
}
