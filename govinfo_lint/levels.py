"""Which kind of body wrote a report, from its name, only where the name settles it.

Level rules (LVL-*) stay silent when this returns None: a wrong guess would raise
false errors, an unknown level only loses a check.
"""

from __future__ import annotations

import re

from . import lazy_re

# The ids of docs/model.md, as people name them (Chinese, English).
LEVEL_NAMES = {
    "state_council_department": ("国务院部门", "State Council department"),
    "provincial_government": ("省级人民政府", "provincial government"),
    "provincial_department": ("省级政府部门", "provincial department"),
    "prefecture_government": ("设区的市级人民政府", "prefecture-level government"),
    "prefecture_department": ("市级政府部门", "prefecture-level department"),
    "county_government": ("县级人民政府", "county-level government"),
    "county_department": ("县级政府部门", "county-level department"),
    "township": ("乡镇人民政府（街道办事处）", "township government or street office"),
    "other": ("其他机关（如开发区、实验区管理机构）", "other body (e.g. development-zone administration)"),
}


def level_name(level: str | None, lang: str = "zh") -> str | None:
    names = LEVEL_NAMES.get(level or "")
    return (names[0] if lang == "zh" else names[1]) if names else level


_DEPARTMENT = lazy_re.compile(r"(局|厅|委员会|委|办公室|办|中心|署|院|所|队|站|处|会)$")
_NATIONAL = lazy_re.compile(r"^(中华人民共和国|国家|国务院|中国人民银行|审计署|海关总署)")


def infer_level(agency: str | None) -> str | None:
    if not agency:
        return None
    name = re.sub(r"\s+", "", agency)
    if re.search(r"(镇|乡|街道办事处|街道)(人民政府)?$", name) or re.search(r"(镇|乡)人民政府", name):
        return "township"
    if _NATIONAL.match(name):
        return "state_council_department"
    if re.search(r"(省|自治区)人民政府(办公厅)?$", name) or re.fullmatch(r"(北京|天津|上海|重庆)市人民政府(办公厅)?", name):
        return "provincial_government"
    if re.search(r"县人民政府(办公室)?$", name) or re.search(r"(县|旗)人民政府", name) and name.endswith("人民政府"):
        return "county_government"
    if re.search(r"区人民政府(办公室)?$", name) and not re.search(r"(新区|开发区|园区|实验区)人民政府", name):
        return "county_government"
    if re.search(r"(自治州|地区|盟)人民政府$", name):
        return "prefecture_government"
    if re.search(r"(开发区|实验区|新区|高新区|园区)", name) and _DEPARTMENT.search(name) is None:
        return "other"
    if _DEPARTMENT.search(name):
        if re.search(r"^(.+?(省|自治区))[^市县区]*$", name) or re.match(r"^(北京|天津|上海|重庆)市[^区县]+$", name):
            return "provincial_department"
        if re.search(r"(县|市.+区)[^市县]+$", name):
            return "county_department"
    return None
