"""Load YAML or JSON into plain data, remembering where every value was written.

ruamel.yaml's round-trip loader keeps line and column for keys and values; we copy
the tree into plain dicts and lists (so aliases cannot multiply work and dates become
strings) and keep a map from each path to its 1-based (line, column).
"""

from __future__ import annotations

import datetime
from typing import Any

Path_ = tuple[Any, ...]

MAX_NODES = 200_000
MAX_DEPTH = 64


class LoadError(Exception):
    def __init__(self, message: str, message_en: str, line: int | None = None, column: int | None = None):
        super().__init__(message_en)
        self.message = message
        self.message_en = message_en
        self.line = line
        self.column = column


def load_text(text: str, source: str = "<string>") -> tuple[Any, dict[Path_, tuple[int, int]]]:
    """Plain data and the 1-based (line, column) of every key and value.

    We compose the node graph (C parser when ruamel.yaml.clib is present) and build the
    data ourselves: marks give positions, aliases are counted so a bomb is refused, and
    a repeated key is an error rather than a silent overwrite.
    """
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    yaml = YAML(typ="safe")
    try:
        node = yaml.compose(text)
        positions: dict[Path_, tuple[int, int]] = {}
        data = _build(yaml, node, (), positions, [0], 0) if node is not None else None
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or str(exc)
        raise LoadError(f"YAML/JSON 语法错误：{problem}", f"YAML/JSON syntax error: {problem}",
                        mark.line + 1 if mark else None, mark.column + 1 if mark else None) from None
    except YAMLError as exc:
        raise LoadError(f"YAML/JSON 语法错误：{exc}", f"YAML/JSON syntax error: {exc}") from None
    except RecursionError:
        raise LoadError("嵌套层次过深，无法解析。", "nesting too deep to parse") from None
    return data, positions


def _build(yaml, node, path: Path_, positions: dict, counter: list[int], depth: int) -> Any:
    from ruamel.yaml.nodes import MappingNode, SequenceNode

    counter[0] += 1
    if counter[0] > MAX_NODES:
        raise LoadError(f"文件内容过多（超过 {MAX_NODES} 个节点，可能是别名炸弹）。",
                        f"too many nodes (over {MAX_NODES}; an alias bomb?)")
    if depth > MAX_DEPTH:
        raise LoadError(f"嵌套超过 {MAX_DEPTH} 层。", f"nested deeper than {MAX_DEPTH} levels",
                        node.start_mark.line + 1, node.start_mark.column + 1)
    positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = _scalar(yaml, key_node)
            key = key if isinstance(key, str) else str(key)
            if key in out:
                raise LoadError(f"重复的键“{key}”（同一层级出现两次）。", f"duplicate key {key!r}",
                                key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            positions[path + (key, "__key__")] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            out[key] = _build(yaml, value_node, path + (key,), positions, counter, depth + 1)
        return out
    if isinstance(node, SequenceNode):
        return [_build(yaml, item, path + (i,), positions, counter, depth + 1) for i, item in enumerate(node.value)]
    return _scalar(yaml, node)


def _scalar(yaml, node) -> Any:
    from ruamel.yaml.nodes import ScalarNode

    if not isinstance(node, ScalarNode):
        raise LoadError("键必须是简单值。", "keys must be scalars", node.start_mark.line + 1, node.start_mark.column + 1)
    value = yaml.constructor.construct_object(node, deep=True)
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()[:10]
    if isinstance(value, bytes):
        return value.decode("latin-1")
    return value


def position(positions: dict[Path_, tuple[int, int]], path: Path_, key: bool = False) -> tuple[int, int] | None:
    """The position of ``path`` or, failing that, of its nearest ancestor."""
    path = tuple(path)
    while True:
        if key and (path + ("__key__",)) in positions:
            return positions[path + ("__key__",)]
        if path in positions:
            return positions[path]
        if not path:
            return None
        path = path[:-1]
