"""Clean, fully consistent structured reports of either format.

The base of every rule example (an example is this report plus a small patch), of
the property tests and of ``govinfo-lint init``. Figures are small but non-zero so
that a changed cell always breaks an identity.
"""

from __future__ import annotations

import copy
from typing import Any

from . import template

_TEXT = {
    "overview": (
        "{year}年，本机关认真贯彻落实《中华人民共和国政府信息公开条例》，"
        "扎实做好主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障等工作，"
        "如实报告工作考核、社会评议和责任追究结果情况。"
        "全年收到政府信息公开申请{received}件，办结{handled}件，结转下年度继续办理{forward}件。"
    ),
    "problems": (
        "存在的主要问题：一是公开内容的深度还不够；二是解读回应的形式较为单一。"
        "改进措施：下一步，我们将加强业务培训，丰富解读形式，及时回应社会关切。"
    ),
    "other": "{year}年，本机关未收取信息处理费。无其他需要报告的事项。",
}


def _requests(fmt: str) -> dict[str, dict[str, int]]:
    # Per applicant column: the result rows used and their counts; the identities
    # 一+二 = （七）+四 and Σresults = （七） hold by construction.
    results = {
        "natural_person": {"granted": 5, "partially_granted": 2, "denied_third_party": 1,
                           "unable_not_held": 3, "declined_repeated": 1},
        "commercial": {"granted": 2, "unable_needs_creation": 1},
        "research": {},
        "social_org": {"granted": 1},
        "legal_service": {"denied_process_info": 1},
        "other_org": {"declined_petition": 1},
    }
    other_row = "other" if fmt == "2019" else "other_misc"
    results["natural_person"][other_row] = 1
    carried_over = {"natural_person": 1, "commercial": 1}
    forward = {"natural_person": 2, "social_org": 1}
    rows = [r.id for r in template.TABLES[fmt]["requests"].rows]
    table: dict[str, dict[str, int]] = {r: {} for r in rows}
    for col in template.REQUESTS_PART_COLUMNS:
        handled = sum(results[col].values())
        for rid in template.RESULT_ROWS[fmt]:
            table[rid][col] = results[col].get(rid, 0)
        table["handled_total"][col] = handled
        table["carried_over"][col] = carried_over.get(col, 0)
        table["carried_forward"][col] = forward.get(col, 0)
        table["new_received"][col] = handled + forward.get(col, 0) - carried_over.get(col, 0)
    for rid in rows:
        table[rid]["total"] = sum(table[rid][c] for c in template.REQUESTS_PART_COLUMNS)
    return table


def _review() -> dict[str, dict[str, int]]:
    figures = {"reconsideration": (2, 1, 0, 1), "litigation_direct": (1, 0, 1, 0),
               "litigation_after_reconsideration": (0, 0, 0, 1)}
    return {
        rid: {"upheld": u, "corrected": c, "other": o, "pending": p, "total": u + c + o + p}
        for rid, (u, c, o, p) in figures.items()
    }


def _proactive(fmt: str) -> dict[str, dict[str, Any]]:
    if fmt == "2021":
        return {
            "regulations": {"issued": 0, "repealed": 0, "in_force": 0},
            "normative_documents": {"issued": 3, "repealed": 1, "in_force": 25},
            "licensing": {"decisions": 120},
            "penalty": {"decisions": 36},
            "compulsion": {"decisions": 4},
            "fees": {"amount": 12.5},
        }
    return {
        "regulations": {"produced": 0, "published": 0, "total_published": 0},
        "normative_documents": {"produced": 3, "published": 3, "total_published": 25},
        "licensing": {"previous_items": 40, "change": -2, "decisions": 120},
        "other_services": {"previous_items": 10, "change": 1, "decisions": 15},
        "penalty": {"previous_items": 60, "change": 0, "decisions": 36},
        "compulsion": {"previous_items": 5, "change": 0, "decisions": 4},
        "fees": {"previous_items": 3, "change": 0},
        "procurement": {"items": 2, "amount": "35.6万元"},
    }


def sample_report(fmt: str = "2021", year: int | None = None, agency: str = "示例县交通运输局",
                  level: str | None = "county_department") -> dict[str, Any]:
    """A structured report (the YAML/JSON shape) that every built-in rule passes."""
    year = year or (2020 if fmt == "2019" else 2024)
    requests = _requests(fmt)
    figures = {
        "year": year,
        "received": requests["new_received"]["total"],
        "handled": requests["handled_total"]["total"],
        "forward": requests["carried_forward"]["total"],
    }
    sections = []
    for sid in template.SECTION_IDS:
        text = _TEXT.get(sid, "见下表。").format(**figures)
        sections.append({"id": sid, "heading": template.SECTION_HEADINGS[sid], "text": text})
    report: dict[str, Any] = {
        "agency": agency,
        "year": year,
        "format": fmt,
        "title": f"{agency}{year}年政府信息公开工作年度报告",
        "intro": f"本报告根据《中华人民共和国政府信息公开条例》要求编制，统计期限为{year}年1月1日至{year}年12月31日。",
        "sections": sections,
        "tables": {"proactive": _proactive(fmt), "requests": requests, "review": _review()},
    }
    if level:
        report["level"] = level
    return copy.deepcopy(report)


