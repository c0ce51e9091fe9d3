//! The counts agreement statistics are computed from, and the statistics.
//!
//! Units are characters. For g groups (a coder alone is a group of one), a
//! tally holds how many characters there are, how many each group coded, and
//! how many were coded by exactly k groups. Tallies add up, so a code's figure
//! over all documents (and the overall figure) pools the characters of every
//! unit instead of averaging per-document figures.

use serde::Serialize;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    /// Characters compared.
    pub characters: usize,
    /// Characters each group coded, in the order of the groups.
    pub coded: Vec<usize>,
    /// `by_count[k]`: characters coded by exactly k groups (k = 0..=groups).
    pub by_count: Vec<usize>,
}

/// The statistics of one tally. `kappa` is None unless exactly two groups are
/// compared (Cohen's kappa is a two-rater statistic).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Scores {
    /// Percentage (0-100) of characters on which all groups agree.
    pub agreement: f64,
    pub kappa: Option<f64>,
    /// Krippendorff's alpha, nominal.
    pub alpha: f64,
    /// Nobody coded, or everyone coded everything: kappa and alpha are 0/0,
    /// reported as 1 (as NVivo does) but printed "n/a (no variation)".
    pub no_variation: bool,
}

impl Tally {
    pub fn new(groups: usize) -> Self {
        Tally {
            characters: 0,
            coded: vec![0; groups],
            by_count: vec![0; groups + 1],
        }
    }

    pub fn groups(&self) -> usize {
        self.coded.len()
    }

    /// Pools another tally of the same groups into this one.
    pub fn add(&mut self, other: &Tally) {
        self.characters += other.characters;
        for (a, b) in self.coded.iter_mut().zip(&other.coded) {
            *a += b;
        }
        for (a, b) in self.by_count.iter_mut().zip(&other.by_count) {
            *a += b;
        }
    }

    /// Adds characters no group coded (a document in which the code was not
    /// used by anyone).
    pub fn add_uncoded(&mut self, characters: usize) {
        self.characters += characters;
        if let Some(none) = self.by_count.first_mut() {
            *none += characters;
        }
    }

    /// No group coded anything, or every group coded everything: the groups
    /// agree on every character and there is no variation to measure.
    pub fn is_uniform(&self) -> bool {
        self.coded.iter().all(|&c| c == 0) || self.coded.iter().all(|&c| c == self.characters)
    }

    /// Characters on which all groups agree (coded by none or by all).
    pub fn agreeing(&self) -> usize {
        let none = self.by_count.first().copied().unwrap_or(0);
        let all = if self.groups() == 0 {
            0
        } else {
            self.by_count.last().copied().unwrap_or(0)
        };
        none + all
    }

    pub fn scores(&self) -> Scores {
        Scores {
            agreement: self.agreement(),
            kappa: self.kappa(),
            alpha: self.alpha(),
            no_variation: self.is_uniform(),
        }
    }

    /// Percentage agreement; 100 when there are no characters.
    pub fn agreement(&self) -> f64 {
        if self.characters == 0 {
            return 100.0;
        }
        100.0 * self.agreeing() as f64 / self.characters as f64
    }

    /// Cohen's kappa for two groups, from the 2x2 table of characters:
    /// (po - pe) / (1 - pe), computed exactly in integers and divided once.
    /// 1 when the tally is uniform (then po = pe = 1 and 0/0 would follow).
    pub fn kappa(&self) -> Option<f64> {
        if self.groups() != 2 {
            return None;
        }
        if self.is_uniform() {
            return Some(1.0);
        }
        let n = self.characters as i128;
        let (a, b) = (self.coded[0] as i128, self.coded[1] as i128);
        let both = self.by_count[2] as i128;
        let agree = n - a - b + 2 * both;
        let chance = a * b + (n - a) * (n - b);
        let numerator = n * agree - chance;
        let denominator = n * n - chance;
        Some(numerator as f64 / denominator as f64)
    }

    /// Krippendorff's alpha for nominal data, every group rating every
    /// character (coded or not), so no value is missing:
    /// alpha = 1 - (n - 1) * D / ((g - 1) * n0 * n1), where n = g * characters
    /// pairable values, n1 of them "coded", and D = sum over characters of
    /// (groups coding it) * (groups not coding it). 1 when the tally is uniform.
    pub fn alpha(&self) -> f64 {
        let g = self.groups();
        if g < 2 || self.is_uniform() {
            return 1.0;
        }
        let n = (g * self.characters) as f64;
        let mut n1 = 0f64;
        let mut disagreeing_pairs = 0f64;
        for (k, &chars) in self.by_count.iter().enumerate() {
            n1 += (k * chars) as f64;
            disagreeing_pairs += (k * (g - k)) as f64 * chars as f64;
        }
        let n0 = n - n1;
        1.0 - (n - 1.0) * disagreeing_pairs / ((g - 1) as f64 * n0 * n1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn two(characters: usize, a: usize, b: usize, both: usize) -> Tally {
        let one = a + b - 2 * both;
        Tally {
            characters,
            coded: vec![a, b],
            by_count: vec![characters - one - both, one, both],
        }
    }

    #[test]
    fn kappa_of_a_textbook_table() {
        // 100 units: both 20, only A 10, only B 5, neither 65.
        // po = 0.85, pe = 0.3*0.25 + 0.7*0.75 = 0.6, kappa = 0.25/0.4 = 0.625.
        let t = two(100, 30, 25, 20);
        assert!((t.agreement() - 85.0).abs() < 1e-12);
        assert!((t.kappa().unwrap_or(f64::NAN) - 0.625).abs() < 1e-12);
    }

    #[test]
    fn uniform_tallies_score_one() {
        let empty = two(50, 0, 0, 0);
        assert_eq!(empty.kappa(), Some(1.0));
        assert_eq!(empty.alpha(), 1.0);
        let full = two(50, 50, 50, 50);
        assert_eq!(full.scores().agreement, 100.0);
        assert_eq!(full.kappa(), Some(1.0));
    }

    #[test]
    fn pooling_adds_counts() {
        let mut t = two(10, 5, 5, 5);
        t.add(&two(10, 0, 5, 0));
        t.add_uncoded(80);
        assert_eq!(t, two(100, 5, 10, 5));
    }
}
