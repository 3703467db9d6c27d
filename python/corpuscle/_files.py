"""Writing files so that a reader sees the old file or the new one, never a part of either."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def write_atomically(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write `data` to `path` through a temporary file in the same folder, then rename it.

    Each call has its own temporary name, so saves to one path from several
    threads or processes never write into each other's file; the data is
    flushed to disk before the rename, so a crash leaves the old file or the
    new one whole. On any failure (a full disk, Ctrl-C) the temporary file is
    removed and the file at `path` is as it was.
    """
    target = Path(path)
    if not target.name or target.name in (".", ".."):
        raise ValueError(f"cannot write to {os.fspath(path)!r}: give a file name, not a folder")
    folder = target.parent
    descriptor, temporary = tempfile.mkstemp(
        dir=folder, prefix=f".{target.name}.", suffix=".partial"
    )
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        # mkstemp makes the file readable by its owner alone; give it the
        # permissions a plain open() would, as the file it replaces had.
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _sync_folder(folder)
    return target


def _umask() -> int:
    """The process' umask, read without changing it where the system allows."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable, where folders can be opened (not on Windows)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
