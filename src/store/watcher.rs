//! Watching the project's files from a thread of its own, so that noticing a
//! change on disk never holds up a key: the thread stats every project file
//! now and then (`Stamps::scan`, 7,000 files at the reference size take tens
//! of milliseconds) and sends a scan only when it differs from the last one
//! it sent. The event loop only ever takes what has arrived.
//!
//! A polling thread rather than file notifications: one stat per file works
//! the same on every file system (network mounts and sync folders included),
//! needs no watch per folder (a thousand coding folders would exhaust
//! inotify's default limit on some systems) and no new dependency.

use super::Stamps;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::Duration;

/// A thread scanning a project folder every `every`; dropping the watcher
/// stops it.
pub struct DiskWatcher {
    scans: Receiver<Stamps>,
    /// Dropping this sender wakes the thread and ends it.
    stop: Option<Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl DiskWatcher {
    /// Starts watching `root`; the first scan is sent at once.
    pub fn start(root: PathBuf, every: Duration) -> DiskWatcher {
        let (send_scan, scans) = mpsc::channel();
        let (stop, stopped) = mpsc::channel::<()>();
        let thread = std::thread::Builder::new()
            .name("margin-watch".into())
            .spawn(move || watch(&root, every, &send_scan, &stopped))
            .ok();
        DiskWatcher {
            scans,
            stop: Some(stop),
            thread,
        }
    }

    /// The newest scan that arrived since the last call, if any did: the
    /// disk looked different from the scan before it. Never waits.
    pub fn newest(&mut self) -> Option<Stamps> {
        self.scans.try_iter().last()
    }
}

fn watch(root: &std::path::Path, every: Duration, send: &Sender<Stamps>, stopped: &Receiver<()>) {
    let mut last: Option<Stamps> = None;
    loop {
        let scan = Stamps::scan(root);
        if last.as_ref() != Some(&scan) {
            if send.send(scan.clone()).is_err() {
                return;
            }
            last = Some(scan);
        }
        match stopped.recv_timeout(every) {
            Err(RecvTimeoutError::Timeout) => {}
            Ok(()) | Err(RecvTimeoutError::Disconnected) => return,
        }
    }
}

impl Drop for DiskWatcher {
    fn drop(&mut self) {
        drop(self.stop.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Manifest, Project};
    use crate::store::Store;
    use std::time::Instant;

    /// Waits for a scan from `watcher` that `accept`s, for at most 10 s.
    fn wait_for(watcher: &mut DiskWatcher, accept: impl Fn(&Stamps) -> bool) -> Option<Stamps> {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Some(scan) = watcher.newest()
                && accept(&scan)
            {
                return Some(scan);
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        None
    }

    #[test]
    fn a_change_on_disk_arrives_from_the_thread() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path().join("p");
        let store = Store::create(&dir, &Project::new(Manifest::new("watched"))).expect("creates");
        let mut watcher = DiskWatcher::start(dir.clone(), Duration::from_millis(10));
        let first = wait_for(&mut watcher, |_| true).expect("the first scan arrives");
        assert!(first.changes_since(store.stamps()).is_empty());

        let memo = dir.join("memos/project.md");
        std::fs::create_dir_all(memo.parent().expect("a folder")).expect("mkdir");
        std::fs::write(&memo, "Written by hand.\n").expect("writes");
        let seen = wait_for(&mut watcher, |scan| {
            !scan.changes_since(store.stamps()).is_empty()
        })
        .expect("the change arrives");
        assert_eq!(
            seen.changes_since(store.stamps()).added,
            vec!["memos/project.md".to_string()]
        );
        // Nothing more changes: nothing more is sent.
        std::thread::sleep(Duration::from_millis(50));
        assert_eq!(watcher.newest(), None);
    }

    #[test]
    fn dropping_the_watcher_ends_its_thread_at_once() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let watcher = DiskWatcher::start(tmp.path().to_path_buf(), Duration::from_secs(3600));
        let (done, dropped) = mpsc::channel();
        std::thread::spawn(move || {
            drop(watcher);
            let _ = done.send(());
        });
        assert!(
            dropped.recv_timeout(Duration::from_secs(10)).is_ok(),
            "the thread is not left sleeping for an hour"
        );
    }
}
