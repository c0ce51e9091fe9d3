//! Making written files and renames durable. One file is synced on its own;
//! many (a code merge rewrites thousands of codings files) are synced with
//! one `syncfs` of the project's file system where the system has it: one
//! journal commit instead of one sync per file and per folder, which on a
//! virtual disk was most of a large merge's wait.

use super::error::StoreError;
use super::parallel;
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

/// From how many files and folders one sync of the whole file system is
/// cheaper than a sync each (it also flushes whatever else is waiting).
const ONE_SYNC_FROM: usize = 64;

/// Makes the files `rels` (relative to `root`) durable, and the folders that
/// name them.
pub fn files_and_folders(root: &Path, rels: &[&str]) -> Result<(), StoreError> {
    let folders: BTreeSet<PathBuf> = rels
        .iter()
        .map(|rel| root.join(rel).parent().unwrap_or(root).to_path_buf())
        .collect();
    if rels.len() + folders.len() >= ONE_SYNC_FROM
        && let Some(synced) = whole_file_system(root, &folders)
    {
        return synced.map_err(|e| StoreError::io(".", e));
    }
    let synced = parallel::map_io(rels, |rel| file(root, rel));
    synced.into_iter().collect::<Result<Vec<()>, _>>()?;
    each_folder(&folders);
    Ok(())
}

/// Makes renames and removals in `folders` durable.
pub fn folders(root: &Path, folders: &BTreeSet<PathBuf>) {
    if folders.len() >= ONE_SYNC_FROM
        && let Some(synced) = whole_file_system(root, folders)
    {
        // As a folder's sync below: renames are already done, and a folder
        // that cannot be synced is no reason to undo them.
        let _ = synced;
        return;
    }
    each_folder(folders);
}

/// Makes a written file durable. Opened for writing: some platforms refuse
/// to sync a file opened only to read it.
pub fn file(root: &Path, rel: &str) -> Result<(), StoreError> {
    fs::OpenOptions::new()
        .write(true)
        .open(root.join(rel))
        .and_then(|file| file.sync_all())
        .map_err(|e| StoreError::io(rel, e))
}

/// Starts, on a thread of its own, one sync of the file system holding
/// `root`, for a caller that will sync again before it relies on anything
/// (see `txn::Batch`): only a head start, so its result is not kept.
#[cfg(target_os = "linux")]
pub fn start_syncing(root: &Path) -> Option<std::thread::JoinHandle<()>> {
    let folder = fs::File::open(root).ok()?;
    std::thread::Builder::new()
        .spawn(move || {
            let _ = rustix::fs::syncfs(&folder);
        })
        .ok()
}

#[cfg(not(target_os = "linux"))]
pub fn start_syncing(_root: &Path) -> Option<std::thread::JoinHandle<()>> {
    None
}

/// Makes renames in one folder durable. Not every platform can open a folder.
pub fn folder(dir: &Path) {
    if let Ok(folder) = fs::File::open(dir) {
        let _ = folder.sync_all();
    }
}

/// Syncs each folder once, many at once (syncs that wait together share
/// the file system's journal commits).
fn each_folder(folders: &BTreeSet<PathBuf>) {
    let folders: Vec<&PathBuf> = folders.iter().collect();
    parallel::map_io(&folders, |dir| folder(dir));
}

/// One sync of the file system holding `root`, when every folder is on it
/// (a folder mounted from elsewhere would not be synced by it); None when it
/// cannot be used here, so the caller syncs file by file.
#[cfg(target_os = "linux")]
fn whole_file_system(root: &Path, folders: &BTreeSet<PathBuf>) -> Option<std::io::Result<()>> {
    use std::os::unix::fs::MetadataExt;
    let device = fs::metadata(root).ok()?.dev();
    let on_root = |dir: &PathBuf| fs::metadata(dir).is_ok_and(|m| m.dev() == device);
    if !folders.iter().all(on_root) {
        return None;
    }
    let root_folder = fs::File::open(root).ok()?;
    Some(rustix::fs::syncfs(&root_folder).map_err(std::io::Error::from))
}

#[cfg(not(target_os = "linux"))]
fn whole_file_system(_root: &Path, _folders: &BTreeSet<PathBuf>) -> Option<std::io::Result<()>> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn many_files_are_synced_at_once_and_few_one_by_one() {
        let dir = tempfile::tempdir().unwrap();
        let mut rels = Vec::new();
        for i in 0..80 {
            let rel = format!("f{}/x{i}.ron", i % 40);
            fs::create_dir_all(dir.path().join(format!("f{}", i % 40))).unwrap();
            fs::write(dir.path().join(&rel), "x").unwrap();
            rels.push(rel);
        }
        let rels: Vec<&str> = rels.iter().map(String::as_str).collect();
        files_and_folders(dir.path(), &rels).unwrap();
        files_and_folders(dir.path(), &rels[..2]).unwrap();
        // A file that is not there is an error, one by one.
        let err = files_and_folders(dir.path(), &["f0/missing.ron"]).unwrap_err();
        assert!(err.to_string().contains("f0/missing.ron"), "{err}");
    }
}
