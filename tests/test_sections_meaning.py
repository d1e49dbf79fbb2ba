"""A section is present when its content is there; statements are read for their meaning.

Generated reports (lines, and flattened page text as web archives dump it) with headings
worded as real reports word them, fee statements, improvement measures and the note
under table 三 in the forms reports use; then the real documents of ../shared that show
each case, with their hand-checked labels (PINGTAN_DEPT.tsv, KNOWN_FINDINGS.tsv).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from govinfo_lint import api, template
from govinfo_lint.headings import SECTION_PATTERN, section_id

TITLE = "示例县财政局2024年政府信息公开工作年度报告"
INTRO = ("本报告根据《中华人民共和国政府信息公开条例》编制，由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、"
         "政府信息公开行政复议、行政诉讼情况、存在的主要问题及改进情况和其他需要报告的事项等六个部分组成。")
TEXTS = {
    "overview": "2024年，本局做好主动公开、依申请公开、政府信息管理、政府信息公开平台建设和监督保障工作。",
    "proactive": "本年主动公开政府信息90条。",
    "requests": "本年未收到政府信息公开申请。",
    "review": "本年未发生政府信息公开行政复议、行政诉讼。",
    "problems": "一是公开内容还有短板；二是队伍力量薄弱。下一步将加大培训力度。",
    "other": "2024年，本局未收取信息处理费。",
}


def _headings(**changed: str | None) -> dict[str, str | None]:
    out: dict[str, str | None] = dict(template.SECTION_HEADINGS)
    out.update(changed)
    return out


def _lines_report(tmp_path: Path, headings: dict[str, str | None], texts: dict[str, str] | None = None,
                  intro: str = INTRO, name: str = "report.txt") -> Path:
    body = [TITLE, intro]
    for sid in template.SECTION_IDS:
        if headings.get(sid) is not None:
            body.append(headings[sid])
        body.append((texts or TEXTS).get(sid, TEXTS[sid]))
    path = tmp_path / name
    path.write_text("\n".join(body) + "\n", encoding="utf-8")
    return path


def _requests_run(note: str | None) -> str:
    """Table 三 flattened as web archives dump it: labels and seven 0 cells run together."""
    out = [note or "", "申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他"]
    top = group = None
    for row in template.TABLES["2021"]["requests"].rows:
        if row.top and row.top != top:
            out.append(row.top)
            top = row.top
        if row.group and row.group != group:
            out.append(row.group)
            group = row.group
        out.append(row.label + "0000000")
    return "".join(out)


def _flattened_report(tmp_path: Path, headings: dict[str, str | None], note: str | None = template.REQUESTS_NOTE,
                      texts: dict[str, str] | None = None) -> Path:
    """The body on one line, after the archiver's header, as in the Pingtan page dumps."""
    parts = [INTRO]
    for sid in template.SECTION_IDS:
        parts.append(headings.get(sid) or "")
        parts.append((texts or TEXTS).get(sid, TEXTS[sid]))
        if sid == "requests":
            parts.append(_requests_run(note))
    header = [f"标题: {TITLE}", "发布时间: 2025-01-10 10:00", "栏目: 政府信息公开年报", "=" * 20 + " 正文 " + "=" * 20]
    path = tmp_path / "page.txt"
    path.write_text("\n".join(header) + "\n" + "".join(parts) + "\n", encoding="utf-8")
    return path


def _codes(findings, *codes: str):
    return [f for f in findings if f.code in codes]


REWORDED = [
    # (section, heading as written, SEC-02 severity)
    ("problems", "五、存在的主要问题及改进措施", "info"),
    ("problems", "五、存在的主要问题及改进情况及明年工作计划", "warning"),
    ("problems", "五、存在的主要问题及改进措施及明年工作计划", "warning"),
    ("review", "四、政府信息公开行政复议与行政诉讼情况", "info"),
    ("review", "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况", "info"),
    ("other", "六、其他需报告的事项", "info"),
]


