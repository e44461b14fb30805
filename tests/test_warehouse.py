"""The warehouse on both engines: a real DuckDB file and a real PostgreSQL schema.

What the analysts rely on: a quarter's reports load into the same rows on either engine,
loading a file again changes nothing, a corrected file replaces its old rows, a load that
breaks half-way leaves the warehouse as it was, and the export gives every table back.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pandas as pd
import pg
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from cchc.cli.main import main
from cchc.normalize.catalog import load_catalog
from cchc.normalize.units import UnitRegistry
from cchc.record import (
    AuditEntry,
    DeadlineKind,
    Finding,
    ReportMeta,
    ReportRecord,
    Severity,
    Source,
    Status,
)
from cchc.vocabulary import STATUS_LABELS
from cchc.warehouse import rows as warehouse_rows
from cchc.warehouse.export import export_csv, export_parquet, export_xlsx
from cchc.warehouse.store import (
    LoadAction,
    Warehouse,
    WarehouseError,
    connect,
    redact,
)
from cchc.warehouse.tables import WAREHOUSE_SCHEMA_VERSION, Table

#: The exported tables, in export order (docs/warehouse.md); document_records is internal.
TABLES = ["reports", "findings", "finding_criteria", "audit_entries", "documents", "units",
          "areas", "criteria", "statuses", "linked_reports", "finding_links", "schema_meta"]
#: Columns that say when a file was read or changed: they differ between two loads.
TIMES = {"documents": ("read_at", "modified_at", "run_id"), "reports": ("received_at",)}


# -- records, built by hand ----------------------------------------------------------------

def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _finding(seq: int, shortcoming: str, criteria: list[str], **changes: object) -> Finding:
    base = Finding(
        seq=seq, section=None, shortcoming=shortcoming, criteria=criteria,
        areas=list(dict.fromkeys(int(c.split(".")[0]) for c in criteria)),
        remedy="Tăng cường chỉ đạo việc thực hiện công tác này",
        remedy_items=["Tăng cường chỉ đạo việc thực hiện công tác này"],
        owner=None, deadline="Quý II/2023", deadline_kind=DeadlineKind.QUARTER,
        due_date="2023-06-30", progress="Đang triển khai thực hiện",
        status=Status.IN_PROGRESS, status_evidence="Đang triển khai", overdue=False, note=None,
        pages=[2], merged=[])
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def record_stp(version: str = "v1") -> ReportRecord:
    """Sở Tư pháp, Q1/2023 (the seed's shape): blank number and day, a merged remedy cell."""
    findings = [
        _finding(1, "Chưa ban hành đầy đủ văn bản chỉ đạo, điều hành CCHC (Tiêu chí 1.1.2)",
                 ["1.1.2"], section="I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC",
                 deadline="30/6/2023", deadline_kind=DeadlineKind.DATE, pages=[1]),
        _finding(2, "Việc thực hiện số hóa hồ sơ, kết quả giải quyết TTHC còn thấp "
                    "(Tiêu chí 3.2.1 và tiêu chí 7.2.5)", ["3.2.1", "7.2.5"],
                 remedy="Tăng cường chỉ đạo việc thực hiện công tác này;\nBố trí nhân lực",
                 remedy_items=["Tăng cường chỉ đạo việc thực hiện công tác này;",
                               "Bố trí nhân lực"],
                 deadline="Thường xuyên trong năm 2023", deadline_kind=DeadlineKind.RECURRING,
                 due_date="2023-12-31", pages=[2, 3], merged=["remedy", "deadline", "progress"]),
        _finding(3, "Tỷ lệ hồ sơ trực tuyến toàn trình đạt 94,5% (TC 7.1.1.4)", ["7.1.1.4"],
                 progress=None, status=Status.UNKNOWN, status_evidence=None, pages=[3],
                 merged=["remedy", "deadline", "progress"]),
    ]
    if version != "v1":  # the unit sent a corrected file: row 3 done, row 1 dropped
        findings = [dataclasses.replace(findings[2], seq=1, progress="Đã hoàn thành",
                                        status=Status.COMPLETED, status_evidence="Đã hoàn thành")]
    return ReportRecord(
        source=Source(file="bc-stp-q1.pdf", sha256=_sha(f"bc-stp-q1.pdf {version}"),
                      format="pdf", pages=7),
        report=ReportMeta(agency="Sở Tư pháp", agency_code="STP", symbol="BC-STP", number=None,
                          date=None, month=3, year=2023, assessed_year=2022,
                          title="Kết quả khắc phục tồn tại, hạn chế Chỉ số CCHC năm 2022"),
        findings=findings,
        audit=[
            AuditEntry(Severity.WARNING, "report_number_blank", "report.number", None,
                       "Báo cáo chưa ghi số văn bản"),
            AuditEntry(Severity.WARNING, "progress_blank", "progress", 3,
                       "Dòng 3 chưa ghi tiến độ thực hiện"),
        ])


def record_camxuyen() -> ReportRecord:
    """UBND huyện Cẩm Xuyên, a Word report with owners and an overdue row."""
    return ReportRecord(
        source=Source(file="Báo cáo CCHC Cẩm Xuyên.docx", sha256=_sha("camxuyen"),
                      format="docx", pages=None),
        report=ReportMeta(agency="UBND huyện Cẩm Xuyên", agency_code="CAMXUYEN",
                          symbol="BC-UBND", number=112, date="2023-06-15", month=6, year=2023,
                          assessed_year=2022, title="Phụ lục khắc phục hạn chế Chỉ số CCHC"),
        findings=[
            _finding(1, "Chưa hoàn thành kế hoạch kiểm tra CCHC (Tiêu chí 1.3)", ["1.3"],
                     owner="Phòng Nội vụ", deadline="Quý I/2023", due_date="2023-03-31",
                     overdue=True, pages=[]),
            _finding(2, "Công chức cấp xã chưa đạt chuẩn (Tiêu chí 5.3; 5.5)", ["5.3", "5.5"],
                     owner="Phòng Nội vụ", progress="Chưa thực hiện", status=Status.NOT_STARTED,
                     status_evidence="chưa thực hiện", pages=[],
                     note="=HYPERLINK(\"http://x\",\"bấm vào\")"),
        ],
        audit=[AuditEntry(Severity.WARNING, "overdue", "due_date", 1,
                          "Dòng 1 đã quá hạn nhưng chưa hoàn thành")])


def record_syt() -> ReportRecord:
    """Sở Y tế, a text export with no audit entries and a bullet-like remedy."""
    return ReportRecord(
        source=Source(file="syt_q2.txt", sha256=_sha("syt"), format="txt", pages=4),
        report=ReportMeta(agency="Sở Y tế", agency_code="SYT", symbol="BC-SYT", number=45,
                          date="2023-07-03", month=7, year=2023, assessed_year=2022,
                          title="Phụ lục"),
        findings=[_finding(1, "+ Chưa công khai TTHC đúng quy định (Tiêu chí 3.1.2)", ["3.1.2"],
                           deadline="6 tháng cuối năm", deadline_kind=DeadlineKind.HALF_YEAR,
                           due_date="2023-12-31", progress="Đã hoàn thành 100%",
                           status=Status.COMPLETED, status_evidence="Đã hoàn thành")],
        audit=[])


RECORDS = {"/kho/2023-q2/bc-stp-q1.pdf": record_stp, "/kho/2023-q2/camxuyen.docx": record_camxuyen,
           "/kho/2023-q2/syt_q2.txt": record_syt}


# -- fixtures ------------------------------------------------------------------------------

@pytest.fixture
def pg_url() -> Iterator[str]:
    with pg.fresh_schema(pg.base_url()) as url:
        yield url


@pytest.fixture(params=["duckdb", "postgresql"])
def target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "duckdb":
        return str(tmp_path / "kho" / "cchc.duckdb")
    url: str = request.getfixturevalue("pg_url")
    return url


@pytest.fixture
def wh(target: str) -> Iterator[Warehouse]:
    with connect(target) as warehouse:
        warehouse.ensure_schema()
        yield warehouse


def load_all(warehouse: Warehouse) -> None:
    warehouse.load_reference(UnitRegistry.load(), load_catalog())
    for path, make in RECORDS.items():
        warehouse.load(make(), source_path=path)


def snapshot(warehouse: Warehouse, *, without_times: bool = False) -> dict[str, pd.DataFrame]:
    out = {name: warehouse.read_table(name) for name in warehouse.table_names()}
    if without_times:
        for name, columns in TIMES.items():
            out[name] = out[name].drop(columns=list(columns))
    return out


def assert_same_tables(before: dict[str, pd.DataFrame], after: dict[str, pd.DataFrame]) -> None:
    assert before.keys() == after.keys()
    for name in before:
        pd.testing.assert_frame_equal(before[name], after[name], obj=name)


def report_of(warehouse: Warehouse, agency_code: str) -> str:
    """The id of the unit's only report (a unit sends one report in these tests)."""
    reports = warehouse.read_table("reports")
    (found,) = reports.loc[reports["agency_code"] == agency_code, "id"]
    return str(found)


def rows_of(warehouse: Warehouse, name: str, report_id: str) -> pd.DataFrame:
    frame = warehouse.read_table(name)
    column = "id" if name == "reports" else "report_id"
    return frame[frame[column] == report_id].reset_index(drop=True)


# -- schema --------------------------------------------------------------------------------

def test_ensure_schema_is_idempotent_and_records_its_version(target: str) -> None:
    with connect(target) as warehouse:
        assert warehouse.schema_version() is None
        warehouse.ensure_schema()
        warehouse.ensure_schema()
        assert warehouse.schema_version() == WAREHOUSE_SCHEMA_VERSION
        assert warehouse.table_names() == TABLES
        assert warehouse.counts() == {name: int(name == "schema_meta")
                                      for name in [*TABLES, "document_records"]}


def test_a_warehouse_of_another_layout_is_refused(wh: Warehouse) -> None:
    wh.execute("UPDATE schema_meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(WarehouseError, match="99"):
        wh.ensure_schema()


def test_unknown_table_names_are_refused(wh: Warehouse) -> None:
    with pytest.raises(ValueError, match="unknown warehouse table"):
        wh.read_table("documents; DROP TABLE findings")


# -- loading -------------------------------------------------------------------------------

def test_load_inserts_every_field(wh: Warehouse) -> None:
    result = wh.load(record_stp(), source_path="/kho/bc-stp-q1.pdf")
    assert result.action is LoadAction.INSERTED and result.document_id == _sha("bc-stp-q1.pdf v1")
    assert wh.has_document(result.document_id) and not wh.has_document(_sha("khác"))
    doc = wh.read_table("documents").iloc[0]
    assert (doc["file"], doc["format"], doc["pages"], doc["outcome"]) == ("bc-stp-q1.pdf", "pdf", 7,
                                                                          "loaded")
    assert (doc["agency"], doc["symbol"], doc["assessed_year"], doc["findings"]) == \
        ("Sở Tư pháp", "BC-STP", 2022, 3)
    assert pd.isna(doc["number"]) and doc["date"] is None
    report = wh.read_table("reports").iloc[0]
    assert doc["report_id"] == report["id"]
    assert (report["unit_key"], report["preferred_format"], report["renditions"],
            report["findings"], report["month"], report["year"]) == ("STP", "pdf", ["pdf"], 3, 3, 2023)
    second = wh.read_table("findings").iloc[1]
    assert second["report_id"] == report["id"] and second["position"] == 1
    assert second["criteria"] == ["3.2.1", "7.2.5"] and second["areas"] == [3, 7]  # native lists
    assert second["remedy_items"] == ["Tăng cường chỉ đạo việc thực hiện công tác này;",
                                      "Bố trí nhân lực"]
    assert str(second["due_date"]) == "2023-12-31" and second["deadline_kind"] == "recurring"
    assert second["merged"] == ["remedy", "deadline", "progress"] and second["pages"] == [2, 3]
    assert not second["overdue"]
    codes = wh.read_table("finding_criteria")
    assert list(zip(codes["position"], codes["code"], codes["area"], strict=True)) == \
        [(0, "1.1.2", 1), (1, "3.2.1", 3), (1, "7.2.5", 7), (2, "7.1.1.4", 7)]
    audit = wh.read_table("audit_entries")
    assert list(audit["code"]) == ["report_number_blank", "progress_blank"]
    assert pd.isna(audit["seq"][0]) and audit["seq"][1] == 3
    assert set(audit["document_id"]) == {result.document_id}


def test_loading_the_same_files_again_changes_no_row(wh: Warehouse) -> None:
    load_all(wh)
    before = snapshot(wh)
    results = [wh.load(make(), source_path=path) for path, make in RECORDS.items()]
    wh.load_reference(UnitRegistry.load(), load_catalog())
    assert {r.action for r in results} == {LoadAction.UNCHANGED}
    assert_same_tables(before, snapshot(wh))


def test_the_same_file_under_another_path_is_one_report(wh: Warehouse) -> None:
    wh.load(record_syt(), source_path="/kho/a/syt_q2.txt")
    result = wh.load(record_syt(), source_path="/kho/b/syt_q2.txt")
    assert result.action is LoadAction.UNCHANGED
    documents = wh.read_table("documents")
    assert list(zip(documents["source_path"], documents["outcome"], strict=True)) == \
        [("/kho/a/syt_q2.txt", "loaded"), ("/kho/b/syt_q2.txt", "duplicate")]
    assert documents["report_id"].nunique() == 1  # both files name the one report
    assert wh.counts()["reports"] == 1 and wh.counts()["findings"] == len(record_syt().findings)


def test_a_changed_file_at_the_same_path_replaces_its_rows(wh: Warehouse) -> None:
    load_all(wh)
    camxuyen = report_of(wh, "CAMXUYEN")
    others = {name: rows_of(wh, name, camxuyen)
              for name in ("reports", "findings", "finding_criteria", "audit_entries")}
    old_id, new = record_stp("v1").source.sha256, record_stp("v2")
    old_report = report_of(wh, "STP")
    result = wh.load(new, source_path="/kho/2023-q2/bc-stp-q1.pdf")
    assert result.action is LoadAction.REPLACED and result.replaced == (old_id,)
    # documents keeps both files; the old one says it was replaced
    documents = wh.read_table("documents").set_index("id")
    assert documents.loc[old_id, "outcome"] == "replaced"
    assert documents.loc[new.source.sha256, "outcome"] == "loaded"
    assert wh.counts()["documents"] == 4
    # the report is the corrected one: its blank number and date make content its identity,
    # so the old content's report is gone with its rows
    new_report = report_of(wh, "STP")
    assert new_report != old_report and wh.counts()["reports"] == 3
    for name in ("findings", "finding_criteria", "audit_entries"):
        assert rows_of(wh, name, old_report).empty, name
    for name, frame in others.items():
        pd.testing.assert_frame_equal(rows_of(wh, name, camxuyen), frame)
    assert list(rows_of(wh, "findings", new_report)["status"]) == ["completed"]


@pytest.mark.parametrize("case", ["new document", "replacement"])
def test_a_load_that_fails_half_way_leaves_the_warehouse_as_before(
        wh: Warehouse, case: str, monkeypatch: pytest.MonkeyPatch) -> None:
    load_all(wh)
    record = record_stp("v2") if case == "replacement" else dataclasses.replace(
        record_syt(), source=Source("moi.txt", _sha("mới"), "txt", 1),
        report=dataclasses.replace(record_syt().report, number=46))
    before = snapshot(wh)
    inserted: list[str] = []
    insert = Warehouse.insert_rows

    def insert_then_fail(self: Warehouse, t: Table, rows: list[tuple[object, ...]]) -> None:
        if t.name == "finding_criteria":
            raise RuntimeError("mất kết nối giữa chừng")
        insert(self, t, rows)
        inserted.append(t.name)

    monkeypatch.setattr(Warehouse, "insert_rows", insert_then_fail)
    with pytest.raises(RuntimeError, match="giữa chừng"):
        wh.load(record, source_path="/kho/2023-q2/bc-stp-q1.pdf" if case == "replacement"
                else "/kho/2023-q2/moi.txt")
    # the failure really was mid-load: the file and its report were written before it
    assert inserted == ["documents", "document_records", "reports", "findings"]
    assert_same_tables(before, snapshot(wh))
    monkeypatch.undo()
    assert wh.load(record, source_path="/kho/x.txt").action is LoadAction.INSERTED


def test_a_row_the_database_refuses_rolls_back_and_says_which_file(wh: Warehouse) -> None:
    load_all(wh)
    before = snapshot(wh)
    bad = dataclasses.replace(record_stp("v2"),  # a NOT NULL column left empty upstream
                              source=Source("hong.pdf", _sha("hỏng"), "pdf", 1),
                              audit=[AuditEntry(Severity.WARNING, "progress_blank", "progress", 1,
                                                None)])  # type: ignore[arg-type]
    with pytest.raises(WarehouseError, match="hong.pdf"):
        wh.load(bad, source_path="/kho/2023-q2/bc-stp-q1.pdf")
    assert_same_tables(before, snapshot(wh))


def test_a_record_without_a_real_sha256_is_refused(wh: Warehouse) -> None:
    bad = dataclasses.replace(record_syt(), source=Source("syt.txt", "", "txt", 1))
    with pytest.raises(WarehouseError, match="SHA-256"):
        wh.load(bad, source_path="/kho/syt.txt")
    assert wh.counts()["documents"] == 0


def test_reference_data_is_upserted(wh: Warehouse) -> None:
    registry, catalog = UnitRegistry.load(), load_catalog()
    wh.load_reference(registry, catalog)
    wh.load_reference(registry, catalog)
    units, areas = wh.read_table("units"), wh.read_table("areas")
    assert len(units) == len(registry.units)
    assert len(areas) == sum(len(entry.areas) for entry in catalog.indexes)
    stp = units[units["code"] == "STP"].iloc[0]
    assert stp["name"] == "Sở Tư pháp" and stp["province"] == "Hà Tĩnh" and stp["symbols"] == ["STP"]
    # a name the catalog marks unverified is never shown as a name
    for entry in catalog.indexes:
        for number, info in entry.areas.items():
            row = areas[areas["id"] == warehouse_rows.area_id(entry.index_kind, entry.year_from,
                                                               entry.year_to, number)].iloc[0]
            unverified = (info.note or "").lstrip().upper().startswith("UNVERIFIED")
            assert pd.isna(row["name"]) if unverified else row["name"] == info.name
    statuses = wh.read_table("statuses")
    assert dict(zip(statuses["status"], statuses["label"], strict=True)) == dict(STATUS_LABELS)
    renamed = UnitRegistry([dataclasses.replace(u, name="Sở Tư pháp tỉnh Hà Tĩnh")
                            if u.code == "STP" else u for u in registry.units],
                           province=registry.province)
    wh.load_reference(renamed, catalog)
    units = wh.read_table("units")
    assert len(units) == len(registry.units)
    assert units[units["code"] == "STP"].iloc[0]["name"] == "Sở Tư pháp tỉnh Hà Tĩnh"


def test_both_engines_hold_the_same_rows(tmp_path: Path, pg_url: str) -> None:
    tables = {}
    for target in (str(tmp_path / "cchc.duckdb"), pg_url):
        with connect(target) as warehouse:
            warehouse.ensure_schema()
            load_all(warehouse)
            tables[warehouse.engine] = (warehouse.counts(), snapshot(warehouse, without_times=True))
    (duck_counts, duck), (pg_counts, pg_tables) = tables["duckdb"], tables["postgresql"]
    assert duck_counts == pg_counts
    records = [make() for make in RECORDS.values()]
    assert duck_counts["documents"] == duck_counts["reports"] == len(records)
    assert duck_counts["findings"] == sum(len(r.findings) for r in records)
    assert duck_counts["finding_criteria"] == sum(len(f.criteria) for r in records for f in r.findings)
    assert duck_counts["audit_entries"] == sum(len(r.audit) for r in records)
    assert_same_tables(duck, pg_tables)


# -- export --------------------------------------------------------------------------------

def test_export_writes_every_table_to_parquet_xlsx_and_csv(wh: Warehouse, tmp_path: Path) -> None:
    load_all(wh)
    counts = wh.counts()
    written = export_parquet(wh, tmp_path / "parquet")
    assert [p.name for p in written] == [f"{name}.parquet" for name in TABLES]
    for name in TABLES:
        assert len(pd.read_parquet(tmp_path / "parquet" / f"{name}.parquet")) == counts[name]
    schema = pq.read_schema(tmp_path / "parquet" / "documents.parquet")
    assert str(schema.field("date").type) == "date32[day]"
    assert str(schema.field("read_at").type) == "timestamp[us]"
    findings = pq.read_schema(tmp_path / "parquet" / "findings.parquet")
    for column, item in (("criteria", "string"), ("areas", "int64")):  # lists, not JSON text
        kind = findings.field(column).type
        assert pa.types.is_list(kind) and str(kind.value_type) == item, column
    frame = pd.read_parquet(tmp_path / "parquet" / "findings.parquet")
    assert ["3.2.1", "7.2.5"] in [list(v) for v in frame["criteria"]]

    book_path = export_xlsx(wh, tmp_path / "xuat" / "kho.xlsx")
    book = openpyxl.load_workbook(book_path)
    assert book.sheetnames == TABLES
    for name in TABLES:
        assert book[name].max_row == counts[name] + 1, name
    sheet = [list(row) for row in book["findings"].iter_rows(values_only=True)]
    columns = {name: [row[sheet[0].index(name)] for row in sheet[1:]] for name in sheet[0]}
    assert "'=HYPERLINK(\"http://x\",\"bấm vào\")" in columns["note"]
    assert "'+ Chưa công khai TTHC đúng quy định (Tiêu chí 3.1.2)" in columns["shortcoming"]
    assert "3.2.1; 7.2.5" in columns["criteria"]
    assert all(c.data_type != "f" for row in book["findings"].iter_rows() for c in row)
    assert book["findings"].auto_filter.ref  # a filter on the header
    paths = [c.value for c in book["documents"]["B"][1:]]  # source_path: the file name only
    assert sorted(paths) == sorted(Path(p).name for p in RECORDS)
    assert not [f for f in tmp_path.rglob(".*.tmp")]  # no temp file left behind

    export_csv(wh, tmp_path / "csv")
    for name in TABLES:
        data = (tmp_path / "csv" / f"{name}.csv").read_bytes()
        assert data.startswith("\ufeff".encode()) and data.count("\ufeff".encode()) == 1
        assert len(pd.read_csv(tmp_path / "csv" / f"{name}.csv", encoding="utf-8-sig")) == counts[name]


def test_an_empty_table_exports_with_typed_columns(wh: Warehouse, tmp_path: Path) -> None:
    export_parquet(wh, tmp_path)
    schema = pq.read_schema(tmp_path / "findings.parquet")
    assert str(schema.field("overdue").type) == "bool" and str(schema.field("seq").type) == "int64"


def run_export(argv: list[str]) -> int:
    """``cchc export …`` as the command line runs it."""
    return main(["export", *argv])


def test_export_command(target: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with connect(target) as warehouse:
        warehouse.ensure_schema()
        load_all(warehouse)
    args = ["--db", target, "--parquet", str(tmp_path / "pq"), "--xlsx", str(tmp_path / "kho.xlsx"),
            "--csv", str(tmp_path / "csv")]
    assert run_export(args) == 0
    assert sorted(p.stem for p in (tmp_path / "pq").iterdir()) == sorted(TABLES)
    assert sorted(p.stem for p in (tmp_path / "csv").iterdir()) == sorted(TABLES)
    assert (tmp_path / "kho.xlsx").is_file()
    assert "cchc:cchc@" not in capsys.readouterr().err  # no password in messages


def test_export_command_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_export(["--db", str(tmp_path / "khong_co.duckdb"),
                       "--xlsx", str(tmp_path / "a.xlsx")]) == 1
    assert "khong_co.duckdb" in capsys.readouterr().err
    assert not (tmp_path / "khong_co.duckdb").exists()
    assert run_export(["--db", str(tmp_path / "x.duckdb")]) == 2
    with connect(tmp_path / "trong.duckdb"):
        pass  # a DuckDB file that is not a cchc warehouse
    assert run_export(["--db", str(tmp_path / "trong.duckdb"),
                       "--parquet", str(tmp_path / "pq")]) == 1
    assert "load reports first" in capsys.readouterr().err


# -- rows without a database -----------------------------------------------------------------

def test_area_ids_are_stable_for_open_year_ranges() -> None:
    assert warehouse_rows.area_id("province", None, 2021, 3) == "province:-2021:3"
    assert warehouse_rows.area_id("district", 2022, None, 9) == "district:2022-:9"


def test_redact_hides_the_password() -> None:
    assert redact("postgresql://cchc:bi-mat@db:5432/kho") == "postgresql://cchc:***@db:5432/kho"
    assert redact("cchc.duckdb") == "cchc.duckdb"


def test_a_group_load_does_what_loading_one_by_one_does(wh: Warehouse, tmp_path: Path) -> None:
    """load_many (one transaction for a batch's group) against load, on a second warehouse:
    a new file, a changed file at a known path, a file already loaded, and the same content
    twice in one group."""
    load_all(wh)
    group = [(record_stp("v2"), "/kho/2023-q2/bc-stp-q1.pdf"),  # replaces v1 at that path
             (record_syt(), "/kho/other/syt.docx"),  # already loaded under another path
             (record_stp("v3"), "/kho/2023-q3/bc-stp.pdf"),  # new bytes, v2's content
             (record_stp("v3"), "/kho/2023-q3/copy.pdf")]  # same bytes again in the group
    # the files' modification times decide which rendition is newer (as a batch passes them)
    times = {path: dt.datetime(2023, 7, 1 + i) for i, (_, path) in enumerate(group)}
    results = wh.load_many(group, modified_at=times)
    assert [r.action for r in results] == [LoadAction.REPLACED, LoadAction.UNCHANGED,
                                           LoadAction.INSERTED, LoadAction.UNCHANGED]
    one_by_one = connect(tmp_path / "one.duckdb")
    with one_by_one:
        one_by_one.ensure_schema()
        load_all(one_by_one)
        for record, path in group:
            one_by_one.load(record, source_path=path, modified_at=times[path])
        expected = snapshot(one_by_one, without_times=True)
    assert_same_tables(snapshot(wh, without_times=True), expected)
    # v2 and v3 carry one content with a blank number: one report of two renditions
    assert wh.counts()["reports"] == 3
    stp = wh.read_table("reports").set_index("agency_code").loc["STP"]
    assert stp["preferred_document_id"] == record_stp("v3").source.sha256  # the newer file


def test_the_preferred_rendition_does_not_depend_on_the_load_order(tmp_path: Path) -> None:
    """Two Word files of one report changed within the same second (copies): the content
    hash decides between them, never which one was read first."""
    a = record_camxuyen()
    b = dataclasses.replace(a, source=dataclasses.replace(a.source, sha256=_sha("camxuyen 2")))
    same_second = dt.datetime(2023, 6, 16, 8, 0, 0)
    chosen = []
    for name, order in (("ab", [(a, "/kho/a.docx"), (b, "/kho/b.docx")]),
                        ("ba", [(b, "/kho/b.docx"), (a, "/kho/a.docx")])):
        with connect(tmp_path / f"{name}.duckdb") as warehouse:
            warehouse.ensure_schema()
            for record, path in order:
                warehouse.load(record, source_path=path, modified_at=same_second)
            chosen.append(warehouse.read_table("reports")["preferred_document_id"].tolist())
    assert chosen[0] == chosen[1] == [max(_sha("camxuyen"), _sha("camxuyen 2"))]
