//! Atomic file writes: a temporary file in the same folder, flushed to disk,
//! then renamed over the target. A crash leaves the old file or the new one,
//! never half of either.

use std::fs;
use std::io::Write;
use std::path::Path;

pub fn write_atomic(path: &Path, content: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or_else(|| Path::new("."));
    fs::create_dir_all(dir)?;
    let mut tmp = new_temp_beside(path)?;
    tmp.write_all(content)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    // Make the rename itself durable. Not every platform can open a folder.
    if let Ok(folder) = fs::File::open(dir) {
        let _ = folder.sync_all();
    }
    Ok(())
}

/// An empty temporary file (`.margin-*.tmp`) in `path`'s folder, with the
/// mode `path` will have once the temporary file is renamed over it.
pub fn new_temp_beside(path: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    let existing = fs::symlink_metadata(path).ok();
    new_temp_replacing(path, existing.as_ref())
}

/// `new_temp_beside`, for a caller that has already looked at what stands
/// at `path` (`existing`: its metadata, if anything is there).
pub fn new_temp_replacing(
    path: &Path,
    existing: Option<&fs::Metadata>,
) -> std::io::Result<tempfile::NamedTempFile> {
    let dir = path.parent().unwrap_or_else(|| Path::new("."));
    let mut builder = tempfile::Builder::new();
    builder.prefix(".margin-").suffix(".tmp");
    // Temporary files are private (0600). A new project file gets the mode any
    // program's new file gets (0666 less the umask), and a replaced file keeps
    // its own, so a project shared on one machine stays readable.
    if let Some(permissions) = new_file_permissions() {
        builder.permissions(permissions);
    }
    let tmp = builder.tempfile_in(dir)?;
    if let Some(meta) = existing
        && meta.is_file()
    {
        tmp.as_file().set_permissions(meta.permissions())?;
    }
    Ok(tmp)
}

#[cfg(unix)]
fn new_file_permissions() -> Option<fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Some(fs::Permissions::from_mode(0o666))
}

#[cfg(not(unix))]
fn new_file_permissions() -> Option<fs::Permissions> {
    None
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn new_files_are_readable_and_old_ones_keep_their_mode() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let path = tmp.path().join("a.ron");
        write_atomic(&path, b"one").expect("writes");
        let mode = |p: &Path| fs::metadata(p).expect("exists").permissions().mode() & 0o777;
        // 0666 less the umask: readable by others under the usual umask 022.
        assert_eq!(mode(&path) & 0o600, 0o600);
        assert_ne!(mode(&path), 0o600, "not private like a temporary file");
        fs::set_permissions(&path, fs::Permissions::from_mode(0o664)).expect("chmod");
        write_atomic(&path, b"two").expect("writes");
        assert_eq!(mode(&path), 0o664);
        assert_eq!(fs::read(&path).expect("reads"), b"two");
    }
}
