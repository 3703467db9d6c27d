"""Process-wide settings: the DataFrame library of results and the thread count."""

from __future__ import annotations

from typing import Literal

OutputKind = Literal["pandas", "polars"]

_settings: dict[str, object] = {"output": "pandas", "threads": 0}


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
    """Return the DataFrame library results are returned in."""
    return _settings["output"]  # type: ignore[return-value]


def set_threads(threads: int | None) -> None:
    """Set how many threads corpuscle's engine uses; ``None`` or 0 means one per core.

    Results are the same for any number of threads.
    """
    threads = 0 if threads is None else threads
    if isinstance(threads, bool) or not isinstance(threads, int) or threads < 0:
        raise ValueError(f"threads must be a non-negative int or None, got {threads!r}")
    _settings["threads"] = threads


def get_threads() -> int:
    """Return the thread count setting (0 = one per core)."""
    return int(_settings["threads"])  # type: ignore[call-overload]
