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


def leaves_folder(path: Path, folder: Path) -> bool:
    """Whether `path` (through any symbolic link on the way) ends up outside `folder`: such a file is not the project's."""
    try:
        target, base = path.resolve(), folder.resolve()
    except (OSError, RuntimeError):  # a link loop
        return True
    return target != base and base not in target.parents


def refuse_symlink(path: Path, what: str) -> None:
    """Raise PathEscapeError when `path` is a symbolic link: the build deletes and replaces what is in these folders.

    A committed `site` or `.briefings-cache` link would make the build empty or
    prune a folder anywhere on the machine.
    """
    if path.is_symlink():
        raise PathEscapeError(
            f"refusing to use {path}: it is a symbolic link (to {os.readlink(path)}), and {what} would replace or delete "
            f"files wherever it points; remove the link (a real folder is made in its place)"
        )


def current_umask() -> int:
    """The process's umask, read without changing it where the kernel tells it (os.umask would race other threads)."""
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


def _new_file_mode(path: Path) -> int:
    """The mode a plain `open(path, "w")` would give: the existing file's, else 0666 less the umask."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        return 0o666 & ~current_umask()


def atomic_write(path: Path, data: str | bytes) -> None:
    """Write a temporary file beside the target, fsync it, then rename over the target.

    mkstemp makes the file 0600; it gets the mode an ordinary write would give
    (0644 under umask 022), so a web server can read the site and others the briefings.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    mode = _new_file_mode(path)
    fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=path.parent)
    try:
        os.fchmod(fd, mode)
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
