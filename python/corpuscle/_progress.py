"""Progress bars for long engine calls, fed by a counter in Rust.

The engine advances an atomic counter (documents done, documents expected) as
it works; it never calls into Python. Here a daemon thread polls that counter
while the calling thread waits in Rust with the GIL released, and draws a
``tqdm.auto`` bar, so the bar costs the engine nothing. The bar appears only
for calls still running after :data:`DELAY` seconds, and never when progress is
off (``progress=False``, :func:`corpuscle.set_progress`), tqdm is missing, or
stderr is neither a terminal nor a notebook (a log file or a CI job).
"""

from __future__ import annotations

import contextlib
import sys
import threading
import warnings
from collections.abc import Iterator
from typing import Any

from corpuscle import _core
from corpuscle._config import get_progress

#: Seconds a call runs before its bar appears: short calls stay quiet.
DELAY = 2.0
#: Seconds between redraws.
INTERVAL = 0.1


def wanted(progress: bool | None) -> bool:
    """Whether to draw a bar: the argument, else the setting, and somewhere to draw it."""
    if progress is False or (progress is None and not get_progress()):
        return False
    return _interactive() and _tqdm() is not None


@contextlib.contextmanager
def progress_bar(description: str, progress: bool | None = None) -> Iterator[None]:
    """Draw a bar for the engine calls made in the block, if :func:`wanted`.

    Examples
    --------
    >>> import corpuscle
    >>> from corpuscle._progress import progress_bar
    >>> with progress_bar("Tokenizing", progress=False):
    ...     len(corpuscle.Corpus(["one text"]))
    1
    """
    # A call made inside another (report() calls contrast(), kwic()...) counts
    # into the outer bar: one bar per call the user made.
    if getattr(_drawing, "active", False) or not wanted(progress):
        yield
        return
    counter = _core.Progress()
    watcher = _Watcher(counter, description)
    _drawing.active = True
    try:
        with counter:
            watcher.start()
            try:
                yield
            finally:
                watcher.stop()
    finally:
        _drawing.active = False


#: Whether this thread is drawing a bar already.
_drawing = threading.local()


class _Watcher(threading.Thread):
    """Polls the counter and redraws the bar until stopped."""

    def __init__(self, counter: _core.Progress, description: str) -> None:
        super().__init__(name="corpuscle-progress", daemon=True)
        self.counter, self.description = counter, description
        self.finished = threading.Event()

    def run(self) -> None:
        if self.finished.wait(DELAY):
            return
        bar = make_bar(self.description)
        try:
            while not self.finished.wait(INTERVAL):
                self.redraw(bar)
            self.redraw(bar)
        finally:
            bar.close()

    def redraw(self, bar: Any) -> None:
        done, expected = self.counter.done, self.counter.expected
        if expected and bar.total != expected:
            bar.total = expected
        bar.n = done
        bar.refresh()

    def stop(self) -> None:
        self.finished.set()
        self.join()


def make_bar(description: str) -> Any:
    """A tqdm bar: a widget in a notebook with ipywidgets, text otherwise."""
    tqdm = _tqdm()
    try:
        return tqdm(total=None, desc=description, unit="doc", leave=False)
    except ImportError:
        # tqdm.auto picks the notebook widget but ipywidgets is missing.
        from tqdm.std import tqdm as text_tqdm

        return text_tqdm(total=None, desc=description, unit="doc", leave=False)


def _tqdm() -> Any:
    # In a kernel without ipywidgets, importing tqdm.auto warns that the widget
    # is missing and falls back to text bars: the fallback is what we want.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            from tqdm.auto import tqdm
        except ImportError:
            return None
    return tqdm


def _interactive() -> bool:
    """Stderr is a terminal, or we run in a Jupyter kernel."""
    if "ipykernel" in sys.modules:
        shell = getattr(sys.modules.get("IPython"), "get_ipython", lambda: None)()
        if shell is not None and hasattr(shell, "kernel"):
            return True
    stream = sys.stderr
    return stream is not None and hasattr(stream, "isatty") and stream.isatty()


__all__ = ["DELAY", "progress_bar", "wanted"]
