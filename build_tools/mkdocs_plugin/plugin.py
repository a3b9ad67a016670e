"""The `briefings` MkDocs plugin: thin handlers that route to pure modules.

- on_config: read themes and the glossary; add the plugin's CSS and JS.
- on_files: load and validate `briefings/*.md` (bad files are reported and
  left out; the rest builds), build the corpus, and add every briefing and
  every corpus page (themes, glossary, entities, archive) as a generated file.
- on_page_markdown: append the home listing to docs/index.md.
- on_page_content: mark glossary terms on first use, link bare reference
  addresses, mark the page for the search index, rebuild the table of contents.
- on_post_page / on_post_template: add the Content-Security-Policy <meta>.
- on_post_build: write the Atom feed; index the site for search.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files

from ..check import corpus_problems
from ..config import themes_from_options
from ..corpus import Corpus
from . import pages
from .assets import ASSET_DIR, ASSET_FILES, PAGE_ASSETS, THEME_DIR
from .csp import add_csp_meta, template_patterns
from .docs_tables import FIELDS_MARKER, THEMES_MARKER, fill_markers
from .feed import write_feed
from .loader import load_corpus
from .postprocess import (
    briefing_toc,
    link_bare_addresses,
    mark_glossary_terms,
    proper_words,
    search_body,
)
from .sanitise import sanitise_html
from .search import build_search_index

log = get_plugin_logger(__name__)


class BriefingsConfig(base.Config):
    """Options of the `briefings` plugin in mkdocs.yml."""

    briefings_dir = c.Type(str, default="briefings")
    """Folder of briefing files, relative to mkdocs.yml."""
    glossary = c.Type(str, default="glossary.yml")
    """Curated glossary file (wins over extracted terms), relative to mkdocs.yml."""
    themes = c.Type(list, default=[])
    """Themes: a list of {slug, title, description, keywords}. Empty: the three defaults."""
    edit_url_base = c.Optional(c.Type(str))
    """Base URL for "Edit this briefing" links, e.g. https://github.com/org/repo/edit/main/."""
    latest = c.Type(int, default=10)
    """How many briefings the home page lists."""
    search = c.Type(bool, default=True)
    """Build the Pagefind search index after the site is written."""
    drafts = c.Choice(("auto", "include", "exclude"), default="auto")
    """Drafts: "auto" shows them in `mkdocs serve` and leaves them out of `mkdocs build`."""


