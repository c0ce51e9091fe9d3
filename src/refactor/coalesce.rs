//! Re-pointing codings to another code, joining those that then overlap or
//! touch (one coder, one document, one code) into one coding. Analysts ask
//! for this after a merge: other tools leave fragments.

use crate::model::{CodeId, Coding};
use std::collections::BTreeSet;

/// What re-pointing does to one run of overlapping or touching codings.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct RunChange {
    /// Codings to remove, in list order.
    pub removed: Vec<Coding>,
    /// The coding that replaces them, if it is not already there.
    pub added: Option<Coding>,
    /// Codings of the re-pointed codes in the run.
    pub repointed: usize,
    /// Codings dropped because another in the run had the same range.
    pub duplicates: usize,
    /// Codings dropped because they were joined with an overlapping or
    /// touching one of a different range.
    pub joined: usize,
}

/// The codes whose codings are re-pointed: hashed with foldhash, as a merge
/// asks of every coding of a large study whether it is one of them.
pub(crate) type CodeSet = foldhash::HashSet<CodeId>;

/// The changes that re-point every coding of `from` in one coder's list of
/// one document to `target`. Runs holding no coding of `from` are left as
/// they are, so a merge touches only the codings it re-points.
pub(crate) fn repoint_list(list: &[Coding], from: &CodeSet, target: &CodeId) -> Vec<RunChange> {
    let mut relevant: Vec<&Coding> = list
        .iter()
        .filter(|c| &c.code == target || from.contains(&c.code))
        .collect();
    relevant.sort_by_key(|c| (c.start, c.end));
    let mut runs: Vec<Vec<&Coding>> = Vec::new();
    let mut run_end = 0;
    for coding in relevant {
        match runs.last_mut() {
            // `<=`: touching ranges (one ends where the next starts) join too.
            Some(run) if coding.start <= run_end => {
                run.push(coding);
                run_end = run_end.max(coding.end);
            }
            _ => {
                run_end = coding.end;
                runs.push(vec![coding]);
            }
        }
    }
    runs.into_iter()
        .filter(|run| run.iter().any(|c| from.contains(&c.code)))
        .map(|run| change_run(&run, from, target))
        .collect()
}

fn change_run(run: &[&Coding], from: &CodeSet, target: &CodeId) -> RunChange {
    let start = run.iter().map(|c| c.start).min().unwrap_or(0);
    let end = run.iter().map(|c| c.end).max().unwrap_or(0);
    let mut memos: Vec<&str> = Vec::new();
    for coding in run {
        let memo = coding.memo.trim();
        if !memo.is_empty() && !memos.contains(&memo) {
            memos.push(memo);
        }
    }
    let joined_coding = Coding {
        start,
        end,
        code: target.clone(),
        memo: memos.join(" / "),
        // A starred extract stays starred when it is joined with its neighbours.
        star: run.iter().any(|c| c.star),
        unplaced: None,
    };
    let ranges: BTreeSet<(usize, usize)> = run.iter().map(|c| (c.start, c.end)).collect();
    let kept = run.iter().any(|c| **c == joined_coding);
    RunChange {
        removed: run
            .iter()
            .filter(|c| ***c != joined_coding)
            .map(|c| (*c).clone())
            .collect(),
        added: (!kept).then_some(joined_coding),
        repointed: run.iter().filter(|c| from.contains(&c.code)).count(),
        duplicates: run.len() - ranges.len(),
        joined: ranges.len() - 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(code: &str, start: usize, end: usize) -> Coding {
        Coding::new(CodeId::new(code), start, end)
    }

    fn from(codes: &[&str]) -> CodeSet {
        codes.iter().map(|c| CodeId::new(*c)).collect()
    }

    #[test]
    fn lone_codings_are_repointed() {
        let list = vec![c("a", 0, 5), c("x", 3, 9), c("a", 20, 30)];
        let changes = repoint_list(&list, &from(&["a"]), &CodeId::new("t"));
        assert_eq!(changes.len(), 2);
        assert_eq!(changes[0].removed, vec![c("a", 0, 5)]);
        assert_eq!(changes[0].added, Some(c("t", 0, 5)));
        assert_eq!((changes[0].duplicates, changes[0].joined), (0, 0));
    }

    #[test]
    fn overlapping_and_touching_codings_join() {
        let list = vec![c("a", 0, 5), c("b", 5, 9), c("t", 8, 12), c("t", 40, 50)];
        let changes = repoint_list(&list, &from(&["a", "b"]), &CodeId::new("t"));
        assert_eq!(changes.len(), 1, "the run at 40 holds no merged coding");
        let run = &changes[0];
        assert_eq!(run.added, Some(c("t", 0, 12)));
        assert_eq!(run.removed.len(), 3);
        assert_eq!((run.repointed, run.duplicates, run.joined), (2, 0, 2));
    }

    #[test]
    fn same_ranges_count_as_duplicates_and_keep_the_target() {
        let mut kept = c("t", 0, 5);
        kept.memo = "why".into();
        let list = vec![c("a", 0, 5), kept.clone()];
        let changes = repoint_list(&list, &from(&["a"]), &CodeId::new("t"));
        assert_eq!(changes[0].removed, vec![c("a", 0, 5)]);
        assert_eq!(changes[0].added, None, "the target's coding stays as it is");
        assert_eq!((changes[0].duplicates, changes[0].joined), (1, 0));
    }

    #[test]
    fn memos_of_joined_codings_are_kept() {
        let mut a = c("a", 0, 5);
        a.memo = "first".into();
        let mut t = c("t", 2, 8);
        t.memo = "second".into();
        let changes = repoint_list(&[a, t], &from(&["a"]), &CodeId::new("t"));
        let added = changes[0].added.clone().map(|c| c.memo);
        assert_eq!(added.as_deref(), Some("first / second"));
    }
}
