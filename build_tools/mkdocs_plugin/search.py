"""Full-text search with Pagefind: a chunked index, so a query downloads only what it needs.

Only briefing pages are indexed (they carry `data-pagefind-body`); the title
and the full text are searchable, related lists and citation blocks are not.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def build_search_index(site_dir: Path) -> None:
    """Run the Pagefind indexer (shipped as a Python package) over the built site."""
    cmd = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--silent"]
    try:
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=900, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise RuntimeError(f"search index: could not run Pagefind ({exc})") from exc
    if result.returncode != 0:
        raise RuntimeError(f"search index: Pagefind failed: {(result.stderr or result.stdout).strip()[-500:]}")
