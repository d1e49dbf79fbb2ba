"""What was done to make a run start faster keeps behaviour: lazy regexes, str code for
CJK classes, a rule cache keyed on stat data, no hashlib for small keys."""

from __future__ import annotations

import hashlib
import os
import pathlib
import random
import re
import subprocess
import sys
import pytest

from govinfo_lint import lazy_re
from govinfo_lint.run import cache
from govinfo_lint.checks.agency_names import leading_places
from govinfo_lint.checks.section_text import _cjk_count
from govinfo_lint.normalize import place_prefix
from govinfo_lint.engine import rules as rules_module
from govinfo_lint.engine.rules import RuleError, load_rules

RULES = pathlib.Path(__file__).resolve().parent.parent / "rules"


def test_lazy_pattern_compiles_on_first_use_and_behaves_as_compiled():
    lazy = lazy_re.compile(r"(\d+)件", re.I)
    assert "_compiled" not in lazy.__dict__
    assert lazy.search("共3件").group(1) == "3"
    assert lazy.pattern == r"(\d+)件" and lazy.flags == re.compile(r"(\d+)件", re.I).flags
    assert [m.group() for m in lazy.finditer("1件2件")] == ["1件", "2件"]
    assert lazy.sub("", "a1件b") == "ab"
    with pytest.raises(AttributeError):
        lazy.__deepcopy__  # noqa: B018 - probes by copy and pickle are not forwarded


def test_str_code_matches_the_regexes_it_replaces():
    leading = re.compile(r"[\u4e00-\u9fff]{2,3}?[省市县区镇乡旗州盟]")
    cjk = re.compile(r"[\u4e00-\u9fff]")
    alphabet = list("省市县区镇乡旗州盟淮安洪泽人民政府a1 ") + ["\u4dff", "\ua000", "\u4e00", "\u9fff"]
    rng = random.Random(7)
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 8)))
        m = leading.match(text)
        assert place_prefix(text, "省市县区镇乡旗州盟") == (m.end() if m else 0), text
        assert _cjk_count(text) == len(cjk.findall(text)), text
    assert leading_places("淮安市洪泽区人民政府") == ["淮安市", "洪泽区"]


def test_small_keys_hash_as_hashlib_does():
    for data in (b"", b"abc", os.urandom(1000)):
        assert cache.sha256(data).hexdigest() == hashlib.sha256(data).hexdigest()


