"""What ``errors="replace"`` repaired, counted and reported in one warning per call.

Repair is a choice the user makes, but it must never be silent: a corpus
built with ``errors="replace"`` says how many documents (or files, or lines)
were changed and names the first few, so a broken scrape shows up at once.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field

from corpuscle.exceptions import RepairWarning

# Code points U+D800..U+DFFF: a Python str may hold them, UTF-8 cannot.
_SURROGATE = re.compile("[\ud800-\udfff]")
# How many repaired items a warning names before it says "and N more".
SHOWN = 5


def has_surrogates(text: str) -> bool:
    """Whether `text` holds surrogate code points (the engine replaces each lone one)."""
    return not text.isascii() and _SURROGATE.search(text) is not None


def replace_surrogates(text: str) -> str:
    """`text` with U+FFFD in place of each surrogate code point, as the engine reads it.

    One character for one, so every character offset stays where it was.
    """
    return _SURROGATE.sub("\ufffd", text)


@dataclass
class Repairs:
    """Items repaired during one call: `what` names the repair, `unit` the items.

    `unit` is (singular, plural).
    """

    what: str
    unit: tuple[str, str]
    items: list[str] = field(default_factory=list)

    def add(self, item: str) -> None:
        self.items.append(item)

    def warn(self, total: int | None = None, stacklevel: int = 3) -> None:
        """Warn once, with the count (of `total`, when known) and the first items."""
        if not self.items:
            return
        count = len(self.items)
        of = f" of {total}" if total is not None else ""
        unit = self.unit[(count if total is None else total) != 1]
        shown = ", ".join(self.items[:SHOWN])
        more = f" and {count - SHOWN} more" if count > SHOWN else ""
        warnings.warn(
            f"errors='replace' {self.what} in {count}{of} {unit}: {shown}{more}",
            RepairWarning,
            stacklevel=stacklevel,
        )


def surrogate_repairs() -> Repairs:
    return Repairs("put U+FFFD in place of lone surrogates", ("document", "documents"))


def decoding_repairs(unit: tuple[str, str] = ("file", "files")) -> Repairs:
    return Repairs("put U+FFFD in place of undecodable bytes", unit)