def _walk(data: dict[str, Any], pointer: str, create: bool):
    """(container, key) for a pointer into the structured form; sections by id."""
    parts = [p.replace("~1", "/").replace("~0", "~") for p in pointer.strip("/").split("/")]
    node: Any = data
    for i, part in enumerate(parts[:-1]):
        if isinstance(node, list):
            found = next((s for s in node if isinstance(s, dict) and s.get("id") == part), None)
            if found is None:
                if not create:
                    raise KeyError(pointer)
                found = {"id": part}
                node.append(found)
            node = found
            continue
        if part not in node or node[part] is None:
            if not create:
                raise KeyError(pointer)
            node[part] = [] if part == "sections" else {}
        node = node[part]
    return node, parts[-1]


def apply_patch(data: dict[str, Any], patch: dict[str, Any] | None = None,
                remove: list[str] | None = None) -> dict[str, Any]:
    """Set values at pointers (``/tables/requests/granted/total: 5``) and remove others."""
    data = copy.deepcopy(data)
    for pointer, value in (patch or {}).items():
        node, key = _walk(data, pointer, create=True)
        if isinstance(node, list):
            item = next((s for s in node if isinstance(s, dict) and s.get("id") == key), None)
            if item is None:
                node.append(value)
            else:
                node[node.index(item)] = value
        else:
            node[key] = copy.deepcopy(value)
    for pointer in remove or []:
        node, key = _walk(data, pointer, create=False)
        if isinstance(node, list):
            node[:] = [s for s in node if not (isinstance(s, dict) and s.get("id") == key)]
        else:
            node.pop(key, None)
    return data


def example_report(rule_formats: tuple[str, ...], example: dict[str, Any]) -> dict[str, Any]:
    """The structured report of one rule example: a sample plus the example's patch."""
    base = example.get("base") or f"sample-{rule_formats[-1]}"
    fmt = base.rsplit("-", 1)[1]
    return apply_patch(sample_report(fmt), example.get("patch"), example.get("remove"))


_PREVIOUS_TEXT = {
    "overview": "{year}年，本机关以规范依申请公开办理为重点，修订了政府信息公开指南，更新了主动公开目录。",
    "problems": "存在的主要问题：政策文件解读材料发布不够及时。改进措施：建立解读材料与文件同步报审制度。",
}


def previous_sample(fmt: str, year: int, agency: str = "示例县交通运输局",
                    level: str | None = "county_department") -> dict[str, Any]:
    """The same organ's report of the year before a sample: consistent with it across years
    (its 结转下年度 is the sample's 上年结转; its 现行有效件数 leads to the sample's), with
    other figures and wording, so that every cross-year rule passes the pair."""
    report = sample_report(fmt, year=year, agency=agency, level=level)
    after = sample_report(template.format_for_year(year + 1) if fmt == "2021" else fmt, year=year + 1)
    requests = report["tables"]["requests"]
    for col in template.REQUESTS_PART_COLUMNS + ("total",):
        forward = after["tables"]["requests"]["carried_over"][col]
        requests["carried_over"][col] = 0
        requests["carried_forward"][col] = forward
        requests["new_received"][col] = requests["handled_total"][col] + forward
    report["tables"]["review"] = {
        rid: {"upheld": u, "corrected": 0, "other": o, "pending": 0, "total": u + o}
        for rid, (u, o) in {"reconsideration": (1, 1), "litigation_direct": (0, 0),
                            "litigation_after_reconsideration": (1, 0)}.items()}
    proactive = report["tables"]["proactive"]
    if fmt == "2021":
        nxt = after["tables"]["proactive"]["normative_documents"]
        in_force = nxt["in_force"] - nxt["issued"] + nxt["repealed"] if "in_force" in nxt else 23
        proactive["normative_documents"] = {"issued": 2, "repealed": 0, "in_force": in_force}
        proactive["licensing"] = {"decisions": 98}
    else:
        proactive["normative_documents"] = {"produced": 2, "published": 2, "total_published": 22}
        for rid, row in proactive.items():
            if "previous_items" in row:
                row["previous_items"] -= row["change"] if year == 2019 else 0
    figures = {"year": year, "received": requests["new_received"]["total"],
               "handled": requests["handled_total"]["total"], "forward": requests["carried_forward"]["total"]}
    for section in report["sections"]:
        if section["id"] in _PREVIOUS_TEXT:
            section["text"] = _PREVIOUS_TEXT[section["id"]].format(**figures)
    report["title"] = f"{agency}{year}年政府信息公开工作年度报告"
    return copy.deepcopy(report)


def example_previous(rule_formats: tuple[str, ...], example: dict[str, Any]) -> dict[str, Any] | None:
    """Last year's report of an example with a ``previous:`` key (cross-year rules):
    ``previous_sample`` of the year before the example's report, plus its own patch."""
    spec = example.get("previous")
    if spec is None:
        return None
    this = example_report(rule_formats, example)
    base = spec.get("base") or f"sample-{this['format']}"
    data = previous_sample(base.rsplit("-", 1)[1], spec.get("year", this["year"] - 1))
    return apply_patch(data, spec.get("patch"), spec.get("remove"))
