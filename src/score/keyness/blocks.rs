//! Blocks: the documents grouped by where they stand in every comparison of a
//! call. A contrast of eight groups has eight blocks, whatever the number of
//! documents, so a term's counts on each side of each comparison are sums of
//! a few per-block numbers, found in one pass over the term's postings.

use ahash::AHashMap;

use super::{Layout, Side};
use crate::count::MAX_N;
use crate::score::postings::Postings;

pub(super) struct Blocks {
    /// The block of each local document.
    of_doc: Vec<u32>,
    /// The first document of each block.
    first: Vec<u32>,
    /// N-gram positions of each length in each block.
    totals: Vec<[u64; MAX_N + 1]>,
}

/// A side of one comparison as blocks: the sum over `blocks`, or, when that
/// is shorter to write, everything minus the sum over the other blocks.
pub(super) struct SideBlocks {
    blocks: Vec<u32>,
    complement: bool,
    /// The side's only block, if it is one block (its dispersion is the block's).
    pub single: Option<u32>,
}

impl Blocks {
    /// Number blocks in order of their first document, so they never depend
    /// on threads; `sizes` are the local documents' n-gram positions.
    pub fn new(sizes: &[[u64; MAX_N + 1]], layouts: &[Layout]) -> Blocks {
        let docs = sizes.len();
        let mut ids: AHashMap<Vec<u8>, u32> = AHashMap::new();
        let mut of_doc = Vec::with_capacity(docs);
        let mut totals: Vec<[u64; MAX_N + 1]> = Vec::new();
        let mut first = Vec::new();
        let mut signature = Vec::with_capacity(layouts.len());
        for (doc, size) in sizes.iter().enumerate() {
            signature.clear();
            signature.extend(layouts.iter().map(|layout| layout.place[doc]));
            let next = ids.len() as u32;
            let block = *ids.entry(signature.clone()).or_insert(next);
            if block == next {
                totals.push([0; MAX_N + 1]);
                first.push(doc as u32);
            }
            for (total, size) in totals[block as usize].iter_mut().zip(size) {
                *total += size;
            }
            of_doc.push(block);
        }
        Blocks {
            of_doc,
            first,
            totals,
        }
    }

    pub fn len(&self) -> usize {
        self.totals.len()
    }

    /// The block of each local document.
    pub fn of_doc(&self) -> &[u32] {
        &self.of_doc
    }

    /// The blocks whose documents carry `bit` in `layout` (blocks are uniform,
    /// so the first document of each block tells).
    pub fn side(&self, layout: &Layout, side: &Side, bit: u8) -> SideBlocks {
        let first = &self.first;
        let (inside, outside): (Vec<u32>, Vec<u32>) = (0..self.len() as u32)
            .partition(|&block| layout.place[first[block as usize] as usize] & bit != 0);
        let single = (inside.len() == 1 && !side.members.is_empty()).then(|| inside[0]);
        if outside.len() < inside.len() {
            SideBlocks {
                blocks: outside,
                complement: true,
                single,
            }
        } else {
            SideBlocks {
                blocks: inside,
                complement: false,
                single,
            }
        }
    }
}

/// One term's count, documents and dispersion in each block.
pub(super) struct TermBlocks {
    pub count: Vec<u64>,
    pub docs: Vec<u64>,
    /// Gries' DP of the term over each block's documents (NaN where it is absent).
    pub dp: Vec<f64>,
    total_count: u64,
    total_docs: u64,
    /// Σ |c_i·T - t_i·C| over the block's documents holding the term, and
    /// Σ t_i over them: DP in integers, so no sum depends on document order.
    deviation: Vec<u128>,
    present_size: Vec<u64>,
    touched: Vec<u32>,
}

impl TermBlocks {
    pub fn new(blocks: usize) -> TermBlocks {
        TermBlocks {
            count: vec![0; blocks],
            docs: vec![0; blocks],
            dp: vec![f64::NAN; blocks],
            total_count: 0,
            total_docs: 0,
            deviation: vec![0; blocks],
            present_size: vec![0; blocks],
            touched: Vec::new(),
        }
    }

    /// Fill in term `t`: counts in one pass over its postings, dispersion in a
    /// second (it needs the counts), each in document order. From postings
    /// by blocks, the counts alone (documents 0, dispersion NaN).
    pub fn fill(&mut self, postings: &Postings, t: usize, blocks: &Blocks) {
        for &block in &self.touched {
            let b = block as usize;
            self.count[b] = 0;
            self.docs[b] = 0;
            self.dp[b] = f64::NAN;
            self.deviation[b] = 0;
            self.present_size[b] = 0;
        }
        self.touched.clear();
        if postings.is_by_blocks() {
            // Counted by block already; dispersion is left for the rows kept.
            let (blocks, counts) = postings.term_blocks(t);
            for (&b, &count) in blocks.iter().zip(counts) {
                self.touched.push(b);
                self.count[b as usize] = count;
            }
            self.total_count = counts.iter().sum();
            self.total_docs = 0;
            return;
        }
        let (docs, counts) = postings.term(t);
        for (&doc, &count) in docs.iter().zip(counts) {
            let b = blocks.of_doc[doc as usize] as usize;
            if self.docs[b] == 0 {
                self.touched.push(b as u32);
            }
            self.count[b] += u64::from(count);
            self.docs[b] += 1;
        }
        self.total_count = counts.iter().map(|&c| u64::from(c)).sum();
        self.total_docs = docs.len() as u64;
        // Gries' DP: half the sum over documents of |c_i/C - t_i/T|, with c_i
        // the term's count and t_i the positions of document i, C and T the
        // block's. Over the common denominator C·T every term is an integer,
        // and a document without the term adds t_i·C. Summed exactly, the
        // result is the same in any document order (a float sum is not).
        let n = postings.length(t);
        for (&doc, &count) in docs.iter().zip(counts) {
            let b = blocks.of_doc[doc as usize] as usize;
            let size = postings.sizes[doc as usize][n];
            let (c, t_i) = (u128::from(count), u128::from(size));
            let (total_c, total_t) = (u128::from(self.count[b]), u128::from(blocks.totals[b][n]));
            self.deviation[b] += (c * total_t).abs_diff(t_i * total_c);
            self.present_size[b] += size;
        }
        for &block in &self.touched {
            let b = block as usize;
            let (total_c, total_t) = (u128::from(self.count[b]), u128::from(blocks.totals[b][n]));
            let absent = u128::from(blocks.totals[b][n] - self.present_size[b]) * total_c;
            let numerator = (self.deviation[b] + absent) as f64;
            self.dp[b] = 0.5 * numerator / (total_c * total_t) as f64;
        }
    }

    /// (count, documents) of the term on a side.
    pub fn on(&self, side: &SideBlocks) -> (u64, u64) {
        let (mut count, mut docs) = (0, 0);
        for &block in &side.blocks {
            count += self.count[block as usize];
            docs += self.docs[block as usize];
        }
        if side.complement {
            (self.total_count - count, self.total_docs - docs)
        } else {
            (count, docs)
        }
    }
}
