"""PDF files -> Article, through their text layer.

pdfminer.six (MIT) lays out each page's text; pages are joined with form
feeds, which the text parser already reads as page breaks (running headers,
footers and page numbers removed and recorded, sentences cut by a page break
joined). A PDF with no text layer (a scan) or one that is encrypted gets one
clear error saying what to do.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import re
import threading
from collections.abc import Iterator

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
    from pdfminer.high_level import extract_text
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError

    try:
        with _stable_layout_order():
            text = extract_text(io.BytesIO(data), laparams=LAParams(line_margin=0.5, boxes_flow=0.5))
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


def read_pdf(data: bytes, source: str) -> Article:
    """Read a PDF's text layer with the plain-text parser (page breaks, running headers and notes included)."""
    from ..seeds import parse_seed

    text = pdf_text(data, source).replace("\r\n", "\n")
    # Justified PDF lines come out with runs of spaces and a trailing space; the words are what count.
    text = "\n".join(re.sub(r"[ \t\u00a0]{2,}", " ", line).rstrip() for line in text.split("\n"))
    return parse_seed(text.rstrip("\f\n") + "\n", source)
