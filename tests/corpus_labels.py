"""The expected finding of every labelled corpus row, as data (shared by
tests/test_corpus_labels.py and benchmarks/precision.py).

A ``Defect`` is found when some finding has one of ``codes``, a severity in
``severities`` and a pointer under one of ``pointers``, and (``says``) quotes the text
the label is about. A ``Negative`` holds when no finding at warning or above falls in
its location: a pointer under ``pointers`` and (when given) a code with one of
``codes``' prefixes (its location is narrower than a whole section where a true defect
of the same section sits beside it), and (``says``) a message quoting the text.
``Cells`` asserts values read from the document. ``files`` are globs under corpus/.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Defect:
    files: tuple[str, ...]
    codes: tuple[str, ...]
    severities: tuple[str, ...]
    pointers: tuple[str, ...]
    says: str | None = None


@dataclass(frozen=True)
class Negative:
    files: tuple[str, ...]
    pointers: tuple[str, ...]
    codes: tuple[str, ...] = ()
    says: str | None = None
    severities: tuple[str, ...] = ("warning", "error")  # what it must not draw ("error": warning at most)


@dataclass(frozen=True)
class Cells:
    files: tuple[str, ...]
    values: dict  # pointer -> value (and "note:" + pointer -> a substring of the cell's note)


D = "pingtan-dept/"
ARCH = "pingtan-gov-zwgk-archive/"
HZQ = ("KIROGOVCOMPARE/hzq2023_working.pdf", "KIROGOVCOMPARE/hzq2024_working.pdf")
SHUYANG = ("KIROGOVCOMPARE/沭阳县人民政府2025年*.txt",)
WE = ("warning", "error")

# PINGTAN_DEPT.tsv, by label id.
PINGTAN = {
    "czj20-D1": Defect((D + "pt-czj-2020.txt",), ("SEC-05",), ("warning",), ("/sections/overview",), "政府信息管理"),
    "czj20-N1": Negative((D + "pt-czj-2020.txt",), ("/sections/overview",), ("XTX-",)),
    "czj20-N2": Negative((D + "pt-czj-2020.txt",), ("/sections/overview", "/tables/requests"), ("XTX-",)),
    "czj20-N3": Negative((D + "pt-czj-2020.txt",), ("/tables/review", "/sections/review")),
    "czj20-N4": Negative((D + "pt-czj-2020.txt",), ("/tables/proactive/procurement",)),
    "gaj21-D1": Defect((D + "pt-gaj-2021.txt",), ("SUM-01", "SUM-02"), ("error",),
                       ("/tables/requests/handled_total/natural_person", "/tables/requests/handled_total/total",
                        "/tables/requests/carried_forward")),
    "gaj21-D2": Defect((D + "pt-gaj-2021.txt",), ("LBL-04", "TBL-02"), ("warning",),
                       ("/labels/proactive/blocks/art20_1",), "废纸"),
    "gaj21-N1": Negative((D + "pt-gaj-2021.txt",), ("/sections/overview",), ("SEC-05",), "主动公开"),
    "gaj21-N2": Negative((D + "pt-gaj-2021.txt",), ("/sections/problems",)),
    "gaj22-D1": Defect((D + "pt-gaj-2022.txt",), ("XYR-02",), ("warning",),
                       ("/tables/proactive/normative_documents/in_force",)),
    "gaj22-N1": Negative((D + "pt-gaj-2022.txt",), ("/tables/requests",)),
    "gaj22-N2": Negative((D + "pt-gaj-2022.txt",), ("/tables/requests",), ("XYR-",)),
    "gaj22-N3": Negative((D + "pt-gaj-2022.txt",), ("/sections/overview",), ("XTX-", "XYR-")),
    "htpq21-D1": Defect((D + "pt-htpq-2021.txt",), ("META-07", "LBL-02"), ("error",), ("/format", "/labels/proactive")),
    "htpq21-D2": Defect((D + "pt-htpq-2021.txt",), ("SUM-01", "SUM-02", "SUM-03"), ("error",),
                        ("/tables/requests/handled_total",)),
    "htpq21-D3": Defect((D + "pt-htpq-2021.txt",), ("TBL-05", "LBL-04"), ("info", "warning"), ("/labels/requests/note",),
                        "钩稽"),
    "htpq21-N1": Negative((D + "pt-htpq-2021.txt",), ("/sections/overview",), ("XTX-",)),
    "jjf19-N1": Negative((D + "pt-jjf-2019.txt",), ("/sections/overview",), ("XTX-",)),
    "jjf19-N2": Negative((D + "pt-jjf-2019.txt",), ("/tables/review", "/sections/review")),
    "jjf19-N3": Negative((D + "pt-jjf-2019.txt",), ("/sections/overview", "/sections/problems"), ("SEC-05", "SEC-08"),
                         None),
    "jjpq22-D1": Defect((D + "pt-jjpq-2022.txt",), ("TBL-03", "LBL-04", "LBL-02"), WE,
                        ("/tables/proactive/normative_documents",)),
    "jjpq22-D2": Defect((D + "pt-jjpq-2022.txt",), ("SEC-02",), ("info",), ("/sections/problems",)),
    "jjpq22-N1": Negative((D + "pt-jjpq-2022.txt",), ("/sections/overview",), ("XTX-",)),
    "jjpq22-N2": Negative((D + "pt-jjpq-2022.txt",), ("/tables/review", "/sections/review")),
    "jspq20-D1": Defect((D + "pt-jspq-2020.txt",), ("SUM-02", "SUM-01"), ("error",), ("/tables/requests/handled_total",)),
    "jspq20-D2": Defect((D + "pt-jspq-2020.txt",), ("SEC-02",), ("info",), ("/sections/review",)),
    "jspq20-N1": Negative((D + "pt-jspq-2020.txt",), ("/sections/overview",), ("XTX-",)),
}
# jjpq22-D1 says "the other rows (许可/处罚/强制/收费) are all there": a second check on it.
PINGTAN_ALSO = {
    "jjpq22-D1": Negative((D + "pt-jjpq-2022.txt",), tuple(f"/tables/proactive/{r}" for r in
                                                         ("licensing", "penalty", "compulsion", "fees"))),
}

# KNOWN_FINDINGS.tsv, by data row number (1 = the first row after the header).
KNOWN = {
    1: Defect(HZQ[:1], ("SUM-04",), ("error",), ("/tables/review/reconsideration",)),
    2: Defect(HZQ[:1], ("SUM-04",), ("error",), ("/tables/review/litigation_after_reconsideration",)),
    3: Defect(HZQ, ("TBL-08",), ("warning",), ("/tables/requests",)),
    4: Defect(HZQ, ("LBL-04", "TBL-12"), ("info", "warning"), ("/tables/requests/denied_law_prohibited",)),
    5: Negative(HZQ[1:], ("/tables",), ("XYR-",)),
    6: Negative(("govnianbao/szfgs2024.pdf",), ("/tables", "/sections"), ("SUM-", "XTX-")),
    7: Defect((ARCH + "202103_80595_*/page.txt",), ("SUM-02",), ("error",), ("/tables/requests/handled_total",)),
    8: Negative((ARCH + "202103_80595_*/page.txt",), ("/format", "/labels", "/tables"), ("META-0", "LBL-02", "TBL-01")),
    9: Cells((ARCH + "202202_80613_*/page.txt",), {
        **{f"/tables/review/reconsideration/{c}": v for c, v in zip(("upheld", "corrected", "other", "pending", "total"),
                                                                     (1, 0, 2, 0, 3))},
        **{f"/tables/review/litigation_direct/{c}": v for c, v in zip(("upheld", "corrected", "other", "pending", "total"),
                                                                       (12, 0, 0, 0, 12))}}),
    10: Negative((ARCH + "202603_105587_*/page.txt",), ("/tables", "/sections"), ("SUM-", "XTX-", "TBL-")),
    11: Defect(SHUYANG, ("META-03", "CNT-", "PUB-", "LVL-"), ("warning",), ("",), "沐阳"),
    12: Negative(SHUYANG, ("/tables", "/sections"), ("SUM-", "XTX-")),
    13: Cells(("KIROGOVCOMPARE/shanghai-office-sample-source.md",), {
        "/tables/proactive/regulations/issued": 22, "/tables/proactive/regulations/repealed": 55,
        "note:/tables/proactive/regulations/issued": "修订"}),
    14: Negative(("KIROGOVCOMPARE/shanghai-office-sample-source.md",), ("/sections",), ("XTX-",)),
    # "WARNING at most (local template); must not be ERROR"
    15: Negative(("KIROGOVCOMPARE/kewei-2024-source.md",), ("",), ("SEC-",), None, ("error",)),
    16: Negative(("_labelled/KIROGOVCOMPARE/比对报告_宿迁市_2023vs2024-19.pdf",), ("/sections",), ("XTX-04",)),
    17: Defect((ARCH + "html/2022/page.html",), ("SEC-02",), ("warning",), ("/sections/review",)),
    18: Defect((ARCH + "html/2023/page.html",), ("XTX-05",), ("warning",), ("/sections/overview",)),
    19: Defect((ARCH + "html/2023/page.html",), ("XYR-02",), ("warning",), ("/tables/proactive/normative_documents",)),
    20: Negative((ARCH + "html/2025/page.html",), ("/tables/requests",), ("XYR-",)),
    21: Negative((ARCH + "html/2019/page.html",), ("/tables",), ("SUM-",)),
    22: Defect(("shanghai-office-2019/page.html",), ("VAL-02",), ("warning",), ("/tables/requests", "/labels/requests/columns")),  # VAL-02 groups a column's blanks at its header
    23: Negative(("shanghai-office-2019/page.html",), ("/tables/requests/handled_total/total",
                                                      "/tables/requests/new_received/total"), ("SUM-01",)),
    24: Defect((ARCH + "html/2020/page.html",), ("SUM-02",), ("error",),
               ("/tables/requests/handled_total/natural_person", "/tables/requests/handled_total/total")),
    25: Negative((ARCH + "html/2021/page.html", ARCH + "html/2022/page.html"), ("/tables/requests",), ("XYR-",)),
    26: Negative((ARCH + "html/2022/page.html",), ("/tables/proactive",), ("XYR-",)),
}

# Real reports with no labelled error (rows 15/16 aside: a local outline, a tool's export):
# they draw no error at all. Value: error codes a labelled defect of the file allows.
CLEAN = {
    "KIROGOVCOMPARE/hzq2024_working.pdf": (), "govnianbao/szfgs2024.pdf": (),
    SHUYANG[0]: (), "KIROGOVCOMPARE/kewei-2024-source.md": (), "KIROGOVCOMPARE/shanghai-office-sample-source.md": (),
    ARCH + "202202_80613_*/page.txt": (), ARCH + "202603_105587_*/page.txt": (),
    "_labelled/KIROGOVCOMPARE/filing-html-import-fixture.html": (),
    **{ARCH + f"html/{y}/page.html": () for y in (2019, 2021, 2022, 2023, 2024, 2025)},
    "shanghai-office-2019/page.html": (),
    D + "pt-czj-2020.txt": (), D + "pt-gaj-2022.txt": (), D + "pt-jjf-2019.txt": (),
    D + "pt-jjpq-2022.txt": ("TBL-03",),
}
# Files in the corpus that are not reports (a tool's export): every error on them is false.
NOT_REPORTS = ("_labelled/KIROGOVCOMPARE/比对报告_宿迁市_2023vs2024-19.pdf",)
# Reports read together so that the cross-year rules see their pairs.
PAIRED = sorted({f for spec in list(PINGTAN.values()) + list(KNOWN.values()) for f in spec.files} | set(CLEAN)
                | {ARCH + "html/2024/page.html", D + "pt-gaj-2021.txt"})


def under(pointer: str, prefixes: tuple[str, ...]) -> bool:
    return any(pointer == p or pointer.startswith(p.rstrip("/") + "/") or p == "" for p in prefixes)


def defect_found(spec: Defect, findings) -> bool:
    return any(f.code.startswith(spec.codes) and f.severity in spec.severities and under(f.pointer, spec.pointers)
               and (spec.says is None or spec.says in f.message) for f in findings)


def negative_hits(spec: Negative, findings) -> list:
    return [f for f in findings if f.severity in spec.severities and under(f.pointer, spec.pointers)
            and (not spec.codes or f.code.startswith(spec.codes)) and (spec.says is None or spec.says in f.message)]
