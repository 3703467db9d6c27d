//! Parallel execution: a rayon pool per call and a cancel flag.
//!
//! A per-call pool keeps corpuscle from fighting other libraries over rayon's
//! global pool, and lets the caller choose the thread count. Results never
//! depend on it: work is split into fixed-size chunks and every reduction is
//! either integer (exact in any order) or done in a fixed order.

use std::sync::atomic::{AtomicBool, Ordering};

use crate::error::{Error, Result};

/// Documents handled by one parallel task; fixed so chunking never depends on threads.
pub const CHUNK: usize = 256;

/// Raised from inside long loops to stop work early (set by Ctrl-C in Python).
pub fn check(cancel: &AtomicBool) -> Result<()> {
    if cancel.load(Ordering::Relaxed) {
        Err(Error::Cancelled)
    } else {
        Ok(())
    }
}

/// A rayon pool with `threads` workers (0 = one per core).
pub fn pool(threads: usize) -> Result<rayon::ThreadPool> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("corpuscle-{i}"))
        .build()
        .map_err(|e| Error::InvalidArgument(format!("cannot start {threads} threads: {e}")))
}

/// Run `work` on a fresh pool of `threads` workers.
pub fn run<T: Send>(threads: usize, work: impl FnOnce() -> Result<T> + Send) -> Result<T> {
    pool(threads)?.install(work)
}
