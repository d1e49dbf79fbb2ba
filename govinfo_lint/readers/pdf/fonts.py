"""What pdfminer knows of a page's fonts that pdfium does not say, for ``pdfium``.

Read from the page's resource dictionaries (pdfminer's objects, no layout analysis): a few
dictionary look-ups a page.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Fonts:
    """What pdfminer knows of a page's fonts that pdfium does not say, by font name."""

    descents: dict[str, float] = field(default_factory=dict)  # the descriptor's /Descent per em, 0 if absent
    vertical: set[str] = field(default_factory=set)  # fonts whose CMap ends in -V
    # The page goes to pdfminer: a font without /BaseFont, which pdfium cannot name; or a standard
    # font whose widths pdfminer takes from its own table (pdfium's differ by a few thousandths).
    fallback: bool = False


def page_fonts(page_obj) -> Fonts:
    """The fonts of a page (pdfminer's ``PDFPage``) and the forms it draws. pdfminer puts a box's
    bottom at the descriptor's /Descent, 0 where there is none (pdfium measures the font program
    instead, which would lower every box of that font); a vertical font's glyph is boxed one
    em square from pdfium's origin, where pdfium boxes it along its advance."""
    from pdfminer.pdftypes import PDFStream, resolve1

    out = Fonts()

    def walk(resources, depth: int) -> None:
        resources = resolve1(resources)
        if not isinstance(resources, dict) or depth > 4:
            return
        fonts = resolve1(resources.get("Font"))
        for ref in (fonts.values() if isinstance(fonts, dict) else ()):
            font = resolve1(ref)
            if isinstance(font, dict):
                _font(font, out)
        xobjects = resolve1(resources.get("XObject"))
        for ref in (xobjects.values() if isinstance(xobjects, dict) else ()):
            form = resolve1(ref)
            if isinstance(form, PDFStream) and _name(form.get("Subtype")) == "Form":
                walk(form.get("Resources"), depth + 1)

    try:
        walk(page_obj.resources, 0)
    except Exception:  # noqa: BLE001 - damage shows when the page is read
        pass
    return out


def _name(value) -> str:
    from pdfminer.pdftypes import resolve1

    value = resolve1(value)
    return str(getattr(value, "name", value)) if value is not None else ""


def _font(font: dict, out: Fonts) -> None:
    from pdfminer.pdftypes import PDFStream, resolve1

    part = font
    descendants = resolve1(font.get("DescendantFonts"))
    if isinstance(descendants, list) and descendants:
        part = resolve1(descendants[0])
    descriptor = resolve1(part.get("FontDescriptor")) if isinstance(part, dict) else None
    names = {_name(font.get("BaseFont"))}
    if isinstance(descriptor, dict):
        names.add(_name(descriptor.get("FontName")))
    names.discard("")
    encoding = resolve1(font.get("Encoding"))
    if isinstance(encoding, PDFStream):
        encoding = encoding.get("CMapName")
    if _name(encoding).endswith("-V"):
        out.vertical.update(names)
    out.fallback |= not _name(font.get("BaseFont"))
    base = _name(font.get("BaseFont"))
    if _name(font.get("Subtype")) in ("Type1", "MMType1", "TrueType") and base in _metrics():
        # pdfminer takes a standard font's metrics from its own table, before any descriptor.
        descriptor = _metrics()[base][0]
        out.fallback = True
    if isinstance(descriptor, dict):
        value = resolve1(descriptor.get("Descent", 0))
        if isinstance(value, (int, float)):
            for name in names:
                out.descents[name] = float(value) / 1000.0


def _metrics() -> dict:
    from pdfminer.fontmetrics import FONT_METRICS

    return FONT_METRICS
