//! Work spread over the machine's cores, results in input order. Loading is
//! many independent files (read, parse, index), so one scoped thread per core
//! over a shared queue is all it needs: no thread pool crate.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// `f` applied to every item, on up to one thread per core; the results
/// come back in the order of `items`. Items are handed out one at a time,
/// so a few large files do not leave one thread with all the work.
pub fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    map_on(cores(), items, f)
}

/// The cores this process may use, asked once: the standard library reads
/// the control group's files each time, and a merge maps twenty slices.
fn cores() -> usize {
    static CORES: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, usize::from))
}

/// From how many items work whose items take microseconds each (a stat, a
/// rename) is worth spreading over threads: below it, making the threads
/// costs more than the work, and the caller does it on its own thread.
pub const QUICK_ITEMS_ON_THREADS_FROM: usize = 64;

/// Threads for work that waits on the disk (fsync): a sync waits for the
/// journal, and syncs waiting together are committed together, whatever
/// the number of cores. Measured on ext4: 2,000 files synced one by one
/// took 1.7 s, on 8 to 32 threads 0.2 to 0.46 s.
const IO_THREADS: usize = 16;

/// Like `map`, for work that mostly waits on the disk.
pub fn map_io<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    map_on(IO_THREADS, items, f)
}

fn map_on<T: Sync, R: Send>(threads: usize, items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = threads.min(items.len());
    if threads <= 1 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let slots: Vec<Mutex<Option<R>>> = items.iter().map(|_| Mutex::new(None)).collect();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(i) else { break };
                    let result = f(item);
                    *slots[i].lock().unwrap_or_else(|e| e.into_inner()) = Some(result);
                }
            });
        }
    });
    slots
        .into_iter()
        .map(|slot| {
            slot.into_inner().unwrap_or_else(|e| e.into_inner()).expect(
                "every item was mapped: a worker that panicked re-raised it at the scope's end",
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn keeps_the_order_of_the_items() {
        let items: Vec<usize> = (0..1000).collect();
        let doubled = super::map(&items, |n| n * 2);
        assert_eq!(doubled, items.iter().map(|n| n * 2).collect::<Vec<_>>());
        assert!(super::map(&[] as &[usize], |n| *n).is_empty());
        assert_eq!(super::map_io(&items, |n| n + 1)[999], 1000);
    }
}
