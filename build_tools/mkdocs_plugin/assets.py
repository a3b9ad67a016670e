"""The plugin's own CSS and JavaScript, served from the site itself (no external requests)."""

from __future__ import annotations

from pathlib import Path

ASSET_DIR = Path(__file__).resolve().parent.parent / "assets"
ASSET_FILES = ("briefings.css", "briefings.js", "search-box.js", "search.js", "search-shards/pagefind.js")
PAGE_STYLES = ("briefings.css",)  # on every page, through extra_css
# On every page, in <head> with `defer` (theme/main.html): fetched beside the stylesheets, not after the body is parsed, so
# DOMContentLoaded, and Material's start-up with it, is not held back by a late download. The search page adds Pagefind UI and search.js.
HEAD_SCRIPTS = ("briefings.js", "search-box.js")
THEME_DIR = Path(__file__).resolve().parent / "theme"  # templates layered over Material's (header search, feed link)
