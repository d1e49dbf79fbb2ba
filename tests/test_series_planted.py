"""Every SER signal planted once in one folder of generated reports, run end to end through the
command line (reading, cache, grouping, rules): each fires where it was planted and nowhere else."""

from __future__ import annotations

import json

import yaml

from govinfo_lint.cli import main
from govinfo_lint.series.samples import series_sample


def _folder(tmp_path):
    # Organ A: 2019-2022 and 2024-2025 (2023 missing; the format changes in 2021).
    a = series_sample([2019, 2020, 2021, 2022, 2024, 2025], "示例县交通运输局")
    a[2022]["tables"]["proactive"]["licensing"]["decisions"] = 1500  # a jump (12.5x 2021)
    a[2025]["sections"] = [dict(s) for s in a[2024]["sections"]]  # 2025 repeats 2024
    # Organ B 2021-2022, renamed C 2023-2025: two series, nothing compared across the names.
    b = series_sample([2021, 2022], "示例县文化和旅游局")
    row = b[2022]["tables"]["review"]["reconsideration"]
    row["upheld"], row["corrected"] = row["upheld"] - 1, 1  # one reconsideration decision corrected
    c = series_sample([2023, 2024, 2025], "示例县文化广电和旅游局")
    c[2024]["published"] = "2025-04-20"  # past the legal limit of 31 March
    c[2024]["tables"]["proactive"]["penalty"]["decisions"] = 0  # 36, 0, 36: fell to 0 and back
    requests = c[2025]["tables"]["requests"]
    requests["carried_over"]["total"] += 3  # carries over more than 2024 carried forward
    c[2025].setdefault("labels", {})["proactive"] = {"rows": {"licensing": "行政审批服务事项"}}  # a row renamed
    folder = tmp_path / "reports"
    folder.mkdir()
    for data in [*a.values(), *b.values(), *c.values()]:
        (folder / f"{data['agency']}-{data['year']}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True),
                                                                       encoding="utf-8")
    return folder


def test_each_signal_where_planted_and_nowhere_else(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("GOVINFO_LINT_CACHE_DIR", str(tmp_path / "cache"))
    folder = _folder(tmp_path)
    runs = []
    for _ in range(2):  # cold, then from the cache: the same signals
        assert main(["series", str(folder), "-f", "json", "-j", "1"]) == 0
        runs.append(json.loads(capsys.readouterr().out))
    assert runs[0] == runs[1]
    got = {e["agency"]: sorted((s["year"], s["code"], s["pointer"]) for s in e["signals"]) for e in runs[0]["series"]}
    assert got == {
        "示例县交通运输局": [
            (2021, "SER-02", "/format"),
            (2022, "SER-01", "/tables/proactive/licensing/decisions"),
            (2024, "SER-06", "/year"),
            (2025, "SER-03", "/sections"),
        ],
        "示例县文化和旅游局": [(2022, "SER-04", "/tables/review/reconsideration/corrected")],
        "示例县文化广电和旅游局": [
            (2024, "SER-01", "/tables/proactive/penalty/decisions"),
            (2024, "SER-07", "/published"),
            (2025, "SER-02", "/tables/proactive/licensing"),
            (2025, "SER-05", "/tables/requests/carried_over/total"),
        ],
    }, got
    by_code = {s["code"]: s for e in runs[0]["series"] for s in e["signals"]}
    assert by_code["SER-07"]["file"].endswith("示例县文化广电和旅游局-2024.yaml")
    assert "2025-04-20" in by_code["SER-07"]["message"]


def test_select_and_ignore_choose_the_signals(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("GOVINFO_LINT_NO_CACHE", "1")
    folder = _folder(tmp_path)
    assert main(["series", str(folder), "-f", "json", "--select", "SER-01,SER-06"]) == 0
    codes = {s["code"] for e in json.loads(capsys.readouterr().out)["series"] for s in e["signals"]}
    assert codes == {"SER-01", "SER-06"}
    assert main(["series", str(folder), "-f", "json", "--ignore", "SER-0"]) == 0
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert all(e["signals"] == [] for e in data["series"]) and all(e["years"] for e in data["series"])
    assert "没有 SER 系列规则" in captured.err


def test_configuration_file_applies(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("GOVINFO_LINT_NO_CACHE", "1")
    folder = _folder(tmp_path)
    config = tmp_path / "govinfo-lint.yaml"
    config.write_text("ignore: [SER-03, SER-07]\n", encoding="utf-8")
    assert main(["series", str(folder), "-f", "json", "--config", str(config)]) == 0
    codes = {s["code"] for e in json.loads(capsys.readouterr().out)["series"] for s in e["signals"]}
    assert codes == {"SER-01", "SER-02", "SER-04", "SER-05", "SER-06"}
