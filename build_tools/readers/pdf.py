"""PDF files -> Article, through their text layer.

pdfminer.six (MIT) lays out each page's text; pages are joined with form
feeds, which the text parser already reads as page breaks (running headers,
footers and page numbers removed and recorded, sentences cut by a page break
joined). A note mark set as a superscript (smaller type, raised) is a text line
of its own to pdfminer, printed away from its word; it is put back, glued to the
word it follows ("Russia1"), as other PDF text tools print it, so the parser can
link it to its note. A PDF with no text layer (a scan) or one that is encrypted gets one
clear error saying what to do.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import re
import threading
from collections.abc import Iterator
from typing import Any

from ..errors import InputError
from ..model import Article


_LAYOUT_LOCK = threading.Lock()


@contextlib.contextmanager
def _stable_layout_order() -> Iterator[None]:
    """pdfminer.six orders text boxes at equal distance by `id()`, a memory address, so a page's text order could
    change from run to run; within this block its layout module sees an id that is the order objects were first met."""
    import pdfminer.layout as layout

    counter = itertools.count()

    def stable_id(obj: object) -> int:
        seq = getattr(obj, "_briefings_seq", None)
        if seq is None:
            seq = next(counter)
            obj._briefings_seq = seq  # type: ignore[attr-defined]
        return seq

    with _LAYOUT_LOCK:
        layout.id = stable_id  # type: ignore[attr-defined]  # the module's global `id`, found before the builtin
        try:
            yield
        finally:
            del layout.id  # type: ignore[attr-defined]


def pdf_text(data: bytes, source: str) -> str:
    """The text of every page, pages separated by form feeds; InputError for encrypted or image-only PDFs."""
    from .optional import require

    require("pdfminer", "pdf", source)
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError

    try:
        with _stable_layout_order():
            pages = extract_pages(io.BytesIO(data), laparams=LAParams(line_margin=0.5, boxes_flow=0.5))
            text = "".join(_page_text(page) + "\f" for page in pages)
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise InputError(source, "the PDF is encrypted and cannot be read without its password",
                         "save an unprotected copy of the PDF (or paste its text into a .txt file)") from exc
    except (PDFSyntaxError, ValueError, KeyError, TypeError) as exc:
        raise InputError(source, f"the PDF is damaged or not a PDF ({type(exc).__name__}: {exc})",
                         "download the PDF again, or paste its text into a .txt file") from exc
    except Exception as exc:  # pdfminer raises many private error types on broken files
        if "encrypt" in str(exc).lower() or "password" in str(exc).lower():
            raise InputError(source, "the PDF is encrypted and cannot be read without its password",
                             "save an unprotected copy of the PDF (or paste its text into a .txt file)") from exc
        raise InputError(source, f"the PDF cannot be read ({type(exc).__name__})",
                         "download the PDF again, or paste its text into a .txt file") from exc
    if len(text.split()) < 20:
        raise InputError(source, "the PDF has no text layer (it is a scan or holds only images)",
                         "run OCR on it first (for example with ocrmypdf), or paste its text into a .txt file")
    return text


_MARK_TEXT = re.compile(r"\d(?: ?\d){0,2}(?:[,–-]\d(?: ?\d){0,2})*")  # "15", "1 5" (its digits set apart), "3,4"


def _page_text(page: Any) -> str:
    """A page's text as pdfminer's own text output gives it, with superscript note marks glued back to their words."""
    from pdfminer.layout import LTChar, LTContainer, LTText, LTTextBox, LTTextLine

    lines = [line for box in page if isinstance(box, LTTextBox) for line in box if isinstance(line, LTTextLine)]
    sizes = sorted(c.size for line in lines for c in line if isinstance(c, LTChar))
    body_size = sizes[len(sizes) // 2] if sizes else 0.0
    glued: dict[int, list[tuple[int, str]]] = {}  # id of a host line -> (index of the character a mark follows, the mark)
    hosts: dict[int, Any] = {}
    moved: dict[int, str] = {}  # id of a line -> its text with the marks glued in ("" for a mark line that moved)
    for mark in lines:
        text = mark.get_text().strip()
        chars = [c for c in mark if isinstance(c, LTChar)]
        if not _MARK_TEXT.fullmatch(text) or not chars or max(c.size for c in chars) > 0.75 * body_size:
            continue
        host = _host_line(mark, lines, max(c.size for c in chars))
        before = [i for i, c in enumerate(host) if isinstance(c, LTChar) and c.x1 <= mark.x0 + 1] if host is not None else []
        if not before:
            continue
        glued.setdefault(id(host), []).append((before[-1], text.replace(" ", "")))
        hosts[id(host)] = host
        moved[id(mark)] = ""
    for key, marks in glued.items():
        after = dict(sorted(marks))
        moved[key] = "".join(c.get_text() + after.get(i, "") for i, c in enumerate(hosts[key]))
    out: list[str] = []

    def render(item: Any) -> None:  # pdfminer's TextConverter, with the changed lines
        if isinstance(item, LTTextBox) and all(moved.get(id(line)) == "" for line in item):
            return  # a box that held only marks, now with their words
        if isinstance(item, LTTextLine) and id(item) in moved:
            out.append(moved[id(item)])
        elif isinstance(item, LTContainer):
            for child in item:
                render(child)
        elif isinstance(item, LTText):
            out.append(item.get_text())
        if isinstance(item, LTTextBox):
            out.append("\n")

    for item in in_reading_order(page):
        render(item)
    return "".join(out)


def in_reading_order(page: Any) -> list[Any]:
    """The page's items in reading order: pdfminer's, except that a band of two columns is read left column first.

    pdfminer orders text boxes by a mix of height and position, which on a two-column page can take a paragraph
    from each column in turn. A box that starts in the right half is in the right column; one that starts in the
    left half is in the left column unless it reaches well into the right half (a title, a full-width paragraph).
    Between two full-width boxes (or the page's edges), when each column holds at least two boxes, the left column is
    read top to bottom, then the right; a left box above the right column's top or below its foot stays above or
    below them. Any other band keeps pdfminer's order."""
    from pdfminer.layout import LTTextBox

    items = list(page)
    boxes = [item for item in items if isinstance(item, LTTextBox) and item.get_text().strip()]
    middle, width = (page.x0 + page.x1) / 2, page.x1 - page.x0
    side = {id(b): "right" if b.x0 >= middle - 10 else "wide" if b.x1 > middle + 0.15 * width else "left" for b in boxes}
    if sum(v == "left" for v in side.values()) < 2 or sum(v == "right" for v in side.values()) < 2:
        return items
    position = {id(item): n for n, item in enumerate(items)}
    ordered: list[Any] = []
    band: list[Any] = []

    def flush() -> None:
        right = [b for b in band if side[id(b)] == "right"]
        top, bottom = (max(b.y1 for b in right), min(b.y0 for b in right)) if right else (0.0, 0.0)
        above = [b for b in band if side[id(b)] == "left" and b.y0 >= top - 2]  # a heading over the columns
        below = [b for b in band if side[id(b)] == "left" and b.y1 <= bottom + 2 and b not in above]  # a heading under them
        left = [b for b in band if side[id(b)] == "left" and b not in above and b not in below]
        if len(left) >= 2 and len(right) >= 2:
            ordered.extend([*above, *left, *right, *below])  # each group already top to bottom
        else:
            ordered.extend(sorted(band, key=lambda b: position[id(b)]))
        band.clear()

    for box in sorted(boxes, key=lambda b: (-b.y1, b.x0)):
        if side[id(box)] == "wide":
            flush()
            ordered.append(box)
        else:
            band.append(box)
    flush()
    reordered = iter(ordered)
    return [next(reordered) if id(item) in side else item for item in items]  # figures and blank boxes stay where they were


def _host_line(mark: Any, lines: list, mark_size: float) -> Any:
    """The line a superscript mark is raised above the middle of, in type at least a third larger; None if none."""
    from pdfminer.layout import LTChar

    best, distance = None, None
    for line in lines:
        if line is mark or not (line.y0 + 0.25 * line.height < mark.y0 < line.y1) or not line.x0 - 2 <= mark.x0 <= line.x1 + 2:
            continue
        chars = [c for c in line if isinstance(c, LTChar)]
        if not chars or sorted(c.size for c in chars)[len(chars) // 2] < 1.3 * mark_size:
            continue
        gap = abs(mark.y0 - line.y0)
        if distance is None or gap < distance:
            best, distance = line, gap
    return best


def read_pdf(data: bytes, source: str) -> Article:
    """Read a PDF's text layer with the plain-text parser (page breaks, running headers and notes included)."""
    from ..seeds import parse_seed

    text = pdf_text(data, source).replace("\r\n", "\n")
    # Justified PDF lines come out with runs of spaces and a trailing space; the words are what count.
    text = "\n".join(re.sub(r"[ \t\u00a0]{2,}", " ", line).rstrip() for line in text.split("\n"))
    return parse_seed(text.rstrip("\f\n") + "\n", source)
