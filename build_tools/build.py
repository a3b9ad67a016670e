"""`briefings build`: `mkdocs build` into a fresh folder, then swap it with site/ in one step.

MkDocs empties `site_dir` and writes into it as it goes, so a build that is
killed or fails half-way leaves no usable site. Here MkDocs writes into a
sibling `site.tmp-XXXX`; only a successful build replaces `site/`, with an
atomic exchange where the kernel offers one (Linux `renameat2`) and two
renames otherwise. Leftovers of an interrupted build are cleaned (or, if the
old site was moved aside and never replaced, put back) by the next build.
A lock in `.briefings-cache/` keeps two builds of one project apart.
"""

from __future__ import annotations

import argparse
import ctypes
import ctypes.util
import errno
import os
import shutil
import sys
import tempfile
from pathlib import Path

from .fsutil import current_umask, file_lock, refuse_symlink

TMP_INFIX = ".tmp-"
OLD_INFIX = ".old-"
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def build(config_file: Path, mkdocs_args: list[str], site_dir: Path | None = None) -> int:
    """Build the site into a temporary sibling folder and swap it in; return mkdocs' exit code."""
    config_file = config_file.resolve()
    named = Path(os.path.abspath(site_dir or _configured_site_dir(config_file)))
    site = named.parent.resolve() / named.name  # the folder's own name: a link named site/ is refused, never followed
    refuse_symlink(config_file.parent / ".briefings-cache", "the build's cache prune")
    refuse_symlink(site, "the build")
    with file_lock(config_file.parent / ".briefings-cache" / "build.lock"):
        recover(site)
        refuse_symlink(site, "the build")  # recover may have put one back from a folder a link had named
        tmp = Path(tempfile.mkdtemp(prefix=site.name + TMP_INFIX, dir=site.parent))
        os.chmod(tmp, 0o777 & ~current_umask())  # mkdtemp makes it private; the site must stay readable by a web server
        try:
            code = _run_mkdocs(config_file, tmp, mkdocs_args)
            if code == 0:
                swap_in(tmp, site)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)  # after the swap it holds the previous site
    return code


def swap_in(new: Path, site: Path) -> None:
    """Make `new` the site: exchange the two folders atomically, or move the old one aside and the new one in."""
    if not site.exists():
        os.rename(new, site)
        return
    if _exchange(new, site):
        return
    old = Path(tempfile.mkdtemp(prefix=site.name + OLD_INFIX, dir=site.parent))
    os.rename(site, old / site.name)
    os.rename(new, site)
    shutil.rmtree(old, ignore_errors=True)


def recover(site: Path) -> None:
    """Undo what an interrupted build left: put a moved-aside site back, delete temporary folders."""
    leftovers = [*site.parent.glob(site.name + OLD_INFIX + "*"), *site.parent.glob(site.name + TMP_INFIX + "*")]
    for link in [p for p in leftovers if p.is_symlink()]:  # never ours: remove the link, never what it points to
        link.unlink()
    leftovers = [p for p in leftovers if not p.is_symlink()]
    olds = sorted((p for p in leftovers if OLD_INFIX in p.name), key=lambda p: p.stat().st_mtime)
    if not site.exists() and not site.is_symlink():
        for old in reversed(olds):
            kept = old / site.name
            if kept.is_dir() and not kept.is_symlink():
                os.rename(kept, site)
                break
    for leftover in leftovers:
        shutil.rmtree(leftover, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one system call (Linux renameat2 RENAME_EXCHANGE); False when unsupported."""
    if not sys.platform.startswith("linux"):
        return False
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):  # file system or kernel without exchange
        return False
    raise OSError(err, os.strerror(err), os.fspath(b))


def _configured_site_dir(config_file: Path) -> Path:
    from mkdocs.config import load_config

    return Path(load_config(config_file=os.fspath(config_file)).site_dir)


def _run_mkdocs(config_file: Path, site: Path, mkdocs_args: list[str]) -> int:
    """`mkdocs build` exactly as its command line runs it (logging, --strict), into `site`."""
    from mkdocs.__main__ import cli

    args = ["build", "--config-file", os.fspath(config_file), "--site-dir", os.fspath(site), *mkdocs_args]
    try:
        cli.main(args=args, prog_name="mkdocs", standalone_mode=True)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return 0




def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of `briefings build` (cli.py registers the sub-command with these)."""
    parser.add_argument("-f", "--config-file", default="mkdocs.yml", help="the MkDocs configuration (default: %(default)s)")
    parser.add_argument("-d", "--site-dir", help="the folder to replace (default: site_dir from the configuration)")
    parser.add_argument("-s", "--strict", action="store_true", help="fail on warnings, as `mkdocs build --strict`; site/ is then left as it was")
    parser.add_argument("-q", "--quiet", action="store_true", help="show warnings and errors only")
    parser.add_argument("-v", "--verbose", action="store_true", help="show debug messages")


def run_command(args: argparse.Namespace) -> int:
    flags = [flag for flag, on in (("--strict", args.strict), ("--quiet", args.quiet), ("--verbose", args.verbose)) if on]
    return build(Path(args.config_file), flags, Path(args.site_dir) if args.site_dir else None)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="briefings build", description=(__doc__ or "").split("\n")[0])
    add_arguments(parser)
    return run_command(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
