//! The one door out of Python: every long binding runs its work here.
//!
//! The work runs on a scoped thread inside a per-call rayon pool while the
//! calling thread, with the GIL released, waits on a channel. Every 100 ms it
//! takes the GIL back to let Python handle signals; on Ctrl-C it raises the
//! cancel flag that the engine's loops poll, waits for the work to stop, and
//! re-raises KeyboardInterrupt. A panic is caught and becomes `InternalError`
//! (never a `PanicException`, which `except Exception` would not catch).

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use pyo3::prelude::*;

use super::errors::{to_pyerr, InternalError};
use crate::error::Result;
use crate::parallel;

const POLL: Duration = Duration::from_millis(100);

type Outcome<T> = std::thread::Result<Result<T>>;

pub fn run<T, F>(py: Python<'_>, threads: usize, work: F) -> PyResult<T>
where
    T: Send,
    F: FnOnce(&AtomicBool) -> Result<T> + Send,
{
    let cancel = AtomicBool::new(false);
    let (sender, receiver) = mpsc::channel::<Outcome<T>>();
    std::thread::scope(|scope| {
        let cancel = &cancel;
        scope.spawn(move || {
            let outcome =
                catch_unwind(AssertUnwindSafe(|| parallel::run(threads, || work(cancel))));
            // The receiver outlives this scope, so the send cannot fail.
            let _ = sender.send(outcome);
        });
        let mut receiver = receiver;
        loop {
            let (back, received) = py.detach(move || {
                let received = receiver.recv_timeout(POLL);
                (receiver, received)
            });
            receiver = back;
            match received {
                Ok(outcome) => return finish(outcome),
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    if let Err(interrupt) = py.check_signals() {
                        cancel.store(true, Ordering::Relaxed);
                        // Wait for the engine to notice the flag; its result is moot.
                        let _ = py.detach(move || receiver.recv());
                        return Err(interrupt);
                    }
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => {
                    return Err(InternalError::new_err(
                        "the worker thread ended without a result",
                    ));
                }
            }
        }
    })
}

/// Run a short engine call on the calling thread, GIL released, panics caught.
/// For work too small to be worth a pool (one text), so no cancellation.
pub fn quick<T: Send>(py: Python<'_>, work: impl FnOnce() -> T + Send) -> PyResult<T> {
    finish(py.detach(|| catch_unwind(AssertUnwindSafe(|| Ok(work())))))
}

fn finish<T>(outcome: Outcome<T>) -> PyResult<T> {
    match outcome {
        Ok(result) => result.map_err(to_pyerr),
        Err(panic) => {
            let message = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_else(|| "unknown panic".to_owned());
            Err(InternalError::new_err(format!(
                "corpuscle engine failed: {message}"
            )))
        }
    }
}
