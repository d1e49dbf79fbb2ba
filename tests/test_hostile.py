"""Named hostile inputs, each through the command line as a user or a batch would meet it.

Every case asserts the same contract (docs/security.md): the run ends, in bounded time,
with exit status 0/1 (findings) or 2 (a refused rule, configuration or waiver file); the
file is named in a finding or message; nothing in stderr is a traceback; and the input's
bytes and modification time are what they were. Cases already covered next to their
reader (alias bombs and duplicate YAML keys, DOCX zip bombs and XXE in document.xml,
encrypted PDFs, HTML entity bombs and huge spans) are not repeated here.
"""

from __future__ import annotations

import io
import json
import os
import time
import zipfile
from pathlib import Path

import pytest

from docx_factory import make_report_docx
from govinfo_lint.cli import main
from govinfo_lint.samples import sample_report
from govinfo_lint.yaml_out import dump_yaml

ROOT = Path(__file__).resolve().parents[1]
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@pytest.fixture(autouse=True)
def _no_cache(monkeypatch):
    # A cached result would let a test pass without reading the file at all.
    monkeypatch.setenv("GOVINFO_LINT_NO_CACHE", "1")


def snapshot(*paths: Path) -> dict:
    return {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in paths}


def check_json(capsys, *argv: str, limit: float = 20) -> tuple[int, dict, str]:
    start = time.perf_counter()
    code = main(["check", *argv, "-f", "json", "--fail-on", "error"])
    assert time.perf_counter() - start < limit
    out, err = capsys.readouterr()
    assert "Traceback" not in err and "Traceback" not in out
    return code, json.loads(out), err


def findings_of(doc: dict, name: str) -> list[dict]:
    (entry,) = [f for f in doc["files"] if Path(f["path"]).name == name]
    return entry["findings"]


def sample_yaml() -> str:
    return dump_yaml(sample_report("2021"))


# --- numbers a cell cannot hold -------------------------------------------------------

CELL = "new_received: {natural_person: 14,"
ODD_NUMBERS = {
    "yaml-nan": ("yaml", ".nan"), "yaml-inf": ("yaml", ".inf"), "yaml-minus-inf": ("yaml", "-.inf"),
    "yaml-1e400": ("yaml", "1e400"), "yaml-500-digits": ("yaml", "9" * 500),
    "yaml-5000-digits": ("yaml", "9" * 5000),
    "json-NaN": ("json", "NaN"), "json-Infinity": ("json", "Infinity"), "json-minus-Infinity": ("json", "-Infinity"),
    "json-1e400": ("json", "1e400"), "json-5000-digits": ("json", "9" * 5000),
}


@pytest.mark.parametrize("case", sorted(ODD_NUMBERS))
def test_odd_numbers_in_cells_are_findings_at_their_place(tmp_path, capsys, case):
    kind, token = ODD_NUMBERS[case]
    if kind == "yaml":
        text = sample_yaml().replace(CELL, f"new_received: {{natural_person: {token},", 1)
    else:
        text = json.dumps(sample_report("2021"), ensure_ascii=False, indent=1).replace(
            '"natural_person": 14,', f'"natural_person": {token},', 1)
    assert token in text
    path = tmp_path / f"r.{kind}"
    path.write_text(text, encoding="utf-8")
    line = next(i for i, l in enumerate(text.splitlines(), 1) if token in l)
    before = snapshot(path)
    code, doc, _err = check_json(capsys, str(path))
    assert code == 1
    found = findings_of(doc, path.name)
    # A value Python cannot even convert (5000 digits) refuses the file; NaN and infinities are
    # bad cells; 500 digits is a number, and the row's sums say it does not fit.
    assert any(f["code"] in ("VAL-01", "RDR-01", "SUM-03") and f["line"] == line for f in found), found
    if "digits" not in case:
        assert any(f["code"] == "VAL-01" and f["line"] == line for f in found), found
    assert snapshot(path) == before


