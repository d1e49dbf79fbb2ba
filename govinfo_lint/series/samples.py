"""A consistent series of structured reports (rule examples and tests of the SER rules).

Every consecutive pair passes the cross-year identities (上年结转 = last year's 结转下年度,
现行有效件数 chain, 2019-format item counts) and the wording differs from year to year,
so a planted defect is the only thing a series rule can find.
"""

from __future__ import annotations

import copy
from typing import Any

from .. import template
from ..samples import apply_patch, sample_report

_WORK = ("政务公开目录编制", "依申请公开办理流程", "政策解读材料发布", "政府网站集约化建设", "公开平台栏目优化",
         "业务培训与考核", "重大行政决策预公开", "基层政务公开标准化", "政务新媒体管理", "财政预决算公开",
         "公共企事业单位信息公开", "建议提案办理结果公开")
_OVERVIEW = ("本年度围绕{}开展专项工作，形成了较为完整的制度安排。", "在{}方面，本机关细化了责任分工并按季度通报进展。",
             "针对{}，本机关组织开展了自查并及时整改发现的问题。")
_PROBLEMS = ("存在的主要问题是{}仍有不足，与公众期待尚有差距。", "下一步将把{}作为重点，健全长效工作机制。")


def _text(templates: tuple[str, ...], k: int, start: int) -> str:
    return "".join(t.format(_WORK[(k * 5 + start + i) % len(_WORK)]) for i, t in enumerate(templates))


def series_sample(years: list[int], agency: str = "示例县交通运输局") -> dict[int, dict[str, Any]]:
    out: dict[int, dict[str, Any]] = {}
    last: dict[str, Any] | None = None
    for k, year in enumerate(sorted(years)):
        report = sample_report(template.format_for_year(year), year=year, agency=agency)
        for section in report["sections"]:
            if section["id"] == "overview":
                section["text"] = f"{year}年，" + _text(_OVERVIEW, k, 0)
            elif section["id"] == "problems":
                section["text"] = _text(_PROBLEMS, k, 3)
        for row in report["tables"]["review"].values():  # a clean organ: nothing corrected, no case lost
            row["upheld"], row["corrected"] = row["upheld"] + row["corrected"], 0
        if last is not None and last["year"] == year - 1:
            _follow(report, last)
        out[year] = report
        last = report
    return out


def _follow(report: dict[str, Any], last: dict[str, Any]) -> None:
    requests, before = report["tables"]["requests"], last["tables"]["requests"]
    for col in template.REQUESTS_PART_COLUMNS:
        requests["carried_over"][col] = before["carried_forward"][col]
        requests["new_received"][col] = (requests["handled_total"][col] + requests["carried_forward"][col]
                                         - requests["carried_over"][col])
    for rid in ("carried_over", "new_received"):
        requests[rid]["total"] = sum(requests[rid][c] for c in template.REQUESTS_PART_COLUMNS)
    proactive, old = report["tables"]["proactive"], last["tables"]["proactive"]
    if report["format"] == "2021" and last["format"] == "2021":
        docs = proactive["normative_documents"]
        docs["in_force"] = old["normative_documents"]["in_force"] + docs["issued"] - docs["repealed"]
    if report["format"] == "2019" and last["format"] == "2019":
        for rid, row in proactive.items():
            if "previous_items" in row and "previous_items" in old.get(rid, {}):
                row["previous_items"] = old[rid]["previous_items"] + old[rid].get("change", 0)


def example_series(example: dict[str, Any]) -> list[dict[str, Any]]:
    """The reports of one SER rule example: the sample series of its years plus each year's patch."""
    items = example["series"]
    by_agency: dict[str, list[int]] = {}
    for item in items:
        by_agency.setdefault(item.get("agency", "示例县交通运输局"), []).append(item["year"])
    samples = {agency: series_sample(years, agency) for agency, years in by_agency.items()}
    return [apply_patch(copy.deepcopy(samples[item.get("agency", "示例县交通运输局")][item["year"]]),
                        item.get("patch"), item.get("remove")) for item in items]
