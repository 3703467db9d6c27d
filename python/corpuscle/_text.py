"""Checks on single strings before they reach the engine."""

from __future__ import annotations

from typing import Any


def check_text(text: Any, what: str = "text") -> str:
    """Return `text` if it is a str the engine can take, else raise naming the problem."""
    if not isinstance(text, str):
        raise TypeError(f"{what} is {type(text).__name__} ({text!r:.60}), expected str")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise ValueError(
            f"{what} contains a lone surrogate U+{ord(text[error.start]):04X} "
            f"at character offset {error.start}, which is not valid Unicode text"
        ) from None
    return text
