"""The plugin's own CSS and JavaScript, served from the site itself (no external requests)."""

from __future__ import annotations

from pathlib import Path

ASSET_DIR = Path(__file__).resolve().parent.parent / "assets"
ASSET_FILES = ("briefings.css", "briefings.js", "search-box.js", "search.js", "search-shards/pagefind.js")
PAGE_ASSETS = ("briefings.css", "briefings.js", "search-box.js")  # on every page; the search page adds Pagefind UI and search.js
THEME_DIR = Path(__file__).resolve().parent / "theme"  # templates layered over Material's (header search, feed link)
