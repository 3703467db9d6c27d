//! Association measures of an n-gram (n = 2..5) from its contingency table.
//!
//! The table follows NLTK's `Bigram/Trigram/QuadgramAssocMeasures`, extended
//! to five words by the same rule. Its margins are counts in the token stream:
//! `M(S)` is how often the words of the n-gram at positions `S` occur with the
//! same spacing (any words in the gaps), so `M` of one position is the word's
//! frequency, `M` of all positions the n-gram's count, and `M(∅) = N`, the
//! number of tokens. Cell `c` of the 2^n table (bit k of `c` set: position k
//! holds another word) follows by inclusion and exclusion,
//! `cell(c) = Σ_{T ⊇ I} (-1)^{|T|-|I|} M(T)` with `I` the positions c fixes,
//! which is what NLTK's `_contingency` computes for n = 2, 3, 4. Expected
//! cells assume independent positions: `E(c) = Π_k m_k / N^(n-1)`, with
//! `m_k` the word's frequency where c fixes position k, else `N` minus it.
//!
//! Because the margins count words rather than n-gram positions (NLTK's
//! convention, kept for parity), a cell can come out negative when a word
//! makes up most of a tiny corpus (in `a a`, the bigram `a a` leaves `-1`
//! positions holding neither word). Such a table describes no possible
//! corpus, so collocations give every measure of it as NaN, never a made-up
//! number; [`Table::score`] itself does not check.

use crate::count::MAX_N;
use crate::error::{Error, Result};

/// Cells of the largest table: 2^MAX_N.
pub const MAX_CELLS: usize = 1 << MAX_N;

/// Every measure, by the column name it has in results.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    Llr,
    Pmi,
    Npmi,
    T,
    Z,
    Chi2,
    Phi2,
    Dice,
    LogDice,
    Mi3,
    Jaccard,
    PoissonStirling,
    DeltaPForward,
    DeltaPBackward,
    Lambda,
    ZLambda,
}

impl Measure {
    pub const ALL: [Measure; 16] = [
        Measure::Llr,
        Measure::Pmi,
        Measure::Npmi,
        Measure::T,
        Measure::Z,
        Measure::Chi2,
        Measure::Phi2,
        Measure::Dice,
        Measure::LogDice,
        Measure::Mi3,
        Measure::Jaccard,
        Measure::PoissonStirling,
        Measure::DeltaPForward,
        Measure::DeltaPBackward,
        Measure::Lambda,
        Measure::ZLambda,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Measure::Llr => "llr",
            Measure::Pmi => "pmi",
            Measure::Npmi => "npmi",
            Measure::T => "t",
            Measure::Z => "z",
            Measure::Chi2 => "chi2",
            Measure::Phi2 => "phi2",
            Measure::Dice => "dice",
            Measure::LogDice => "log_dice",
            Measure::Mi3 => "mi3",
            Measure::Jaccard => "jaccard",
            Measure::PoissonStirling => "poisson_stirling",
            Measure::DeltaPForward => "delta_p_forward",
            Measure::DeltaPBackward => "delta_p_backward",
            Measure::Lambda => "lambda",
            Measure::ZLambda => "z_lambda",
        }
    }

    /// Whether the measure is defined for n-grams of `size` words (delta P: bigrams only).
    pub fn fits(self, size: usize) -> bool {
        !matches!(self, Measure::DeltaPForward | Measure::DeltaPBackward) || size == 2
    }

    /// The measures defined for `size`, in the order of [`Measure::ALL`].
    pub fn for_size(size: usize) -> Vec<Measure> {
        Measure::ALL.into_iter().filter(|m| m.fits(size)).collect()
    }

    /// Parse measure names for `size`; `"delta_p"` stands for both directions.
    pub fn parse_list(names: &[String], size: usize) -> Result<Vec<Measure>> {
        let mut measures = Vec::new();
        for name in names {
            let parsed = match name.as_str() {
                "delta_p" if size == 2 => vec![Measure::DeltaPForward, Measure::DeltaPBackward],
                other => vec![Measure::parse(other, size)?],
            };
            for measure in parsed {
                if !measures.contains(&measure) {
                    measures.push(measure);
                }
            }
        }
        Ok(measures)
    }

    /// Parse a measure name; the error lists the names allowed for `size`.
    pub fn parse(name: &str, size: usize) -> Result<Measure> {
        Measure::for_size(size)
            .into_iter()
            .find(|m| m.name() == name)
            .ok_or_else(|| {
                let allowed: Vec<&str> = Measure::for_size(size).iter().map(|m| m.name()).collect();
                Error::InvalidArgument(format!(
                    "unknown measure '{name}' for n-grams of {size} words; choose from {}",
                    allowed.join(", ")
                ))
            })
    }
}

