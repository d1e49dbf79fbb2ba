"""govinfo-lint crawl: an archive checked on Dask into Parquet gives check's findings (issue 16)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

pytest.importorskip("pyarrow")
pytest.importorskip("fsspec")
distributed = pytest.importorskip("distributed")

import pyarrow.dataset as ds  # noqa: E402

from govinfo_lint.crawl import LEAN, crawl, local_cluster, worker_environ  # noqa: E402
from govinfo_lint.run.crawl_worker import read_batch  # noqa: E402
from govinfo_lint.samples import apply_patch, sample_report  # noqa: E402
from govinfo_lint.yaml_out import dump_yaml  # noqa: E402

from cli_run import run  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def _archive(folder: Path) -> Path:
    """Examples, generated variants (organs over consecutive years, so that years pair, some
    with defects), HTML fixtures and a corrupt DOCX."""
    folder.mkdir()
    for path in (ROOT / "examples").glob("*.yaml"):
        shutil.copy(path, folder / path.name)
    for i in range(9):
        organ, year = i // 3, 2021 + i % 3
        data = sample_report("2021", year=year, agency=f"示例县第{organ}局")
        if i % 2:
            data = apply_patch(data, {"/tables/requests/granted/total": i + 40})
        if i % 3 == 2:  # carried over what last year's report did not carry forward: XYR-01
            data = apply_patch(data, {"/tables/requests/carried_over/natural_person": 90})
        (folder / "gen" / f"r{i}.yaml").parent.mkdir(exist_ok=True)
        (folder / "gen" / f"r{i}.yaml").write_text(dump_yaml(data), encoding="utf-8")
    for path in sorted((ROOT / "tests/fixtures/html").glob("*.htm*"))[:2]:
        shutil.copy(path, folder / path.name)
    (folder / "broken.docx").write_bytes(b"PK\x03\x04 truncated download")
    return folder


@pytest.fixture(scope="module")
def client():
    cluster = local_cluster(2)  # what --dask local:2 starts
    with distributed.Client(cluster) as c:
        yield c
    cluster.close()


def _lean(dask_worker):
    import dask

    return {key: dask.config.get(key) for key in LEAN}, {k: v.callback_time for k, v in dask_worker.periodic_callbacks.items()}


def test_local_cluster_workers_run_lean(client):
    """The cluster crawl starts itself: no stack sampling in the workers, the event loop and
    the monitors less often; the client's own configuration is left as it was."""
    import dask

    for config, periodic in client.run(_lean).values():
        assert config == LEAN
        assert "profile" not in periodic and "profile-cycle" not in periodic
        assert periodic["tick"] == periodic["memory_monitor"] == 1000 and periodic["monitor"] == 5000
    assert dask.config.get("distributed.worker.profile.enabled") is True
    assert dask.config.get("distributed.admin.tick.interval") != "1s"


def test_worker_environ_is_the_lean_configuration():
    """What a cluster started elsewhere is given in its workers' environment reads as LEAN."""
    import dask

    config = dask.config.merge(dask.config.config, dask.config.collect_env(worker_environ()))
    assert {key: dask.config.get(key, config=config) for key in LEAN} == LEAN
    assert worker_environ()["DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED"] == "False"


def _by_file(rows):
    out = {}
    for r in rows:
        out.setdefault(os.path.abspath(r["file"]), []).append(r)
    return out