class BriefingsPlugin(BasePlugin[BriefingsConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.corpus: Corpus | None = None
        self.themes: dict = {}
        self.is_serve = False
        self.script_patterns: tuple = ()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.is_serve = command == "serve"

    def on_config(self, config: Any) -> Any:
        self.root = Path(config.config_file_path or ".").parent
        # The plugin's template layer (header search form, feed link) sits between a
        # project's own custom_dir and Material's templates.
        if os.fspath(THEME_DIR) not in config.theme.dirs:
            config.theme.dirs.insert(1 if config.theme.custom_dir else 0, os.fspath(THEME_DIR))
        self.themes = {t.slug: t for t in themes_from_options(dict(self.config))}
        for name in PAGE_ASSETS:
            if name.endswith(".css") and name not in config.extra_css:
                config.extra_css.append(f"assets/briefings/{name}")
            if name.endswith(".js") and name not in [str(s) for s in config.extra_javascript]:
                config.extra_javascript.append(f"assets/briefings/{name}")
        return config

    def on_pre_build(self, *, config: Any) -> None:
        if self.is_serve:  # live preview: a changed raw article is re-ingested before the rebuild
            from ..preview import reingest_changed_seeds

            report = reingest_changed_seeds(self.root, self.config.briefings_dir)
            for line in (report.lines()[:-1] if report else []):
                log.info(line)

    def on_files(self, files: Files, *, config: Any) -> Files:
        include_drafts = self.config.drafts == "include" or (self.config.drafts == "auto" and self.is_serve)
        result = load_corpus(self.root, self.config, self.themes, include_drafts=include_drafts)
        for problem in result.problems:
            (log.warning if problem.severity in ("error", "warning") else log.info)(problem.format())
        for problem in corpus_problems(result.corpus, self.root / self.config.briefings_dir):
            log.warning(problem.format())
        self.corpus = corpus = result.corpus
        for name in ASSET_FILES:
            files.append(File.generated(config, f"assets/briefings/{name}", abs_src_path=os.fspath(ASSET_DIR / name)))
        for doc in corpus.docs.values():
            source = self.root / self.config.briefings_dir / f"{doc.slug}.md"
            f = File.generated(config, doc.src_uri, content=pages.briefing_markdown(doc, corpus, self.themes, edit_base=self._edit_base(config)))
            f.abs_src_path = None
            f.edit_uri = None
            f.briefing_source = os.fspath(source)  # type: ignore[attr-defined]
            files.append(f)
        files.append(File.generated(config, "themes/index.md", content=pages.themes_index_markdown(corpus, self.themes)))
        for theme in self.themes.values():
            files.append(File.generated(config, f"themes/{theme.slug}.md", content=pages.theme_hub_markdown(theme, corpus, self.themes)))
        files.append(File.generated(config, "glossary.md", content=pages.glossary_markdown(corpus)))
        files.append(File.generated(config, "entities.md", content=pages.entities_markdown(corpus)))
        files.append(File.generated(config, "archive.md", content=pages.archive_markdown(corpus, self.themes)))
        return files

    def on_page_markdown(self, markdown: str, *, page: Any, config: Any, files: Files) -> str:
        if FIELDS_MARKER in markdown or THEMES_MARKER in markdown:
            markdown = fill_markers(markdown, self.themes)
        if page.file.src_uri == "index.md" and self.corpus is not None:
            return markdown + pages.home_markdown(self.corpus, self.themes, self.config.latest)
        return markdown

    def on_page_content(self, html: str, *, page: Any, config: Any, files: Files) -> str:
        if self.corpus is None or not page.file.src_uri.startswith("briefings/"):
            return html
        doc = self.corpus.docs.get(Path(page.file.src_uri).stem)
        if doc is None:
            return html
        html = sanitise_html(html)
        html = link_bare_addresses(mark_glossary_terms(html, doc, self.corpus, page.file.src_uri))
        page.toc.items = briefing_toc(list(page.toc), html, proper_words(doc))
        return search_body(html)

    def on_env(self, env: Any, *, config: Any, files: Files) -> Any:
        # The theme's own inline scripts, as patterns: only these get a hash in the page's CSP.
        sources = (p.read_text(encoding="utf-8") for d in config.theme.dirs for p in sorted(Path(d).rglob("*.html")))
        self.script_patterns = template_patterns(sources)
        return env

    # `mkdocs serve` injects its live-reload script inline into every page, so the preview has no policy.
    def on_post_page(self, output: str, *, page: Any, config: Any) -> str:
        return output if self.is_serve else add_csp_meta(output, self.script_patterns)

    def on_post_template(self, output_content: str, *, template_name: str, config: Any) -> str:
        if self.is_serve or not template_name.endswith(".html"):
            return output_content
        return add_csp_meta(output_content, self.script_patterns)

    def _edit_base(self, config: Any) -> str | None:
        """Where "Edit this briefing" points: the plugin option, else the GitHub repository being built, else repo_url + edit_uri."""
        if self.config.edit_url_base:
            return self.config.edit_url_base
        github = [os.environ.get(k) for k in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_REF_NAME")]
        if all(github):  # built by GitHub Actions (the publish workflow): edit on the branch that was built
            return "{}/{}/edit/{}/".format(*github)
        if config.repo_url and config.edit_uri:
            docs_url = urljoin(config.repo_url.rstrip("/") + "/", config.edit_uri.strip("/") + "/")
            up = Path(os.path.relpath(self.root, config.docs_dir)).as_posix()
            return urljoin(docs_url, up + "/" if up != "." else "")
        return None

    def on_serve(self, server: Any, *, config: Any, builder: Any) -> Any:
        for folder in (self.root / self.config.briefings_dir, self.root / "seeds"):
            if folder.is_dir():
                server.watch(os.fspath(folder))
        return server

    def on_post_build(self, *, config: Any) -> None:
        site_dir = Path(config.site_dir)
        if self.corpus is not None:
            write_feed(site_dir, self.corpus, config)
            if self.config.search and not self.is_serve:
                try:
                    build_search_index(site_dir, str(config.theme.get("language") or "en").split("-")[0].split("_")[0])
                except RuntimeError as exc:
                    raise PluginError(str(exc)) from exc
