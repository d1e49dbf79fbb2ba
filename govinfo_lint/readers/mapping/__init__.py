"""From a document's blocks to the report: the layer that knows the report and no file format.

``assemble.build_report`` turns a ``document.Document`` into a ``model.Report``: ``layout`` finds
the title, sections and headings, ``lines`` gathers each table's rows, ``rows`` and ``digits``
match row labels and read run-together figures, and ``table_*`` map tables 二, 三 and 四."""
