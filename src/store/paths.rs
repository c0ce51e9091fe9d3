//! What margin reads and writes inside a project folder, and nothing else: a
//! cloned repository must not be able to make margin read a private file
//! (a committed symlink), hang (a FIFO), eat memory (a link to /dev/zero) or
//! write outside the folder (an id with "../", a symlinked folder).
//!
//! Rule: every path is relative to the project root, made of plain names,
//! and every step of it on disk is a real folder or, at the end, a regular
//! file. Symlinks, devices and FIFOs are refused, never followed.

use std::fs;
use std::io::{self, Read as _};
use std::path::{Path, PathBuf};

/// The largest project file margin reads (a transcript of some thousand
/// pages is a few MB): a bound, so that no file can exhaust memory.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// Why a path in the project was refused; the message completes
/// "PATH: ...".
#[derive(Debug, thiserror::Error)]
pub enum Refusal {
    #[error(
        "is a symbolic link; margin never follows links inside a project (replace it with the real file or folder)"
    )]
    Symlink,
    #[error("is {0}, not a regular file; margin reads only regular files in a project")]
    NotAFile(&'static str),
    #[error("is not a folder")]
    NotAFolder,
    #[error("is larger than {} MB; margin does not read files that large", MAX_FILE_BYTES / (1024 * 1024))]
    TooLarge,
    #[error("is not a plain relative path inside the project")]
    Outside,
    #[error("{0}")]
    Io(#[from] io::Error),
}

impl Refusal {
    pub fn is_not_found(&self) -> bool {
        matches!(self, Refusal::Io(e) if e.kind() == io::ErrorKind::NotFound)
    }
}

/// What kind of thing a non-regular, non-folder entry is, for messages.
fn kind_of(meta: &fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if meta.is_dir() {
        "a folder"
    } else {
        "a special file"
    }
}

/// `root/rel` after checking that `rel` is plain names separated by '/' and
/// that every folder on the way that exists is a real folder, not a link.
pub fn inside(root: &Path, rel: &str) -> Result<PathBuf, Refusal> {
    inside_checking(root, rel, None)
}

/// Folders of a project found to be real folders during one load or save.
/// A merge reads, writes and renames thousands of files in a thousand
/// folders: checking every step of every path each time was most of its
/// stat calls. A folder is checked at the first file of a load or save that
/// lies in it, and trusted for the rest of it: checking again before each
/// use would not close the race with another program either.
#[derive(Debug, Default)]
pub struct CheckedFolders(std::sync::Mutex<std::collections::HashSet<PathBuf>>);

impl CheckedFolders {
    /// `inside`, skipping folders already found real in this save.
    pub fn inside(&self, root: &Path, rel: &str) -> Result<PathBuf, Refusal> {
        inside_checking(root, rel, Some(self))
    }

    /// `read`, skipping folders already found real in this save.
    pub fn read(&self, root: &Path, rel: &str) -> Result<Vec<u8>, Refusal> {
        read_from(self.inside(root, rel)?)
    }

    /// Whether `folder` (a path `inside` made) was found to be a real folder.
    pub fn holds(&self, folder: &Path) -> bool {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .contains(folder)
    }

    fn note(&self, folder: &Path) {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(folder.to_path_buf());
    }
}

fn inside_checking(
    root: &Path,
    rel: &str,
    checked: Option<&CheckedFolders>,
) -> Result<PathBuf, Refusal> {
    let parts: Vec<&str> = rel.split('/').collect();
    if parts
        .iter()
        .any(|p| p.is_empty() || *p == "." || *p == ".." || p.contains('\\'))
    {
        return Err(Refusal::Outside);
    }
    let mut path = root.to_path_buf();
    for part in &parts[..parts.len() - 1] {
        path.push(part);
        if checked.is_some_and(|c| c.holds(&path)) {
            continue;
        }
        match fs::symlink_metadata(&path) {
            Ok(meta) if meta.file_type().is_symlink() => return Err(Refusal::Symlink),
            Ok(meta) if !meta.is_dir() => return Err(Refusal::NotAFolder),
            Ok(_) => {
                if let Some(checked) = checked {
                    checked.note(&path);
                }
            }
            // A folder margin is about to create.
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(Refusal::Io(e)),
        }
    }
    path.push(parts[parts.len() - 1]);
    Ok(path)
}

/// Checks a folder of the project that margin lists: absent is fine, a
/// link or anything but a folder is refused.
pub fn check_folder(root: &Path, rel: &str) -> Result<(), Refusal> {
    let path = inside(root, rel)?;
    match fs::symlink_metadata(&path) {
        Ok(meta) if meta.file_type().is_symlink() => Err(Refusal::Symlink),
        Ok(meta) if !meta.is_dir() => Err(Refusal::NotAFolder),
        Ok(_) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Refusal::Io(e)),
    }
}