/// The contingency table of one n-gram.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub size: usize,
    /// `cells[c]`: bit k of c set means position k holds another word.
    pub cells: [i64; MAX_CELLS],
    /// Frequency of the word at each position.
    pub words: [i64; MAX_N],
    /// Tokens in the corpus (or group).
    pub total: i64,
}

impl Table {
    /// Build the table from `margin(mask)`, the count of the sub-pattern whose
    /// words stand at the positions set in `mask` (bit k = position k).
    pub fn from_margins(size: usize, margin: impl Fn(usize) -> i64) -> Table {
        let full = (1usize << size) - 1;
        let margins: Vec<i64> = (0..=full)
            .map(|mask| if mask == 0 { 0 } else { margin(mask) })
            .collect();
        let total = margin(0);
        let mut cells = [0i64; MAX_CELLS];
        for (c, cell) in cells.iter_mut().enumerate().take(full + 1) {
            let fixed = !c & full;
            // Möbius inversion over the supersets T of the fixed positions.
            let free = full & !fixed;
            // Summed in i128: the partial sums of margins up to i64::MAX can
            // pass i64 even where the cell does not.
            let mut sum = 0i128;
            let mut extra = free;
            loop {
                let superset = fixed | extra;
                let value = if superset == 0 {
                    total
                } else {
                    margins[superset]
                };
                let sign = if (extra.count_ones() & 1) == 0 { 1 } else { -1 };
                sum += sign * i128::from(value);
                if extra == 0 {
                    break;
                }
                extra = (extra - 1) & free;
            }
            // A cell of a possible table lies in 0..=total; one outside i64
            // belongs to no possible table, and stays on its side of zero.
            *cell = sum.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64;
        }
        let mut words = [0i64; MAX_N];
        for (k, word) in words.iter_mut().enumerate().take(size) {
            *word = margins[1 << k];
        }
        Table {
            size,
            cells,
            words,
            total,
        }
    }

    pub fn observed(&self) -> i64 {
        self.cells[0]
    }

    fn n_cells(&self) -> usize {
        1 << self.size
    }

    /// Expected count of cell `c` under independence.
    pub fn expected_cell(&self, c: usize) -> f64 {
        let n = self.total as f64;
        let product: f64 = (0..self.size)
            .map(|k| {
                let word = self.words[k] as f64;
                if c & (1 << k) == 0 {
                    word
                } else {
                    n - word
                }
            })
            .product();
        product / n.powi(self.size as i32 - 1)
    }

    /// The n-gram's expected count, `Π f(w_k) / N^(n-1)`.
    pub fn expected(&self) -> f64 {
        self.expected_cell(0)
    }

