"""A briefing as a citation: APA, BibTeX and RIS, and the "Cite this briefing" block that offers them."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .templates import render
from .text import date_label, plain

if TYPE_CHECKING:
    from jinja2 import Environment

    from ..corpus import Doc


def _bib_key(doc: Doc) -> str:
    first = doc.authors[0].name.split()[-1] if doc.authors and doc.authors[0].name.split() else "anon"
    year = re.sub(r"\D", "", (doc.date or "")[:4]) or "nd"
    return (re.sub(r"[^A-Za-z0-9]", "", first.lower()) or "anon") + year


def apa_name(name: str) -> str:
    """"Andrei O. Bezrukov" -> "Bezrukov, A. O."; a one-word name (an organisation) stays as it is."""
    words = name.split()
    if len(words) < 2:
        return name.strip()
    initials = " ".join(w[0] + "." for w in words[:-1] if w[0].isalpha())
    return f"{words[-1]}, {initials}" if initials else name.strip()


def citation_apa(doc: Doc) -> str:
    names = [apa_name(" ".join(a.name.split())) for a in doc.authors]
    if len(names) > 1:
        who = ", ".join(names[:-1]) + ", & " + names[-1]
    else:
        who = names[0] if names else plain(doc.publisher or "")
    year = doc.date[:4] if doc.date else "n.d."
    date = date_label(doc.date).split(" ")
    when = year if len(date) < 3 else f"{year}, {date[1]} {date[0]}"
    title = plain(doc.title).rstrip(".")
    # With no author, APA moves the title to the author's place.
    out = f"{who} ({when}). {title}." if who else f"{title}. ({when})."
    if doc.publisher and names:
        out += f" {plain(doc.publisher)}."
    link = f"https://doi.org/{doc.doi}" if doc.doi else doc.source_url
    return " ".join((out + (f" {link}" if link else "")).split())


def _bib(text: str) -> str:
    text = " ".join(plain(text).split())
    return re.sub(r"([{}\\&%$#_])", r"\\\1", text)


def citation_bibtex(doc: Doc) -> str:
    journal = doc.type == "journal article"
    fields = [("title", _bib(doc.title))]
    if doc.authors:
        fields.append(("author", " and ".join(_bib(a.name) for a in doc.authors)))
    if doc.date:
        fields.append(("year", doc.date[:4]))
    if doc.publisher:
        fields.append(("journal" if journal else "publisher", _bib(doc.publisher)))
    if doc.doi:
        fields.append(("doi", _bib(doc.doi)))
    if doc.source_url:
        fields.append(("url", " ".join(doc.source_url.split())))
    body = "".join(f"  {k} = {{{v}}},\n" for k, v in fields)
    return f"@{'article' if journal else 'misc'}{{{_bib_key(doc)},\n{body}}}"


def citation_ris(doc: Doc) -> str:
    lines = [f"TY  - {'JOUR' if doc.type == 'journal article' else 'ELEC'}"]
    lines += [f"AU  - {' '.join(a.name.split())}" for a in doc.authors]
    lines.append(f"TI  - {plain(doc.title)}")
    if doc.date:
        lines.append(f"PY  - {doc.date[:4]}")
        lines.append(f"DA  - {doc.date.replace('-', '/')}")
    if doc.publisher:
        lines.append(f"{'JO' if doc.type == 'journal article' else 'PB'}  - {plain(doc.publisher)}")
    if doc.doi:
        lines.append(f"DO  - {' '.join(doc.doi.split())}")
    if doc.source_url:
        lines.append(f"UR  - {' '.join(doc.source_url.split())}")
    lines.append("ER  - ")
    return "\n".join(lines)


def cite_html(doc: Doc, templates: Environment | None = None) -> str:
    """Raw HTML (never parsed as Markdown, so no field can end a code fence): three formats as tabs, each with a copy button."""
    formats = (("apa", "APA", citation_apa(doc)), ("bibtex", "BibTeX", citation_bibtex(doc)), ("ris", "RIS", citation_ris(doc)))
    return render(templates, "cite.html", formats=[{"key": k, "label": label, "text": text} for k, label, text in formats])