/// Checks what stands at a path margin may replace or remove: nothing, or a
/// regular file (whose metadata it gives). A link is never written through.
pub fn check_target(path: &Path) -> Result<Option<fs::Metadata>, Refusal> {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => Err(Refusal::Symlink),
        Ok(meta) if !meta.is_file() => Err(Refusal::NotAFile(kind_of(&meta))),
        Ok(meta) => Ok(Some(meta)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Refusal::Io(e)),
    }
}

/// Is there a regular file (not a link) at `root/rel`?
pub fn is_regular(root: &Path, rel: &str) -> bool {
    inside(root, rel)
        .ok()
        .and_then(|p| fs::symlink_metadata(p).ok())
        .is_some_and(|m| m.is_file())
}

/// Reads a project file: a regular file inside the project, at most
/// `MAX_FILE_BYTES`. Checked before opening, so a FIFO is never opened (the
/// open itself would hang), and again on the open file.
pub fn read(root: &Path, rel: &str) -> Result<Vec<u8>, Refusal> {
    read_from(inside(root, rel)?)
}

fn read_from(path: PathBuf) -> Result<Vec<u8>, Refusal> {
    let meta = fs::symlink_metadata(&path)?;
    if meta.file_type().is_symlink() {
        return Err(Refusal::Symlink);
    }
    if !meta.is_file() {
        return Err(Refusal::NotAFile(kind_of(&meta)));
    }
    let file = fs::File::open(&path)?;
    let opened = file.metadata()?;
    if !opened.is_file() {
        return Err(Refusal::NotAFile(kind_of(&opened)));
    }
    if opened.len() > MAX_FILE_BYTES {
        return Err(Refusal::TooLarge);
    }
    let mut bytes = Vec::with_capacity(opened.len() as usize);
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(Refusal::TooLarge);
    }
    Ok(bytes)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn links_fifos_devices_and_parent_steps_are_refused() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let root = tmp.path().join("p");
        fs::create_dir_all(root.join("documents")).expect("mkdir");
        fs::write(tmp.path().join("private.txt"), "secret").expect("write");
        std::os::unix::fs::symlink(
            tmp.path().join("private.txt"),
            root.join("documents/P1.txt"),
        )
        .expect("symlink");
        std::os::unix::fs::symlink("/dev/zero", root.join("documents/Z.txt")).expect("symlink");
        std::os::unix::fs::symlink(tmp.path(), root.join("memos")).expect("symlink");
        let fifo = root.join("codebook.ron");
        let status = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo");
        assert!(status.success());

        assert!(matches!(
            read(&root, "documents/P1.txt"),
            Err(Refusal::Symlink)
        ));
        assert!(matches!(
            read(&root, "documents/Z.txt"),
            Err(Refusal::Symlink)
        ));
        assert!(
            matches!(read(&root, "codebook.ron"), Err(Refusal::NotAFile(k)) if k.contains("FIFO"))
        );
        assert!(matches!(
            inside(&root, "memos/codes/x.md"),
            Err(Refusal::Symlink)
        ));
        assert!(matches!(inside(&root, "../x"), Err(Refusal::Outside)));
        assert!(matches!(
            inside(&root, "memos/../../x"),
            Err(Refusal::Outside)
        ));
        assert!(matches!(read(&root, "dev"), Err(e) if e.is_not_found()));
        fs::write(root.join("documents/P2.txt"), "words").expect("write");
        assert_eq!(read(&root, "documents/P2.txt").expect("reads"), b"words");
    }
}