@pytest.mark.parametrize("sid,heading,severity", REWORDED)
@pytest.mark.parametrize("form", ["lines", "flattened"])
def test_reworded_heading_is_the_section_with_a_wording_finding(tmp_path, sid, heading, severity, form):
    build = _lines_report if form == "lines" else _flattened_report
    path = build(tmp_path, _headings(**{sid: heading}))
    report = api.load(path)
    section = report.section(sid)
    assert section is not None and section.heading == heading  # kept as written for SEC-02
    assert TEXTS[sid][:8] in section.text
    findings = api.lint(path)
    assert not [f for f in _codes(findings, "SEC-01", "SEC-04")], [f.message for f in findings]
    wording = [f for f in _codes(findings, "SEC-02") if f.pointer == f"/sections/{sid}"]
    assert [f.severity for f in wording] == [severity], [f.message for f in wording]


def test_a_sentence_in_the_text_is_never_a_heading():
    for sentence in ("五、存在的主要问题及改进措施已报送区管委会，我局将逐项落实。",
                     "我局将存在的主要问题及改进措施报区管委会",
                     "以上为存在的主要问题及改进措施，请审阅。"):
        assert section_id(sentence) == (None, None), sentence
    # Running text: only a heading with its own section's number is cut out of a paragraph.
    text = "二是做好存在的主要问题及改进措施的梳理。三、存在的主要问题及改进措施要逐项落实"
    assert not list(SECTION_PATTERN.finditer(text))


def test_sub_heading_numbered_like_the_subsections_stays_inside(tmp_path):
    texts = dict(TEXTS, overview="2024年总体良好。\n（五）存在的主要问题及改进措施\n监督保障到位，主动公开、依申请公开、政府信息管理、平台建设均有进展。")
    report = api.load(_lines_report(tmp_path, _headings(), texts))
    assert [s.id for s in report.sections] == list(template.SECTION_IDS)


def test_missing_only_when_neither_heading_nor_content(tmp_path):
    # Heading and content of 五 both absent: a missing part, an error.
    texts = dict(TEXTS, problems="")
    path = _lines_report(tmp_path, _headings(problems=None), texts)
    errors = [f for f in _codes(api.lint(path), "SEC-01") if f.pointer == "/sections/problems"]
    assert [f.severity for f in errors] == ["error"]
    # Heading lost, content there (run on under 四): a warning asking for the heading.
    texts = dict(TEXTS, problems="（一）存在的主要问题。公开内容还不够全面。（二）改进措施。下一步将加强培训。")
    path = _lines_report(tmp_path, _headings(problems=None), texts, name="lost.txt")
    found = [f for f in _codes(api.lint(path), "SEC-01") if f.pointer == "/sections/problems"]
    assert [f.severity for f in found] == ["warning"] and "请按格式加上标题" in found[0].message


@pytest.mark.parametrize("statement", [
    "2024年，本局未发生政府信息公开收费事项。",
    "2024年度本机关未收取信息公开处理费。",
    "本年度政府信息公开未发生收费情况。",
    "本年度不存在收取信息处理费的情况。",
    "按照规定的按件、按量收费标准，本年度没有产生信息公开处理费。",
    "2024年，无收取信息处理费情况。",
])
def test_fee_statement_read_for_its_meaning(tmp_path, statement):
    path = _lines_report(tmp_path, _headings(), dict(TEXTS, other=statement))
    assert not _codes(api.lint(path), "SEC-09", "XTX-09")


def test_no_fee_statement_is_still_found(tmp_path):
    path = _lines_report(tmp_path, _headings(), dict(TEXTS, other="本局认真落实2024年政务公开工作要点，无其他需要报告的事项。"))
    assert [f.severity for f in _codes(api.lint(path), "SEC-09")] == ["error"]


@pytest.mark.parametrize("text", [
    "还存在一些不足，如业务不熟。下阶段我局将认真按照要求，抓好以下工作：（一）提高业务水平。（二）完善工作机制。",
    "信息的公开面还不够广。2025年，我局将继续严格落实责任制，重点做好三个方面工作：一是完善公开机制；二是提升公开质量。",
    "对复杂申请件的研判能力不足。针对存在问题，2025年我们将切实抓好以下工作：一是扎实推进依申请公开工作。",
    "仍存在短板：一是政策解读多样性需进一步加强。针对上述问题，我县精准施策：一是增加解读的形式。",
])
def test_improvement_measures_read_for_their_meaning(tmp_path, text):
    path = _lines_report(tmp_path, _headings(), dict(TEXTS, problems=text))
    assert not _codes(api.lint(path), "SEC-08")


