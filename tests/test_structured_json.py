"""A JSON text is read by ``json`` (plain._load_json) with the data and places ruamel.yaml gives.

The fast reading must be invisible: the same values, the same (line, column) of every value
and key, and anything it does not read the same way (a duplicate key, NaN, a tab, a limit)
left to ruamel.yaml, which says what is wrong and where.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings, strategies as st

from govinfo_lint.readers.plain import MAX_DEPTH, MAX_NODES, LoadError, _load_json, _load_yaml, load_text

LIMITS = (MAX_NODES, MAX_DEPTH)

text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
scalar = st.none() | st.booleans() | st.integers(-10**20, 10**20) | text | st.floats(allow_nan=False, allow_infinity=False)
data = st.recursive(scalar, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(text, inner, max_size=4),
                    max_leaves=25)
style = st.sampled_from([{}, {"indent": 2}, {"indent": 4, "ensure_ascii": False}, {"separators": (",", ":")},
                         {"ensure_ascii": False, "indent": 1}])


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(text, data, max_size=5) | st.lists(data, max_size=5), style, st.booleans())
def test_the_same_as_ruamel(value, options, crlf):
    written = json.dumps(value, **options)
    if crlf:
        written = written.replace("\n", "\r\n")
    fast = _load_json(written, *LIMITS)
    if fast is None:  # left to ruamel.yaml: only what YAML reads apart from JSON
        assert "\\ud" in written.lower() or any(c in written for c in "\x7f\x85\u2028\u2029\ufeff\ufffe\uffff") \
            or any("\x80" <= c <= "\x9f" for c in written)
        return
    slow = _load_yaml(written, LIMITS)
    assert fast[0] == slow[0]
    assert fast[1] == slow[1]


def test_a_report_is_read_by_json():
    written = json.dumps({"agency": "某县", "tables": {"requests": {"new": {"total": 3}}}, "list": [1, [2, {}]]},
                         ensure_ascii=False, indent=2)
    fast = _load_json(written, *LIMITS)
    assert fast is not None and fast == _load_yaml(written, LIMITS) == load_text(written)
    assert fast[1][("tables", "requests", "new", "total")] == (6, 18) and fast[1][("agency", "__key__")] == (2, 3)
    assert fast[1][("list", 1, 1)] == (14, 7)


@pytest.mark.parametrize("written", [
    '{"a": 1, "a": 2}',  # a duplicate key: ruamel.yaml's error, with its place
    '{"a": NaN}',  # not JSON
    '{"a":\t1}',  # a tab: ruamel.yaml's verdict
    '{a: 1}',  # YAML's flow style, not JSON
    '[' * 70 + ']' * 70,  # deeper than the limit
])
def test_what_json_does_not_settle_is_left_to_ruamel(written):
    assert _load_json(written, *LIMITS) is None


def test_errors_keep_their_place():
    with pytest.raises(LoadError) as exc:
        load_text('{\n  "a": 1,\n  "a": 2\n}')
    assert (exc.value.line, exc.value.column) == (3, 3) and "重复" in exc.value.message
    with pytest.raises(LoadError) as exc:
        load_text('[' * 70 + ']' * 70)
    assert "嵌套" in exc.value.message
    with pytest.raises(LoadError):
        load_text('[1' + ', 1' * 10, max_nodes=5)
    with pytest.raises(LoadError) as exc:
        load_text('[' + ', '.join(['1'] * 10) + ']', max_nodes=5)
    assert "节点" in exc.value.message
