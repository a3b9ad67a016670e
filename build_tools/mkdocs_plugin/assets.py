"""The plugin's own CSS and JavaScript, served from the site itself (no external requests)."""

from __future__ import annotations

from pathlib import Path

ASSET_DIR = Path(__file__).resolve().parent.parent / "assets"
ASSET_FILES = ("briefings.css", "briefings.js", "search-box.js", "search.js", "search-shards/pagefind.js")
PAGE_STYLES = ("briefings.css",)  # on every page, through extra_css
# briefings.js and search-box.js are on every page, fetched once the page has loaded by a small script in theme/main.html
# (which names them). The search page adds Pagefind UI and search.js.
THEME_DIR = Path(__file__).resolve().parent / "theme"  # templates layered over Material's (header search, feed link)
