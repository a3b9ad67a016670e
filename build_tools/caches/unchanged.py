"""What each generated page was made from, so `mkdocs serve --dirty` leaves an unchanged page as it was written.

`mkdocs serve` rebuilds the whole site after every saved file. With `--dirty`
MkDocs skips a page whose source file is older than its output; but the
briefing and corpus pages are generated, and a briefing page also shows its
neighbours (related briefings, backlinks, glossary tooltips), so MkDocs cannot
tell. `PageInputs` records, per generated page, a digest of everything its
output is made from:

- for every page: the site's fingerprint (configuration, code, docs, theme
  overrides), the analysis settings and the navigation, as one `site` digest;
- for a briefing page: its file (size, modification time, inode), its body
  as converted (wikilinks resolved, so a retitled target counts), and the
  titles, reasons and sentences its related briefings and backlinks show, and
  its glossary tooltips;
- for a corpus page (hub, archive, glossary, entities): its text.

A page whose digest equals the one recorded after the last good rebuild, and
whose output is on disk, is left as written. A failed rebuild forgets every
record, so the next one writes everything again.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..corpus import Corpus, Doc


def digest(*parts: str) -> str:
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()


def site_digest(fingerprint: str, settings: Any, nav: Iterable[tuple[str, str]], edit_base: str | None) -> str:
    """What every page shares: configuration and code (the fingerprint), analysis settings, the navigation, the edit link."""
    return digest(fingerprint, repr(settings), json.dumps(list(nav)), edit_base or "")


def file_stamp(path: str) -> str:
    try:
        st = os.stat(path)
    except OSError:
        return "missing"
    return f"{st.st_size}:{st.st_mtime_ns}:{st.st_ino}"


def briefing_digest(doc: Doc, corpus: Corpus, tooltips: dict[str, tuple[str, str]], source_stamp: str) -> str:
    """Everything a briefing page shows besides what the site digest covers."""
    related = [(r.doc.slug, r.doc.title, list(r.reasons)) for r in corpus.related.get(doc.slug) or ()]
    backlinks = [(b.source.slug, b.source.title, b.paragraph, b.sentence) for b in corpus.backlinks.get(doc.slug) or ()]
    return digest(source_stamp, doc.body.markdown, json.dumps([related, backlinks, sorted(tooltips.items())], ensure_ascii=False))


@dataclass
class PageInputs:
    """Digests of the generated pages of the last good rebuild and of the one under way (one `mkdocs serve`)."""

    site: str = ""
    pages: dict[str, tuple[str, str]] = field(default_factory=dict)  # src_uri -> (digest, output path) under way
    written: dict[str, tuple[str, str]] = field(default_factory=dict)  # the same, as the last good rebuild left them
    written_site: str | None = None

    def start(self) -> None:
        self.site, self.pages = "", {}

    def add(self, src_uri: str, page_digest: str, dest_path: str) -> None:
        self.pages[src_uri] = (page_digest, dest_path)

    def site_changed(self) -> bool:
        return self.site != self.written_site

    def unchanged(self, src_uri: str) -> bool:
        """True when the page would come out as the last good rebuild wrote it, and that output is still there."""
        now, before = self.pages.get(src_uri), self.written.get(src_uri)
        return (not self.site_changed() and now is not None and before is not None and now[0] == before[0]
                and os.path.isfile(now[1]))

    def finish(self) -> list[str]:
        """Record this rebuild as good; returns the output files of generated pages that are gone (to delete)."""
        gone = [dest for src_uri, (_, dest) in self.written.items() if src_uri not in self.pages]
        self.written, self.written_site = dict(self.pages), self.site
        return gone

    def forget(self) -> None:
        """After a failed rebuild nothing written can be trusted: the next rebuild writes every page."""
        self.written, self.written_site = {}, None
