"""HTML reports: bytes decoded (``decode``), visible text and its places (``text``), tables as
grids (``grid``), and the page walked into paragraphs and grids (``read``)."""
