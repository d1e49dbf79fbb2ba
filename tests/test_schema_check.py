"""The quick validator may only say "valid" when jsonschema agrees (govinfo_lint/schema_check.py)."""

from __future__ import annotations

import copy
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govinfo_lint.readers.plain import load_text
from govinfo_lint.resources import schema, validator
from govinfo_lint.samples import sample_report
from govinfo_lint.schema_check import certainly_valid, supported

ROOT = Path(__file__).resolve().parents[1]
REPORT = schema("report.schema.json")


def _errors(data) -> list:
    return list(validator("report.schema.json").iter_errors(data))


def test_our_report_schema_is_decided_here():
    assert supported(REPORT)


def test_valid_reports_need_no_jsonschema():
    for path in sorted((ROOT / "examples").glob("*.yaml")):
        data, _ = load_text(path.read_text(encoding="utf-8"))
        assert not _errors(data)
        assert certainly_valid(REPORT, data), path
    for fmt in ("2019", "2021"):
        assert certainly_valid(REPORT, sample_report(fmt))


def test_an_unknown_keyword_or_remote_ref_is_left_to_jsonschema():
    assert not certainly_valid({"type": "object", "minProperties": 1}, {"a": 1})
    assert not certainly_valid({"$ref": "https://example.invalid/x.json"}, {})
    assert not certainly_valid({"properties": {"a": {"$id": "inner", "$ref": "#/$defs/x"}}}, {})
    assert certainly_valid({"type": "object", "properties": {"a": {"type": "integer"}}}, {"a": 2.0})


def test_unusual_python_values_are_left_to_jsonschema():
    from decimal import Decimal

    data = sample_report("2021")
    data["year"] = Decimal(2021)
    assert not certainly_valid(REPORT, data)
    data["year"] = True
    assert _errors(data) and not certainly_valid(REPORT, data)


_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-3, 3000), st.floats(allow_nan=True), st.text(max_size=6),
    st.sampled_from(["2019", "2021", 2019, 2021.0, "township", "overview", "value", "raw", "x-y", "2024-01-0", "A"]),
    st.dictionaries(st.sampled_from(["value", "raw", "note", "unit", "location", "kind", "message", "Bad", "label"]),
                    st.one_of(st.none(), st.integers(), st.text(max_size=3)), max_size=3),
    st.lists(st.one_of(st.none(), st.text(max_size=3), st.integers()), max_size=3),
)


def _paths(data, prefix=()):
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _paths(value, prefix + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _paths(value, prefix + (i,))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["2019", "2021"]), st.data())
def test_never_valid_when_jsonschema_finds_an_error(fmt, draw):
    data = copy.deepcopy(sample_report(fmt))
    for _ in range(draw.draw(st.integers(1, 3))):
        paths = list(_paths(data))[1:]
        path = draw.draw(st.sampled_from(paths))
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        action = draw.draw(st.sampled_from(["replace", "add", "delete"]))
        if action == "replace":
            parent[path[-1]] = draw.draw(_VALUES)
        elif action == "add" and isinstance(parent, dict):
            parent[draw.draw(st.sampled_from(["zz", "Value", "9x", "note", "raw", "value", "kind"]))] = draw.draw(_VALUES)
        elif isinstance(parent, dict):
            del parent[path[-1]]
        else:
            parent.pop(path[-1])
    if certainly_valid(REPORT, data):
        assert not _errors(data)
