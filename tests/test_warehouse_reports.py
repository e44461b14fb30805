"""Issue 11's acceptance: one report is one report, whatever files it came in.

A folder holds several reports, each as .docx, .pdf and .txt where the samples have them
(plus a report sent twice under two names and broken files).  Loaded by the batch into DuckDB
and into PostgreSQL, the warehouse must hold one ``reports`` row per report, a
``current_findings`` view that counts each report's own findings once (the expected counts
come from samples/expected, written by reading the documents), the broken files in
``documents`` with their error, and the same tables after a second run.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pg
import pytest

from cchc.batch.discover import discover
from cchc.batch.runner import BatchConfig, BatchSummary, execute
from cchc.warehouse.store import Warehouse, connect

SAMPLES = Path(__file__).parents[1] / "samples"
#: Reports and the renditions the samples hold of each (stem → extensions).
REPORTS = {"syt_2023_q2": ("docx", "pdf", "txt"), "stttt_2023_q3": ("docx", "pdf", "txt"),
           "ubnd_camxuyen_2023": ("docx", "pdf", "txt"), "stp_2023_q1": ("docx", "pdf")}
BROKEN = {"rong.docx": ("empty_file", b""), "ngau_nhien.pdf": ("unknown_format", os.urandom(4096))}


def expected_findings(stem: str) -> int:
    return len(json.loads((SAMPLES / "expected" / f"{stem}.json").read_text(encoding="utf-8"))["findings"])


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("quy")
    for stem, extensions in REPORTS.items():
        unit = root / stem.split("_")[0]
        unit.mkdir(exist_ok=True)
        for ext in extensions:
            shutil.copy2(SAMPLES / f"{stem}.{ext}", unit / f"{stem}.{ext}")
    shutil.copy2(SAMPLES / "syt_2023_q2.docx", root / "syt" / "ban_sao_gui_lai.docx")  # same bytes
    for name, (_, data) in BROKEN.items():
        (root / name).write_bytes(data)
    return root


def run_batch(folder: Path, target: str, log: Path) -> BatchSummary:
    config = BatchConfig(target=target, log_path=log, workers=2, timeout=120)
    with open(os.devnull, "w", encoding="utf-8") as quiet:
        return execute(BatchConfig(**{**config.__dict__, "progress_stream": quiet}),
                       discover([str(folder)]))


def contents(wh: Warehouse) -> dict[str, list[dict[str, object]]]:
    """Every exported table, without the columns that say when a file was read."""
    out = {}
    for name in wh.table_names():
        out[name] = [{k: v for k, v in row.items() if k not in ("read_at", "run_id")}
                     for row in wh.rows(name)]
    return out


@pytest.fixture
def pg_url() -> Iterator[str]:
    with pg.fresh_schema(pg.base_url()) as url:
        yield url


@pytest.fixture(params=["duckdb", "postgresql"])
def target(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "duckdb":
        yield str(tmp_path / "kho.duckdb")
    else:
        yield request.getfixturevalue("pg_url")


def test_one_report_per_report_and_broken_files_kept(folder: Path, target: str, tmp_path: Path) -> None:
    summary = run_batch(folder, target, tmp_path / "run_log.csv")
    # the closing summary counts reports, not files
    assert summary.totals == {"reports": len(REPORTS), "units": len(REPORTS),
                              "current_findings": sum(expected_findings(s) for s in REPORTS),
                              "failed_files": len(BROKEN)}
    with connect(target) as wh:
        reports = wh.read_table("reports")
        assert len(reports) == len(REPORTS)
        assert sorted(reports["unit_key"]) == sorted({"SYT", "STTTT", "CAMXUYEN", "STP"})
        assert set(reports["preferred_format"]) == {"docx"}
        current = wh.current_findings()
        assert len(current) == sum(expected_findings(stem) for stem in REPORTS)
        assert not current.duplicated(["report_id", "position"]).any()
        summary = wh.unit_summary()
        assert int(summary["findings"].sum()) == len(current)
        documents = wh.read_table("documents")
        files = len([p for p in folder.rglob("*") if p.is_file()])
        assert len(documents) == files  # one row per file seen
        failed = documents[documents["outcome"] == "failed"].set_index("file")
        assert {name: failed.loc[name, "error_code"] for name in BROKEN} == \
            {name: code for name, (code, _) in BROKEN.items()}
        assert set(documents["outcome"]) == {"loaded", "duplicate", "failed"}
        before = contents(wh)
    run_batch(folder, target, tmp_path / "run_log.csv")
    with connect(target) as wh:
        assert contents(wh) == before


def test_the_run_log_keeps_every_run(folder: Path, tmp_path: Path) -> None:
    from cchc.batch.runlog import read_run_log

    log = tmp_path / "run_log.csv"
    target = str(tmp_path / "kho.duckdb")
    run_batch(folder, target, log)
    run_batch(folder, target, log)
    lines = read_run_log(log)
    files = len([p for p in folder.rglob("*") if p.is_file()])
    assert len(lines) == 2 * files
    assert len({line["run_id"] for line in lines}) == 2
    assert log.read_bytes().count("\ufeff".encode()) == 1
