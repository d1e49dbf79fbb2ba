"""Writing the structured form as readable YAML (Chinese kept as is, block style)."""

from __future__ import annotations

import io
from typing import Any


def dump_yaml(data: Any) -> str:
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap
    from ruamel.yaml.scalarstring import LiteralScalarString

    def literal(node: Any) -> Any:
        if isinstance(node, dict):
            out = CommentedMap((k, literal(v)) for k, v in node.items())
            # A table row (every value a scalar) reads best on one line.
            if node and all(not isinstance(v, (dict, list)) for v in node.values()) and all(
                    not isinstance(v, str) or len(v) < 40 for v in node.values()):
                out.fa.set_flow_style()
            return out
        if isinstance(node, list):
            return [literal(v) for v in node]
        if isinstance(node, str) and "\n" in node:
            return LiteralScalarString(node.rstrip("\n") + "\n")
        return node

    yaml = YAML()
    yaml.allow_unicode = True
    yaml.default_flow_style = False
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    out = io.StringIO()
    yaml.dump(literal(data), out)
    return out.getvalue()
