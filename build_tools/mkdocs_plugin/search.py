"""Full-text search with Pagefind: a chunked index, so a query downloads only what it needs.

Only briefing pages are indexed: the plugin wraps their content in
`data-pagefind-body`, and Pagefind leaves out every page without it. Key
points, the summary, related briefings, backlinks and the citation block are
marked `data-pagefind-ignore` (they repeat the text or other pages), so a
result quotes the full text. The whole site is indexed as one language
(`--force-language`), so a query finds every briefing whatever language a
page declares; words in other scripts or transliterations are indexed as
written and match as typed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from ..fsutil import TEMP_PREFIX


def search_command(site_dir: Path, language: str = "en") -> list[str]:
    return [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--force-language", language, "--silent"]


def build_search_index(site_dir: Path, language: str = "en") -> None:
    """Run the Pagefind indexer (shipped as a Python package) over the built site."""
    cmd = search_command(site_dir, language)
    try:
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=900, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise RuntimeError(f"search index: could not run Pagefind ({exc})") from exc
    if result.returncode != 0:
        raise RuntimeError(f"search index: Pagefind failed: {(result.stderr or result.stdout).strip()[-500:]}")


def _link_or_copy(source: str, destination: str) -> None:
    """A hard link where the file system allows it (the index files are never changed in place), else a copy."""
    try:
        os.link(source, destination)
    except OSError:
        shutil.copy2(source, destination)


def reuse_or_build_search_index(site_dir: Path, language: str, cache_dir: Path, pages_key: str) -> bool:
    """Copy the index built last time for the same pages (`pages_key`), or build it and keep a copy; True when reused.

    The index depends only on the indexed pages' HTML, the language and
    Pagefind's version, all in the key; the cache keeps one index, whose
    files the site shares as hard links where it can.
    """
    stored = cache_dir / pages_key
    target = site_dir / "pagefind"
    shutil.rmtree(target, ignore_errors=True)  # never write into files the cache shares
    if stored.is_dir():
        shutil.copytree(stored, target, copy_function=_link_or_copy)
        return True
    build_search_index(site_dir, language)
    try:
        shutil.rmtree(cache_dir, ignore_errors=True)
        cache_dir.mkdir(parents=True, exist_ok=True)
        partial = cache_dir / f"{TEMP_PREFIX}{pages_key}"
        shutil.copytree(target, partial, copy_function=_link_or_copy)
        os.replace(partial, stored)
    except OSError:
        pass  # a read-only checkout still builds, just without the cache
    return False
