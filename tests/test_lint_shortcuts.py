"""The lint's shortcuts decide as the full computations they spare: an identity the quick sums
pass is one the full evaluation finds nothing in, and bracket depths read from the brackets
alone are those of a walk over every character."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from govinfo_lint.api import load_rules
from govinfo_lint.checks import identity
from govinfo_lint.checks.narrative.scan import _depths
from govinfo_lint.model import Cell
from govinfo_lint.readers.structured import from_data
from govinfo_lint.samples import sample_report

IDENTITIES = [r for r in load_rules() if r.kind == "identity"]
# Blanks, fractions, and ints beyond what the quick sums take (10**30 + 1 is 10**30 in 28 digits).
VALUES = [None, 0, 1, 3, -2, 10**15, 10**30, 10**30 + 1, Decimal("2.5"), Decimal(7), Decimal("0.01"), True]


def _walked(text: str) -> list[int]:
    depth, out = 0, []
    for ch in text:
        if ch in "（(":
            depth += 1
        out.append(depth)
        if ch in "）)" and depth:
            depth -= 1
    out.append(depth)
    return out


def test_bracket_depths_as_a_walk_over_every_character():
    rnd = random.Random(7)
    for _ in range(3000):
        text = "".join(rnd.choice("a中（()）") for _ in range(rnd.randrange(25)))
        assert _depths(text) == _walked(text)


@pytest.mark.parametrize("fmt", ["2019", "2021"])
def test_the_quick_sums_pass_exactly_the_identities_the_full_evaluation_passes(fmt):
    rnd = random.Random(fmt)
    for _ in range(150):
        report = from_data(sample_report(fmt))
        cells = [(row, cid) for t in report.tables.values() for row in t.rows.values() for cid in row.cells]
        for row, cid in rnd.sample(cells, rnd.randrange(8)):
            row.cells[cid] = Cell(rnd.choice(VALUES), "")
        for rule in IDENTITIES:
            o = rule.options
            table = report.tables.get(o["table"])
            if table is None or fmt not in rule.formats:
                continue
            per, relation = o.get("per", "column"), o.get("relation", "eq")
            tolerance, quiet = Decimal(str(o.get("tolerance", 0))), o.get("skip_when_unassessable", False)
            instances = identity._instances(o["table"], per, tuple(o.get("over") or ()), tuple(o["left"]),
                                            tuple(o["right"]), fmt, tuple(table.rows))
            for where, left, right, signed in instances:
                found = identity._evaluate(report, table, o["table"], fmt, per, where, left, right, relation,
                                           tolerance, quiet)
                assert identity._passes(table, signed, relation, tolerance, quiet) == (found is None), \
                    (rule.code, where)


def test_messages_render_as_string_formatter_renders_them():
    # render() uses str.format_map for speed; it must give what string.Formatter().vformat
    # gave with the same placeholders: fields, specs, conversions, missing keys left visible,
    # and the template itself where formatting fails.
    import string

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from govinfo_lint.engine.runner import _Params, render

    def reference(text: str, params: dict, lang: str) -> str:
        try:
            return string.Formatter().vformat(text, (), _Params(params, lang))
        except (ValueError, IndexError, AttributeError, KeyError, TypeError):
            return text

    piece = st.sampled_from(["{a}", "{b}", "{missing}", "{a!r}", "{n:d}", "{n:>5}", "{x:.2f}", "{a[0]}", "{0}",
                             "{", "}", "{{", "}}", "{a.b}", "{n:{w}}", "表{a}第{n}行", "：", "\n", "{d}", "{l}"])
    values = st.fixed_dictionaries({"a": st.sampled_from(["政府", "x\ny", "", "{b}"]), "n": st.integers(-5, 12345),
                                    "x": st.sampled_from([1.5, 2, "3"]), "w": st.sampled_from([3, "7", "x"]),
                                    "d": st.just({"zh": "中文", "en": "English"}), "l": st.just([1, 2])})

    @settings(max_examples=500, deadline=None)
    @given(st.lists(piece, max_size=6).map("".join), values, st.sampled_from(["zh", "en"]))
    def same(text, params, lang):
        assert render(text, params, lang) == reference(text, params, lang)

    same()
