"""Process-wide settings: the DataFrame library of results, the thread count, progress bars."""

from __future__ import annotations

import contextlib
import os
import warnings
from collections.abc import Iterator
from typing import Literal

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
    return _settings["output"]  # type: ignore[return-value]


@contextlib.contextmanager
def pandas_output() -> Iterator[None]:
    """Results in pandas inside the block, whatever the setting (for internal use)."""
    before = _settings["output"]
    _settings["output"] = "pandas"
    try:
        yield
    finally:
        _settings["output"] = before


def _check_threads(threads: object, name: str) -> int:
    if isinstance(threads, bool) or not isinstance(threads, int) or threads < 0:
        raise ValueError(f"{name} must be a non-negative int or None, got {threads!r}")
    return threads


def _threads_from_environment() -> int:
    """``CORPUSCLE_NUM_THREADS``, or 0 (one per core) when unset; a bad value warns."""
    value = os.environ.get(ENVIRONMENT_VARIABLE, "").strip()
    if not value:
        return 0
    try:
        return _check_threads(int(value), ENVIRONMENT_VARIABLE)
    except ValueError:
        warnings.warn(
            f"ignoring {ENVIRONMENT_VARIABLE}={value!r}: not a non-negative integer; "
            "using one thread per core",
            RuntimeWarning,
            stacklevel=2,
        )
        return 0


def set_num_threads(threads: int | None) -> None:
    """Set how many threads corpuscle's engine uses; ``None`` or 0 means one per core.

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
    _settings["threads"] = 0 if threads is None else _check_threads(threads, "threads")


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
