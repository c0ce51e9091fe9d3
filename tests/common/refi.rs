//! REFI-QDA helpers for the interop tests: schema validation with xmllint,
//! reading entries of a package, and UTF-16 positions as NVivo counts them.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The schema of REFI-QDA projects or codebooks, shipped in docs/refi-qda.
pub fn schema(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("docs/refi-qda")
        .join(name)
}

/// Validates `file` against `schema` with xmllint; panics with its report.
/// A missing xmllint fails the test, saying how to install it.
pub fn xmllint(schema: &Path, file: &Path) {
    let out = match Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(schema)
        .arg(file)
        .output()
    {
        Ok(out) => out,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => panic!(
            "xmllint is missing, so REFI-QDA exports cannot be validated: \
             install it (Debian/Ubuntu: apt-get install libxml2-utils; macOS: it comes with Xcode's tools)"
        ),
        Err(e) => panic!("cannot run xmllint: {e}"),
    };
    assert!(
        out.status.success(),
        "{} does not validate against {}:\n{}",
        file.display(),
        schema.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// One entry of a zip package.
pub fn entry(package: &Path, name: &str) -> Vec<u8> {
    let bytes = std::fs::read(package).expect("read the package");
    let mut archive = margin::interop::archive::Archive::open(
        &bytes,
        "package",
        margin::interop::archive::LIMITS,
    )
    .expect("a zip");
    archive.read(name).expect("the entry")
}

/// Start and end of `needle` (its first occurrence after `after`) in UTF-16
/// code units of `raw` as stored, line ends and all.
pub fn utf16_span(raw: &str, needle: &str, after: usize) -> (usize, usize) {
    let at = after
        + raw[after..]
            .find(needle)
            .expect("the text holds the needle");
    let start = raw[..at].encode_utf16().count();
    (start, start + needle.encode_utf16().count())
}
