//! Parallel execution: a rayon pool per call, and the [`Control`] every long
//! loop polls (to stop on Ctrl-C) and advances (so a progress bar can follow).
//!
//! A per-call pool keeps corpuscle from fighting other libraries over rayon's
//! global pool, and lets the caller choose the thread count. Results never
//! depend on it: work is split into fixed-size chunks and every reduction is
//! either integer (exact in any order) or done in a fixed order.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use crate::error::{Error, Result};

/// Documents handled by one parallel task; fixed so chunking never depends on threads.
pub const CHUNK: usize = 256;

/// Shared between a running call and whoever watches it: a cancel flag the
/// engine's loops poll, and a progress counter they advance.
///
/// Progress counts units of work (mostly documents) against an expected total
/// that grows as each pass starts, so a call that makes two passes over the
/// documents expects twice their number. Only relaxed atomics: the counter is
/// for display and never feeds a result.
#[derive(Debug)]
pub struct Control {
    cancelled: AtomicBool,
    done: AtomicU64,
    expected: AtomicU64,
    /// Cancel once `done` reaches this (tests: a Ctrl-C at a known point).
    cancel_at: AtomicU64,
}

impl Default for Control {
    fn default() -> Self {
        Control {
            cancelled: AtomicBool::new(false),
            done: AtomicU64::new(0),
            expected: AtomicU64::new(0),
            cancel_at: AtomicU64::new(u64::MAX),
        }
    }
}

impl Control {
    /// A control that cancels itself once `units` units of work are done, as
    /// a Ctrl-C would at that moment (for tests of the loops after a pass).
    pub fn cancelled_after(units: u64) -> Self {
        let control = Self::default();
        control.cancel_at.store(units, Ordering::Relaxed);
        control
    }

    /// A control that was already cancelled (for tests of early stops).
    pub fn cancelled() -> Self {
        let control = Self::default();
        control.cancel();
        control
    }

    /// Ask the work to stop at its next check.
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Relaxed)
    }

    /// A pass over `units` more units of work is starting.
    pub fn expect(&self, units: usize) {
        self.expected.fetch_add(units as u64, Ordering::Relaxed);
    }

    /// `units` units of work are finished.
    pub fn advance(&self, units: usize) {
        let done = self.done.fetch_add(units as u64, Ordering::Relaxed) + units as u64;
        if done >= self.cancel_at.load(Ordering::Relaxed) {
            self.cancel();
        }
    }

    /// (done, expected) so far.
    pub fn progress(&self) -> (u64, u64) {
        (
            self.done.load(Ordering::Relaxed),
            self.expected.load(Ordering::Relaxed),
        )
    }
}

/// Raised from inside long loops to stop work early (set by Ctrl-C in Python).
pub fn check(control: &Control) -> Result<()> {
    if control.is_cancelled() {
        Err(Error::Cancelled)
    } else {
        Ok(())
    }
}

/// [`check`], then count `units` finished: for loops that check once per chunk.
pub fn step(control: &Control, units: usize) -> Result<()> {
    check(control)?;
    control.advance(units);
    Ok(())
}

/// Threads a call may ask for: 4 per core. More only adds the cost of
/// starting them (a pool of 40,000 takes minutes to build and cannot be
/// interrupted meanwhile), so a larger count is a mistake to report.
pub fn max_threads() -> usize {
    4 * std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// A rayon pool with `threads` workers (0 = one per core, at most [`max_threads`]).
pub fn pool(threads: usize) -> Result<rayon::ThreadPool> {
    let most = max_threads();
    if threads > most {
        return Err(Error::InvalidArgument(format!(
            "threads must be at most {most} (4 per core on this machine), got {threads}"
        )));
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pool_of_more_than_four_threads_a_core_is_refused() {
        let most = max_threads();
        assert!(most >= 4);
        let error = pool(most + 1).unwrap_err();
        assert!(
            error.to_string().contains(&format!("at most {most}")),
            "{error}"
        );
        assert_eq!(pool(2).unwrap().current_num_threads(), 2);
    }

    #[test]
    fn a_control_cancels_itself_after_the_units_it_was_given() {
        let control = Control::cancelled_after(10);
        control.advance(9);
        assert!(check(&control).is_ok());
        control.advance(1);
        assert_eq!(check(&control), Err(Error::Cancelled));
    }
}
