"""A minimal PDF writer for test fixtures: pages of text lines in Helvetica, nothing else.

Written for the tests so that PDF fixtures are made from text we wrote, at test time, with no
binary files in the repository. `make_pdf([["line", …], …])` returns the bytes of a valid PDF
with one page per list; a line given as ("text", size) is set in that size (a title in large type).
"""

from __future__ import annotations


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def make_pdf(pages: list[list[str | tuple[str, int]]], *, text_layer: bool = True) -> bytes:
    """PDF bytes with one page per list of lines; `text_layer=False` draws boxes instead (a 'scan')."""
    streams = []
    for lines in pages:
        ops = []
        if text_layer:
            y = 800
            ops.append("BT")
            for line in lines:
                text, size = (line, 11) if isinstance(line, str) else line
                ops.append(f"/F1 {size} Tf 1 0 0 1 56 {y} Tm ({_escape(text)}) Tj")
                y -= size + 5 if text else 14
            ops.append("ET")
        else:
            ops.append("0.5 g 56 400 480 380 re f")
        streams.append("\n".join(ops).encode("cp1252"))
    return _pdf(streams)


def _pdf(streams: list[bytes]) -> bytes:
    """A PDF with one page per content stream, in Helvetica."""
    objects: list[bytes] = []
    page_ids = []
    font_id = 3
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(b"")  # pages, filled in below
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    for stream in streams:
        content_id = len(objects) + 1
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        page_id = len(objects) + 1
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R /Resources << /Font << /F1 %d 0 R >> >> >>"
            % (content_id, font_id)
        )
        page_ids.append(page_id)
    kids = " ".join(f"{i} 0 R" for i in page_ids)
    objects[1] = f"<< /Type /Pages /Kids [{kids}] /Count {len(page_ids)} >>".encode()
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def make_pdf_with_marks(pages: list[list[list[str | tuple[str]]]]) -> bytes:
    """PDF bytes whose lines carry note marks set as superscripts: a line is a list of text runs and `("1",)` marks
    (an empty list is a blank line).

    Each line's text is drawn first, with room left for its marks, and the marks after every line of the page, small
    and raised, as page-layout programs write them; text extraction then finds each mark apart from its word."""
    from pdfminer.fontmetrics import FONT_METRICS  # the widths of Helvetica, to leave each mark its room

    widths = FONT_METRICS["Helvetica"][1]

    def width(text: str, size: float) -> float:
        return sum(widths.get(ch, 556) for ch in text) * size / 1000

    streams = []
    for lines in pages:
        ops, marks, y = [], [], 800
        for line in lines:
            x = 56.0
            for run in line:
                if isinstance(run, tuple):
                    marks.append(f"BT /F1 6 Tf 1 0 0 1 {x:.2f} {y + 5} Tm ({_escape(run[0])}) Tj ET")
                    x += width(run[0], 6)
                else:
                    ops.append(f"BT /F1 11 Tf 1 0 0 1 {x:.2f} {y} Tm ({_escape(run)}) Tj ET")
                    x += width(run, 11)
            y -= 16 if line else 24
        streams.append("\n".join(ops + marks).encode("cp1252"))
    return _pdf(streams)


def make_pdf_placed(pages: list[list[tuple[str, float, float, float]]]) -> bytes:
    """PDF bytes whose lines are placed where a layout puts them: each is (text, size, x, y), so a page can have
    columns, a full-width title over them and a heading under them."""
    streams = []
    for lines in pages:
        ops = [f"BT /F1 {size} Tf 1 0 0 1 {x} {y} Tm ({_escape(text)}) Tj ET" for text, size, x, y in lines]
        streams.append("\n".join(ops).encode("cp1252"))
    return _pdf(streams)
