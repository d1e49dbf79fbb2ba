"""Load YAML or JSON into plain data, remembering where every value was written.

ruamel.yaml's round-trip loader keeps line and column for keys and values; we copy
the tree into plain dicts and lists (so aliases cannot multiply work and dates become
strings) and keep a map from each path to its 1-based (line, column).

Report, rule, configuration and waiver files all come through here, so this is where
"data only" is enforced: an explicit tag outside YAML's core schema (``!!python/…``,
``!!binary``, ``!local``) refuses the file, whatever the constructor would have done with
it, and size, node count and depth are bounded before the data is built.
"""

from __future__ import annotations

import datetime
from functools import lru_cache
from typing import Any

from .. import lazy_re
from ..limits import STRUCTURED_BYTES as MAX_CHARS, STRUCTURED_DEPTH as MAX_DEPTH, STRUCTURED_NODES as MAX_NODES

Path_ = tuple[Any, ...]

_CORE = "tag:yaml.org,2002:"
ALLOWED_TAGS = frozenset(_CORE + t for t in ("null", "bool", "int", "float", "str", "seq", "map", "timestamp", "merge"))


class LoadError(Exception):
    def __init__(self, message: str, message_en: str, line: int | None = None, column: int | None = None):
        super().__init__(message_en)
        self.message = message
        self.message_en = message_en
        self.line = line
        self.column = column

    @property
    def bilingual(self) -> str:
        """Chinese, then the English for searching, once: a syntax error's Chinese already
        quotes the parser's own words (see ``_problem_zh``)."""
        label, _sep, problem = self.message_en.rpartition(": ")
        if label and problem in self.message:
            return f"{self.message} ({label})"
        return f"{self.message} ({self.message_en})"


def load_text(text: str, source: str = "<string>", max_chars: int | None = MAX_CHARS, max_nodes: int | None = None,
              max_depth: int | None = None) -> tuple[Any, dict[Path_, tuple[int, int]]]:
    """Plain data and the 1-based (line, column) of every key and value.

    We compose the node graph (C parser when ruamel.yaml.clib is present) and build the
    data ourselves: marks give positions, aliases are counted so a bomb is refused, and
    a repeated key is an error rather than a silent overwrite.
    A JSON text is read by ``json`` where that gives the same (``_load_json``).
    """
    if max_chars is not None and len(text) > max_chars:
        raise LoadError(f"文件过大（{len(text)} 个字符，上限 {max_chars}），未解析。",
                        f"the file is too large ({len(text)} characters, the limit is {max_chars}); not parsed", 1, 1)
    limits = (max_nodes or MAX_NODES, max_depth or MAX_DEPTH)
    fast = _load_json(text, *limits)
    return fast if fast is not None else _load_yaml(text, limits)


def _load_yaml(text: str, limits: tuple[int, int]) -> tuple[Any, dict[Path_, tuple[int, int]]]:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    from .depth_guard import TooDeep, check_yaml

    yaml = YAML(typ="safe")
    yaml.Resolver = _resolver_class()
    try:
        check_yaml(yaml, text, limits[1])  # the composer recurses in C: a deep file would end the process
        node = yaml.compose(text)
        positions: dict[Path_, tuple[int, int]] = {}
        data = _build(yaml, node, (), positions, [0, {}], 0, limits) if node is not None else None
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or str(exc)
        raise LoadError(f"YAML/JSON 语法错误：{_problem_zh(problem)}", f"YAML/JSON syntax error: {problem}",
                        mark.line + 1 if mark else None, mark.column + 1 if mark else None) from None
    except YAMLError as exc:
        raise LoadError(f"YAML/JSON 语法错误：{exc}", f"YAML/JSON syntax error: {exc}") from None
    except TooDeep as exc:
        raise LoadError(f"嵌套超过 {exc.limit} 层，未解析（过深的嵌套会使解析器崩溃）。",
                        f"nested deeper than {exc.limit} levels; not parsed", exc.line or 1, exc.column or 1) from None
    except RecursionError:
        raise LoadError("嵌套层次过深，无法解析。", "nesting too deep to parse", 1, 1) from None
    return data, positions


