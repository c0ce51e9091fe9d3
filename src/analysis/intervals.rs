//! Character ranges as sorted, disjoint intervals, and a sweep over several
//! sets of them at once. Agreement is computed from these, never from
//! per-character vectors, so its cost follows the number of codings, not the
//! length of the text.

/// A half-open range of characters, `start..end`.
pub type Span = (usize, usize);

/// The union of `ranges`, clamped to `0..len`: sorted, disjoint, non-empty,
/// touching ranges joined.
pub fn union(mut ranges: Vec<Span>, len: usize) -> Vec<Span> {
    union_in_place(&mut ranges, len);
    ranges
}

/// `union`, in the vector that holds the ranges.
pub fn union_in_place(ranges: &mut Vec<Span>, len: usize) {
    for r in ranges.iter_mut() {
        r.0 = r.0.min(len);
        r.1 = r.1.min(len);
    }
    ranges.retain(|r| r.0 < r.1);
    ranges.sort_unstable();
    let mut kept = 0;
    for i in 0..ranges.len() {
        let (start, end) = ranges[i];
        if kept > 0 && start <= ranges[kept - 1].1 {
            ranges[kept - 1].1 = ranges[kept - 1].1.max(end);
        } else {
            ranges[kept] = (start, end);
            kept += 1;
        }
    }
    ranges.truncate(kept);
}

/// Characters covered by a set of disjoint spans.
pub fn covered(spans: &[Span]) -> usize {
    spans.iter().map(|(s, e)| e - s).sum()
}

/// Walks `0..len` over several sets of disjoint spans and calls `visit` once
/// per maximal stretch on which the same sets cover the text, with the stretch,
/// how many sets cover it and which. Stretches covered by no set are visited
/// too, so the stretches add up to `len`.
pub fn sweep(sets: &[Vec<Span>], len: usize, mut visit: impl FnMut(Span, usize, &[bool])) {
    // (position, set, entering?) sorted by position; leaving before entering
    // at the same position does not matter, as zero-length stretches are skipped.
    let mut events: Vec<(usize, usize, bool)> = Vec::new();
    for (i, spans) in sets.iter().enumerate() {
        for &(s, e) in spans {
            let (s, e) = (s.min(len), e.min(len));
            if s < e {
                events.push((s, i, true));
                events.push((e, i, false));
            }
        }
    }
    events.sort_unstable();
    let mut active = vec![false; sets.len()];
    let mut count = 0usize;
    let mut at = 0usize;
    for (pos, set, entering) in events {
        if pos > at {
            visit((at, pos), count, &active);
            at = pos;
        }
        if active[set] != entering {
            active[set] = entering;
            if entering {
                count += 1;
            } else {
                count -= 1;
            }
        }
    }
    if len > at {
        visit((at, len), count, &active);
    }
}

/// How many characters of `0..len` are covered by exactly k of the sets, for
/// k = 0..=sets.len(). Each set is as `union` gives it: sorted, disjoint and
/// within `0..len`.
pub fn coverage_histogram(sets: &[Vec<Span>], len: usize) -> Vec<usize> {
    if let [a, b] = sets {
        // Two sets (a pair of coders, the usual comparison) need no sweep:
        // what both cover is their overlap, what one covers the rest of each.
        let both = overlap(a, b);
        let either = covered(a) + covered(b) - both;
        return vec![len - either, either - both, both];
    }
    let mut histogram = vec![0usize; sets.len() + 1];
    sweep(sets, len, |(s, e), count, _| histogram[count] += e - s);
    histogram
}

/// Characters covered by both of two sorted, disjoint sets of spans.
fn overlap(a: &[Span], b: &[Span]) -> usize {
    let (mut i, mut j, mut both) = (0, 0, 0);
    while let (Some(&(a_start, a_end)), Some(&(b_start, b_end))) = (a.get(i), b.get(j)) {
        both += a_end.min(b_end).saturating_sub(a_start.max(b_start));
        if a_end <= b_end {
            i += 1;
        } else {
            j += 1;
        }
    }
    both
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn union_joins_overlapping_and_touching_ranges_and_clamps() {
        assert_eq!(
            union(vec![(5, 8), (0, 2), (1, 3), (3, 4), (7, 20), (30, 40)], 25),
            vec![(0, 4), (5, 20)]
        );
        assert_eq!(union(vec![(4, 4), (9, 3)], 10), vec![]);
    }

    #[test]
    fn histogram_counts_characters_by_number_of_sets() {
        let a = vec![(0, 10)];
        let b = vec![(5, 15)];
        let c = vec![(8, 9)];
        // 0-5 one set, 5-8 two, 8-9 three, 9-10 two, 10-15 one, 15-20 none.
        assert_eq!(coverage_histogram(&[a, b, c], 20), vec![5, 10, 4, 1]);
    }

    proptest::proptest! {
        /// Two sets are counted without a sweep: the same histogram.
        #[test]
        fn two_sets_count_as_the_sweep_does(
            a in proptest::collection::vec((0usize..120, 0usize..30), 0..8),
            b in proptest::collection::vec((0usize..120, 0usize..30), 0..8),
            len in 0usize..130,
        ) {
            let span = |(s, l): (usize, usize)| (s, s + l);
            let a = union(a.into_iter().map(span).collect(), len);
            let b = union(b.into_iter().map(span).collect(), len);
            let sets = [a, b];
            let mut swept = vec![0usize; 3];
            sweep(&sets, len, |(s, e), count, _| swept[count] += e - s);
            proptest::prop_assert_eq!(coverage_histogram(&sets, len), swept);
        }
    }

    #[test]
    fn sweep_reports_which_sets_cover_each_stretch() {
        let mut seen = Vec::new();
        sweep(&[vec![(2, 4)], vec![(3, 6)]], 8, |span, n, who| {
            seen.push((span, n, who.to_vec()));
        });
        assert_eq!(
            seen,
            vec![
                ((0, 2), 0, vec![false, false]),
                ((2, 3), 1, vec![true, false]),
                ((3, 4), 2, vec![true, true]),
                ((4, 6), 1, vec![false, true]),
                ((6, 8), 0, vec![false, false]),
            ]
        );
    }
}
