"""Reports waiting for pairing are spooled to disk: a worker reads each back by its place."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

from govinfo_lint.readers import read
from govinfo_lint.run.spool import Spool
from govinfo_lint.run.workers import Packed, meta_of, unpack

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def test_spooled_reports_round_trip_and_travel_as_places():
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