def test_problems_without_measures_still_found(tmp_path):
    path = _lines_report(tmp_path, _headings(), dict(TEXTS, problems="一是公开内容的深度还不够；二是解读回应的形式较为单一。"))
    assert len(_codes(api.lint(path), "SEC-08")) == 1


def test_note_under_table_three_found_in_flattened_text(tmp_path):
    path = _flattened_report(tmp_path, _headings())
    report = api.load(path)
    assert "requests" in report.tables
    findings = api.lint(path)
    assert not [f for f in findings if f.pointer == "/labels/requests/note"], [f.message for f in findings]


def test_note_absent_from_flattened_text_is_missing(tmp_path):
    path = _flattened_report(tmp_path, _headings(), note=None)
    notes = [f for f in api.lint(path) if f.pointer == "/labels/requests/note"]
    assert [(f.code, f.severity) for f in notes] == [("TBL-05", "warning")]
    assert "缺少注释" in notes[0].message


def test_note_spelt_gouji_with_another_character_is_a_wording_finding(tmp_path):
    path = _flattened_report(tmp_path, _headings(), note=template.REQUESTS_NOTE.replace("勾稽", "钩稽"))
    notes = [f for f in api.lint(path) if f.pointer == "/labels/requests/note"]
    assert notes and all(f.severity in ("info", "warning") for f in notes)
    assert not any("缺少" in f.message for f in notes)
    assert any("钩稽" in f.message for f in notes)


def test_note_wrapped_around_the_column_headers(tmp_path):
    """A PDF extraction that wraps the note around the header words (上海市科委 2024)."""
    lines = [TITLE, INTRO]
    for sid in template.SECTION_IDS:
        lines.append(template.SECTION_HEADINGS[sid])
        lines.append(TEXTS[sid])
        if sid == "requests":
            lines += ["（本列数据的勾稽关系为：第一项加第二项法人或其他组织", "之和，等于第三项加第四项之和）", "自然人总计"]
    path = tmp_path / "wrapped.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    from govinfo_lint.checks.labels import note_as_written
    from govinfo_lint.model import Table

    written, _where = note_as_written(api.load(path), Table(id="requests", note="（本列数据的勾稽关系为：第一项加第二项法人或其他组织"))
    assert written == template.REQUESTS_NOTE
    other = note_as_written(api.load(path), Table(id="requests", note="（注：第一项+第二项=第三项+第四项）"))
    assert other[0] == template.REQUESTS_NOTE  # the document has the note verbatim as well


def test_local_outline_reports_the_overview_aspects_in_its_own_parts(tmp_path):
    lines = [TITLE, "一、总体情况", "2024年，本机关认真落实各项部署。",
             "二、工作机制保障", "本机关设立政务公开工作协调小组，加强公开属性审查和发布审查。",
             "三、主动公开工作情况", "本机关主动公开政府信息393件。",
             "四、政府信息公开申请情况", "全年收到政府信息公开申请34件。",
             "五、政府信息公开平台建设", "做好门户网站和政务新媒体建设。"]
    path = tmp_path / "outline.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert not [f for f in _codes(api.lint(path), "SEC-05")]


# --- the real documents ---------------------------------------------------------------------

def _lint(corpus_dir: Path, name: str):
    path = corpus_dir / name
    if not path.exists():
        pytest.skip(f"{name} not in the corpus")
    return api.lint(path)


def test_jjpq_2022_heading_five_reworded(corpus_dir):
    findings = _lint(corpus_dir, "pingtan-dept/pt-jjpq-2022.txt")  # jjpq22-D2, and SEC-04 on 六个部分
    assert not _codes(findings, "SEC-01", "SEC-04")
    assert [(f.pointer, f.severity) for f in _codes(findings, "SEC-02")] == [("/sections/problems", "info")]