def test_json_duplicate_keys_are_refused_at_the_second(tmp_path, capsys):
    path = tmp_path / "dup.json"
    path.write_text('{\n  "agency": "某县",\n  "year": 2024,\n  "year": 2025\n}\n', encoding="utf-8")
    code, doc, _ = check_json(capsys, str(path))
    (finding,) = findings_of(doc, "dup.json")
    assert code == 1 and finding["code"] == "RDR-01" and (finding["line"], finding["column"]) == (4, 3)
    assert "year" in finding["message"]


def _alias_chain() -> str:
    """Each anchor nests the previous one ten levels deeper: shallow as written, deep as data."""
    lines = ["a0: &a0 [[[[[[[[[[1]]]]]]]]]]"]
    lines += [f"a{i}: &a{i} [[[[[[[[[[*a{i - 1}]]]]]]]]]]" for i in range(1, 2000)]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("text", ["agency: " + "[" * 100 + "]" * 100 + "\n",
                                  "agency: " + "[" * 20_000 + "]" * 20_000 + "\n", _alias_chain()],
                         ids=["100", "20000", "alias-chain"])
def test_deep_nesting_in_yaml_is_refused(tmp_path, capsys, text):
    path = tmp_path / "deep.yaml"
    path.write_text(text, encoding="utf-8")
    code, doc, _ = check_json(capsys, str(path))
    (finding,) = findings_of(doc, "deep.yaml")
    assert code == 1 and finding["code"] == "RDR-01" and "嵌套" in finding["message"]


def test_python_tags_in_a_report_are_refused_not_run(tmp_path, capsys):
    marker = tmp_path / "PWNED"
    text = sample_yaml().replace("agency:", f"x: !!python/object/apply:os.system ['touch {marker}']\nagency:", 1)
    path = tmp_path / "tagged.yaml"
    path.write_text(text, encoding="utf-8")
    code, doc, _ = check_json(capsys, str(path))
    (finding,) = findings_of(doc, "tagged.yaml")
    assert code == 1 and finding["code"] == "RDR-01" and "python/object/apply" in finding["message"]
    assert finding["line"] == 1 and not marker.exists()


# --- hostile DOCX packages ------------------------------------------------------------

def _docx_parts(tmp_path: Path) -> dict[str, bytes]:
    path = make_report_docx(tmp_path / "base.docx", fmt="2021", agency="某县人民政府", year=2024, tables={})
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _zip(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name)  # ZipInfo keeps the name as given, "../" and all
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()


def _with_prolog(xml: bytes, prolog: bytes) -> bytes:
    """The part with a DOCTYPE after its XML declaration and an entity reference in it."""
    head, sep, rest = xml.partition(b"?>")
    if not sep:
        head, rest = b"", xml
    else:
        head += sep
    return head + prolog + rest


SECRET = "SECRET-TOKEN-4711"


@pytest.mark.parametrize("part", ["word/styles.xml", "word/numbering.xml", "word/_rels/document.xml.rels",
                                  "docProps/core.xml", "[Content_Types].xml"])
@pytest.mark.parametrize("attack", ["xxe", "laughs"])
def test_entities_in_side_parts_are_never_expanded(tmp_path, capsys, part, attack):
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    parts = _docx_parts(tmp_path)
    if part not in parts:
        parts[part] = b'<?xml version="1.0"?><x/>'
    if attack == "xxe":
        prolog = f'<!DOCTYPE x [<!ENTITY e SYSTEM "{secret.as_uri()}">]>'.encode()
    else:
        prolog = (b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
                  + b"".join(b'<!ENTITY %s "%s">' % (bytes([98 + i]), (b"&%s;" % bytes([97 + i])) * 10)
                             for i in range(8)) + b"]>")
    parts[part] = _with_prolog(parts[part], prolog)
    path = tmp_path / "hostile.docx"
    path.write_bytes(_zip(parts))
    before = snapshot(path, secret)
    code, doc, _ = check_json(capsys, str(path), limit=10)
    assert code in (0, 1)
    assert SECRET not in json.dumps(doc, ensure_ascii=False) and "aaaaaaaaaaaaaaaaaaaa" not in json.dumps(doc)
    assert findings_of(doc, "hostile.docx") is not None
    assert snapshot(path, secret) == before


