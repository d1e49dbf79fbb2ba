"""Properties of the arithmetic rules over generated reports of both formats."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govinfo_lint import template
from govinfo_lint.api import load_rules
from govinfo_lint.engine.runner import lint_report
from govinfo_lint.readers.structured import from_data
from govinfo_lint.samples import sample_report

SUM_RULES = load_rules(select=["SUM"])
IDENTITY_CODES = {"SUM-01", "SUM-02", "SUM-03", "SUM-04"}


@st.composite
def consistent_report(draw):
    fmt = draw(st.sampled_from(template.FORMATS))
    report = sample_report(fmt)
    requests = {r.id: {} for r in template.TABLES[fmt]["requests"].rows}
    small = st.integers(min_value=0, max_value=50)
    for col in template.REQUESTS_PART_COLUMNS:
        handled = 0
        for rid in template.RESULT_ROWS[fmt]:
            requests[rid][col] = draw(small)
            handled += requests[rid][col]
        forward = draw(small)
        carried = draw(st.integers(min_value=0, max_value=handled + forward))
        requests["handled_total"][col] = handled
        requests["carried_forward"][col] = forward
        requests["carried_over"][col] = carried
        requests["new_received"][col] = handled + forward - carried
    for rid, row in requests.items():
        row["total"] = sum(row[c] for c in template.REQUESTS_PART_COLUMNS)
    review = {}
    for row in template.REVIEW_ROWS:
        parts = [draw(small) for _ in range(4)]
        review[row.id] = dict(zip(("upheld", "corrected", "other", "pending"), parts), total=sum(parts))
    report["tables"]["requests"] = requests
    report["tables"]["review"] = review
    return report


def _findings(data):
    return lint_report(from_data(data), SUM_RULES)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(consistent_report())
def test_consistent_report_raises_no_arithmetic_finding(data):
    assert [f for f in _findings(data) if f.code in IDENTITY_CODES] == []


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(consistent_report(), st.data())
def test_changing_any_count_cell_is_caught_where_it_is(data, draw):
    table_id = draw.draw(st.sampled_from(["requests", "review"]))
    rows = data["tables"][table_id]
    row_id = draw.draw(st.sampled_from(sorted(rows)))
    col_id = draw.draw(st.sampled_from(sorted(rows[row_id])))
    delta = draw.draw(st.integers(min_value=1, max_value=9))
    rows[row_id][col_id] += delta
    errors = [f for f in _findings(data) if f.code in IDENTITY_CODES and f.severity == "error"]
    assert errors, f"changing {table_id}/{row_id}/{col_id} went unnoticed"
    assert any(f"/{row_id}/" in f.pointer + "/" or f.pointer.endswith("/" + col_id) for f in errors), \
        [f.pointer for f in errors]
