"""Hand-built hostile PDFs for tests/test_hardening.py (pdf_factory.py builds well-formed reports)."""

from __future__ import annotations

import zlib


def _assemble(objects: dict[int, bytes]) -> bytes:
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n"
    size = max(objects) + 1
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        out += b"%010d 00000 n \n" % offsets[number] if number in offsets else b"0000000000 65535 f \n"
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref)
    return bytes(out)


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d /Filter /FlateDecode %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def _font() -> bytes:
    return b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def bomb_pdf(inflated: int = 1 << 30, pages: int = 1, where: str = "content") -> bytes:
    """Pages whose content stream (``where`` "content") or a form they draw ("form") inflates to ``inflated`` bytes
    of spaces: about 1 MB on disk for 1 GB inflated."""
    block = 16 * 1024 * 1024
    deflater = zlib.compressobj(9)
    chunks = []
    chunk = b" " * block
    for _ in range(inflated // block):
        chunks.append(deflater.compress(chunk))
    chunks.append(deflater.compress(b" " * (inflated % block)) + deflater.flush())
    bomb = b"".join(chunks)
    objects = {1: b"<< /Type /Catalog /Pages 2 0 R >>", 3: _font()}
    if where != "form":
        objects[4] = _stream(bomb)
    kids = []
    for i in range(pages):
        page, text = 10 + 2 * i, 11 + 2 * i
        kids.append(b"%d 0 R" % page)
        if where == "form":
            resources = b"<< /Font << /F1 3 0 R >> /XObject << /X1 5 0 R >> >>"
            objects[5] = _stream(bomb, b"/Type /XObject /Subtype /Form /BBox [0 0 10 10] ")
            content = b"BT /F1 12 Tf 72 720 Td (Report) Tj ET /X1 Do"
            objects[text] = b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"
        else:
            resources = b"<< /Font << /F1 3 0 R >> >>"
            text = 4
        objects[page] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources %s /Contents %d 0 R >>"
                         % (resources, text))
    objects[2] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), pages)
    return _assemble(objects)


def looped_tree_pdf() -> bytes:
    """A page tree whose inner node lists its own parent among its kids."""
    content = b"BT /F1 12 Tf 72 720 Td (2024 report) Tj ET"
    return _assemble({
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R 4 0 R] /Count 1 >>",
        4: b"<< /Type /Page /Parent 3 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> "
           b"/Contents 6 0 R >>",
        5: _font(),
        6: b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    })
