"""The `briefings` MkDocs plugin: thin handlers that route to pure modules.

- on_config: read themes and the glossary; add the plugin's CSS and JS.
- on_files: load and validate `briefings/*.md` (bad files are reported and
  left out; the rest builds), build the corpus, and add every briefing and
  every corpus page (themes, glossary, entities, archive) as a generated file.
- on_nav: in `mkdocs build`, convert the briefing pages ahead in worker
  processes (convert_ahead.py); in `mkdocs serve --dirty`, say which generated
  pages can be left as written.
- on_page_markdown: append the home listing to docs/index.md; for a briefing,
  take the page a worker converted, or make its header and related parts and
  look its finished page up in the page cache (a hit skips conversion and
  templates, see page_cache.py).
- on_page_content: join the header and related parts to the converted body,
  mark glossary terms on first use, link bare reference addresses, mark the
  page for the search index, rebuild the table of contents.
- on_page_context / on_template_context: render the theme's inline scripts for the page (their hashes go in its CSP).
- on_post_page / on_post_template: add the Content-Security-Policy <meta> (in `mkdocs serve` too);
  keep the finished briefing page in the page cache.
- on_env: every page is converted: start indexing the briefings for search
  beside the rest of the build (the index of the same pages is reused).
- on_post_build: write the Atom feed; put the search index in the site;
  prune the caches.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import gc
import hashlib
import json
import os
import re
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import urljoin

import mkdocs
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import get_toc

from ..caches.same_object import SameObjectMemo
from ..check import corpus_problems
from ..config import settings_from_options
from ..corpus import Corpus, Doc
from ..fsutil import TEMP_PREFIX, PathEscapeError, refuse_symlink
from ..site import pages
from .assets import ASSET_DIR, ASSET_FILES, PAGE_STYLES, THEME_DIR
from .convert_ahead import ConvertedPage, can_convert_ahead, convert_ahead
from ..site.csp import ScriptRenderer, add_csp_meta, template_scripts
from ..site.docs_tables import FIELDS_MARKER, THEMES_MARKER, fill_markers
from ..site.feed import write_feed
from ..loader import DocMemo, load_corpus
from ..caches.templates import TemplateCodeCache, template_code_on_disk
from ..caches.unchanged import PageInputs, briefing_digest, digest, file_stamp, site_digest
from ..caches.pages import CachedPage, PageCache, page_key, page_links, site_fingerprint
from ..markdown_ext import BlockReader, BriefingsExtension, PageMarks
from ..site.marks import glossary_tooltips, page_marks
from ..site.templates import environment
from ..site.toc import briefing_toc, proper_words
from ..site.sanitise import sanitise_html
from ..site.shared_parts import SharedParts, theme_loader_with_material
from ..site.search import SearchIndexer, plan_shards, search_document, write_search_document

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

log = get_plugin_logger(__name__)
# A page whose finished HTML comes from the page cache skips conversion by replacing `Page.render`,
# which `mkdocs build` calls as `page.render(config, files)` in MkDocs 1.6; other versions convert every page.
_CAN_SKIP_RENDER = tuple(int(x) for x in mkdocs.__version__.split(".")[:2]) == (1, 6)
CACHED_TEMPLATE = "briefings-cached.html"  # writes a cached page as it is (theme/briefings-cached.html)
_ID = re.compile(r'\bid="([^"]+)"')
# Workers that convert briefing pages ahead: each holds what it touches of the build's memory (copied on write).
MAX_CONVERT_WORKERS = 8


class _GeneratedPage(File):
    """A briefing or corpus page made in memory; `mkdocs serve --dirty` leaves it as written while `unchanged`."""

    unchanged = False  # set in on_nav from the page's inputs (caches/unchanged.py)

    def is_modified(self) -> bool:
        return not self.unchanged and super().is_modified()


@dataclass
class _BriefingWork:
    """What the page events of one briefing share, from on_page_markdown to on_post_page."""

    doc: Doc
    key: str  # the page cache key of its finished page
    parts: pages.BriefingPage | None = None  # None: converted ahead, in a worker
    marks: PageMarks | None = None
    cached: CachedPage | None = None
    converted: ConvertedPage | None = None  # what a worker made of it (convert_ahead.py)
    search: str = ""  # what the search index reads of it (site/search.py)
    links_to_anchors: dict[Any, dict[str, str]] = field(default_factory=dict)  # of a cached page, for MkDocs' anchor check


class ThemeConfig(base.Config):
    """One theme of the site: its slug (the hub's path), title, description and signal phrases."""

    slug = c.Type(str)
    """Required: a short lowercase name used in paths and front matter, e.g. `export-controls`."""
    title = c.Optional(c.Type(str))
    """Shown on hubs and chips (default: the slug, or the default theme's title)."""
    description = c.Optional(c.Type(str))
    """What the theme covers; also read by theme assignment."""
    keywords = c.ListOfItems(c.Type(str), default=[])
    """Phrases that signal the theme (default: the default theme's, for its slug)."""

    def post_validation(self, *args: Any, **kwargs: Any) -> None:
        if self.slug is None:
            raise ValidationError("'slug' is required: a short lowercase name for the theme, e.g. 'export-controls'")
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", self.slug or ""):
            raise ValidationError(f"slug {self.slug!r} must be lowercase letters, digits and hyphens, e.g. 'export-controls'")


class BriefingsConfig(base.Config):
    """Options of the `briefings` plugin in mkdocs.yml."""

    briefings_dir = c.Type(str, default="briefings")
    """Folder of briefing files, relative to mkdocs.yml."""
    glossary = c.Type(str, default="glossary.yml")
    """Curated glossary file (wins over extracted terms), relative to mkdocs.yml."""
    themes = c.ListOfItems(c.SubConfig(ThemeConfig), default=[])
    """Themes: a list of {slug, title, description, keywords}. Empty: the three defaults."""
    edit_url_base = c.Optional(c.Type(str))
    """Base URL for "Edit this briefing" links, e.g. https://github.com/org/repo/edit/main/ (else repo_url + edit_uri)."""
    latest = c.Type(int, default=10)
    """How many briefings the home page lists."""
    listing_page_size = c.Type(int, default=50)
    """Briefings per page on theme hubs and the archive (more make further pages: themes/5g/2/, archive/2/)."""
    search = c.Type(bool, default=True)
    """Build the Pagefind search index after the site is written."""
    search_shard_pages = c.Type(int, default=1000)
    """About this many briefings per search index shard (Pagefind needs about 0.65 MB of memory per page)."""
    drafts = c.Choice(("auto", "include", "exclude"), default="auto")
    """Drafts: "auto" shows them in `mkdocs serve` and leaves them out of `mkdocs build`."""
    preview_watch = c.Choice(("events", "polling"), default="events")
    """How `mkdocs serve` notices a saved file: the system's change events (at once), or MkDocs' poll every 0.5 s
    (for folders on network drives and other file systems that send no events)."""


class BriefingsPlugin(BasePlugin[BriefingsConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.corpus: Corpus | None = None
        self.themes: dict = {}
        self.is_serve = False
        self.render_scripts = ScriptRenderer((), None)
        self.template_code = TemplateCodeCache()  # compiled templates, reused by every rebuild of `mkdocs serve`
        self.seeds_stamp: tuple | None = None  # the raw articles as the last re-ingest left them (`mkdocs serve`)
        self.serve_pages: PageCache | None = None  # `mkdocs serve` keeps one page cache, its pages in memory, between rebuilds
        self.doc_memo = DocMemo()  # briefings loaded by an earlier rebuild of `mkdocs serve`, reused while unchanged
        self.derived = SameObjectMemo()  # what the corpus views and listing cards made from those briefings, likewise
        self.page_scripts: dict[str, tuple[str, ...]] = {}  # src_uri or template name -> the theme's scripts rendered for it
        self.work: dict[str, _BriefingWork] = {}
        self.converted: dict[str, ConvertedPage] = {}  # src_uri -> briefing page converted ahead by a worker
        self.search_texts: dict[str, str] = {}  # src_uri -> what the search index read of a page converted ahead
        self.search_indexer: SearchIndexer | None = None  # builds the search index beside the page writes (on_env)
        self.sharing_pages: frozenset[str] = frozenset()  # briefing pages outside the navigation: they share theme parts
        self.fingerprint = ""
        self.reused = 0
        self.written = 0  # briefing pages written by this build
        self.corpus_html: dict[str, str] = {}  # src_uri -> HTML joined after the page's Markdown is converted
        self.converting: PageMarks | None = None  # what the briefing being converted adds to its body (markdown_ext)
        self.dirty = False  # `mkdocs serve --dirty` (make serve): unchanged generated pages are left as written
        self.inputs = PageInputs()  # what each generated page was made from, by the last good rebuild and this one
        self.left_as_written = 0
        self.build_started = time.monotonic()

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        """Note whether this is a live preview (drafts, CSP for the reload script, one process)."""
        self.is_serve = command == "serve"
        self.dirty = self.is_serve and dirty

    @event_priority(-50)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Late, so the body reader is set up with every Markdown extension other plugins add."""
        self.build_started = time.monotonic()  # the build's first event: `mkdocs serve` logs each rebuild's time from here
        self.root = Path(config.config_file_path or ".").parent
        self.config_path = Path(config.config_file_path) if config.config_file_path else self.root / "mkdocs.yml"
        for folder, what in ((Path(config.site_dir), "the build"), (self.root / ".briefings-cache", "the cache prune")):
            try:
                refuse_symlink(folder, what)
            except PathEscapeError as exc:
                raise PluginError(f"briefings: {exc}") from exc
        for option in ("listing_page_size", "search_shard_pages"):
            if self.config[option] < 1:
                raise PluginError(f"briefings: '{option}' must be 1 or more, not {self.config[option]}")
        # The plugin's template layer (header search form, feed link) sits between a
        # project's own custom_dir and Material's templates.
        if os.fspath(THEME_DIR) not in config.theme.dirs:
            config.theme.dirs.insert(1 if config.theme.custom_dir else 0, os.fspath(THEME_DIR))
        self.settings = settings_from_options(dict(self.config), self.config_path)  # once per build, for every step
        self.themes = {t.slug: t for t in self.settings.themes}
        if not self.is_serve and not os.environ.get("SITE_URL"):
            log.info(f"SITE_URL is not set: the feed, sitemap, canonical links and the 404 page use {config.site_url}, "
                     "for local preview only; set SITE_URL to the address the site is published at.")
        # One Markdown pass: the body's anchors, glossary marks and reference links are made on its element tree.
        config.markdown_extensions.append(BriefingsExtension(marks=lambda: self.converting))
        self.templates = environment(config.theme.custom_dir)  # the page parts' templates, the site's overrides first
        self.block_reader = BlockReader([e for e in config.markdown_extensions if isinstance(e, str)], config.mdx_configs)
        for name in PAGE_STYLES:
            if f"assets/briefings/{name}" not in config.extra_css:
                config.extra_css.append(f"assets/briefings/{name}")
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """In `mkdocs serve`, re-ingest changed raw articles before the files are gathered."""
        if self.is_serve:  # live preview: a changed raw article is re-ingested before the rebuild
            from ..preview import changed_seeds, reingest_changed_seeds, seeds_stamp

            stamp = seeds_stamp(self.root, self.config.briefings_dir)
            if stamp == self.seeds_stamp:  # no raw article (nor the configuration) changed since the last rebuild
                return
            # The saved raw article alone, when that is all that changed: the whole folder's check costs 0.25 s at N=1,000.
            report = reingest_changed_seeds(self.root, self.config.briefings_dir, config_path=self.config_path, settings=self.settings,
                                            only=changed_seeds(self.seeds_stamp, stamp, self.root / "seeds"))
            for line in (report.lines()[:-1] if report else []):
                log.info(line)
            self.seeds_stamp = seeds_stamp(self.root, self.config.briefings_dir)

    @event_priority(50)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Early, so plugins after this one see the briefings and corpus pages as files."""
        include_drafts = self.config.drafts == "include" or (self.config.drafts == "auto" and self.is_serve)
        # `mkdocs serve` runs a server thread beside the build, and forking a threaded process is unsafe: one process there.
        workers = 1 if self.is_serve else (os.cpu_count() or 1)
        derived = self.derived if self.is_serve else None  # what this rebuild makes from unchanged briefings, kept for the next
        if derived is not None:
            derived.start()
        result = load_corpus(self.root, self.config, self.themes, include_drafts=include_drafts, workers=workers,
                             settings=self.settings, block_reader=self.block_reader, memo=self.doc_memo if self.is_serve else None,
                             derived=derived)
        for problem in result.problems:
            (log.warning if problem.severity in ("error", "warning") else log.info)(problem.format())
        for problem in corpus_problems(result.corpus, self.root / self.config.briefings_dir):
            log.warning(problem.format())
        self.corpus = corpus = result.corpus
        cache_dir = self.root / ".briefings-cache"
        if self.is_serve:
            self.serve_pages = self.serve_pages or PageCache(cache_dir / "pages", in_memory=True)
            self.page_cache = self.serve_pages
        else:
            self.page_cache = PageCache(cache_dir / "pages")
        self.fingerprint = site_fingerprint(config, code_dir=Path(__file__).resolve().parent.parent, mode="serve" if self.is_serve else "build")
        self.work, self.reused, self.corpus_html, self.converted = {}, 0, {}, {}
        self.written, self.search_indexer, self.search_texts = 0, None, {}
        for name in ASSET_FILES:
            files.append(File.generated(config, f"assets/briefings/{name}", abs_src_path=os.fspath(ASSET_DIR / name)))
        self.inputs.start()
        for doc in corpus.docs.values():
            source = self.root / self.config.briefings_dir / f"{doc.slug}.md"
            f = _GeneratedPage.generated(config, doc.src_uri, content=pages.briefing_markdown(doc))
            f.abs_src_path = None
            f.edit_uri = None
            f.briefing_source = os.fspath(source)  # type: ignore[attr-defined]
            files.append(f)
            if self.dirty:
                made_from = briefing_digest(doc, corpus, glossary_tooltips(doc, corpus), file_stamp(os.fspath(source)))
                self.inputs.add(doc.src_uri, made_from, f.abs_dest_path)
        files.append(self._corpus_page(config, "themes/index.md", pages.themes_index_markdown(corpus, self.themes)))
        per_page = self.config.listing_page_size
        for theme in self.themes.values():
            for src_uri, text in pages.theme_hub_pages(theme, corpus, self.themes, per_page, memo=derived):
                files.append(self._corpus_page(config, src_uri, text))
        files.append(self._corpus_page(config, "glossary.md", pages.glossary_markdown(corpus)))
        files.append(self._corpus_page(config, "entities.md", pages.entities_markdown(corpus)))
        for src_uri, text in pages.archive_pages(corpus, self.themes, per_page, memo=derived):
            files.append(self._corpus_page(config, src_uri, text))
        return files

    def _corpus_page(self, config: MkDocsConfig, src_uri: str, text: str) -> File:
        """A corpus page is a '# Title' line and HTML: only the title goes through Markdown, the HTML is joined after."""
        title, _, html = text.partition("\n")
        self.corpus_html[src_uri] = html
        f = _GeneratedPage.generated(config, src_uri, content=title + "\n")
        if self.dirty:
            self.inputs.add(src_uri, digest(text), f.abs_dest_path)
        return f

    @event_priority(-100)
    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Last, once the navigation is final: in `mkdocs build`, convert the briefing pages ahead on every core;
        in `mkdocs serve --dirty`, say which pages can be left as written."""
        in_nav = {page.file.src_uri for page in nav.pages}
        briefings = (doc.src_uri for doc in self.corpus.docs.values()) if self.corpus is not None else ()
        self.sharing_pages = frozenset(uri for uri in briefings if uri not in in_nav)
        if self.corpus is not None and not self.is_serve:
            uris = [doc.src_uri for doc in self.corpus.docs.values()]
            workers = _usable_cores(MAX_CONVERT_WORKERS)
            # A rebuild that finds this site's pages in the page cache converts the few that changed in MkDocs' loop.
            warm = self.page_cache.holds_site(self.fingerprint)
            if workers > 1 and not warm and can_convert_ahead(config, self, len(uris)):
                # Each worker also writes its pages' search documents, for Pagefind to read once every page is converted.
                staged = self.root / ".briefings-cache" / "search" / f"{TEMP_PREFIX}ahead" if self.config.search else None
                after = functools.partial(_write_search_document, staged, _language(config)) if staged else None
                if staged:
                    shutil.rmtree(staged, ignore_errors=True)
                self.converted = convert_ahead(uris, config, files, workers, key_of=self._key_if_converted, after=after)
                log.info(f"{len(self.converted)} briefing pages converted ahead in {workers} processes")
                if staged and len(self.converted) == len(uris):
                    self._start_search_index_ahead(config, files, staged)
                elif staged:
                    shutil.rmtree(staged, ignore_errors=True)
        if not self.dirty or self.corpus is None:
            return nav
        self.inputs.site = site_digest(self.fingerprint, self.settings, _nav_entries(nav.items), self._edit_base(config))
        home = files.get_file_from_path("index.md")
        if home is not None:
            self.corpus_html["index.md"] = pages.home_markdown(self.corpus, self.themes, self.config.latest)  # on_page_markdown uses it
            self.inputs.add("index.md", digest(self.corpus_html["index.md"]), home.abs_dest_path)
        self.left_as_written = 0
        for f in files.documentation_pages():
            if isinstance(f, _GeneratedPage):
                f.unchanged = self.inputs.unchanged(f.src_uri)
                self.left_as_written += f.unchanged
            elif (self.inputs.site_changed() or (f is home and not self.inputs.unchanged("index.md"))) and os.path.isfile(f.abs_dest_path):
                os.remove(f.abs_dest_path)  # MkDocs' --dirty rewrites a page whose output is missing (the home page lists the corpus)
        return nav

    @event_priority(-50)
    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Late, after other plugins rewrite Markdown: the page cache key covers the Markdown that is converted."""
        if FIELDS_MARKER in markdown or THEMES_MARKER in markdown:
            markdown = fill_markers(markdown, self.themes)
        if page.file.src_uri == "index.md" and self.corpus is not None:
            if "index.md" not in self.corpus_html:  # on_nav made it already in `mkdocs serve --dirty`
                self.corpus_html["index.md"] = pages.home_markdown(self.corpus, self.themes, self.config.latest)
            return markdown
        doc = self._briefing(page)
        if doc is None or self.corpus is None:
            return markdown
        converted = self.converted.pop(page.file.src_uri, None)
        if converted is not None:  # made by a worker (on_nav): say what it logged, and take its result as the page's
            converted.replay_log()
            self.work[page.file.src_uri] = _BriefingWork(doc, converted.key, converted=converted,
                                                         search=self.search_texts.pop(page.file.src_uri, ""))
            page.render = functools.partial(_converted_ahead, page, converted)
            self.converting = None
            return markdown
        parts = pages.briefing_page(doc, self.corpus, self.themes, edit_base=self._edit_base(config), templates=self.templates)
        tooltips = glossary_tooltips(doc, self.corpus)
        meta = json.dumps(page.meta, sort_keys=True, default=str)
        key = page_key(self.fingerprint, page.file.src_uri, meta, markdown, parts.header, parts.before, parts.after,
                       json.dumps(tooltips, sort_keys=True))
        work = self.work[page.file.src_uri] = _BriefingWork(doc, key, parts, page_marks(doc, tooltips))
        links = page_links(page.file.src_uri, markdown)
        if _CAN_SKIP_RENDER and all(files.get_file_from_path(target) for target, _, _ in links):
            work.cached = self.page_cache.get(key)
        if work.cached is None:
            self.converting = work.marks  # read by markdown_ext while MkDocs converts this page, right after this event
            return markdown
        self.reused += 1
        # A finished page: nothing to convert (not even an empty text: MkDocs would still set up
        # Python-Markdown with every extension), and its template writes it as it was.
        page.meta["template"] = CACHED_TEMPLATE
        page.briefings_output = work.cached.output
        page.render = functools.partial(_nothing_to_convert, page)
        for target, anchor, written in links:
            if anchor:
                work.links_to_anchors.setdefault(files.get_file_from_path(target), {})[anchor] = written
        return ""

    @event_priority(-100)
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Last, so the sanitiser sees what every plugin added and nothing after it turns text into markup."""
        # Whatever carries corpus text is sanitised last, so no step after it can turn text into markup;
        # the project's own docs pages (search.md loads Pagefind's script) are the project's, and kept as written.
        listing = self.corpus_html.pop(page.file.src_uri, None)
        if listing is not None:  # links to its anchors are checked as if it had been Markdown
            page.present_anchor_ids = (page.present_anchor_ids or set()) | set(_ID.findall(listing))
            return html + sanitise_html(listing)
        self.converting = None
        work = self.work.get(page.file.src_uri)
        if work is None or self.corpus is None:
            return html
        if work.cached is not None:  # a finished page (sanitised when it was made); links are checked as if it had been rendered
            page.present_anchor_ids = set(work.cached.anchors)
            page.links_to_anchors = work.links_to_anchors
            return html
        if work.converted is not None or work.parts is None:  # a worker ran this event already (the page's render set the result)
            return html
        page.toc.items = briefing_toc(list(page.toc), work.parts.sections, proper_words(work.doc))
        html = work.parts.html(html, pages.contents_for(page.toc.items))  # phones: the sidebar's contents, folded at the top
        page.present_anchor_ids = (page.present_anchor_ids or set()) | set(_ID.findall(work.parts.header + work.parts.before + work.parts.after))
        return sanitise_html(pages.search_body(html))

    def _key_if_converted(self, src_uri: str) -> str | None:
        """In a convert_ahead worker, once a page's events ran: its page cache key, or None if the cache had the finished page."""
        work = self.work.get(src_uri)
        return work.key if work is not None and work.cached is None else None

    def _briefing(self, page: Page) -> Doc | None:
        if self.corpus is None or not page.file.src_uri.startswith("briefings/"):
            return None
        return self.corpus.docs.get(Path(page.file.src_uri).stem)

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """Find the theme's inline scripts once per build (their hashes go in each page's CSP); in serve, keep compiled templates."""
        # Compiled theme templates are kept: in memory between the rebuilds of `mkdocs serve`, on disk between builds
        # (Jinja checks each template's source checksum on load, so an edited template is compiled afresh).
        env.bytecode_cache = self.template_code if self.is_serve else template_code_on_disk(self.root / ".briefings-cache" / "templates")
        # Material's navigation, tabs and config script, rendered once for all briefing pages (site/shared_parts.py);
        # theme/partials/nav.html wraps Material's own partial, which it reaches as "material/partials/nav.html".
        env.globals["briefings_shared_part"] = SharedParts(self.sharing_pages)
        dirs = config.theme.dirs
        env.loader = theme_loader_with_material(env.loader, dirs[dirs.index(os.fspath(THEME_DIR)) + 1:] if os.fspath(THEME_DIR) in dirs else [])
        # The theme's own inline scripts: rendered with each page's context, only these get a hash in its CSP.
        sources = (p.read_text(encoding="utf-8") for d in config.theme.dirs for p in sorted(Path(d).rglob("*.html")))
        self.render_scripts = ScriptRenderer(template_scripts(sources), env)  # this build's configuration
        if self.config.search and not self.is_serve and self.corpus is not None and self.search_indexer is None:
            self._start_search_index(config, files)
        return env

    def _start_search_index(self, config: MkDocsConfig, files: Files) -> None:
        """Every briefing page is converted: hand them to Pagefind now, so it indexes them while MkDocs writes the site
        (from on_nav when workers converted every one, else from on_env)."""
        language = _language(config)
        documents: dict[str, str] = {}
        for src_uri, work in self.work.items():
            file = files.get_file_from_path(src_uri)
            page = file.page if file is not None else None
            if page is None:
                continue
            if work.cached is not None:
                work.search = work.cached.search
            elif not work.search:
                work.search = search_document(str(page.title or ""), page.content or "", language)
            documents[file.dest_uri] = work.search
        self._index(documents, language)

    def _start_search_index_ahead(self, config: MkDocsConfig, files: Files, staged: Path) -> None:
        """Workers converted every briefing page (on_nav) and wrote their search documents under `staged`: Pagefind
        starts now, beside the rest of MkDocs' loops."""
        language = _language(config)
        documents: dict[str, str] = {}
        for src_uri, converted in self.converted.items():
            file = files.get_file_from_path(src_uri)
            if file is not None:
                self.search_texts[src_uri] = documents[file.dest_uri] = search_document(converted.page_title, converted.content, language)
        self._index(documents, language, staged)

    def _index(self, documents: dict[str, str], language: str, staged: Path | None = None) -> None:
        """Plan the index's shards; a one-shard index starts now. A larger corpus's shards wait for on_post_build:
        Pagefind (about 0.65 MB a page) then runs after MkDocs has let go of the pages it holds until they are written."""
        indexed = {uri: hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest() for uri, text in documents.items()}
        shards = plan_shards(indexed, self.config.search_shard_pages, json.dumps([self.fingerprint, language]))
        # Staged here, before any thread starts: a thread writing a thousand files beside MkDocs' loop waits for the GIL
        # at every file, and Pagefind started 1.8 s later (N=1,000).
        self.search_indexer = SearchIndexer(self.root / ".briefings-cache" / "search", language, shards, documents, staged).park()
        if len(shards) == 1:
            self.search_indexer.start()

    @event_priority(-100)
    def on_page_context(self, context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
        """Last, so the theme's scripts are rendered with the context the page is rendered with."""
        self.page_scripts[page.file.src_uri] = self.render_scripts(context)
        return context

    @event_priority(-100)
    def on_template_context(self, context: dict[str, Any], *, template_name: str, config: MkDocsConfig) -> dict[str, Any]:
        """Last, as on_page_context, for pages made from a template alone (404, sitemap)."""
        self.page_scripts[template_name] = self.render_scripts(context)
        return context

    @event_priority(-100)
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Last: the CSP (in `mkdocs serve` too) covers the page as written, and the page cache keeps it finished."""
        work = self.work.pop(page.file.src_uri, None)
        scripts = self.page_scripts.pop(page.file.src_uri, ())
        if work is None or work.cached is None:
            output = add_csp_meta(output, scripts, config.site_url)
        if work is not None:
            if work.cached is None:
                self.page_cache.put(work.key, CachedPage(output, tuple(page.present_anchor_ids or ()), work.search))
            self.written += 1
            # MkDocs keeps every page until the build ends; a written briefing's text is not needed again.
            page.content = page.markdown = None
            page.file.content_string = ""
        return output

    @event_priority(-100)
    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        """Last, as on_post_page, for pages made from a template alone."""
        scripts = self.page_scripts.pop(template_name, ())
        if not template_name.endswith(".html"):
            return output_content
        return add_csp_meta(output_content, scripts, config.site_url)

    def _edit_base(self, config: MkDocsConfig) -> str | None:
        """Where "Edit this briefing" points: the plugin's `edit_url_base` (mkdocs.yml sets it from the environment
        with !ENV), else MkDocs' own repo_url + edit_uri, else nowhere."""
        if self.config.edit_url_base:
            return self.config.edit_url_base
        if config.repo_url and config.edit_uri:
            docs_url = urljoin(config.repo_url.rstrip("/") + "/", config.edit_uri.strip("/") + "/")
            up = Path(os.path.relpath(self.root, config.docs_dir)).as_posix()
            return urljoin(docs_url, up + "/" if up != "." else "")
        return None

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        """Allow the live-reload script in the preview's CSP, and rebuild when a briefing or a raw article changes."""
        from ..preview import allow_live_reload, watch_with_change_events

        allow_live_reload(server)
        for folder in (self.root / self.config.briefings_dir, self.root / "seeds"):
            if folder.is_dir():
                server.watch(os.fspath(folder))
        if self.config.preview_watch == "events":
            said = watch_with_change_events(server)
            if said:
                log.info(said)
        return server

    @event_priority(-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Last, after every plugin has written its files: the feed, then the search index of the finished site."""
        site_dir = Path(config.site_dir)
        if self.corpus is None:
            return
        write_feed(site_dir, self.corpus, config)
        if self.dirty:
            for stale in self.inputs.finish():  # the page of a briefing that is gone
                with contextlib.suppress(FileNotFoundError):
                    os.remove(stale)
        self.corpus, self.work, self.corpus_html = None, {}, {}
        search = "off"
        indexer, self.search_indexer = self.search_indexer, None
        if indexer is not None:
            _return_freed_memory()  # before Pagefind needs the most (a one-shard index has been running since on_env)
            try:
                reused = (indexer if indexer.started else indexer.start()).finish(site_dir)
            except RuntimeError as exc:
                raise PluginError(str(exc)) from exc
            shards = len(indexer.shards)
            search = ("reused" if reused == shards else "built") + (f" ({reused} of {shards} shards reused)" if shards > 1 else "")
        # MkDocs never logs the same message twice, so its "Documentation built in 0.17 seconds" is missing after any
        # rebuild that took as long as an earlier one: in `mkdocs serve` every rebuild says its time here.
        took = f"; built in {time.monotonic() - self.build_started:.2f} s" if self.is_serve else ""
        if self.left_as_written:  # pages left as written used no cache entry: prune after a rebuild that writes them all
            log.info(f"{self.left_as_written} generated pages unchanged, left as written; {self.reused} of {self.written} "
                     f"briefing pages written reused from the page cache{took}")
            return
        self.page_cache.prune(None if self.is_serve else self.fingerprint)
        log.info(f"{self.reused} of {self.written} briefing pages reused from the page cache; search index {search}{took}")

    def on_build_error(self, *, error: Exception) -> None:
        """A failed build stops the search index being made beside it; a failed rebuild of `mkdocs serve --dirty` may
        have written some pages: the next one writes every page."""
        indexer, self.search_indexer = self.search_indexer, None
        if indexer is not None:
            indexer.cancel()
        self.inputs.forget()


def _usable_cores(cap: int) -> int:
    """The cores this process may run on (a container's share, not the host's), at most `cap`."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not Linux
        cores = os.cpu_count() or 1
    return max(1, min(cap, cores))


def _write_search_document(folder: Path, language: str, page: Page, converted: ConvertedPage) -> None:
    """In a convert_ahead worker: the page's search document at its path under `folder` (the parent writes any that fail)."""
    with contextlib.suppress(OSError, ValueError):
        write_search_document(folder, page.file.dest_uri, search_document(converted.page_title, converted.content, language))


def _language(config: MkDocsConfig) -> str:
    """The site's language as Pagefind takes it: `en` of `en-GB`."""
    return str(config.theme.get("language") or "en").split("-")[0].split("_")[0]


def _nav_entries(items: list[Any]) -> Iterator[tuple[str, str]]:
    """(title, url) of every navigation entry, sections first, in order."""
    for item in items:
        yield (str(item.title), str(getattr(item, "url", "") or ""))
        yield from _nav_entries(getattr(item, "children", None) or [])


def _converted_ahead(page: Page, converted: ConvertedPage, config: MkDocsConfig, files: Files) -> None:
    """`Page.render` for a page a worker converted (convert_ahead.py)."""
    converted.apply(page, files)


def _nothing_to_convert(page: Page, config: MkDocsConfig, files: Files) -> None:
    """`Page.render` for a page whose finished HTML comes from the page cache."""
    page.content = ""
    page.toc = get_toc([])


def _return_freed_memory() -> None:
    """Collect garbage and hand freed heap pages back to the system (glibc's malloc_trim; elsewhere a no-op)."""
    gc.collect()
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError, TypeError):  # not glibc (macOS has no malloc_trim; Windows no CDLL(None))
        pass
