//! Atomic file writes: a temporary file in the same folder, flushed to disk,
//! then renamed over the target. A crash leaves the old file or the new one,
//! never half of either.

use std::fs;
use std::io::Write;
use std::path::Path;

pub fn write_atomic(path: &Path, content: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or_else(|| Path::new("."));
    fs::create_dir_all(dir)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".margin-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(content)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    // Make the rename itself durable. Not every platform can open a folder.
    if let Ok(folder) = fs::File::open(dir) {
        let _ = folder.sync_all();
    }
    Ok(())
}

/// Removes a file that margin owns, and its folder if that is left empty.
pub fn remove_owned(path: &Path) -> std::io::Result<()> {
    match fs::remove_file(path) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    if let Some(dir) = path.parent() {
        // Fails harmlessly when the folder still holds something.
        let _ = fs::remove_dir(dir);
    }
    Ok(())
}