# What the JSON reading leaves to ruamel.yaml, so that data, places and errors stay its own:
# characters YAML breaks lines at, refuses (controls, non-characters) or treats apart from JSON
# (tabs, a byte-order mark), and escapes of surrogate halves, which YAML refuses.
_NOT_PLAIN_JSON = lazy_re.compile(r"[\t\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]|\\u[dD][89a-fA-F]")
_JSON_TOKEN = lazy_re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]:,]|[^\s{}\[\]:,"]+')
_LINE_BREAK = lazy_re.compile(r"\r\n|\r|\n")


class _Duplicate(Exception):
    pass


def _pairs(pairs: list) -> dict:
    out = dict(pairs)
    if len(out) != len(pairs):
        raise _Duplicate()
    return out


def _no_constant(name: str):
    raise ValueError(name)  # NaN, Infinity: not JSON; YAML reads them as text


def _load_json(text: str, max_nodes: int, max_depth: int):
    """(data, positions) of a JSON text read with the standard ``json`` module, the same as
    ruamel.yaml's reading gives (tests/test_structured_json.py compares them), or None for
    ruamel.yaml to read it: not JSON, a duplicate key, over a limit, or a character where
    YAML and JSON differ. ruamel.yaml takes most of a JSON report's reading time (its
    events and nodes, one per value); here ``json`` parses and one pass over the tokens
    finds each value's line and column."""
    import json

    head = text.lstrip(" \r\n")
    if not head or head[0] not in "{[" or _NOT_PLAIN_JSON.search(text):
        return None
    try:
        data = json.loads(text, object_pairs_hook=_pairs, parse_constant=_no_constant)
    except (ValueError, RecursionError, _Duplicate):
        return None
    positions = _json_positions(text, max_nodes, max_depth)
    return None if positions is None else (data, positions)


def _json_positions(text: str, max_nodes: int, max_depth: int) -> dict | None:
    """The 1-based (line, column) of every value and key of a valid JSON text, by path, as
    ruamel.yaml's marks give them; None past the node or depth limit (ruamel.yaml then
    reads the text, and says where)."""
    import json
    from bisect import bisect_right

    starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]
    positions: dict[Path_, tuple[int, int]] = {}
    stack: list[list] = []  # [path, is a mapping, the next index or the key just read]
    key_next = False  # in a mapping, before its next key
    nodes = 0

    def place(offset: int) -> tuple[int, int]:
        line = bisect_right(starts, offset)
        return line, offset - starts[line - 1] + 1

    for m in _JSON_TOKEN.finditer(text):
        tok = m.group()
        if tok in (",", ":"):
            key_next = tok == "," and bool(stack) and stack[-1][1]
            continue
        if tok in ("}", "]"):
            stack.pop()
            key_next = False
            continue
        if key_next:
            key = json.loads(tok)
            stack[-1][2] = key
            positions[stack[-1][0] + (key, "__key__")] = place(m.start())
            key_next = False
            continue
        path = ()
        if stack:
            top = stack[-1]
            path = top[0] + (top[2],)
            if not top[1]:
                top[2] += 1
        nodes += 1
        if nodes > max_nodes:
            return None
        positions[path] = place(m.start())
        if tok in ("{", "["):
            if len(stack) >= max_depth:
                return None
            stack.append([path, tok == "{", None if tok == "{" else 0])
            key_next = tok == "{"
    return positions


@lru_cache(maxsize=1)
def _resolver_class():
    """ruamel.yaml's resolver, minus its per-scalar overhead.

    For every plain scalar, ``VersionedResolver`` looks up the YAML version through a
    chain of failing attribute lookups and returns a new ``Tag``, whose string form is
    then rebuilt character by character on every ``node.tag``; on a report that was a
    third of the time spent reading it. The version cannot change inside the single
    document ``compose`` reads (directives come before the first node), so its table is
    looked up once; and one ``Tag`` per tag name is shared, so its string is built once.
    The matching itself is ruamel.yaml's, unchanged.
    """
    from ruamel.yaml.nodes import ScalarNode
    from ruamel.yaml.resolver import VersionedResolver
    from ruamel.yaml.tag import Tag

    class Resolver(VersionedResolver):
        _table = None
        _tags: dict = {}

        def resolve(self, kind, value, implicit):
            if kind is ScalarNode and implicit[0]:
                if self._table is None:
                    self._table = self.versioned_resolver
                table = self._table
                for tag, regexp in [*table.get(value[0] if value else "", ()), *table.get(None, ())]:
                    if regexp.match(value):
                        shared = self._tags.get(tag)
                        if shared is None:
                            shared = self._tags[tag] = Tag(suffix=tag)
                        return shared
            return super().resolve(kind, value, (False, False))

    return Resolver


