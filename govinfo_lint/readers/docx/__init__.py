"""DOCX reports: the package opened safely (``package``), numbering and styles (``numbering``),
tables as grids with merged cells expanded (``table``), and the body walked in order (``read``)."""
