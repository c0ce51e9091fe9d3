//! The project lock: one writer at a time. The workbench holds it while it is
//! open; every command that writes takes it for the moment it writes, so the
//! command line cannot write under a running workbench (or another command).

use super::StoreError;
use std::fs::{File, OpenOptions, TryLockError};
use std::io::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

/// The lock file's name in the project folder (gitignored by `margin init`).
pub const LOCK_FILE: &str = ".margin.lock";

/// Held while alive; released when dropped, or when the process ends however
/// it ends (the operating system drops the lock with the file).
#[derive(Debug)]
pub struct ProjectLock {
    _file: File,
}

/// How long a command waits for another margin to let go of the project.
pub const LOCK_WAIT: Duration = Duration::from_secs(5);

impl ProjectLock {
    /// Takes the lock of the project in `dir`, or says who holds it.
    pub fn acquire(dir: &Path) -> Result<ProjectLock, StoreError> {
        Self::try_acquire(dir)
    }

    /// Takes the lock at once, or says who holds it.
    pub fn try_acquire(dir: &Path) -> Result<ProjectLock, StoreError> {
        let path = dir.join(LOCK_FILE);
        // A lock file committed as a link to someone's file must not be
        // truncated through the link.
        super::paths::check_target(&path).map_err(|why| {
            StoreError::Invalid(vec![super::Problem::whole_file(LOCK_FILE, why.to_string())])
        })?;
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

    /// Takes the lock, waiting up to `wait` while another margin holds it;
    /// `on_wait` is told once, when waiting starts, so the face can say so.
    pub fn acquire_waiting(
        dir: &Path,
        wait: Duration,
        on_wait: impl FnOnce(&StoreError),
    ) -> Result<ProjectLock, StoreError> {
        let deadline = Instant::now() + wait;
        let mut on_wait = Some(on_wait);
        loop {
            match Self::try_acquire(dir) {
                Err(err @ StoreError::Locked { .. }) => {
                    if Instant::now() >= deadline {
                        return Err(err);
                    }
                    if let Some(tell) = on_wait.take() {
                        tell(&err);
                    }
                    std::thread::sleep(Duration::from_millis(50));
                }
                other => return other,
            }
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

    #[test]
    fn a_waiting_writer_gets_the_lock_once_it_is_let_go() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let first = ProjectLock::acquire(tmp.path()).expect("free");
        let dir = tmp.path().to_path_buf();
        let waiter = std::thread::spawn(move || {
            let mut told = false;
            let lock = ProjectLock::acquire_waiting(&dir, Duration::from_secs(10), |_| told = true);
            (lock.is_ok(), told)
        });
        std::thread::sleep(Duration::from_millis(300));
        drop(first);
        assert_eq!(waiter.join().expect("joins"), (true, true));
        let _held = ProjectLock::acquire(tmp.path()).expect("free");
        let err = ProjectLock::acquire_waiting(tmp.path(), Duration::from_millis(200), |_| {})
            .expect_err("still held");
        assert!(matches!(err, StoreError::Locked { .. }), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn a_lock_file_that_is_a_link_is_refused_and_its_target_untouched() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let private = tmp.path().join("private.txt");
        std::fs::write(&private, "keep me").expect("write");
        let root = tmp.path().join("p");
        std::fs::create_dir(&root).expect("mkdir");
        std::os::unix::fs::symlink(&private, root.join(LOCK_FILE)).expect("symlink");
        let err = ProjectLock::acquire(&root).expect_err("refused");
        assert!(err.to_string().contains("symbolic link"), "{err}");
        assert_eq!(std::fs::read_to_string(&private).expect("reads"), "keep me");
    }
}
