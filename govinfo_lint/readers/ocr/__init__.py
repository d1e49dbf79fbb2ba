"""Scans read by OCR (the ``ocr`` extra): a PDF without a text layer (``scan``) or page images
(``image``) rendered, cleared of stamps, straightened and recognised, their ruling lines found
in the image (``lines``), each page handed on as a ``pdf.content.PageContent`` so tables and
text are read as in any PDF."""
