"""Process-wide settings: the DataFrame library of results, the thread count, progress bars."""

from __future__ import annotations

import contextlib
import contextvars
import os
import warnings
from collections.abc import Iterator
from typing import Literal

from corpuscle import _core

OutputKind = Literal["pandas", "polars"]

ENVIRONMENT_VARIABLE = "CORPUSCLE_NUM_THREADS"

_settings: dict[str, object] = {"output": "pandas", "threads": 0, "progress": True}


def set_output(kind: OutputKind) -> None:
    """Choose the DataFrame library every result is returned in.

    In the spirit of scikit-learn's ``set_output``.

    Parameters
    ----------
    kind : {"pandas", "polars"}
        ``"polars"`` needs the optional ``polars`` package. polars frames have
        no ``attrs``, so the numbers describing a computation are only on
        pandas results.

    Examples
    --------
    >>> import corpuscle
    >>> corpuscle.set_output("pandas")
    >>> corpuscle.get_output()
    'pandas'
    """
    if kind not in ("pandas", "polars"):
        raise ValueError(f"output must be 'pandas' or 'polars', got {kind!r}")
    if kind == "polars":
        from corpuscle._dependencies import import_optional

        import_optional("polars")
    _settings["output"] = kind


def get_output() -> OutputKind:
    """Return the DataFrame library results are returned in.

    Examples
    --------
    >>> import corpuscle
    >>> corpuscle.get_output()
    'pandas'
    """
    override = _output_here.get()
    return override if override is not None else _settings["output"]  # type: ignore[return-value]


# What results are built in by the code running in this thread (or task), over
# the process-wide setting: the report reads pandas frames without switching
# the setting that other threads read.
_output_here: contextvars.ContextVar[OutputKind | None] = contextvars.ContextVar(
    "corpuscle_output", default=None
)


@contextlib.contextmanager
def pandas_output() -> Iterator[None]:
    """Results in pandas inside the block, in this thread only (for internal use)."""
    token = _output_here.set("pandas")
    try:
        yield
    finally:
        _output_here.reset(token)


def check_threads(threads: object, name: str) -> int:
    if isinstance(threads, bool) or not isinstance(threads, int) or threads < 0:
        raise ValueError(f"{name} must be a non-negative int or None, got {threads!r}")
    if threads > _core.MAX_THREADS:
        raise ValueError(
            f"{name} must be at most {_core.MAX_THREADS} (4 per core on this machine), "
            f"got {threads}"
        )
    return threads


def _threads_from_environment() -> int:
    """``CORPUSCLE_NUM_THREADS``, or 0 (one per core) when unset; a bad value warns."""
    value = os.environ.get(ENVIRONMENT_VARIABLE, "").strip()
    if not value:
        return 0
    try:
        return check_threads(int(value), ENVIRONMENT_VARIABLE)
    except ValueError:
        warnings.warn(
            f"ignoring {ENVIRONMENT_VARIABLE}={value!r}: not an integer from 0 to "
            f"{_core.MAX_THREADS} (4 per core); using one thread per core",
            RuntimeWarning,
            stacklevel=2,
        )
        return 0


def set_num_threads(threads: int | None) -> None:
    """Set how many threads corpuscle's engine uses; ``None`` or 0 means one per core.

    At most 4 per core (``corpuscle._core.MAX_THREADS``): more threads only
    add the cost of starting them, so a larger count raises ValueError.

    The default comes from the ``CORPUSCLE_NUM_THREADS`` environment variable
    when it is set. Each call runs on its own pool of this many threads, never
    on a global one that other libraries share; results are the same for any
    number of threads.

    Examples
    --------
    >>> import corpuscle
    >>> corpuscle.set_num_threads(2)
    >>> corpuscle.get_num_threads()
    2
    >>> corpuscle.set_num_threads(None)
    """
    _settings["threads"] = 0 if threads is None else check_threads(threads, "threads")


def get_num_threads() -> int:
    """Return the thread count setting (0 = one per core).

    Examples
    --------
    >>> import corpuscle
    >>> corpuscle.set_num_threads(3)
    >>> corpuscle.get_num_threads()
    3
    >>> corpuscle.set_num_threads(None)  # back to one thread per core
    """
    return int(_settings["threads"])  # type: ignore[call-overload]


def set_progress(enabled: bool) -> None:
    """Turn progress bars on or off for every call that does not say otherwise.

    On by default: a call still running after about two seconds draws a
    ``tqdm`` bar (a widget in Jupyter), if tqdm is installed and stderr is a
    terminal or a notebook; a script writing to a log file stays silent either
    way. A call's own ``progress=True`` or ``progress=False`` overrides this.

    Examples
    --------
    >>> import corpuscle
    >>> corpuscle.set_progress(False)
    >>> corpuscle.get_progress()
    False
    >>> corpuscle.set_progress(True)
    """
    if not isinstance(enabled, bool):
        raise TypeError(f"set_progress takes True or False, got {enabled!r}")
    _settings["progress"] = enabled


def get_progress() -> bool:
    """Return whether progress bars are on by default.

    Examples
    --------
    >>> import corpuscle
    >>> corpuscle.get_progress()
    True
    """
    return bool(_settings["progress"])


_settings["threads"] = _threads_from_environment()
