"""The README's warehouse section runs as written: every ```sql statement on a loaded DuckDB
file and on PostgreSQL, and its Python example against a ``cchc.duckdb`` in the current folder.

The warehouse holds the five sample units' Word reports, the seed's text export (the same
report as stp_2023_q1.docx) and one failed file, so every example has rows to show.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pg
import pytest

from cchc.normalize.catalog import load_catalog
from cchc.normalize.units import UnitRegistry
from cchc.read import Options, load_settings, process_file
from cchc.record import ReportRecord
from cchc.warehouse.store import Warehouse, connect

ROOT = Path(__file__).parent.parent
SAMPLES = ROOT / "samples"
STEMS = ("stp_2023_q1", "syt_2023_q2", "ubnd_camxuyen_2023", "snv_2023_long", "stttt_2023_q3")
SECTION = "### The warehouse: one report is one report"


def readme_section() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index(SECTION)
    end = text.find("\n## ", start)
    return text[start:end if end >= 0 else len(text)]


def blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", readme_section(), flags=re.DOTALL)


def statements() -> list[str]:
    """The SQL statements of the section, comments dropped, one per ``;``."""
    found = []
    for block in blocks("sql"):
        code = "\n".join(line for line in block.splitlines() if not line.strip().startswith("--"))
        found += [s.strip() for s in code.split(";") if s.strip()]
    return found


def expected_findings() -> int:
    """The findings of the distinct reports (one per unit), from samples/expected."""
    return sum(len(json.loads((SAMPLES / "expected" / f"{stem}.json").read_text(encoding="utf-8"))
                   ["findings"]) for stem in STEMS)


@pytest.fixture(scope="module")
def records() -> list[tuple[Path, ReportRecord]]:
    settings = load_settings(Options())
    paths = [*(SAMPLES / f"{stem}.docx" for stem in STEMS), SAMPLES / "seed_stp_2023_q1.txt"]
    return [(p, process_file(p, settings)) for p in paths]


def fill(wh: Warehouse, records: list[tuple[Path, ReportRecord]]) -> None:
    wh.ensure_schema()
    wh.load_reference(UnitRegistry.load(), load_catalog())
    wh.load_many([(record, str(path.resolve())) for path, record in records])
    wh.note_file(source_path="/kho/syt/bao_cao_hong.pdf", sha256="cd" * 32, outcome="failed",
                 error_code="unknown_format", message="Không nhận ra định dạng tệp")
    from cchc.warehouse.threads import relink_stale

    relink_stale(wh)


@pytest.fixture(scope="module")
def duckdb_file(tmp_path_factory: pytest.TempPathFactory,
                records: list[tuple[Path, ReportRecord]]) -> Path:
    path = tmp_path_factory.mktemp("readme") / "cchc.duckdb"
    with connect(path) as wh:
        fill(wh, records)
    return path


@pytest.fixture
def pg_url() -> Iterator[str]:
    with pg.fresh_schema(pg.base_url()) as url:
        yield url


def test_the_section_has_examples() -> None:
    assert len(statements()) >= 5 and len(blocks("python")) == 1
    for view in ("current_reports", "current_findings", "unit_summary", "area_summary"):
        assert view in readme_section()


def run_all(wh: Warehouse) -> list[list[tuple[object, ...]]]:
    answers = []
    for sql in statements():
        rows = wh.query(sql)
        assert rows, f"no rows: {sql}"
        answers.append([tuple(r) for r in rows])
    return answers


def test_the_sql_runs_on_duckdb_and_postgresql(duckdb_file: Path, pg_url: str,
                                               records: list[tuple[Path, ReportRecord]]) -> None:
    with connect(duckdb_file, read_only=True) as wh:
        duck = run_all(wh)
    with connect(pg_url) as wh:
        fill(wh, records)
        postgres = run_all(wh)
    # the first example is unit_summary: each unit's findings, counted once per report
    assert sum(int(str(row[2])) for row in duck[0]) == expected_findings()
    assert len(duck[0]) == len(STEMS)
    assert [len(a) for a in duck] == [len(a) for a in postgres]
    for d, p in zip(duck, postgres, strict=True):
        assert [tuple(str(v) for v in row) for row in d] == [tuple(str(v) for v in row) for row in p]


def test_the_python_example_runs_as_written(duckdb_file: Path, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copy(duckdb_file, tmp_path / "cchc.duckdb")
    monkeypatch.chdir(tmp_path)
    (code,) = blocks("python")
    out = io.StringIO()
    namespace: dict[str, object] = {}
    with contextlib.redirect_stdout(out):
        exec(compile(code, "README.md", "exec"), namespace)  # noqa: S102 - the README's own code
    current = namespace["current"]
    assert len(current) == expected_findings()  # type: ignore[arg-type]
    assert "Sở Nội vụ" in out.getvalue() and "overdue" in out.getvalue()
