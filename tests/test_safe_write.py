"""Files the tool writes: atomic, never over an input, with the permissions an editor leaves."""

from __future__ import annotations

import os
import stat

import pytest

from govinfo_lint.safe_write import write_atomic


def test_new_file_follows_the_umask(tmp_path):
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "out.yaml", "a: 1\n")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "out.yaml").stat().st_mode) == 0o644
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_existing_file_keeps_its_mode(tmp_path):
    target = tmp_path / "out.json"
    target.write_text("{}", encoding="utf-8")
    target.chmod(0o640)
    write_atomic(target, "[]")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640 and target.read_text(encoding="utf-8") == "[]"


def test_refuses_to_write_over_an_input_even_through_a_link(tmp_path):
    source = tmp_path / "report.yaml"
    source.write_text("year: 2024\n", encoding="utf-8")
    link = tmp_path / "link.yaml"
    link.symlink_to(source)
    for target in (source, link):
        with pytest.raises(ValueError, match="拒绝覆盖输入文件"):
            write_atomic(target, "x", protect=[source])
    assert source.read_text(encoding="utf-8") == "year: 2024\n"
