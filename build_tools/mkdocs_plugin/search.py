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

import subprocess
import sys
from pathlib import Path


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
