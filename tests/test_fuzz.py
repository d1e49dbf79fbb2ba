"""Property-based fuzzing: mutated documents of every format, random values in the
structured shape, and mutated rule and configuration files.

Whatever the bytes, ``read`` returns a Report, ``lint`` returns findings, and the command
line exits 0, 1 or 2 without a traceback, each within a bounded time. The seeds are valid
documents from the same factories the reader tests use; mutations are byte flips,
truncations, insertions of tokens that matter to the format (anchors, tags, entity
declarations, zip and PDF structure) and, for DOCX, edits to the XML inside the zip so
that the XML parser and the table builder are reached, not only the zip directory check.
A longer run: fuzz/README.md (atheris).

Examples that once crashed are kept in ``test_found_by_fuzzing``.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from datetime import timedelta
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pdf_factory
from docx_factory import PINGTAN_2025, make_report_docx
from govinfo_lint import template
from govinfo_lint.api import lint
from govinfo_lint.cli import main
from govinfo_lint.engine.rules import RuleError, load_rule_file
from govinfo_lint.findings import Finding
from govinfo_lint.model import Report
from govinfo_lint.readers import read
from govinfo_lint.samples import sample_report
from govinfo_lint.yaml_out import dump_yaml

ROOT = Path(__file__).resolve().parents[1]
SECONDS = 15  # per example; the slowest seed (the PDF) reads and lints in well under a second
# The suite runs a few examples of each property; GOVINFO_LINT_FUZZ_EXAMPLES=2000 runs more.
EXAMPLES = int(os.environ.get("GOVINFO_LINT_FUZZ_EXAMPLES", "20"))
FUZZ = settings(max_examples=EXAMPLES, deadline=timedelta(seconds=SECONDS),
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])



@pytest.fixture(scope="module", autouse=True)
def _no_cache():
    # Module scope: hypothesis examples share no function-scoped fixtures, and the variable
    # must not outlive this module (the batch tests in the same worker use the cache).
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("GOVINFO_LINT_NO_CACHE", "1")
        yield


# --- seeds ------------------------------------------------------------------------------

def _text_seed(markdown: bool) -> bytes:
    lines = ["某县人民政府2024年政府信息公开工作年度报告", "", "一、总体情况", "本年度主动公开政府信息 12 条。", "",
             "二、主动公开政府信息情况"]
    if markdown:
        lines += ["", "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |", "|---|---|---|---|",
                  "| 规章 | 1 | 0 | 11 |", "| 行政规范性文件 | 3 | 1 | 20 |"]
    else:
        lines += ["\t信息内容", "\t本年制发件数", "\t本年废止件数", "\t现行有效件数", "", "\t规章", "\t1", "\t0", "\t11", ""]
    lines += ["三、收到和处理政府信息公开申请情况", "本年新收申请 20 件。", "四、政府信息公开行政复议、行政诉讼情况",
              "五、存在的主要问题及改进情况", "六、其他需要报告的事项", "无。"]
    return "\n".join(lines).encode("utf-8")


@lru_cache(maxsize=None)
def seed(kind: str) -> bytes:
    if kind == "yaml":
        return dump_yaml(sample_report("2021")).encode("utf-8")
    if kind == "json":
        return json.dumps(sample_report("2019"), ensure_ascii=False, indent=1).encode("utf-8")
    if kind == "html":
        from test_html_reader import FIG_2025, report_html

        return report_html(FIG_2025).encode("utf-8")
    if kind == "docx":
        with tempfile.TemporaryDirectory() as folder:
            path = make_report_docx(Path(folder) / "seed.docx", fmt="2021", agency=PINGTAN_2025["agency"],
                                    year=2025, tables=PINGTAN_2025["tables"])
            return path.read_bytes()
    if kind == "pdf":
        return pdf_factory.report_pdf()
    if kind in ("txt", "md"):
        return _text_seed(kind == "md")
    raise ValueError(kind)


TOKENS = {
    "yaml": [b"&a ", b"*a", b"!!python/object/apply:os.system [x]", b"!!binary ", b"!x ", b": ", b"\n- ", b"{", b"[",
             b"]", b"}", b"? ", b"<<: ", b".nan", b"-.inf", b"1e400", b"9" * 40, b"\t", b"'", b'"', b"\xef\xbb\xbf",
             b"%YAML 1.1\n---\n", b"\n...\n", b"\x00", b"\xff"],
    "html": [b"<table>", b"</table>", b"<tr>", b"<td rowspan=\"99999\" colspan=\"999\">", b"</td>", b"<th>", b"<!DOCTYPE x [",
             b"<!ENTITY e SYSTEM \"file:///etc/passwd\">]>", b"&e;", b"&#0;", b"&#x110000;", b"<meta charset=\"gbk\">",
             b"<script>", b"<![CDATA[", b"<br>", b"\xff\xfe", b"\x00", "一、总体情况".encode(), b"<p>", b"<div>" * 50],
    "xml": [b"<w:tbl>", b"</w:tbl>", b"<w:tr>", b"<w:tc>", b"</w:tc>", b"<w:gridSpan w:val=\"9999\"/>",
            b"<w:vMerge/>", b"<w:vMerge w:val=\"restart\"/>", b"<w:p>", b"</w:p>", b"<w:t>", b"</w:t>",
            b"<w:numPr><w:ilvl w:val=\"99\"/><w:numId w:val=\"1\"/></w:numPr>", b"<!DOCTYPE d [<!ENTITY a \"x\">]>",
            b"&a;", b"<w:altChunk/>", b"<w:sdt><w:sdtContent>", b"<mc:AlternateContent>", b"\x00", "表三".encode()],
    "pdf": [b"obj", b"endobj", b"stream", b"endstream", b"/Length 999999", b"<<", b">>", b" 0 R", b"xref", b"trailer",
            b"/Encrypt 9 0 R", b"/Pages 2 0 R", b"/Count 999999", b"Tj", b"TJ", b"BT", b"ET", b"re f", b"cm",
            b"/Filter /FlateDecode", b"(", b")", b"[", b"]", b"9" * 30, b"-1e400", b"\x00"],
    "text": ["一、".encode(), "（一）".encode(), b"\t", b"\n\n", b"| ", b" |", b"|---|", "表".encode(), b"\r", b"\x00",
             b"\xff\xfe", "　".encode(), b"9" * 40, "１２３".encode(), b"\xa1\xa1"],
}
TOKENS["json"] = TOKENS["yaml"] + [b"NaN", b"Infinity", b'"year": 1,', b"\\ud800"]
TOKENS["docx"] = TOKENS["xml"] + [b"PK\x03\x04", b"PK\x01\x02", b"PK\x05\x06", b"\xff" * 8]
TOKENS["txt"] = TOKENS["md"] = TOKENS["text"]


@st.composite
def mutations(draw, kind: str) -> bytes:
    return _mutate(draw, bytearray(seed(kind)), TOKENS[kind])


def _mutate(draw, data: bytearray, tokens: list[bytes]) -> bytes:
    ops = draw(st.lists(st.tuples(st.sampled_from(["flip", "insert", "token", "delete", "truncate", "repeat"]),
                                  st.integers(0, 2**31), st.binary(min_size=1, max_size=8)),
                        min_size=1, max_size=6))
    for op, position, payload in ops:
        at = position % (len(data) + 1)
        if op == "flip" and data:
            at %= len(data)
            data[at] ^= payload[0] or 0x80
        elif op == "insert":
            data[at:at] = payload
        elif op == "token":
            data[at:at] = tokens[payload[0] % len(tokens)]
        elif op == "delete":
            del data[at:at + 1 + payload[0] % 64]
        elif op == "truncate":
            del data[at:]
        elif op == "repeat":
            data[at:at] = bytes(data[at:at + 1 + payload[0] % 32]) * (1 + payload[-1] % 64)
    return bytes(data)


@st.composite
def docx_inner_mutations(draw) -> bytes:
    """A DOCX whose zip is intact but whose XML parts are mutated: reaches the XML and table code."""
    with zipfile.ZipFile(io.BytesIO(seed("docx"))) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    xml_parts = sorted(n for n in parts if n.endswith((".xml", ".rels")))
    for name in draw(st.lists(st.sampled_from(xml_parts), min_size=1, max_size=3, unique=True)):
        parts[name] = _mutate(draw, bytearray(parts[name]), TOKENS["xml"])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


# --- the contract -----------------------------------------------------------------------

def _run_check(path: Path) -> tuple[int, io.StringIO, io.StringIO]:
    """``check PATH -f json`` through ``main``, its output captured (hypothesis runs many
    examples in one test, so pytest's per-test capture cannot separate them)."""
    out, err = io.StringIO(), io.StringIO()
    old = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    try:
        return main(["check", str(path), "-f", "json", "--no-cache"]), out, err
    finally:
        sys.stdout, sys.stderr = old


def assert_survives(data: bytes, suffix: str) -> list[Finding]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"fuzzed{suffix}"
        path.write_bytes(data)
        start = time.perf_counter()
        report = read(path)
        findings = lint(report)
        assert time.perf_counter() - start < SECONDS
        assert path.read_bytes() == data  # read-only, whatever happened
    assert isinstance(report, Report) and all(isinstance(f, Finding) for f in findings)
    for d in report.diagnostics:
        assert d.message and isinstance(d.message, str)
    return findings


@pytest.mark.parametrize("kind", ["yaml", "json", "html", "docx", "pdf", "txt", "md"])
def test_seeds_are_valid_documents(kind):
    """The mutations start from documents the readers really read (else fuzzing proves little)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"seed.{kind}"
        path.write_bytes(seed(kind))
        report = read(path)
    assert not [d for d in report.diagnostics if d.kind in ("unreadable", "unsupported_format", "too_large")]
    assert report.sections or report.tables


@FUZZ
@given(st.sampled_from(["yaml", "json", "html", "pdf", "txt", "md"]).flatmap(
    lambda kind: st.tuples(st.just(kind), mutations(kind))))
def test_mutated_documents_end_in_findings(case):
    kind, data = case
    assert_survives(data, f".{kind}")


@FUZZ
@given(st.one_of(mutations("docx"), docx_inner_mutations()))
def test_mutated_docx_ends_in_findings(data):
    assert_survives(data, ".docx")


@settings(max_examples=max(1, EXAMPLES * 3 // 4), deadline=timedelta(seconds=SECONDS),
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.sampled_from(["yaml", "json", "html", "docx", "pdf", "txt", "md"]).flatmap(
    lambda kind: st.tuples(st.just(kind), mutations(kind))), st.sampled_from(["", ".yaml", ".docx", ".bin"]))
def test_command_line_on_mutated_files_exits_cleanly(case, suffix):
    """Through ``main``, with the wrong extension too (the reader is then chosen by sniffing)."""
    kind, data = case
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"fuzzed.{kind}{suffix}"
        path.write_bytes(data)
        code, out, err = _run_check(path)
        assert code in (0, 1), err.getvalue()
        doc = json.loads(out.getvalue())
        assert [Path(f["path"]).name for f in doc["files"]] == [path.name]
        assert "Traceback" not in err.getvalue()
        assert path.read_bytes() == data


# --- random values in the structured shape ----------------------------------------------

ODD = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(10**30), max_value=10**30), st.floats(allow_nan=True),
    st.text(max_size=20), st.sampled_from(["", "/", "—", "无", "1,234", "９", "22（其中修订16件）", "1e400", "-0", "0x10"]),
    st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
)
VALUE = st.recursive(ODD, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                   st.dictionaries(st.text(max_size=8), inner, max_size=3)),
                     max_leaves=8)


def _places(data, path=()):
    yield path
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _places(value, path + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _places(value, path + (i,))


@settings(max_examples=EXAMPLES * 3, deadline=timedelta(seconds=SECONDS), suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(template.FORMATS), st.data())
def test_any_value_anywhere_in_the_structured_shape(fmt, data):
    report = sample_report(fmt)
    for _ in range(data.draw(st.integers(1, 4))):
        places = [p for p in _places(report) if p]
        place = data.draw(st.sampled_from(places))
        target = report
        for key in place[:-1]:
            target = target[key]
        if data.draw(st.booleans()) and isinstance(target, dict):
            target.pop(place[-1], None)
        else:
            target[place[-1]] = data.draw(VALUE)
    findings = lint(report)
    assert all(isinstance(f, Finding) for f in findings)


# --- rule and configuration files --------------------------------------------------------

RULE_FILES = sorted((ROOT / "rules").rglob("*.yaml"))


@st.composite
def mutated_rule(draw) -> tuple[str, bytes]:
    path = draw(st.sampled_from(RULE_FILES))
    text = path.read_text(encoding="utf-8")
    if draw(st.booleans()):
        # A structure-aware edit: a value of the rule replaced, so that schema-valid but odd rules load.
        import ruamel.yaml

        yaml = ruamel.yaml.YAML(typ="safe", pure=True)
        data = yaml.load(text)
        places = [p for p in _places(data) if p and p[0] in ("check", "severity", "formats", "levels", "examples")]
        place = draw(st.sampled_from(places))
        target = data
        for key in place[:-1]:
            target = target[key]
        target[place[-1]] = draw(VALUE.filter(lambda v: not (isinstance(v, float) and v != v)))
        out = io.StringIO()
        yaml.dump(data, out)
        return path.name, out.getvalue().encode("utf-8")
    return path.name, _mutate(draw, bytearray(text.encode("utf-8")), TOKENS["yaml"])


@FUZZ
@given(mutated_rule())
def test_mutated_rule_file_loads_or_is_refused(rule):
    """The loader's own function per file (loading every shipped rule again for each
    example would cost a second); the command line over a rule folder is in test_hostile."""
    name, data = rule
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"x-{name}"
        path.write_bytes(data)
        try:
            loaded = load_rule_file(path)
        except RuleError as exc:
            assert str(exc).startswith(str(path))
            return
    # A rule the loader accepted must also run: odd options are the loader's to refuse.
    for fmt in template.FORMATS:
        assert all(isinstance(f, Finding) for f in lint(sample_report(fmt), [loaded]))


CONFIG_SEED = (b"select: [ALL]\nignore: [CNT]\nper-file-ignores:\n  \"*.md\": [RDR-10]\nseverity:\n  LBL: info\n"
               b"fail-on: warning\nlang: zh\nlevel: county_department\nmax-bytes: 33554432\n"
               b"limits:\n  pdf-pages: 50\n  timeout: 60\nexclude: [\"*.bak.yaml\"]\n")


@FUZZ
@given(st.data())
def test_mutated_configuration_is_used_or_refused(data):
    mutated = _mutate(data.draw, bytearray(CONFIG_SEED), TOKENS["yaml"])
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / ".govinfo-lint.yaml").write_bytes(mutated)
        report = Path(folder) / "r.yaml"
        report.write_text(dump_yaml(sample_report("2021")), encoding="utf-8")
        code, out, err = _run_check(report)
    assert code in (0, 1, 2) and "Traceback" not in err.getvalue()
    if code == 2:
        assert ".govinfo-lint.yaml" in err.getvalue()


# --- examples fuzzing found -------------------------------------------------------------

FOUND = {
    # name -> (file, the finding it must get, at this line)
    # int() refuses more than 4300 digits: ValueError escaped the YAML loader.
    "5000-digit-int.json": (b'{"agency": "x", "year": ' + b"9" * 5000 + b"}", "RDR-01", 1),
    "5000-digit-key.yaml": (b"9" * 5000 + b": 1\n", "RDR-01", 1),
    # An explicit !!python tag on a sequence used to be read as a plain list.
    "python-tag-seq.yaml": (b"agency: !!python/object/apply:os.system [echo]\n", "RDR-01", 1),
    # Wrongly typed parts reached the model: section text 1.0, heading [a], labels a list.
    "section-text-number.yaml": (b"agency: x\nyear: 2024\nsections:\n  - {id: overview, text: 1.0}\n", "RDR-04", 4),
    "section-heading-list.yaml": (b"agency: x\nyear: 2024\nsections:\n  - {id: review, heading: [a]}\n", "RDR-04", 4),
    "section-heading-bool.yaml": (b"agency: x\nyear: 2024\nsections:\n  - {id: overview, heading: true}\n", "RDR-04", 4),
    "labels-list.yaml": (b"agency: x\nyear: 2024\nlabels:\n  requests: [1]\n"
                         b"tables:\n  requests: {granted: {natural_person: 1}}\n", "RDR-04", 4),
    "labels-rows-list.yaml": (b"agency: x\nyear: 2024\nlabels:\n  review: {rows: [1], blocks: 3, extra_rows: 5}\n"
                              b"tables:\n  review: {reconsideration: {upheld: 1}}\n", "RDR-04", 4),
}


@pytest.mark.parametrize("name", sorted(FOUND))
def test_found_by_fuzzing(name):
    data, code, line = FOUND[name]
    findings = assert_survives(data, Path(name).suffix)
    assert any(f.code == code and f.line == line for f in findings), [(f.code, f.line) for f in findings]


def test_atheris_harness_runs_briefly():
    pytest.importorskip("atheris")
    result = subprocess.run([sys.executable, str(ROOT / "fuzz" / "fuzz_readers.py"), "-runs=10", "-seed=1"],
                            capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert result.returncode == 0, result.stderr[-2000:]


FUZZ_SECONDS = int(os.environ.get("GOVINFO_LINT_FUZZ_SECONDS", "2"))
FUZZ_TARGETS = ("yaml", "json", "html", "docx", "pdf", "txt", "md", "rule")


@pytest.fixture(scope="module")
def fuzz_seeds(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fuzz-seeds")
    subprocess.run([sys.executable, str(ROOT / "fuzz" / "fuzz_readers.py"), "--seeds", str(folder)],
                   check=True, capture_output=True, timeout=120, cwd=ROOT)
    return folder


@pytest.mark.parametrize("target", FUZZ_TARGETS)
def test_atheris_on_each_reader_for_a_bounded_time(target, fuzz_seeds, tmp_path):
    """Coverage-guided fuzzing of one reader, from the valid seeds, for GOVINFO_LINT_FUZZ_SECONDS
    (2 by default; CI may give more). A crash, a traceback or a slow input fails it, with the
    input saved under tmp_path as libFuzzer's crash-*/slow-* artefact."""
    pytest.importorskip("atheris")
    corpus = tmp_path / "corpus"
    shutil.copytree(fuzz_seeds, corpus)
    result = subprocess.run([sys.executable, str(ROOT / "fuzz" / "fuzz_readers.py"), f"--target={target}",
                             str(corpus), f"-max_total_time={FUZZ_SECONDS}", "-max_len=300000", "-rss_limit_mb=3072",
                             f"-artifact_prefix={tmp_path}/", "-seed=1"],
                            capture_output=True, text=True, timeout=FUZZ_SECONDS + 240, cwd=ROOT)
    assert result.returncode == 0, result.stderr[-3000:]
    assert not list(tmp_path.glob("crash-*")) and not list(tmp_path.glob("slow-*"))
