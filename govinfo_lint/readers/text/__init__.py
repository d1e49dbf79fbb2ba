"""Plain text and Markdown reports (``read``, ``markdown``): table rows recovered from the lines
(``rows``) and tables flattened into runs of text (``flattened``)."""