def test_xxe_in_an_html_report_leaks_nothing_into_any_output(tmp_path, capsys):
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    page = (f'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY x SYSTEM "{secret.as_uri()}">]>'
            "<html><body><p>某县2024年政府信息公开工作年度报告 &x;</p><p>一、总体情况 &x;</p></body></html>")
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    for fmt in ("json", "sarif", "text"):
        assert main(["check", str(path), "-f", fmt]) in (0, 1)
        out, err = capsys.readouterr()
        assert SECRET not in out + err and "Traceback" not in err
    assert main(["extract", str(path)]) in (0, 1)
    assert SECRET not in capsys.readouterr().out


def test_path_traversal_names_inside_a_docx_write_nothing(tmp_path, capsys, monkeypatch):
    work = tmp_path / "a" / "b" / "work"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)
    parts = _docx_parts(tmp_path)
    evil_abs = tmp_path / "abs-evil.txt"
    hostile = ["../../evil.txt", "word/../../../evil2.txt", str(evil_abs), "..\\..\\evil3.txt"]
    for name in hostile:
        parts[name] = b"evil"
    # A relationship that points out of the package must not be followed either.
    rels = "word/_rels/document.xml.rels"
    parts[rels] = parts[rels].replace(b'Target="styles.xml"', b'Target="../../../../etc/passwd"')
    path = work / "traversal.docx"
    path.write_bytes(_zip(parts))
    with zipfile.ZipFile(path) as archive:
        assert set(hostile) <= set(archive.namelist())  # the names really are hostile
    code, doc, _ = check_json(capsys, str(path))
    assert code in (0, 1) and findings_of(doc, "traversal.docx") is not None
    assert main(["extract", str(path), "-o", str(work / "out.yaml")]) in (0, 1)
    assert "root:x:0" not in (work / "out.yaml").read_text(encoding="utf-8")
    # Where an extracting reader would have written them, relative to the folder or the file.
    for name in hostile:
        assert not (work / name.replace("\\", "/")).exists(), name
    assert not evil_abs.exists() and not Path("/evil.txt").exists()
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == ["base.docx", "out.yaml", "traversal.docx"]


# --- files of tens of megabytes -------------------------------------------------------

