"""PDF reports: each page's characters and edges (``content``), split by ``page`` between ruled
grids (``grid``), unruled tables from word positions (``words``) and text lines (``text``); tables
continued over a page joined (``join``), lines joined into paragraphs (``paragraphs``), damaged
and hostile files caught (``guard``), all driven by ``read``."""
