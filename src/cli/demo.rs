//! The sample study, embedded in the binary (see build.rs), and writing it out
//! for `margin demo`, so exploring never dirties the repository's copy.

use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};

include!(concat!(env!("OUT_DIR"), "/sample_files.rs"));

/// Where margin keeps its data: $MARGIN_DATA_DIR, else the platform's data
/// folder (e.g. ~/.local/share/margin).
pub fn data_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("MARGIN_DATA_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("org", "margin", "margin").map(|d| d.data_dir().to_path_buf())
}

/// A folder under the data directory that does not exist yet:
/// sample-study, sample-study-2, ...
pub fn fresh_demo_dir() -> Result<PathBuf> {
    let Some(base) = data_dir() else {
        bail!("cannot find a data folder for margin; give one: margin demo DIR");
    };
    let dir = (1..)
        .map(|n| {
            if n == 1 {
                base.join("sample-study")
            } else {
                base.join(format!("sample-study-{n}"))
            }
        })
        .find(|candidate| !candidate.exists())
        .unwrap_or_else(|| base.join("sample-study"));
    Ok(dir)
}

/// Writes the sample study into `dir`, which must not exist or be empty.
pub fn write_sample(dir: &Path) -> Result<()> {
    if SAMPLE_FILES.is_empty() {
        bail!("this build of margin was made without the sample study");
    }
    if dir.exists()
        && std::fs::read_dir(dir)
            .with_context(|| format!("cannot read {}", dir.display()))?
            .next()
            .is_some()
    {
        bail!(
            "{} is not empty; give a new folder, or leave DIR out to use a fresh one",
            dir.display()
        );
    }
    for (rel, content) in SAMPLE_FILES {
        let path = dir.join(rel);
        crate::store::write_atomic(&path, content.as_bytes())
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(())
}