@pytest.mark.parametrize("name", ["huge.yaml", "huge.json", "huge.txt", "huge.md"])
def test_a_forty_megabyte_file_is_refused_quickly_with_its_limit(tmp_path, capsys, name):
    path = tmp_path / name
    line = b"k: [1, 2, 3, 'abc']\n" if name.endswith((".yaml", ".json")) else "一、总体情况 主动公开 12 条。\n".encode()
    with path.open("wb") as fh:
        fh.write(line * (40 * 1024 * 1024 // len(line)))
    before = snapshot(path)
    code, doc, _ = check_json(capsys, str(path), limit=10)
    (finding,) = findings_of(doc, name)
    assert code == 1 and finding["code"] == "RDR-03" and "上限" in finding["message"]
    assert snapshot(path) == before


def test_raising_a_limit_changes_what_is_read(tmp_path, capsys):
    path = tmp_path / "r.txt"
    path.write_text("某县人民政府2024年政府信息公开工作年度报告\n一、总体情况\n" + "本年度主动公开信息。\n" * 3000,
                    encoding="utf-8")
    code, doc, _ = check_json(capsys, str(path), "--limit", "text-bytes=10000")
    assert [f["code"] for f in findings_of(doc, "r.txt")] == ["RDR-03"] and "10000" in findings_of(doc, "r.txt")[0]["message"]
    code, doc, _ = check_json(capsys, str(path))
    assert "RDR-03" not in [f["code"] for f in findings_of(doc, "r.txt")]
    (tmp_path / ".govinfo-lint.yaml").write_text("limits:\n  text-bytes: 10000\n", encoding="utf-8")
    code, doc, _ = check_json(capsys, str(path))
    assert [f["code"] for f in findings_of(doc, "r.txt")] == ["RDR-03"]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_file_over_the_time_limit_is_a_finding_and_the_batch_goes_on(tmp_path, capsys, jobs):
    slow = tmp_path / "slow.txt"
    line = "一、总体情况 本机关2024年度主动公开政府信息 12 条，依申请公开 3 件。\n"
    # 2.3 MB: several seconds to read and check on a fast machine, so over the limit anywhere;
    # stopped at the limit, it costs the test one second.
    # A title makes it a report: a file that is not one (RDR-13) is judged fast and not checked.
    slow.write_text("某县交通运输局2024年政府信息公开工作年度报告\n" + line * 24000, encoding="utf-8")
    quick = tmp_path / "quick.yaml"
    quick.write_text(sample_yaml(), encoding="utf-8")
    before = snapshot(slow, quick)
    code, doc, _ = check_json(capsys, str(slow), str(quick), "--timeout", "1", "--jobs", jobs)
    (finding,) = findings_of(doc, "slow.txt")
    assert code == 1 and finding["code"] == "RDR-03" and "1 秒" in finding["message"]
    assert findings_of(doc, "quick.yaml") == []
    assert snapshot(slow, quick) == before


def test_a_time_limit_whose_exception_was_swallowed_rings_again():
    # A SIGALRM that lands in a gc callback or a __del__ has its exception printed and
    # dropped (hypothesis's gc callback did this to the test above); the limit must still hold.
    import time

    from govinfo_lint.run.workers import FileTimeout, time_limit

    start = time.monotonic()
    with pytest.raises(FileTimeout):
        with time_limit(0.05):
            try:
                time.sleep(0.5)
            except FileTimeout:
                pass  # swallowed, as Python does in a callback
            time.sleep(5)
    assert time.monotonic() - start < 4


# --- what a folder can hold -----------------------------------------------------------

def test_symlink_loops_end_and_links_out_of_the_folder_are_skipped(tmp_path, capsys):
    tree = tmp_path / "tree"
    (tree / "sub").mkdir(parents=True)
    good = tree / "sub" / "good.yaml"
    good.write_text(sample_yaml(), encoding="utf-8")
    outside = tmp_path / "private.yaml"
    outside.write_text(f"agency: [{SECRET}\n", encoding="utf-8")  # a syntax error would quote it
    (tree / "sub" / "loop").symlink_to("..", target_is_directory=True)
    (tree / "self").symlink_to(".", target_is_directory=True)
    (tree / "a.yaml").symlink_to("b.yaml")
    (tree / "b.yaml").symlink_to("a.yaml")
    (tree / "dangling.yaml").symlink_to("nowhere.yaml")
    (tree / "escape.yaml").symlink_to(outside)
    (tree / "inside.yaml").symlink_to(good)
    code, doc, err = check_json(capsys, str(tree), limit=20)
    names = sorted(Path(f["path"]).name for f in doc["files"])
    assert names == ["a.yaml", "b.yaml", "dangling.yaml", "good.yaml", "inside.yaml"]
    assert SECRET not in json.dumps(doc, ensure_ascii=False) and "escape.yaml" in err and "符号链接" in err
    for name in ("a.yaml", "b.yaml", "dangling.yaml"):
        (finding,) = findings_of(doc, name)
        assert finding["code"] == "RDR-01"
    assert findings_of(doc, "inside.yaml") == [] and code == 1
    # Named on the command line, the link is the user's choice and is read.
    code, doc, _ = check_json(capsys, str(tree / "escape.yaml"))
    assert code == 1 and findings_of(doc, "escape.yaml")[0]["code"] == "RDR-01"


def test_a_file_without_read_permission(tmp_path, capsys):
    if os.geteuid() == 0:
        pytest.skip("root reads files whatever their mode")
    path = tmp_path / "locked.yaml"
    path.write_text(sample_yaml(), encoding="utf-8")
    path.chmod(0)
    try:
        code, doc, _ = check_json(capsys, str(tmp_path))
        (finding,) = findings_of(doc, "locked.yaml")
        assert code == 1 and finding["code"] == "RDR-01"
    finally:
        path.chmod(0o644)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_named_like_a_report_never_blocks(tmp_path, capsys):
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    good = tmp_path / "good.yaml"
    good.write_text(sample_yaml(), encoding="utf-8")
    for args in ([str(tmp_path)], [str(fifo), str(good)], ["--jobs", "2", str(fifo), str(good)]):
        code, doc, _ = check_json(capsys, *args, limit=20)
        (finding,) = findings_of(doc, "pipe.yaml")
        assert code == 1 and finding["code"] == "RDR-01" and "管道" in finding["message"]
        assert findings_of(doc, "good.yaml") == []
    assert main(["extract", str(fifo)]) == 1
    assert "管道" in capsys.readouterr().out


def test_a_folder_named_like_a_report(tmp_path, capsys):
    (tmp_path / "report.yaml").mkdir()
    good = tmp_path / "good.yaml"
    good.write_text(sample_yaml(), encoding="utf-8")
    code, doc, _ = check_json(capsys, str(tmp_path))
    assert code == 0 and [Path(f["path"]).name for f in doc["files"]] == ["good.yaml"]
    from govinfo_lint.readers import read

    # Reached directly (the library, a race with the walk), it is refused as what it is.
    (diagnostic,) = read(tmp_path / "report.yaml").diagnostics
    assert diagnostic.kind == "unreadable" and "目录" in diagnostic.message and "directory" in diagnostic.message_en


JUNK = bytes(range(256)) * 64 + b"\x00\xff" * 1000


@pytest.mark.parametrize("suffix", [".yaml", ".yml", ".json", ".html", ".htm", ".docx", ".pdf", ".txt", ".md", ""])
def test_binary_junk_with_each_extension(tmp_path, capsys, suffix):
    path = tmp_path / f"junk{suffix}"
    path.write_bytes(JUNK)
    before = snapshot(path)
    code, doc, _ = check_json(capsys, str(path), limit=10)
    (finding,) = findings_of(doc, path.name)
    assert code == 1 and finding["code"].startswith("RDR-") and finding["severity"] == "error"
    assert snapshot(path) == before


# --- rule packs and configuration from third parties ----------------------------------

def _rule_text(**replace: str) -> str:
    text = (ROOT / "rules" / "sum" / "SUM-01.yaml").read_text(encoding="utf-8").replace("code: SUM-01", "code: XYZ-01")
    for old, new in replace.items():
        assert old in text
        text = text.replace(old, new, 1)
    return text


def _alias_bomb(prefix: str = "") -> str:
    lines = [prefix + "a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
    return "\n".join(lines) + "\n"


RULE_PACKS = {
    # name -> (rule file text, words the message must hold, the line it must point at)
    "python-object": (lambda m: _rule_text(**{"kind: identity": f"kind: !!python/object/apply:os.system ['touch {m}']"}),
                      "python/object/apply", "kind:"),
    "python-name": (lambda m: _rule_text(**{"severity: error": "severity: !!python/name:os.system"}),
                    "python/name", "severity:"),
    "local-tag": (lambda m: _rule_text(**{"severity: error": "severity: !include /etc/passwd"}), "!include", "severity:"),
    "binary-tag": (lambda m: _rule_text(**{"severity: error": "severity: !!binary ZXJyb3I="}), "binary", "severity:"),
    "unknown-kind": (lambda m: _rule_text(**{"kind: identity": "kind: python_eval"}), "python_eval", "kind:"),
    # The schema error is placed at the mapping that holds the unexpected key (its first key).
    "import-option": (lambda m: _rule_text(**{"kind: identity": "kind: identity\n  import: os"}), "'import'", "kind:"),
    "alias-bomb": (lambda m: _alias_bomb(), "alias", "a"),
}


@pytest.mark.parametrize("name", sorted(RULE_PACKS))
def test_malicious_rule_pack_is_refused_with_its_place(tmp_path, capsys, name):
    make, words, starts = RULE_PACKS[name]
    marker = tmp_path / "PWNED"
    rules = tmp_path / "pack"
    rules.mkdir()
    (rules / "evil.yaml").write_text(make(marker), encoding="utf-8")
    report = tmp_path / "r.yaml"
    report.write_text(sample_yaml(), encoding="utf-8")
    for argv in (["check", str(report), "--rules", str(rules)], ["rules", "--rules", str(rules)]):
        start = time.perf_counter()
        assert main(argv) == 2
        assert time.perf_counter() - start < 10
        _out, err = capsys.readouterr()
        assert "Traceback" not in err and words in err, err
        where = err.split("evil.yaml:")[1]
        line, column = int(where.split(":")[0]), int(where.split(":")[1])
        text = (rules / "evil.yaml").read_text(encoding="utf-8").splitlines()[line - 1]
        assert text[column - 1:].lstrip().startswith(starts) or text.lstrip().startswith(starts), (err, text)
    assert not marker.exists()


def test_huge_rule_file_and_fifo_in_a_pack_are_refused(tmp_path, capsys):
    rules = tmp_path / "pack"
    rules.mkdir()
    (rules / "huge.yaml").write_text("# padding\n" * 400_000, encoding="utf-8")
    start = time.perf_counter()
    assert main(["rules", "--rules", str(rules)]) == 2
    assert time.perf_counter() - start < 5
    err = capsys.readouterr().err
    assert "huge.yaml:1:1" in err and "limit" in err
    (rules / "huge.yaml").unlink()
    if hasattr(os, "mkfifo"):
        os.mkfifo(rules / "pipe.yaml")
        assert main(["rules", "--rules", str(rules)]) == 2
        assert "pipe.yaml" in capsys.readouterr().err


CONFIGS = {
    "python-tag": ("lang: !!python/object/apply:os.system ['touch {m}']\n", "python/object/apply", 1),
    "local-tag": ("select: [SUM]\nwaivers: !include other.yaml\n", "!include", 2),
    "alias-bomb": (_alias_bomb("lang: zh\n"), "alias", None),
    "unknown-limit": ("limits:\n  pdf-page: 10\n", "pdf-pages", 2),
    "bad-limit": ("limits:\n  pdf-pages: 0\n", "pdf-pages", 2),
}


@pytest.mark.parametrize("name", sorted(CONFIGS))
def test_malicious_configuration_is_refused_with_its_place(tmp_path, capsys, name):
    text, words, line = CONFIGS[name]
    marker = tmp_path / "PWNED"
    (tmp_path / ".govinfo-lint.yaml").write_text(text.replace("{m}", str(marker)), encoding="utf-8")
    report = tmp_path / "r.yaml"
    report.write_text(sample_yaml(), encoding="utf-8")
    assert main(["check", str(report)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and words in err and ".govinfo-lint.yaml:" in err, err
    if line is not None:
        assert f".govinfo-lint.yaml:{line}:" in err
    assert not marker.exists()


@pytest.mark.parametrize("body, words", [
    ("waivers:\n  - code: !!python/object/apply:os.system ['touch {m}']\n    reason: x\n", "python/object/apply"),
    ("waivers: !custom {{}}\n", "!custom"),
])
def test_malicious_waiver_file_is_refused_with_its_place(tmp_path, capsys, body, words):
    marker = tmp_path / "PWNED"
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text(body.format(m=marker).replace("{m}", str(marker)), encoding="utf-8")
    report = tmp_path / "r.yaml"
    report.write_text(sample_yaml(), encoding="utf-8")
    assert main(["check", str(report), "--waivers", str(waivers)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and words in err and "waivers.yaml:" in err
    assert int(err.split("waivers.yaml:")[1].split(":")[0]) >= 1
    assert not marker.exists()


# --- inputs are never written ---------------------------------------------------------

def test_no_command_changes_an_input(tmp_path, capsys):
    src = tmp_path / "src"
    src.mkdir()
    report = src / "r.yaml"
    report.write_text(sample_yaml(), encoding="utf-8")
    docx = make_report_docx(src / "r.docx", fmt="2021", agency="某县人民政府", year=2024, tables={})
    config = src / ".govinfo-lint.yaml"
    config.write_text("fail-on: never\n", encoding="utf-8")
    before = snapshot(report, docx, config)
    out = tmp_path / "out"
    assert main(["check", str(src), "-f", "text", "-f", f"sarif:{out / 'r.sarif'}", "-f", f"json:{out / 'r.json'}"]) == 0
    assert main(["extract", str(report), "-o", str(out / "x.yaml")]) == 0
    assert main(["extract", str(docx), "-f", "json", "-o", str(out / "x.json")]) in (0, 1)
    assert main(["extract", str(src), "--to", "csv", "-o", str(out / "t.csv")]) in (0, 1)
    assert main(["init", "--year", "2025", "--agency", "某县交通运输局", "-o", str(out / "new.yaml")]) == 0
    capsys.readouterr()
    assert snapshot(report, docx, config) == before
    assert sorted(p.name for p in out.iterdir()) == ["new.yaml", "r.json", "r.sarif", "t.csv", "x.json", "x.yaml"]
    assert sorted(p.name for p in src.iterdir()) == [".govinfo-lint.yaml", "r.docx", "r.yaml"]  # no temporary left


def _aliases(tmp_path: Path, target: Path) -> dict[str, Path]:
    link = tmp_path / "link.yaml"
    link.symlink_to(target)
    hard = tmp_path / "hard.yaml"
    os.link(target, hard)
    return {"itself": target, "symlink": link, "hard link": hard,
            "dotted": target.parent / "." / target.name}


def test_extract_refuses_to_write_over_its_input(tmp_path, capsys):
    report = tmp_path / "r.yaml"
    report.write_text(sample_yaml(), encoding="utf-8")
    for how, target in _aliases(tmp_path, report).items():
        before = snapshot(report)
        assert main(["extract", str(report), "-o", str(target)]) == 2, how
        err = capsys.readouterr().err
        assert "拒绝覆盖输入文件" in err and "refusing to overwrite an input" in err, how
        assert snapshot(report) == before, how
    before = snapshot(report)
    assert main(["extract", str(tmp_path), "--to", "csv", "-o", str(report)]) == 2
    assert "拒绝覆盖" in capsys.readouterr().err and snapshot(report) == before


def test_check_refuses_to_write_a_report_over_an_input_or_its_settings(tmp_path, capsys):
    report = tmp_path / "r.yaml"
    report.write_text(sample_yaml(), encoding="utf-8")
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text("waivers: []\n", encoding="utf-8")
    config = tmp_path / ".govinfo-lint.yaml"
    config.write_text(f"waivers: {waivers.name}\n", encoding="utf-8")
    for target in (*_aliases(tmp_path, report).values(), config, waivers):
        before = snapshot(report, config, waivers)
        assert main(["check", str(report), "-f", f"json:{target}"]) == 2, target
        assert "拒绝覆盖" in capsys.readouterr().err
        assert snapshot(report, config, waivers) == before


def test_extract_into_a_folder_it_cannot_write_is_a_clear_error(tmp_path, capsys):
    report = tmp_path / "r.yaml"
    report.write_text(sample_yaml(), encoding="utf-8")
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    assert main(["extract", str(report), "-o", str(blocker / "out.yaml")]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "out.yaml" in err


# --- every limit is real, documented and settable ---------------------------------------

def _big_main_part(tmp_path: Path) -> bytes:
    """A DOCX whose document.xml is 3 MiB of text that compresses about 1.3 times."""
    import base64

    parts = _docx_parts(tmp_path)
    padding = base64.b64encode(os.urandom(3 * 1024 * 1024 * 3 // 4))
    parts["word/document.xml"] = parts["word/document.xml"].replace(b"<w:body>", b"<w:body><!--" + padding + b"-->", 1)
    return _zip(parts)


def _nested_yaml(_tmp) -> bytes:
    return (sample_yaml() + "intro_extra: [[[[[[[[1]]]]]]]]\n").encode()


# limit -> (file name, bytes maker, a value that this file breaks, the finding it then gets)
LIMIT_CASES = {
    "structured-bytes": ("r.yaml", lambda t: sample_yaml().encode(), 1000, "RDR-03"),
    "structured-nodes": ("r.yaml", lambda t: sample_yaml().encode(), 100, "RDR-01"),
    "structured-depth": ("r.yaml", _nested_yaml, 5, "RDR-01"),
    "text-bytes": ("r.md", lambda t: "一、总体情况\n本年度主动公开信息。\n".encode() * 50, 100, "RDR-03"),
    "html-tags": ("r.html", lambda t: "<html><body><p>一、总体情况</p><p>二、主动公开政府信息情况</p></body></html>".encode(),
                  3, "RDR-03"),
    "docx-entries": ("r.docx", lambda t: _zip(_docx_parts(t)), 3, "RDR-01"),
    "docx-part-bytes": ("r.docx", lambda t: _zip(_docx_parts(t)), 500, "RDR-01"),
    "docx-total-bytes": ("r.docx", lambda t: _zip(_docx_parts(t)), 1000, "RDR-01"),
    "docx-ratio": ("r.docx", _big_main_part, 1, "RDR-01"),
    "pdf-pages": ("r.pdf", lambda t: __import__("pdf_factory").report_pdf(), 2, "RDR-03"),
    "pdf-seconds": ("r.pdf", lambda t: __import__("pdf_factory").report_pdf(), 1e-9, "RDR-03"),
}


@pytest.mark.parametrize("name", sorted(LIMIT_CASES))
def test_each_limit_changes_what_happens(tmp_path, capsys, name):
    file_name, make, value, code = LIMIT_CASES[name]
    path = tmp_path / file_name
    path.write_bytes(make(tmp_path))
    _, doc, _ = check_json(capsys, str(path))
    assert not {"RDR-01", "RDR-03"} & {f["code"] for f in findings_of(doc, file_name)}
    _, doc, _ = check_json(capsys, str(path), "--limit", f"{name}={value}")
    assert code in {f["code"] for f in findings_of(doc, file_name)}, findings_of(doc, file_name)


def test_every_limit_is_documented_and_in_the_schema(capsys):
    from govinfo_lint.limits import NAMES
    from govinfo_lint.resources import schema

    documented = (ROOT / "docs" / "security.md").read_text(encoding="utf-8")
    configurable = schema("config.schema.json")["properties"]["limits"]["properties"]
    assert set(configurable) == set(NAMES)
    assert main(["check", str(ROOT / "examples" / "clean-2021.yaml"), "--show-settings", "--isolated"]) == 0
    shown = capsys.readouterr().out
    for name in NAMES:
        assert f"| `{name}` |" in documented and name in shown
    assert set(LIMIT_CASES) | {"timeout"} == set(NAMES)  # each one has a test above


def test_every_reader_takes_limits_the_same_way_and_is_bounded_when_called_directly(tmp_path):
    """Each entry point takes ``limits=`` (None: the defaults); the text and Markdown
    readers used to take none, so a direct call had no size bound and the dispatcher
    could not pass one on."""
    import inspect

    from govinfo_lint.limits import Limits
    from govinfo_lint.readers import _read_document, structured
    from govinfo_lint.readers.docx import read as docx
    from govinfo_lint.readers.html import read as html
    from govinfo_lint.readers.text import markdown
    from govinfo_lint.readers.pdf import read as pdf
    from govinfo_lint.readers.text import read as text

    for reader in (docx.read_document, html.read_document, pdf.read_document, text.read_document,
                   markdown.read_document, structured.read_structured):
        parameter = inspect.signature(reader).parameters["limits"]
        assert parameter.default is None, reader
    small = Limits(text_bytes=100)
    for kind, reader in (("text", text.read_document), ("markdown", markdown.read_document)):
        path = tmp_path / f"r.{kind}"
        path.write_bytes("一、总体情况\n本年度主动公开信息。\n".encode() * 50)
        assert reader(path).diagnostics == []
        (diagnostic,) = reader(path, limits=small).diagnostics
        assert diagnostic.kind == "too_large" and "100" in diagnostic.message
        assert [d.kind for d in _read_document(path, kind, small).diagnostics] == ["too_large"]
    path = tmp_path / "r.yaml"
    path.write_text(sample_yaml(), encoding="utf-8")
    assert structured.read_structured(path, "yaml").diagnostics == []
    assert [d.kind for d in structured.read_structured(path, "yaml", Limits(structured_nodes=100)).diagnostics] == [
        "unreadable"]
