"""The organ's name in the signature (落款) against the title (CNT-04, issue 12)."""

from __future__ import annotations

import pytest

from govinfo_lint.api import load_rules
from govinfo_lint.checks.agency_names import signature, signature_mismatch
from govinfo_lint.engine.runner import lint_report
from govinfo_lint.readers import read
from govinfo_lint.readers.structured import from_data
from govinfo_lint.samples import apply_patch, sample_report

CNT04 = load_rules(select=["CNT-04"])
AGENCY = "平潭综合实验区财政金融局"


def _report(other: str, agency: str = AGENCY):
    data = apply_patch(sample_report("2021"), {"/agency": agency, "/title": f"{agency}2024年政府信息公开工作年度报告",
                                               "/sections/other/text": other})
    return from_data(data)


@pytest.mark.parametrize(("text", "wrong", "right"), [
    ("无其他需要报告事项。 平潭综合实验区财政全融局 2025年1月27日 附件下载", "平潭综合实验区财政全融局", AGENCY),
    ("无其他需要报告事项。 财政全融局 2025年1月27日", "财政全融局", "财政金融局"),
    ("无。 此函 平潭综合实验区财政全融局 2025年1月7日 财政金融局办公室 2025年1月7日印发", "平潭综合实验区财政全融局", AGENCY),
])
def test_a_miswritten_signature_is_found(text, wrong, right):
    (finding,) = lint_report(_report(text), CNT04)
    assert finding.severity == "warning" and finding.pointer == "/sections/other"
    assert finding.evidence["written"] == wrong and finding.evidence["expected"] == right
    assert "落款" in finding.message


@pytest.mark.parametrize("text", [
    "无其他需要报告事项。 平潭综合实验区财政金融局 2025年1月27日",
    "无其他需要报告事项。 财政金融局 2025年1月27日",  # the short name
    "本年度未收取信息处理费。 2025年1月27日",  # a date line only
    "本年度未收取信息处理费。 平潭综合实验区管理委员会办公室 2025年1月27日",  # another organ signs
    "本年度未收取信息处理费。 平潭综合实验区财政金融办 2025年1月27日",  # 局/办: not a slip of the pen
    "本年度未收取信息处理费。",
])
def test_a_correct_or_unrelated_signature_draws_nothing(text):
    assert lint_report(_report(text), CNT04) == []


@pytest.mark.parametrize(("agency", "signed"), [
    ("沭阳县人力资源和社会保障局", "沭阳县人力资源社会保障局"),  # a word left out
    ("平潭综合实验区财政金融局", "平潭实验区财政金融局"),  # a shorter parent name
    ("财政金融局", "平潭综合实验区财政金融局"),  # the parent name added
    ("福建省平潭综合实验区财政金融局", "平潭综合实验区管委会财政金融局"),
    ("平潭综合实验区公安局", "平潭综合实验区公安分局"),
    ("平潭综合实验区教育与体育局", "平潭综合实验区教育和体育局"),  # 与/和
])
def test_other_ways_of_writing_the_organ_draw_nothing(agency, signed):
    assert lint_report(_report(f"无。 {signed} 2025年1月2日", agency), CNT04) == []


def test_signature_is_the_name_before_the_last_date_not_the_issuing_line():
    report = _report("无。 平潭综合实验区海坛片区管理局 2022年1月7日 海坛片区管理局党政办公室 2022年1月7日印发")
    assert signature(report) == "平潭综合实验区海坛片区管理局"
    assert signature_mismatch(_report("无。 2022年1月7日")) is None


def test_real_signature_miswritten(corpus_dir, tmp_path):
    text = (corpus_dir / "pingtan-dept" / "pt-czj-2020.txt").read_text(encoding="utf-8")
    assert lint_report(read(corpus_dir / "pingtan-dept" / "pt-czj-2020.txt"), CNT04) == []
    at = text.rindex("财政金融局")
    path = tmp_path / "pt-czj-2020.txt"
    path.write_text(text[:at] + "财政全融局" + text[at + 5:], encoding="utf-8")
    (finding,) = lint_report(read(path), CNT04)
    assert finding.evidence["written"].endswith("财政全融局") and finding.evidence["expected"].endswith("财政金融局")


def test_real_signatures_draw_nothing(corpus_dir):
    for path in sorted((corpus_dir / "pingtan-dept").glob("*.txt")) + sorted(corpus_dir.glob("pingtan-gov-zwgk-archive/**/*.*")):
        assert lint_report(read(path), CNT04) == [], path
