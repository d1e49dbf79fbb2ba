"""A folder run writes its output as results come (run/output.py, formatters/stream.py).

The streamed formats must give the bytes ``formatters.write`` gives for the whole list, and
the batch must not keep a result once the output has taken it.
"""

from __future__ import annotations

import copy
import gc
import io
import json
import weakref
from pathlib import Path

import pytest

from formatter_fixtures import RULES, golden_results
from govinfo_lint.findings import FileResult, Finding
from govinfo_lint.formatters import write
from govinfo_lint.formatters.stream import STREAMED, Tally, writer

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _variants() -> list[list[FileResult]]:
    golden = golden_results()
    clean = FileResult("clean.yaml", copy.deepcopy(golden[0].report), [])
    plain = FileResult("plain.yaml", copy.deepcopy(golden[0].report),
                       [Finding("SUM-03", "error", "表三总计不符", "/tables/requests/granted/total")])
    return [golden, [clean], [clean, *golden, clean], [plain, clean, plain], [plain], []]


def _streamed(fmt: str, results, lang: str, fail_on: str, quiet: bool) -> str:
    buffer = io.StringIO()
    out, tally = writer(fmt, buffer, lang, fail_on, RULES, quiet), Tally()
    for result in results:
        tally.add(result)
        out.add(result)
    out.finish(tally)
    return buffer.getvalue()


@pytest.mark.parametrize("fmt", sorted(STREAMED) + ["sarif", "markdown"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_streamed_output_is_the_whole_outputs_bytes(fmt, lang, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    for results in _variants():
        for quiet in (False, True):
            for fail_on in ("error", "info", "never"):
                whole = io.StringIO()
                write(fmt, copy.deepcopy(results), whole, lang, fail_on, RULES, quiet)
                assert _streamed(fmt, copy.deepcopy(results), lang, fail_on, quiet) == whole.getvalue(), \
                    (fmt, lang, quiet, fail_on, [r.path for r in results])


def test_text_with_markup_in_one_file_only_is_the_same_through_rich(monkeypatch):
    # One file's message needs rich (a "[" in it), the other's does not: the whole output
    # went through rich; streamed, only that file does, and the bytes must not differ.
    monkeypatch.setenv("NO_COLOR", "1")
    results = _variants()[3]
    results[0].findings[0].message = "表三[总计]不符 \\ 见附件"
    whole = io.StringIO()
    write("text", copy.deepcopy(results), whole, "zh")
    assert "[总计]" in whole.getvalue()
    assert _streamed("text", results, "zh", "error", False) == whole.getvalue()


def test_the_command_line_streams_the_same_bytes_as_the_whole_list(tmp_path, monkeypatch, capsys):
    """The new path (cli -> iter_results -> run.output) against the old one (check_files,
    then formatters.render on the list), on a folder with waivers, a waiver file with an
    unused entry and a non-report, for every format that goes to standard output."""
    from govinfo_lint.cli import main
    from govinfo_lint.config.settings import Overrides, Resolver, build_rules
    from govinfo_lint.formatters import render
    from govinfo_lint.run.batch import BatchOptions, check_files

    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "reports"
    folder.mkdir()
    for example in sorted(EXAMPLES.glob("*.yaml")):
        text = example.read_text(encoding="utf-8")
        (folder / example.name).write_text(text, encoding="utf-8")
        (folder / ("waived-" + example.name)).write_text("# govinfo-lint: disable-file=META-02 reason=示例\n" + text,
                                                        encoding="utf-8")
    (folder / "notes.txt").write_text("会议纪要：下周二开会。\n", encoding="utf-8")  # not a report: skipped
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text('- code: "SEC-03"\n  file: "*waived-xilian*"\n  reason: "原文如此"\n'
                       '  approved_by: "张三"\n  expires: "2099-01-01"\n'
                       '- code: "SUM-03"\n  file: "*clean-2021*"\n  reason: "未出现的问题"\n'
                       '  approved_by: "张三"\n  expires: "2099-01-01"\n', encoding="utf-8")
    files = sorted(Path("reports").iterdir())  # as the command line names them
    resolver = Resolver(Overrides(waivers=str(waivers)), None, True)
    settings = [resolver.settings_for(p) for p in files]
    for fmt in ("json", "jsonl", "text", "concise", "github", "sarif", "junit", "markdown"):
        options = BatchOptions(jobs=1, cache=False, full_reports=fmt == "junit")
        results = [r for r in check_files(files, settings, options) if not r.path.endswith("notes.txt")]
        rules = sorted(build_rules(settings[0].rule_key), key=lambda r: r.code)
        expected = render(fmt, results, "zh", "error", rules)
        code = main(["check", "reports", "-f", fmt, "--no-cache", "--jobs", "1", "--isolated",
                     "--waivers", str(waivers)])
        out, err = capsys.readouterr()
        assert out == expected, fmt
        assert "notes.txt" in err and "notes.txt" not in out
        assert code == int(any(f.severity == "error" and not f.suppressed for r in results for f in r.findings))
    assert {f.code for r in results for f in r.findings if f.suppressed} == {"META-02", "SEC-03"}
    assert any(r.path == str(waivers) for r in results)  # the waiver file's own finding (unused)


def test_a_file_output_is_streamed_to_its_path_atomically(tmp_path, monkeypatch, capsys):
    from govinfo_lint.cli import main

    monkeypatch.chdir(tmp_path)
    target = tmp_path / "out" / "report.json"
    code = main(["check", str(EXAMPLES), "-f", f"json:{target}", "-f", "concise", "--no-cache", "--isolated"])
    out, _err = capsys.readouterr()
    data = json.loads(target.read_text(encoding="utf-8"))
    assert [Path(f["path"]).name for f in data["files"]] == sorted(p.name for p in EXAMPLES.glob("*.yaml"))
    assert data["summary"]["files"] == 2 and code in (0, 1)
    assert list(target.parent.iterdir()) == [target]  # no temporary file left beside it
    # An output over an input is refused before anything is written.
    example = tmp_path / "r.yaml"
    example.write_text((EXAMPLES / "clean-2021.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    before = example.read_bytes()
    code = main(["check", str(example), "-f", f"json:{example}", "--no-cache", "--isolated"])
    _out, err = capsys.readouterr()
    assert code == 2 and "拒绝覆盖输入文件" in err and example.read_bytes() == before


def test_the_batch_keeps_no_result_the_output_has_taken(tmp_path):
    """More files than the spool holds in memory: each result is dropped once handed on."""
    from govinfo_lint.config.settings import Overrides, Resolver
    from govinfo_lint.run.batch import BatchOptions, iter_results
    from govinfo_lint.run.spool import HELD

    for i in range(HELD + 6):
        (tmp_path / f"r{i:03d}.yaml").write_text(f"agency: 测试{i // 3}县人民政府\nyear: {2021 + i % 3}\n",
                                                  encoding="utf-8")
    files = sorted(tmp_path.iterdir())
    resolver = Resolver(Overrides(), None, True)
    settings = [resolver.settings_for(p) for p in files]
    gone, seen = [], 0
    for result in iter_results(files, settings, BatchOptions(jobs=1, cache=False)):
        assert result.findings and result.path == str(files[seen])
        gone.append(weakref.ref(result))
        gone.append(weakref.ref(result.findings[0]))
        seen += 1
        del result
        gc.collect()
        assert all(ref() is None for ref in gone[:-2])  # the batch's frame holds the newest till the next
    assert seen == len(files)
