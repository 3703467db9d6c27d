//! The one door out of Python: every long binding runs its work here.
//!
//! The work runs on a scoped thread inside a per-call rayon pool while the
//! calling thread, with the GIL released, waits on a channel. Every 100 ms it
//! takes the GIL back to let Python handle signals; on Ctrl-C it cancels the
//! [`Control`] that the engine's loops poll, waits for the work to stop, and
//! re-raises KeyboardInterrupt.
//!
//! Progress: while a [`Progress`] is entered on the calling thread, work runs
//! under its control, so a Python thread reading `Progress.done` (it needs no
//! GIL from us: we released it) can draw a bar. Keyed by thread, not passed as
//! an argument, so every binding reports progress without a new parameter, and
//! a call from another Python thread never feeds someone else's bar. A panic is caught and becomes `InternalError`
//! (never a `PanicException`, which `except Exception` would not catch).

use std::cell::RefCell;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc;
use std::sync::Arc;
use std::time::Duration;

use pyo3::prelude::*;

use super::errors::{to_pyerr, InternalError};
use crate::error::Result;
use crate::parallel::{self, Control};

const POLL: Duration = Duration::from_millis(100);

type Outcome<T> = std::thread::Result<Result<T>>;

pub fn run<T, F>(py: Python<'_>, threads: usize, work: F) -> PyResult<T>
where
    T: Send,
    F: FnOnce(&Control) -> Result<T> + Send,
{
    let control: Arc<Control> = WATCHED
        .with(|watched| watched.borrow().clone())
        .unwrap_or_default();
    let (sender, receiver) = mpsc::channel::<Outcome<T>>();
    std::thread::scope(|scope| {
        let control = &*control;
        scope.spawn(move || {
            let outcome = catch_unwind(AssertUnwindSafe(|| {
                parallel::run(threads, || work(control))
            }));
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
                        control.cancel();
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

thread_local! {
    /// The control of the [`Progress`] entered on this thread, if any.
    static WATCHED: RefCell<Option<Arc<Control>>> = const { RefCell::new(None) };
}

/// A progress counter for the engine calls made on this thread while entered.
///
/// `with Progress() as progress:` makes every engine call in the block count
/// into it; another thread polls `progress.done` and `progress.expected`.
#[pyclass(module = "corpuscle._core", frozen)]
pub struct Progress {
    control: Arc<Control>,
}

#[pymethods]
impl Progress {
    #[new]
    fn new() -> Self {
        Self {
            control: Arc::new(Control::default()),
        }
    }

    /// Units of work finished so far (mostly documents, summed over passes).
    #[getter]
    fn done(&self) -> u64 {
        self.control.progress().0
    }

    /// Units of work expected so far; grows as each pass starts.
    #[getter]
    fn expected(&self) -> u64 {
        self.control.progress().1
    }

    fn __enter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        let control = Arc::clone(&slf.control);
        WATCHED.with(|watched| *watched.borrow_mut() = Some(control));
        slf
    }

    #[pyo3(signature = (*_exc))]
    fn __exit__(&self, _exc: &Bound<'_, pyo3::types::PyTuple>) -> bool {
        WATCHED.with(|watched| *watched.borrow_mut() = None);
        false
    }
}

/// Panic on purpose, on the calling thread (`place="caller"`) or in a rayon
/// worker of a per-call pool (`place="worker"`): the test that a panic reaches
/// Python as `InternalError` and leaves the interpreter working.
#[pyfunction]
#[pyo3(signature = (place, *, threads=2))]
pub fn _panic_for_tests(py: Python<'_>, place: &str, threads: usize) -> PyResult<()> {
    use rayon::prelude::*;
    match place {
        "caller" => quick(py, || panic!("a deliberate panic on the calling thread")),
        "worker" => run(py, threads, |_| {
            (0..10_000u32).into_par_iter().for_each(|i| {
                assert!(i != 7_777, "a deliberate panic in a worker at item {i}");
            });
            Ok(())
        }),
        other => Err(pyo3::exceptions::PyValueError::new_err(format!(
            "place must be 'caller' or 'worker', got '{other}'"
        ))),
    }
}
