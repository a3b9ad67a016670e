"""An Atom feed of the briefings (newest first), deterministic for the same corpus: every date in it is a briefing's own date (an undated one takes the newest), never the build time."""

from __future__ import annotations

import os
import re
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from urllib.parse import quote
from xml.sax.saxutils import escape as _sax_escape

from ..corpus import Corpus
from ..fsutil import atomic_write

FEED_SIZE = 50
# Characters XML 1.0 forbids anywhere (even as references): C0 controls but tab/newline/CR, lone surrogates, U+FFFE/FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def escape(text: str) -> str:
    """Text safe both as XML content and inside a double-quoted attribute: illegal characters dropped, markup escaped."""
    return _sax_escape(_NOT_XML.sub("", str(text)), {'"': "&quot;"})


def _stamp(date: str) -> str:
    parts = date.split("-") + ["01", "01"]
    return f"{parts[0]}-{parts[1]}-{parts[2]}T00:00:00Z"


def _fallback_stamp() -> str:
    """For a feed with no dated briefing at all: the build's fixed time (SOURCE_DATE_EPOCH), else a constant; never 1970."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit() and int(epoch) > 0:
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return "2000-01-01T00:00:00Z"


def feed_xml(corpus: Corpus, site_url: str, site_name: str) -> str:
    base = site_url.rstrip("/") + "/" if site_url else "/"
    docs = sorted(corpus.docs.values(), key=lambda d: (d.date or "", d.slug), reverse=True)[:FEED_SIZE]
    dated = [d.date for d in docs if d.date]
    # An undated briefing carries the feed's own time (its newest briefing's date): Atom needs one, and a made-up 1970 is worse.
    updated = _stamp(max(dated)) if dated else _fallback_stamp()
    entries = []
    for d in docs:
        url = f"{base}briefings/{quote(d.slug)}/"
        authors = "".join(f"<author><name>{escape(a.name)}</name></author>" for a in d.authors)
        categories = "".join(f'<category term="{escape(t.theme)}"/>' for t in d.themes)
        entries.append(
            f"<entry><title>{escape(d.title)}</title><link href=\"{escape(url)}\"/><id>{escape(url)}</id>"
            f"<updated>{_stamp(d.date) if d.date else updated}</updated>{authors}{categories}<summary>{escape(d.dek or '')}</summary></entry>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{escape(site_name)}</title><link href=\"{escape(base)}\"/><link rel=\"self\" href=\"{escape(base)}feed.xml\"/>"
        f"<id>{escape(base)}</id><updated>{updated}</updated><author><name>{escape(site_name)}</name></author>{''.join(entries)}</feed>\n"
    )


def write_feed(site_dir: Path, corpus: Corpus, config: Any) -> None:
    atomic_write(site_dir / "feed.xml", feed_xml(corpus, config.site_url or "", config.site_name))
