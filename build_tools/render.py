"""Briefing -> front-matter Markdown (`briefings/<slug>.md`).

The front matter carries the metadata and the analysis in a fixed key order
(documented in docs/writing-a-briefing.md); the body carries the full text
with a stable anchor on every paragraph (`{: #p-3 }`), headings, in-text
citations as links to the reference list, and the reference list with an
anchor on every entry (`{: #ref-weiss-2015 }`). All article text is escaped
(`markdown_text.escape_markdown`), so the file renders exactly what the
article says and nothing else.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

import yaml

from . import __version__
from .markdown_text import escape_inline, escape_markdown
from .model import Article, Briefing, Citation, Link, Paragraph, to_dict

_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's emitter when available
HASH_PLACEHOLDER = "sha256:" + "0" * 16
_HASH_LINE = re.compile(r"^(\s*hash:\s*)['\"]?(sha256:[0-9a-f]{16})['\"]?\s*$", re.M)
_LIST_MARKER = re.compile(r"^\s*(?:[-*•→▪◦‣–—·]|(\d{1,2})[.)]|([a-z])[.)]|\((\d{1,2}|[a-z])\))\s+")


def front_matter(briefing: Briefing) -> dict[str, Any]:
    """The front matter of a generated briefing, in its documented key order."""
    a, an = briefing.article, briefing.analysis
    data: dict[str, Any] = {
        "title": a.title,
        "subtitle": a.subtitle,
        "date": a.date,
        "type": a.kind,
        "authors": [_author(x) for x in a.authors],
        "publisher": a.publisher,
        "source_url": a.url,
        "doi": a.doi,
        "abstract": a.abstract,
        "keywords": list(a.keywords),
        "funding": a.funding,
        "provenance": list(a.provenance),
        "themes": to_dict(an.themes),
        "reading_time_minutes": an.reading_time_minutes,
        "summary": to_dict(an.summary),
        "key_points": to_dict(an.key_points),
        "glossary": to_dict(an.glossary),
        "entities": [{k: v for k, v in to_dict(e).items()} for e in an.entities],
        "paragraph_themes": to_dict(an.paragraph_themes),
        "inferred": ["type" if f == "kind" else f for f in a.inferred],
        "header_lines": list(a.metadata_lines),
        "diagnostics": [f"{d.severity}: line {d.line}: {d.message}" for d in a.diagnostics if d.severity != "info"],
        "generated": {"by": f"briefings {__version__}", "source": a.source, "source_sha256": None, "hash": HASH_PLACEHOLDER},
    }
    return {k: v for k, v in data.items() if v not in (None, [], "") or k in ("title", "generated")}


def _author(author: Any) -> dict[str, Any]:
    data = to_dict(author)
    return {k: v for k, v in data.items() if v not in (None, [], "")}


def render_body(article: Article) -> str:
    """The full text in Markdown: headings, anchored paragraphs, linked citations and links, anchored references."""
    by_paragraph: dict[str, list[Citation | Link]] = {}
    for span in (*article.citations, *article.links):
        by_paragraph.setdefault(span.paragraph, []).append(span)
    out: list[str] = []
    for section in article.sections:
        if section.heading:
            out.append(f"{'#' * max(2, min(section.level, 4))} {escape_inline(section.heading)}")
        for paragraph in section.paragraphs:
            out.append(render_paragraph(paragraph, by_paragraph.get(paragraph.id, [])))
    if article.references:
        out.append("## References {: #references }")
        for ref in article.references:
            out.append(f"{escape_markdown(ref.text)}\n{{: #{ref.id} .bf-ref }}")
    return "\n\n".join(out) + "\n"


def render_paragraph(paragraph: Paragraph, spans: list[Citation | Link]) -> str:
    """One paragraph with its anchor; lists become Markdown lists inside an anchored block."""
    if paragraph.kind == "list":
        items = []
        for line in paragraph.text.split("\n"):
            m = _LIST_MARKER.match(line)
            body = line[m.end():] if m else line
            marker = f"{m.group(1)}." if m and m.group(1) else "-"
            items.append(f"{marker} {escape_markdown(body)}")
        inner = "\n".join(items)
        return f'<div class="bf-list" id="{paragraph.id}" markdown>\n\n{inner}\n\n</div>'
    text = _with_links(paragraph.text, spans)
    if paragraph.kind == "quote":
        return f"> {text}\n> {{: #{paragraph.id} }}"
    return f"{text}\n{{: #{paragraph.id} }}"


_SAFE_URL = re.compile(r"^(?:https?://|mailto:)[^\s<>\"'`]+$", re.I)


def _with_links(text: str, spans: list[Citation | Link]) -> str:
    """Escaped text with citations linked to their reference and the original's links kept (http, https
    and mailto only; a span overlapping an earlier one is left as text)."""
    parts: list[str] = []
    pos = 0
    for span in sorted(spans, key=lambda s: (s.start, isinstance(s, Link))):
        if span.start < pos or span.end > len(text):
            continue
        target = f"#{span.reference}" if isinstance(span, Citation) and span.reference else None
        if isinstance(span, Link) and _SAFE_URL.match(span.url):
            target = f"<{span.url}>"
        parts.append(escape_markdown(text[pos:span.start]))
        label = escape_inline(text[span.start:span.end])
        parts.append(f"[{label}]({target})" if target else label)
        pos = span.end
    parts.append(escape_markdown(text[pos:]))
    return "".join(parts)


def dump_front_matter(data: dict[str, Any]) -> str:
    """YAML front matter; leaf collections in flow style ("- {paragraph: p-3, themes: [5g]}") keep long
    lists readable, and `generated` stays in block style so its hash line can be found and checked."""
    rest = {k: v for k, v in data.items() if k != "generated"}
    text = yaml.dump(rest, Dumper=_DUMPER, sort_keys=False, allow_unicode=True, width=120, default_flow_style=None)
    if "generated" in data:
        text += yaml.dump({"generated": data["generated"]}, Dumper=_DUMPER, sort_keys=False, allow_unicode=True, default_flow_style=False)
    return text


def render_briefing(briefing: Briefing, *, source_sha256: str | None = None) -> str:
    """The whole file, with `generated.hash` set to the hash of everything else in it."""
    data = front_matter(briefing)
    data["generated"]["source_sha256"] = source_sha256
    text = f"---\n{dump_front_matter(data)}---\n\n{render_body(briefing.article)}"
    return _HASH_LINE.sub(lambda m: m.group(1) + content_hash(text), text, count=1)


def content_hash(text: str) -> str:
    """Hash of a briefing file with its own recorded hash blanked out."""
    normalised = _HASH_LINE.sub(lambda m: m.group(1) + HASH_PLACEHOLDER, text, count=1)
    return "sha256:" + hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]


def recorded_hash(text: str) -> str | None:
    """The hash a generated file says it had, or None for a hand-written file."""
    m = _HASH_LINE.search(text.split("\n---", 2)[0] if text.startswith("---") else "")
    return m.group(2) if m else None


def is_untouched(text: str) -> bool:
    """True when a generated file is exactly as ingestion wrote it."""
    recorded = recorded_hash(text)
    return recorded is not None and recorded == content_hash(text)