    pub fn score(&self, measure: Measure) -> f64 {
        let o = self.observed() as f64;
        let n = self.total as f64;
        let e = self.expected();
        let size = self.size as f64;
        match measure {
            Measure::Llr => self.log_likelihood(),
            Measure::Pmi => self.pmi(),
            // With p = O/N: every f_k >= O gives pmi <= (n-1)(-log2 p), and every
            // f_k <= N gives pmi >= log2 p; so npmi is in [-1, 1] and clamping only
            // absorbs rounding.
            Measure::Npmi => (self.pmi() / ((size - 1.0) * -(o / n).log2())).clamp(-1.0, 1.0),
            Measure::T => (o - e) / o.sqrt(),
            Measure::Z => (o - e) / e.sqrt(),
            Measure::Chi2 => self.chi_square(),
            Measure::Phi2 => self.chi_square() / n,
            Measure::Dice => self.dice(),
            Measure::LogDice => 14.0 + self.dice().log2(),
            Measure::Mi3 => 3.0 * o.log2() - e.log2(),
            Measure::Jaccard => o / (n - self.cells[self.n_cells() - 1] as f64),
            Measure::PoissonStirling => o * ((o / e).log2() - 1.0),
            Measure::DeltaPForward => self.delta_p(2, 1),
            Measure::DeltaPBackward => self.delta_p(1, 2),
            Measure::Lambda => self.lambda().0,
            Measure::ZLambda => {
                let (lambda, sigma) = self.lambda();
                lambda / sigma
            }
        }
    }

    fn pmi(&self) -> f64 {
        let size = self.size as f64;
        let words: f64 = self.words[..self.size]
            .iter()
            .map(|&f| (f as f64).log2())
            .sum();
        (self.observed() as f64).log2() + (size - 1.0) * (self.total as f64).log2() - words
    }

    fn dice(&self) -> f64 {
        let words: i64 = self.words[..self.size].iter().sum();
        self.size as f64 * self.observed() as f64 / words as f64
    }

    /// Dunning's G² over all cells: `2 Σ o ln(o / e)`, empty cells adding 0.
    fn log_likelihood(&self) -> f64 {
        let mut sum = 0.0;
        for c in 0..self.n_cells() {
            let o = self.cells[c];
            if o < 0 {
                return f64::NAN;
            }
            if o > 0 {
                sum += o as f64 * (o as f64 / self.expected_cell(c)).ln();
            }
        }
        2.0 * sum
    }

    /// Pearson's X² over all cells: `Σ (o - e)² / e`.
    fn chi_square(&self) -> f64 {
        (0..self.n_cells())
            .map(|c| {
                let e = self.expected_cell(c);
                let d = self.cells[c] as f64 - e;
                if e == 0.0 && d == 0.0 {
                    0.0
                } else {
                    d * d / e
                }
            })
            .sum()
    }

    /// ΔP(w_b | w_a) = P(w_b | w_a) - P(w_b | not w_a) for a bigram, positions 1 and 2.
    fn delta_p(&self, target: usize, given: usize) -> f64 {
        // Cells: 0 = both words, 1 = other w1 with w2, 2 = w1 with other w2, 3 = neither.
        let [ii, oi, io, oo] =
            [self.cells[0], self.cells[1], self.cells[2], self.cells[3]].map(|x| x as f64);
        match (target, given) {
            (2, 1) => ii / (ii + io) - oi / (oi + oo),
            _ => ii / (ii + oi) - io / (io + oo),
        }
    }

    /// Blaheta and Johnson's (2001) λ, the log odds ratio of the 2^n table
    /// `Σ_c (-1)^{#others(c)} ln(cell_c + ½)`, and its standard error
    /// `sqrt(Σ_c 1 / (cell_c + ½))`, with quanteda's smoothing of ½.
    fn lambda(&self) -> (f64, f64) {
        let mut lambda = 0.0;
        let mut variance = 0.0;
        for c in 0..self.n_cells() {
            let smoothed = self.cells[c] as f64 + 0.5;
            let sign = if c.count_ones() % 2 == 0 { 1.0 } else { -1.0 };
            lambda += sign * smoothed.ln();
            variance += 1.0 / smoothed;
        }
        (lambda, variance.sqrt())
    }
}

#[cfg(test)]
mod tests;