def test_crawl_on_dask_equals_check(tmp_path, client, capsys):
    folder = _archive(tmp_path / "reports")
    out = tmp_path / "out"
    stats = crawl([str(folder)], str(out), dask=client, batch_size=4)
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    assert stats["files"] == stats["checked"] == len(files) and stats["failed"] == 0
    assert len(list((out / "findings").glob("part-*.parquet"))) == -(-len(files) // 4)
    assert not [p.name for p in out.rglob("*") if p.suffix in (".reports", ".tmp")]  # phase 1's reports removed
    assert not (out / "_pending").exists()  # and the folder, left empty

    code, text, _err = run(capsys, "check", folder, "-f", "json", "--no-cache")
    assert code in (0, 1)
    expected = {os.path.abspath(f["path"]): sorted((x["code"], x["severity"], x["pointer"]) for x in f["findings"])
                for f in json.loads(text)["files"]}
    found = _by_file(ds.dataset(out / "findings").to_table().to_pylist())
    # A clean file has no finding rows (its cells and the manifest show it was read).
    got = {str(f): sorted((r["code"], r["severity"], r["pointer"]) for r in found.get(str(f), []) if r["code"])
           for f in files}
    assert set(found) <= set(got) and set(expected) == set(got)
    assert got == expected
    assert any(got.values()) and not all(got.values())
    assert any(code.startswith("XYR") for rows in got.values() for code, _s, _p in rows)  # years were paired
    assert got[str(folder / "broken.docx")][0][0].startswith("RDR")  # a corrupt document is a row

    cells = ds.dataset(out / "cells").to_table().to_pylist()
    gen = [c for c in cells if c["file"].endswith("gen/r1.yaml")]
    assert {"file", "agency", "year", "table", "row", "column", "raw", "value"} <= set(cells[0])
    assert any(c["table"] == "requests" and c["row"] == "granted" and c["column"] == "total" and c["value"] == 41
               for c in gen)
    assert all(c["agency"] == "示例县第0局" and c["year"] == 2022 for c in gen)


def test_rerun_skips_what_is_written(tmp_path, client):
    folder = _archive(tmp_path / "reports")
    out = tmp_path / "out"
    first = crawl([str(folder)], str(out), dask=client, batch_size=5)
    parts = {p.name: p.stat().st_mtime_ns for p in (out / "findings").glob("*.parquet")}
    again = crawl([str(folder)], str(out), dask=client, batch_size=5)
    assert again["skipped"] == first["files"] and again["checked"] == 0
    assert {p.name: p.stat().st_mtime_ns for p in (out / "findings").glob("*.parquet")} == parts
    # A new file (here, a glob of it) is checked; the rest stays skipped.
    extra = folder / "gen" / "new.yaml"
    extra.write_text(dump_yaml(sample_report("2019", agency="示例县新局")), encoding="utf-8")
    third = crawl([str(folder / "**" / "*.yaml")], str(out), dask=client)
    assert third["checked"] == 1 and third["skipped"] == third["files"] - 1
    assert str(extra) in _by_file(ds.dataset(out / "cells").to_table().to_pylist())  # clean: cells, no findings


def test_local_pool_and_command_line(tmp_path, capsys):
    folder = _archive(tmp_path / "reports")
    code, text, err = run(capsys, "crawl", folder, "--output", tmp_path / "out", "--jobs", "2")
    assert code == 0, err
    assert "0 failed" in text
    rows = ds.dataset(tmp_path / "out" / "findings").to_table().to_pylist()
    _code, text, _err = run(capsys, "check", folder, "-f", "json", "--no-cache")
    expected = {os.path.abspath(f["path"]): len(f["findings"]) for f in json.loads(text)["files"] if f["findings"]}
    assert {f: len(r) for f, r in _by_file(rows).items()} == expected


def test_a_document_that_fails_is_a_row(tmp_path):
    """A document whose checking raises is an error row; the others of its batch are kept."""
    good = ROOT / "examples" / "clean-2021.yaml"
    from govinfo_lint.config.settings import Resolver

    settings = Resolver().settings_for(good)
    out = read_batch([(str(good), settings), (str(tmp_path / "gone.yaml"), None)], "zh", str(tmp_path), "k")
    assert out[0]["error"] is None and out[0]["meta"]["agency"]
    assert out[1]["findings"] is False and "AttributeError" in out[1]["error"]
    assert [r["error"] is not None for r in ds.dataset(tmp_path / "findings").to_table().to_pylist()] == [True]
    from govinfo_lint.run.crawl_worker import finish_batch

    for e in out:
        e.update(previous=None, settings=None, previous_settings=None, relint=False)
    assert finish_batch(out, "zh", str(tmp_path), "k") == 1  # phase 1's rows kept as they were
    rows = ds.dataset(tmp_path / "findings").to_table().to_pylist()
    assert [r["error"] is not None for r in rows] == [True]
    assert not (tmp_path / "_pending").exists()  # nothing kept without the crawl's token


def test_a_report_paired_both_ways_in_its_batch_is_not_kept(tmp_path):
    """Of three years of one organ in one batch, the middle one is linted with both
    neighbours in phase 1 and not pickled; if the crawl pairs it otherwise after all, phase
    2 reads its file again and gives its findings alone."""
    from govinfo_lint.config.settings import Resolver
    from govinfo_lint.run.crawl_worker import finish_batch

    folder = tmp_path / "reports"
    folder.mkdir()
    paths = []
    for year in (2021, 2022, 2023):
        data = apply_patch(sample_report("2021", year=year, agency="示例县第0局"),
                           {"/tables/requests/carried_over/natural_person": 90 + year % 10})
        (folder / f"{year}.yaml").write_text(dump_yaml(data), encoding="utf-8")
        paths.append(str(folder / f"{year}.yaml"))
    settings = Resolver().settings_for(folder / "2021.yaml")
    out = tmp_path / "out"
    entries = read_batch([(p, settings) for p in paths], "zh", str(out), "k", "t0ken")
    assert [e["paired"] for e in entries] == [None, paths[0], paths[1]]
    assert entries[0]["kept"] is not None and entries[1]["kept"] is None and entries[2]["kept"] is not None
    paired = sorted((r["code"], r["pointer"]) for r in ds.dataset(out / "findings").to_table().to_pylist()
                    if r["file"] == paths[1])
    assert any(code.startswith("XYR") for code, _p in paired)
    for e in entries:
        e.update(settings=settings, previous=None, previous_settings=None, previous_at=None, relint=e is entries[1])
    finish_batch(entries, "zh", str(out), "k", "t0ken")
    alone = sorted((r["code"], r["pointer"]) for r in ds.dataset(out / "findings").to_table().to_pylist()
                   if r["file"] == paths[1])
    assert alone == [f for f in paired if not f[0].startswith("XYR")]


def test_phase_two_lints_the_reports_phase_one_kept(tmp_path):
    """With the crawl's token, phase 2 takes both reports from phase 1 (the files are gone by
    then here) and gives the findings of a full lint; without the token it reads them again."""
    from govinfo_lint.config.settings import Resolver
    from govinfo_lint.run.crawl_worker import finish_batch

    folder = tmp_path / "reports"
    folder.mkdir()
    last = sample_report("2021", year=2021, agency="示例县第0局")
    this = apply_patch(sample_report("2021", year=2022, agency="示例县第0局"),
                       {"/tables/requests/carried_over/natural_person": 90, "/tables/requests/granted/total": 41})
    paths = []
    for name, data in (("a.yaml", last), ("b.yaml", this)):
        (folder / name).write_text(dump_yaml(data), encoding="utf-8")
        paths.append(str(folder / name))
    settings = Resolver().settings_for(folder / "a.yaml")

    def both(out: Path, run_token):
        entries = read_batch([(paths[0], settings)], "zh", str(out), "k1", run_token) + \
            read_batch([(paths[1], settings)], "zh", str(out), "k2", run_token)
        for e in entries:
            e.update(settings=settings, previous=None, previous_settings=None, previous_at=None, relint=False)
            assert e["paired"] is None  # alone in its batch
        entries[1].update(previous=paths[0], previous_settings=settings, previous_at=["k1", entries[0]["kept"]],
                          relint=True)
        return entries

    full = both(tmp_path / "full", None)
    finish_batch(full[1:], "zh", str(tmp_path / "full"), "k2")
    rows = ds.dataset(tmp_path / "full" / "findings").to_table().to_pylist()
    expected = sorted((r["code"], r["pointer"]) for r in rows)
    assert ("XYR-01", "/tables/requests/carried_over/total") in expected
    assert any(c.startswith("TBL") or c.startswith("SUM") for c, _p in expected)

    # Both in one batch: phase 1 pairs them itself, and its rows are already the full lint's.
    one = read_batch([(p, settings) for p in paths], "zh", str(tmp_path / "one"), "k", "t0ken")
    assert [e["paired"] for e in one] == [None, paths[0]]
    got = sorted((r["code"], r["pointer"]) for r in ds.dataset(tmp_path / "one" / "findings").to_table().to_pylist()
                 if r["file"] == paths[1])
    assert got == expected
    # The crawl found no predecessor after all (say, another file made the name ambiguous):
    # phase 2 gives the file's findings alone, from the report and findings phase 1 kept.
    for e in one:
        e.update(settings=settings, previous=None, previous_settings=None, previous_at=None, relint=e is one[1])
    finish_batch(one, "zh", str(tmp_path / "one"), "k", "t0ken")
    alone = sorted((r["code"], r["pointer"]) for r in ds.dataset(tmp_path / "one" / "findings").to_table().to_pylist()
                   if r["file"] == paths[1])
    assert alone == [f for f in expected if not f[0].startswith("XYR")] and alone != expected

    kept = both(tmp_path / "kept", "t0ken")
    for path in paths:
        os.unlink(path)
    finish_batch(kept[1:], "zh", str(tmp_path / "kept"), "k2", "t0ken")
    got = sorted((r["code"], r["pointer"]) for r in ds.dataset(tmp_path / "kept" / "findings").to_table().to_pylist())
    assert got == expected
    assert not any(r["error"] for r in ds.dataset(tmp_path / "kept" / "findings").to_table().to_pylist())


def test_a_folder_is_walked_as_check_walks_it(tmp_path, capsys):
    """A link out of the crawled folder is refused and said, a link loop does not trap the walk."""
    from govinfo_lint.crawl import expand

    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(ROOT / "examples" / "clean-2021.yaml", folder / "a.yaml")
    outside = tmp_path / "secret.yaml"
    outside.write_text("agency: 不应读取\n", encoding="utf-8")
    (folder / "link.yaml").symlink_to(outside)
    (folder / "inner.yaml").symlink_to(folder / "a.yaml")  # inside the folder: kept
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    found = dict(expand([str(folder)]))
    assert sorted(Path(p).name for p in found) == ["a.yaml", "inner.yaml"]
    assert found[str(folder / "a.yaml")] == (folder / "a.yaml").stat().st_size
    assert "link.yaml" in capsys.readouterr().err


def test_a_new_file_is_linted_against_last_years_report_of_an_earlier_run(tmp_path, capsys):
    """The predecessor was crawled before: phase 2 reads it from its file, and the new file's
    findings are check's (its cross-year finding among them)."""
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a-2021.yaml").write_text(dump_yaml(sample_report("2021", year=2021, agency="示例县第0局")),
                                        encoding="utf-8")
    out = tmp_path / "out"
    crawl([str(folder)], str(out), jobs=1)
    later = apply_patch(sample_report("2021", year=2022, agency="示例县第0局"),
                        {"/tables/requests/carried_over/natural_person": 90})
    (folder / "b-2022.yaml").write_text(dump_yaml(later), encoding="utf-8")
    again = crawl([str(folder)], str(out), jobs=1)
    assert again["checked"] == 1 and again["failed"] == 0
    rows = _by_file(ds.dataset(out / "findings").to_table().to_pylist())[str(folder / "b-2022.yaml")]
    got = sorted((r["code"], r["severity"], r["pointer"]) for r in rows)
    _code, text, _err = run(capsys, "check", folder, "-f", "json", "--no-cache")
    entry = next(f for f in json.loads(text)["files"] if f["path"].endswith("b-2022.yaml"))
    assert got == sorted((x["code"], x["severity"], x["pointer"]) for x in entry["findings"])
    assert ("XYR-01", "/tables/requests/carried_over/total") in [(c, p) for c, _s, p in got]
