"""Argument checks shared by the statistics: n-gram lengths, stop words, thresholds."""

from __future__ import annotations

from collections.abc import Iterable
from numbers import Integral, Real

from corpuscle import _core
from corpuscle.stopwords import LANGUAGES, stopwords

#: The largest count corpuscle holds: every count is a signed 64-bit integer,
#: so results can be subtracted without wrapping.
MAX_COUNT = 2**63 - 1

NgramSpec = int | tuple[int, int]
Stopwords = str | Iterable[str] | None


def ngram_lengths(n: NgramSpec) -> list[int]:
    """``2`` -> ``[2]``; ``(1, 3)`` -> ``[1, 2, 3]``; anything else raises ValueError."""
    if _is_int(n):
        lengths = [int(n)]  # type: ignore[arg-type]
    elif isinstance(n, tuple) and len(n) == 2 and all(_is_int(x) for x in n) and n[0] <= n[1]:
        lengths = list(range(n[0], n[1] + 1))
    else:
        raise ValueError(f"n must be an int or a (low, high) tuple of ints, got {n!r}")
    if lengths[0] < 1 or lengths[-1] > _core.MAX_N:
        raise ValueError(f"n-gram lengths must be between 1 and {_core.MAX_N}, got {n!r}")
    return lengths


def stopword_list(words: Stopwords) -> list[str] | None:
    """None, a built-in list's name, or any iterable of str, as a list of str."""
    if words is None:
        return None
    if isinstance(words, str):
        if words not in LANGUAGES:
            raise ValueError(
                f"stopwords={words!r} is not a built-in list ({', '.join(LANGUAGES)}); "
                "pass an iterable of words for your own"
            )
        return sorted(stopwords(words))
    listed = list(words)
    for i, word in enumerate(listed):
        if not isinstance(word, str):
            raise TypeError(f"stopwords[{i}] is {type(word).__name__} ({word!r}), expected str")
    return listed


def stopword_label(words: Stopwords) -> str | None:
    """How the stop list is described in a result's attrs."""
    if words is None or isinstance(words, str):
        return words
    return "custom"


def count_at_least(value: int, name: str, minimum: int = 0) -> int:
    """Check an integer option such as ``min_count`` or ``top``."""
    if not _is_int(value) or value < minimum:
        raise ValueError(f"{name} must be an int >= {minimum}, got {value!r}")
    return int(value)


def count_and_top(min_count: int, top: int | None) -> tuple[int, int | None]:
    """``min_count`` (at least 1) and ``top`` (None, or at least 1), checked."""
    return count_at_least(min_count, "min_count", 1), (
        None if top is None else count_at_least(top, "top", 1)
    )


def document_threshold(value: float, name: str, n_docs: int) -> float:
    """scikit-learn's rule: an int is a document count, a float a proportion of documents."""
    if _is_int(value):
        if value < 0:
            raise ValueError(f"{name} must be >= 0, got {value!r}")
        return float(value)
    if isinstance(value, Real) and not isinstance(value, bool) and 0.0 <= value <= 1.0:
        return float(value) * n_docs
    raise ValueError(f"{name} must be an int (documents) or a float in [0.0, 1.0], got {value!r}")


def window_sides(window: int | tuple[int, int]) -> tuple[int, int]:
    """``5`` -> ``(5, 5)``; ``(left, right)`` as given; each side >= 0, together >= 1."""
    if isinstance(window, Integral) and not isinstance(window, bool):
        sides = (int(window), int(window))
    elif isinstance(window, tuple) and len(window) == 2 and all(_is_int(x) for x in window):
        sides = (int(window[0]), int(window[1]))
    else:
        raise ValueError(f"window must be an int or a (left, right) tuple of ints, got {window!r}")
    if min(sides) < 0 or sum(sides) < 1:
        raise ValueError(f"window must be at least 1 token (each side >= 0), got {window!r}")
    return sides


def _is_int(value: object) -> bool:
    return isinstance(value, Integral) and not isinstance(value, bool)
