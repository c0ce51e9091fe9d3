//! The project lock: one writer at a time. The workbench holds it while it is
//! open; every command that writes takes it for the moment it writes, so the
//! command line cannot write under a running workbench (or another command).

use super::StoreError;
use std::fs::{File, OpenOptions, TryLockError};
use std::io::Write as _;
use std::path::Path;

/// The lock file's name in the project folder (gitignored by `margin init`).
pub const LOCK_FILE: &str = ".margin.lock";

/// Held while alive; released when dropped, or when the process ends however
/// it ends (the operating system drops the lock with the file).
#[derive(Debug)]
pub struct ProjectLock {
    _file: File,
}

impl ProjectLock {
    /// Takes the lock of the project in `dir`, or says who holds it.
    pub fn acquire(dir: &Path) -> Result<ProjectLock, StoreError> {
        let path = dir.join(LOCK_FILE);
        let mut file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .read(true)
            .write(true)
            .open(&path)
            .map_err(|e| StoreError::io(&path, e))?;
        match file.try_lock() {
            Ok(()) => {
                // Name the holder for whoever finds the project locked.
                let _ = file.set_len(0);
                let _ = writeln!(file, "{}", std::process::id());
                Ok(ProjectLock { _file: file })
            }
            Err(TryLockError::WouldBlock) => {
                let holder = std::fs::read_to_string(&path).unwrap_or_default();
                Err(StoreError::Locked {
                    dir: dir.to_path_buf(),
                    holder: holder.trim().to_string(),
                })
            }
            Err(TryLockError::Error(e)) => Err(StoreError::io(&path, e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_writer_is_refused_until_the_first_lets_go() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let first = ProjectLock::acquire(tmp.path()).expect("free");
        let err = ProjectLock::acquire(tmp.path()).expect_err("held");
        let message = err.to_string();
        assert!(
            message.contains(&std::process::id().to_string()),
            "{message}"
        );
        drop(first);
        ProjectLock::acquire(tmp.path()).expect("free again");
    }
}