def _rule_file(folder, mark="旧"):
    """A copy of a shipped rule under another code, ``mark`` (one character) opening its basis."""
    text = (RULES / "sec" / "SEC-01.yaml").read_text(encoding="utf-8")
    text = text.replace("code: SEC-01", "code: XTR-01").replace("basis: ", "basis: " + mark, 1)
    path = folder / "extra.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_rule_cache_sees_an_edit_of_the_same_size_at_once(tmp_path, monkeypatch):
    monkeypatch.setenv("GOVINFO_LINT_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "rules"
    folder.mkdir()
    path = _rule_file(folder)
    first = {r.code: r for r in load_rules([folder])}
    assert first["XTR-01"].basis.startswith("旧")
    _rule_file(folder, "新")  # same size, written within the same second
    assert {r.code: r for r in load_rules([folder])}["XTR-01"].basis.startswith("新")
    assert not any(p.name.startswith("rulestat-") for p in (tmp_path / "cache").iterdir())  # written just now
    # Once the files have settled, their stat data keys the rules and the files are not read again.
    monkeypatch.setattr(rules_module, "_SETTLED_NS", -(10 ** 12))
    load_rules([folder])
    assert any(p.name.startswith("rulestat-") for p in (tmp_path / "cache").iterdir())

    def no_reading(self):
        raise AssertionError(f"read {self}")

    monkeypatch.setattr(pathlib.Path, "read_bytes", no_reading)
    assert {r.code: r for r in load_rules([folder])}["XTR-01"].basis.startswith("新")
    monkeypatch.undo()
    monkeypatch.setenv("GOVINFO_LINT_CACHE_DIR", str(tmp_path / "cache"))
    # Any write changes the change time (and here the size), whatever the modification time is set back to.
    before = os.stat(path)
    _rule_file(folder, "改动")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert {r.code: r for r in load_rules([folder])}["XTR-01"].basis.startswith("改动")


def test_rule_file_that_is_not_regular_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("GOVINFO_LINT_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "dangling.yaml").symlink_to(folder / "nowhere.yaml")
    with pytest.raises(RuleError, match="not a regular file"):
        load_rules([folder])


def test_a_plain_check_imports_nothing_it_does_not_use(tmp_path):
    code = ("import sys, io; from govinfo_lint.cli import main; sys.stdout = io.StringIO(); "
            "main(['check', '--no-cache', 'examples/clean-2021.yaml']); sys.stdout = sys.__stdout__; "
            "print(' '.join(sorted(m for m in ('hashlib', 'shutil', 'tempfile', 'difflib', 'jsonschema', 'rich') "
            "if m in sys.modules)))")
    env = {**os.environ, "GOVINFO_LINT_CACHE_DIR": str(tmp_path)}
    for run in ("fills the rule cache", "uses it"):
        out = subprocess.run([sys.executable, "-c", code], cwd=RULES.parent, capture_output=True, text=True, check=True,
                             env=env)
    assert out.stdout.strip() == ""


def _cli(*argv, **kw):
    return subprocess.run([sys.executable, "-m", "govinfo_lint", *argv], capture_output=True, **kw)


def test_quick_exit_flushes_output_and_keeps_the_status(tmp_path):
    # The console entry skips the interpreter's teardown (cli.entry): everything printed
    # still arrives, files asked for are complete, and the exit status is main()'s.
    example = RULES.parent / "examples" / "xilian-2019.yaml"
    out = tmp_path / "out.json"
    done = _cli("check", "--no-cache", "-f", "json", str(example), "-f", f"sarif:{out}")
    import json

    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["files"][0]["findings"]
    assert json.loads(out.read_text(encoding="utf-8"))["runs"]
    assert _cli("check", "--fail-on", "warning", "--no-cache", str(example)).returncode == 1
    assert _cli("check", "--bogus").returncode == 2
    assert _cli("--version").stdout.startswith(b"govinfo-lint ")


def test_quick_exit_with_a_reader_gone(tmp_path):
    # `govinfo-lint rules --format markdown | head -c 10` (200 KB into a 64 KB pipe): no traceback, no complaint about the closed pipe.
    import os as _os

    read_end, write_end = _os.pipe()
    with _os.fdopen(read_end, "rb") as reader:
        proc = subprocess.Popen([sys.executable, "-m", "govinfo_lint", "rules", "--format", "markdown"], stdout=write_end,
                                stderr=subprocess.PIPE)
        _os.close(write_end)
        reader.read(10)
    _out, err = proc.communicate(timeout=60)
    assert b"Traceback" not in err and b"BrokenPipe" not in err


def _fresh_table(monkeypatch, tmp_path):
    monkeypatch.setenv("GOVINFO_LINT_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(lazy_re, "_table", None)
    monkeypatch.setattr(lazy_re, "_new", {})


@pytest.mark.skipif(not lazy_re._CACHED, reason="the compiled-pattern table is used on CPython 3.11-3.13 only")
def test_patterns_from_the_table_behave_as_re_compiles_them(monkeypatch, tmp_path):
    _fresh_table(monkeypatch, tmp_path)
    patterns = [(r"(?P<n>\d+)件", 0), (r"^[（(]?[一二三四五六七八九十\d]+[)）.]?", 0), (r"(?m)^[#>*\s]*总体情况", 0),
                (r"abc", re.I), (r"([\u4e00-\u9fff]{2,4})、?\1", 0)]
    first = [lazy_re.compile_now(p, f) for p, f in patterns]
    lazy_re.save()
    assert not lazy_re._new and list(tmp_path.glob("regex-*.json"))
    monkeypatch.setattr(lazy_re, "_table", None)
    again = [lazy_re.compile_now(p, f) for p, f in patterns]
    assert not lazy_re._new  # every one came from the table
    samples = ["共12件", "（三）其他", "一、总体情况\n二、总体情况", "ABC abc", "考评考评、考评", ""]
    for (pattern, flags), a, b in zip(patterns, first, again):
        plain = re.compile(pattern, flags)
        for got in (a, b):
            assert (got.pattern, got.flags, got.groups, got.groupindex) == (plain.pattern, plain.flags, plain.groups,
                                                                            plain.groupindex)
            for text in samples:
                assert [m.span() for m in got.finditer(text)] == [m.span() for m in plain.finditer(text)]


@pytest.mark.skipif(not lazy_re._CACHED, reason="the compiled-pattern table is used on CPython 3.11-3.13 only")
def test_a_damaged_table_is_not_obeyed(monkeypatch, tmp_path):
    import json

    _fresh_table(monkeypatch, tmp_path)
    lazy_re.compile_now(r"(\d+)件")
    lazy_re.save()
    (entry,) = tmp_path.glob("regex-*.json")
    table = json.loads(entry.read_text(encoding="utf-8"))
    table["0:(\\d+)件"][1] = [99999, 1, 2, 3]  # not a program _sre accepts
    entry.write_text(json.dumps(table), encoding="utf-8")
    monkeypatch.setattr(lazy_re, "_table", None)
    assert lazy_re.compile_now(r"(\d+)件").search("共3件").group(1) == "3"
    entry.write_text("[1, 2", encoding="utf-8")  # not JSON at all
    monkeypatch.setattr(lazy_re, "_table", None)
    assert lazy_re.compile(r"(\d+)件").search("共4件").group(1) == "4"


def test_every_lazy_pattern_of_the_package_compiles_alike(monkeypatch, tmp_path):
    # Each module-level lazy pattern, through the table and through re, is the same pattern.
    import importlib
    import pkgutil

    import govinfo_lint

    _fresh_table(monkeypatch, tmp_path)
    seen = 0
    skip = ("govinfo_lint.service", "govinfo_lint.crawl", "govinfo_lint.readers.ocr")
    for info in pkgutil.walk_packages(govinfo_lint.__path__, "govinfo_lint."):
        if info.name.startswith(skip) or info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for value in list(vars(module).values()):
            if isinstance(value, lazy_re.LazyPattern):
                pattern, flags = value.__dict__["_source"]
                got, plain = lazy_re.compile_now(pattern, flags), re.compile(pattern, flags)
                assert (got.pattern, got.flags, got.groups, got.groupindex) == (plain.pattern, plain.flags,
                                                                                plain.groups, plain.groupindex)
                seen += 1
    assert seen > 50
