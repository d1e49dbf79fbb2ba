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
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    try:
        tree = yaml.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        col = mark.column + 1 if mark else None
        problem = exc.problem or exc.context or str(exc)
        if "duplicate key" in str(exc):
            msg = f"重复的键：{_first_line(str(exc.problem or ''))}"
        else:
            msg = f"YAML/JSON 语法错误：{problem}"
        raise LoadError(msg, f"YAML/JSON syntax error: {problem}", line, col) from None
    except YAMLError as exc:
        raise LoadError(f"YAML/JSON 语法错误：{exc}", f"YAML/JSON syntax error: {exc}") from None
    except RecursionError:
        raise LoadError("嵌套层次过深，无法解析。", "nesting too deep to parse") from None
    positions: dict[Path_, tuple[int, int]] = {}
    counter = [0]
    data = _plain(tree, (), positions, counter, 0)
    return data, positions


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else ""


def _plain(node: Any, path: Path_, positions: dict, counter: list[int], depth: int) -> Any:
    counter[0] += 1
    if counter[0] > MAX_NODES:
        raise LoadError(f"文件内容过多（超过 {MAX_NODES} 个节点，可能是别名炸弹）。",
                        f"too many nodes (over {MAX_NODES}; an alias bomb?)")
    if depth > MAX_DEPTH:
        raise LoadError(f"嵌套超过 {MAX_DEPTH} 层。", f"nested deeper than {MAX_DEPTH} levels")
    lc = getattr(node, "lc", None)
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            key_s = key if isinstance(key, str) else str(key)
            sub = path + (key_s,)
            if lc is not None:
                try:
                    kl, kc = lc.key(key)
                    positions.setdefault(sub + ("__key__",), (kl + 1, kc + 1))
                    vl, vc = lc.value(key)
                    positions[sub] = (vl + 1, vc + 1)
                except (KeyError, TypeError, AttributeError):
                    pass
            out[key_s] = _plain(value, sub, positions, counter, depth + 1)
        return out
    if isinstance(node, list):
        items = []
        for i, value in enumerate(node):
            sub = path + (i,)
            if lc is not None:
                try:
                    il, ic = lc.item(i)
                    positions[sub] = (il + 1, ic + 1)
                except (KeyError, TypeError, AttributeError, IndexError):
                    pass
            items.append(_plain(value, sub, positions, counter, depth + 1))
        return items
    if isinstance(node, (datetime.date, datetime.datetime)):
        return node.isoformat()[:10]
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, str):
        return str(node)
    return str(node)


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
