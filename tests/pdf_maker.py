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
    objects: list[bytes] = []
    page_ids = []
    font_id = 3
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(b"")  # pages, filled in below
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
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
        stream = "\n".join(ops).encode("cp1252")
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
