"""``--format jsonl``: JSON Lines, one finding a line, for data tools that read a million lines
as easily as ten (``pandas.read_json(..., lines=True)``, DuckDB's ``read_json_auto``, ``jq``).

Each line is a finding of ``--format json`` (``Finding.to_dict``, waived ones marked) with
its file's entry beside it: ``path``, ``format``, ``year``, ``agency``, ``level``,
``input_kind``. As in Ruff's ``json-lines``, a file without findings has no line and there is
no summary line: ``--format json`` has those. Nothing is kept between files.
"""

from __future__ import annotations

import json

from .common import jsonable
from .json_format import file_entry


def lines(result) -> str:
    entry = file_entry(result)
    findings = entry.pop("findings")
    return "".join(json.dumps(jsonable({**entry, **finding}), ensure_ascii=False) + "\n" for finding in findings)


def write_jsonl(results, stream) -> None:
    for result in results:
        stream.write(lines(result))
