"""Reports waiting for pairing are spooled to disk: a worker reads each back by its place."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

from govinfo_lint.readers import read
from govinfo_lint.run import spool as spool_module
from govinfo_lint.run.spool import Spool
from govinfo_lint.run.workers import Packed, meta_of, unpack

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def test_spooled_reports_round_trip_and_travel_as_places(monkeypatch):
    monkeypatch.setattr(spool_module, "HELD_REPORTS", 0)  # every report to the file
    spool = Spool()
    try:
        reports = [read(path) for path in sorted(EXAMPLES.glob("*.yaml"))]
        handles = [spool.put(Packed(r)) for r in reports]
        assert handles == list(range(len(reports)))  # the batch keeps an int a report
        spooled = [spool.get(h) for h in handles]
        assert spool.put(reports[0]) is reports[0]  # a report read in this process stays as it is
        assert spool.get(reports[0]) is reports[0] and spool.get(None) is None
        for report, item in zip(reports, spooled):
            sent = pickle.dumps(item)
            assert len(sent) < len(Packed(report).data) / 10  # the place and the metadata, not the pickle
            back = unpack(pickle.loads(sent))
            assert (back.agency, back.year, back.iter_cells().__next__()[:3]) == \
                (report.agency, report.year, report.iter_cells().__next__()[:3])
            assert meta_of(item) == meta_of(report)
    finally:
        spool.close()
    assert not os.path.exists(spool.path)


def test_the_first_report_stays_in_memory_then_the_file_takes_the_rest():
    reports = [Packed(read(path)) for path in sorted(EXAMPLES.glob("*.yaml")) for _ in range(2)]
    spool = Spool()
    try:
        handles = [spool.put(r) for r in reports]
        assert handles[0] is reports[0] and spool.path is not None
        assert handles[1:] == list(range(len(reports) - 1))  # the file took the rest, in order
        for report, handle in zip(reports, handles):
            assert meta_of(spool.get(handle)) == meta_of(report)
    finally:
        spool.close()
    assert not os.path.exists(spool.path)


def test_a_one_file_check_opens_no_spool_file(tmp_path):
    """The report of a one-file check comes from a forked child: it is kept in memory, so the
    run neither writes a temporary file nor imports tempfile."""
    html = Path(__file__).resolve().parent / "fixtures" / "html"
    page = sorted(html.glob("*.htm*"))[0]
    code = ("import sys; from govinfo_lint.cli import main; import govinfo_lint.run.spool as s\n"
            "opened = []; orig = s.Spool._open\n"
            "s.Spool._open = lambda self: (opened.append(1), orig(self))[1]\n"
            f"main(['check', '--no-cache', {str(page)!r}])\n"
            "print('OPENED', len(opened), 'tempfile' in sys.modules)")
    env = {**os.environ, "GOVINFO_LINT_CACHE_DIR": str(tmp_path / "cache")}
    for _run in range(2):  # the first run writes the pattern table (safe_write takes tempfile)
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env).stdout
    assert "OPENED 0 False" in out, out