def _build(yaml, node, path: Path_, positions: dict, counter: list, depth: int,
           limits: tuple[int, int] = (MAX_NODES, MAX_DEPTH)) -> Any:
    """``counter`` is [values so far, {id(node): (values in its subtree, its height, its data)}].

    An alias is the same node again: its data is shared, as any YAML loader does, but its
    size and height are charged each time, so a bomb (or a chain of aliases nesting ever
    deeper) is refused as soon as its expansion would pass a limit, at the cost of
    building each anchored value once.
    """
    from ruamel.yaml.nodes import MappingNode, SequenceNode

    max_nodes, max_depth = limits
    built = counter[1]
    size, height, data = built.get(id(node), (0, 0, None))
    counter[0] += 1 + size
    if counter[0] > max_nodes:
        raise LoadError(f"文件内容过多（超过 {max_nodes} 个节点，可能是别名炸弹）。",
                        f"too many nodes (over {max_nodes}; an alias bomb?)",
                        node.start_mark.line + 1, node.start_mark.column + 1)
    if depth + height > max_depth:
        raise LoadError(f"嵌套超过 {max_depth} 层。", f"nested deeper than {max_depth} levels",
                        node.start_mark.line + 1, node.start_mark.column + 1)
    positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if id(node) in built:
        return data
    tag = _check_tag(node)
    start = counter[0]
    if isinstance(node, MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = _scalar(yaml, key_node)
            key = key if isinstance(key, str) else str(key)
            if key in out:
                raise LoadError(f"重复的键“{key}”（同一层级出现两次）。", f"duplicate key {key!r}",
                                key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            positions[path + (key, "__key__")] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            out[key] = _build(yaml, value_node, path + (key,), positions, counter, depth + 1, limits)
        built[id(node)] = (counter[0] - start, _height(built, (v for _, v in node.value)), out)
        return out
    if isinstance(node, SequenceNode):
        items = [_build(yaml, item, path + (i,), positions, counter, depth + 1, limits)
                 for i, item in enumerate(node.value)]
        built[id(node)] = (counter[0] - start, _height(built, node.value), items)
        return items
    return _scalar(yaml, node, tag)


def _height(built: dict, children) -> int:
    return 1 + max((built[id(c)][1] for c in children if id(c) in built), default=0)


def _check_tag(node) -> str:
    # ruamel.yaml rebuilds ``node.tag`` from its parts on every access (a few microseconds,
    # hundreds of nodes a report): read it once.
    tag = node.tag
    tag = str(getattr(tag, "value", tag) or "")
    if tag and tag not in ALLOWED_TAGS:
        shown = "!!" + tag[len(_CORE):] if tag.startswith(_CORE) else tag
        raise LoadError(f"不允许的 YAML 标签“{shown[:80]}”：文件只能包含数据（映射、列表、字符串、数字）。",
                        f"YAML tag {shown[:80]!r} is not allowed: the file may hold only data "
                        "(mappings, lists, strings, numbers)",
                        node.start_mark.line + 1, node.start_mark.column + 1)
    return tag


_STR = _CORE + "str"
_INT = _CORE + "int"
_MERGE = _CORE + "merge"


def _scalar(yaml, node, tag: str | None = None) -> Any:
    from ruamel.yaml.nodes import ScalarNode

    if not isinstance(node, ScalarNode):
        raise LoadError("键必须是简单值。", "keys must be scalars", node.start_mark.line + 1, node.start_mark.column + 1)
    if tag is None:
        tag = _check_tag(node)
    if tag == _STR:
        return node.value  # what the safe constructor makes of a string, without its dispatch
    if tag == _MERGE:
        raise LoadError("不支持 YAML 合并键“<<”：请把要合并的键逐一写出。",
                        "the YAML merge key '<<' is not supported: write the merged keys out",
                        node.start_mark.line + 1, node.start_mark.column + 1)
    value = node.value
    if tag == _INT and value.isascii() and value.isdigit() and (value[0] != "0" or len(value) == 1) and len(value) < 19:
        return int(value)  # a report's figures: the constructor's answer, without its dispatch
    try:
        value = yaml.constructor.construct_object(node, deep=True)
    except (ValueError, OverflowError) as exc:
        # int() refuses more than 4300 digits; a timestamp may name a day that does not exist.
        raise LoadError(f"无法读取的值（{str(exc)[:100]}）。", f"unreadable value ({str(exc)[:100]})",
                        node.start_mark.line + 1, node.start_mark.column + 1) from None
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


# ruamel's problems, as a clerk who typed the report in a text editor can act on them.
_PROBLEMS_ZH = (
    ("mapping values are not allowed", "此处不能出现“键: 值”（冒号后的内容可能需要加引号，或缩进有误）"),
    ("tab character", "出现了制表符（Tab），YAML 只能用空格缩进"),
    ("could not find expected ':'", "未找到应有的冒号“:”（是否漏写了冒号，或引号未闭合）"),
    ("did not find expected key", "未找到应有的键（缩进可能不一致）"),
    ("did not find expected '-' indicator", "未找到应有的列表符号“-”（缩进可能不一致）"),
    ("found character '\\t' that cannot start any token", "出现了制表符（Tab），YAML 只能用空格缩进"),
    ("found unexpected end of stream", "文件意外结束（引号或括号可能未闭合）"),
    ("found unexpected ':'", "出现了意外的冒号“:”（该值可能需要加引号）"),
    ("found undefined alias", "引用了未定义的别名（*）"),
    ("found duplicate anchor", "锚点（&）重复"),
    ("expected <block end>", "缩进不一致，此处应结束上一层"),
    ("expected ',' or ']'", "列表缺少“,”或“]”"),
    ("expected ',' or '}'", "映射缺少“,”或“}”"),
    ("found unknown escape character", "字符串中有无法识别的转义符（\\）"),
)


def _problem_zh(problem: str) -> str:
    """ruamel's English problem in Chinese, with the original after it for searching."""
    for english, chinese in _PROBLEMS_ZH:
        if english in problem:
            return f"{chinese}（{problem}）"
    return problem
