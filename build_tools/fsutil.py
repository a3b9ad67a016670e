"""Writes that are atomic, skip unchanged content and never leave their root."""

from __future__ import annotations

import fcntl
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

TEMP_PREFIX = ".briefings-tmp-"


class PathEscapeError(ValueError):
    """A computed path would leave the folder it must stay in."""


def safe_join(root: Path, relative: str) -> Path:
    """root/relative, refusing absolute paths, '..' and anything resolving outside root."""
    if not relative or relative.startswith(("/", "\\")) or ".." in Path(relative).parts or "\x00" in relative:
        raise PathEscapeError(f"refusing path {relative!r}: it would leave {root}")
    target = (root / relative).resolve()
    base = root.resolve()
    if target != base and base not in target.parents:
        raise PathEscapeError(f"refusing path {relative!r}: it would leave {root}")
    return root / relative


def atomic_write(path: Path, data: str | bytes) -> None:
    """Write a temporary file beside the target, fsync it, then rename over the target."""
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def write_if_changed(path: Path, data: str) -> bool:
    """Atomically write when the content differs; return whether anything was written."""
    try:
        if path.read_text(encoding="utf-8") == data:
            return False
    except (FileNotFoundError, UnicodeDecodeError):
        pass
    atomic_write(path, data)
    return True


def remove_stale_temporaries(folder: Path) -> int:
    """Delete temporary files an interrupted run left behind; return how many."""
    removed = 0
    if folder.is_dir():
        for leftover in folder.glob(TEMP_PREFIX + "*"):
            leftover.unlink(missing_ok=True)
            removed += 1
    return removed


@contextmanager
def file_lock(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on `path` (created with its folder) for the duration of the block."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
