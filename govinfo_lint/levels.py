"""Which kind of body wrote a report, from its name, only where the name settles it.

Level rules (LVL-*) stay silent when this returns None: a wrong guess would raise
false errors, an unknown level only loses a check.
"""

from __future__ import annotations

import re

from . import lazy_re

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
