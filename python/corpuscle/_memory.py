"""Giving memory back to the system after the engine's large transient work.

Building a corpus allocates more than it keeps: the blocks of a file being
read, each part's vocabulary before they are merged. The C allocator that
Python and the engine share keeps what was freed for later use, so a corpus
of 100 MB of text would look twice its size to the system (and to a user
watching memory in a notebook). After such work corpuscle asks glibc to
return the free pages (``malloc_trim``); elsewhere this does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import sys
from typing import Any


@functools.cache
def _libc() -> Any:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        trim = libc.malloc_trim
    except (OSError, AttributeError):
        return None  # not glibc (musl has no malloc_trim)
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    return trim


def give_back_memory() -> None:
    """Return the allocator's free memory to the system, where glibc allows it."""
    trim = _libc()
    if trim is not None:
        trim(0)


__all__ = ["give_back_memory"]