def test_jspq_2020_old_heading_four(corpus_dir):
    findings = _lint(corpus_dir, "pingtan-dept/pt-jspq-2020.txt")  # jspq20-D2
    assert not _codes(findings, "SEC-01")
    assert [(f.pointer, f.severity) for f in _codes(findings, "SEC-02")] == [("/sections/review", "info")]


@pytest.mark.parametrize("name", ["pingtan-dept/pt-gaj-2021.txt", "pingtan-dept/pt-jjf-2019.txt"])
def test_measures_and_aspects_negative_controls(corpus_dir, name):
    findings = _lint(corpus_dir, name)  # gaj21-N1, gaj21-N2, jjf19-N3
    assert not _codes(findings, "SEC-08")
    assert all(f.severity == "info" for f in _codes(findings, "SEC-05")), [f.message for f in findings]
    if "jjf" in name:
        assert not [f for f in _codes(findings, "SEC-05") if f.evidence["missing"][0] == "监督保障"]


def test_czj_2020_lacks_information_management(corpus_dir):
    findings = _lint(corpus_dir, "pingtan-dept/pt-czj-2020.txt")  # czj20-D1
    assert [f.severity for f in _codes(findings, "SEC-05") if "政府信息管理" in f.message] == ["warning"]


def test_note_under_table_three_in_every_pingtan_dump(corpus_dir):
    files = sorted((corpus_dir / "pingtan-dept").glob("*.txt")) + sorted(
        (corpus_dir / "pingtan-gov-zwgk-archive").glob("2*/page.txt"))
    if not files:
        pytest.skip("no Pingtan dumps")
    for path in files:
        notes = [f for f in api.lint(path) if f.pointer == "/labels/requests/note"]
        if "htpq" in path.name:  # htpq21-D3: 钩稽关系
            assert notes and all(f.severity in ("info", "warning") and "缺少" not in f.message for f in notes)
        else:
            assert not notes, (path.name, [f.message for f in notes])


def test_shanghai_outlines_draw_no_section_error(corpus_dir):
    for name in ("KIROGOVCOMPARE/kewei-2024-source.md", "KIROGOVCOMPARE/shanghai-office-sample-source.md"):
        findings = _lint(corpus_dir, name)
        sec = [f for f in findings if f.code.startswith("SEC-") or f.code == "TBL-05"]
        assert all(f.severity != "error" for f in sec), (name, [f.message for f in sec if f.severity == "error"])
        assert not _codes(findings, "SEC-09")  # 未发生政府信息公开收费事项 / 未收取信息公开处理费
        assert not [f for f in findings if f.pointer == "/labels/requests/note"]


def test_reworded_headings_in_html(tmp_path):
    body = [f"<p style='text-align:center'>{TITLE}</p>", f"<p>{INTRO}</p>"]
    headings = _headings(problems="五、存在的主要问题及改进措施", other="六、其他需报告的事项")
    for sid in template.SECTION_IDS:
        body += [f"<p><strong>{headings[sid]}</strong></p>", f"<p>{TEXTS[sid]}</p>"]
    path = tmp_path / "report.html"
    path.write_text("<html><body>" + "".join(body) + "</body></html>", encoding="utf-8")
    report = api.load(path)
    assert [s.id for s in report.sections] == list(template.SECTION_IDS)
    findings = api.lint(path)
    assert not _codes(findings, "SEC-01", "SEC-04")
    assert sorted((f.pointer, f.severity) for f in _codes(findings, "SEC-02")) == [
        ("/sections/other", "info"), ("/sections/problems", "info")]


def test_reworded_heading_wrapped_over_two_lines(tmp_path):
    path = _lines_report(tmp_path, _headings(problems="五、存在的主要问题及改进\n措施"))
    report = api.load(path)
    assert report.section("problems").heading == "五、存在的主要问题及改进措施"
    assert not _codes(api.lint(path), "SEC-01")


def test_flattened_heading_with_a_space_after_its_number(tmp_path):
    path = _flattened_report(tmp_path, _headings(problems="五、 存在的主要问题及改进措施", review="四、 政府信息公开行政复议、行政诉讼情况"))
    report = api.load(path)
    assert report.section("problems") is not None and report.section("review") is not None
    assert not _codes(api.lint(path), "SEC-01")
