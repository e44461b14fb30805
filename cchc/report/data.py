"""What the HTML report shows, computed from the warehouse tables (no HTML, no charts here).

Why a separate step: the numbers analysts act on — which units lag, which criteria lose
points, what is missing — must be testable without a browser or a plotting library, and the
same on DuckDB and PostgreSQL.  So the warehouse is read only through ``Warehouse.rows``
(whole tables as plain Python rows, same on both engines) and everything else is plain
Python over small lists: a province sends a few dozen reports a quarter.  No pandas: a
DataFrame would only carry the rows from SQL to these loops.

Choices the page states in its own text:

* **One report per unit.**  The warehouse keeps every report a unit sent (a report sent as
  Word, PDF and text is one report); counting all of them would count a shortcoming once
  per quarter.  The summary uses each unit's *latest*
  report (report year and month, then date, then when its file was received, then name) — the current
  state.  Other reports still appear in the list of reports, marked as superseded.
* **Status over time** is the latest state *as of* each report period: at each month, every
  unit counts with its newest report up to that month.  Units report in different months,
  so counting only the reports of one month would compare different units.
* **A unit** is its registry code; a report whose agency is not in the registry is its own
  unit (named as written, or by its file when no agency was found).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from cchc.normalize.catalog import AreaCatalog, AreaInfo, Catalog, load_catalog
from cchc.report.checklist import SEVERITY_ORDER
from cchc.text.vietnamese import fold
from cchc.warehouse.loading import index_kind_of
from cchc.warehouse.store import Warehouse

STATUSES: tuple[str, ...] = ("completed", "in_progress", "not_started", "unknown")
TABLE_NAMES: tuple[str, ...] = ("reports", "documents", "findings", "finding_criteria",
                                "audit_entries", "units", "areas")
#: What the page says where the catalog has no verified name for an area.
NO_AREA_NAME = "chưa có tên"


Row = Mapping[str, Any]


def _opt_int(value: Any) -> int | None:
    return int(value) if value is not None else None


def _opt_str(value: Any) -> str | None:
    return str(value) if value is not None else None


def _opt_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else None


# -- the warehouse rows, typed -------------------------------------------------------------

@dataclass(frozen=True)
class DocumentInfo:
    """One report (however many files it came in), with the unit it belongs to; ``file`` is
    its preferred rendition and ``renditions`` the formats it was received in."""

    id: str
    file: str
    unit_key: str
    unit_name: str
    unit_kind: str | None
    symbol: str | None
    number: int | None
    date: dt.date | None
    month: int | None
    year: int | None
    assessed_year: int | None
    loaded_at: dt.datetime | None
    renditions: tuple[str, ...] = ()

    @property
    def period(self) -> tuple[int, int] | None:
        """``(year, month)`` of the report, or ``None`` when either is missing."""
        return (self.year, self.month) if self.year is not None and self.month is not None else None

    def recency(self) -> tuple[Any, ...]:
        """Sort key: later reports sort after earlier ones; unknown parts sort first."""
        return (self.year or 0, self.month or 0, self.date or dt.date.min,
                self.loaded_at or dt.datetime.min, self.file)


@dataclass(frozen=True)
class FindingInfo:
    document_id: str
    position: int
    seq: int | None
    shortcoming: str | None
    deadline: str | None
    due_date: dt.date | None
    status: str
    overdue: bool
    codes: tuple[str, ...] = ()


@dataclass(frozen=True)
class AuditInfo:
    document_id: str
    position: int
    severity: str
    code: str
    field: str
    seq: int | None
    message: str


# -- what the page shows -------------------------------------------------------------------

@dataclass(frozen=True)
class StatusCounts:
    """Findings by status; ``overdue`` overlaps the others (an overdue finding is also open)."""

    completed: int = 0
    in_progress: int = 0
    not_started: int = 0
    unknown: int = 0
    overdue: int = 0

    @classmethod
    def of(cls, findings: Iterable[FindingInfo]) -> StatusCounts:
        items = list(findings)
        by = {s: sum(1 for f in items if f.status == s) for s in STATUSES}
        return cls(**by, overdue=sum(1 for f in items if f.overdue))

    def __add__(self, other: StatusCounts) -> StatusCounts:
        return StatusCounts(self.completed + other.completed, self.in_progress + other.in_progress,
                            self.not_started + other.not_started, self.unknown + other.unknown,
                            self.overdue + other.overdue)

    @property
    def total(self) -> int:
        return self.completed + self.in_progress + self.not_started + self.unknown

    def get(self, status: str) -> int:
        value: int = getattr(self, status)
        return value

    @property
    def share_completed(self) -> float | None:
        """Completed / total, ``None`` for a unit with no finding."""
        return self.completed / self.total if self.total else None


@dataclass(frozen=True)
class UnitSummary:
    """One unit's latest report: status counts and the codes lost per area."""

    key: str
    name: str
    document: DocumentInfo
    counts: StatusCounts
    codes_by_area: Mapping[int, tuple[str, ...]]
    applicable_areas: frozenset[int] | None  # None: the catalog has no index for this unit


@dataclass(frozen=True)
class AreaSummary:
    number: int
    name: str
    units_lost: int  # units with at least one code of this area
    codes: int  # distinct codes of this area lost by any unit


@dataclass(frozen=True)
class CriterionSummary:
    code: str
    area: int | None
    area_name: str | None
    units: tuple[str, ...]


@dataclass(frozen=True)
class PeriodSummary:
    """The state as of one report period (each unit's newest report up to that month)."""

    year: int
    month: int
    reporting: int  # units whose report is of this very period
    units: int  # units counted (reported in this period or before)
    counts: StatusCounts


@dataclass(frozen=True)
class LaggingFinding:
    unit_name: str
    file: str
    seq: int | None
    shortcoming: str | None
    codes: tuple[str, ...]
    deadline: str | None
    status: str
    overdue: bool


@dataclass(frozen=True)
class AuditLine:
    seq: int | None
    severity: str
    code: str
    field: str
    message: str


@dataclass(frozen=True)
class UnitAudit:
    """One unit's latest report (``file``) and its audit entries, in the record's order."""

    unit_name: str
    file: str
    lines: tuple[AuditLine, ...]

    def count(self, severity: str) -> int:
        return sum(1 for line in self.lines if line.severity == severity)


@dataclass(frozen=True)
class DocumentLine:
    """One loaded report in the list of reports; ``used`` = it is its unit's latest."""

    document: DocumentInfo
    findings: int
    severities: Mapping[str, int]
    used: bool


@dataclass(frozen=True)
class FailedFile:
    """A file that gave no report, for the table of files to fix; ``unit_name`` is guessed
    from the file's name and folder (a unit code or name in them), else ``None``."""

    unit_name: str | None
    path: str
    file: str
    outcome: str
    error_code: str | None
    message: str | None


@dataclass(frozen=True)
class ReportData:
    documents: tuple[DocumentLine, ...] = ()
    failed: tuple[FailedFile, ...] = ()
    findings_total: int = 0
    units: tuple[UnitSummary, ...] = ()
    areas: tuple[AreaSummary, ...] = ()
    criteria: tuple[CriterionSummary, ...] = ()
    periods: tuple[PeriodSummary, ...] = ()
    undated: int = 0  # latest reports without a report month/year (not on the time line)
    lagging: tuple[LaggingFinding, ...] = ()
    audits: tuple[UnitAudit, ...] = ()
    missing_codes: int = 0  # findings of the latest reports without any criterion code

    @property
    def is_empty(self) -> bool:
        return not self.documents and not self.failed

    def heat(self) -> list[list[int | None]]:
        """Units × areas: codes lost; ``None`` where the area is not in the unit's index."""
        return [[_heat_cell(u, a.number) for a in self.areas] for u in self.units]


def _heat_cell(unit: UnitSummary, area: int) -> int | None:
    lost = len(unit.codes_by_area.get(area, ()))
    if lost or unit.applicable_areas is None or area in unit.applicable_areas:
        return lost
    return None


# -- reading -------------------------------------------------------------------------------

def read_tables(warehouse: Warehouse) -> dict[str, list[dict[str, Any]]]:
    """Every table the report needs, through ``Warehouse.rows`` only (same on both engines)."""
    return {name: warehouse.rows(name) for name in TABLE_NAMES}


def catalog_from_table(rows: Sequence[Row]) -> Catalog | None:
    """The catalog the warehouse was loaded with (its ``criteria`` table), ``None`` when empty.

    Why not always the packaged file: a province loads its own catalog with the batch, and
    the page should name areas the way that catalog does.
    """
    grouped: dict[tuple[str, int | None, int | None], dict[int, AreaInfo]] = defaultdict(dict)
    for row in rows:
        key = (str(row["index_kind"]), _opt_int(row["year_from"]), _opt_int(row["year_to"]))
        area = int(row["area"])
        grouped[key][area] = AreaInfo(area, str(row["name"] or ""), bool(row["name_inferred"]), "")
    if not grouped:
        return None
    return Catalog(tuple(AreaCatalog(kind, start, end, "", MappingProxyType(areas))
                         for (kind, start, end), areas in grouped.items()))


def _unit_names(units: Sequence[Row]) -> dict[str, tuple[str, str | None]]:
    """Registry code → (name, kind)."""
    return {str(r["code"]): (str(r["name"]), str(r["kind"])) for r in units}


def documents_of(rows: Sequence[Row], registry: Mapping[str, tuple[str, str | None]],
                 files: Mapping[str, str] | None = None) -> list[DocumentInfo]:
    """The ``reports`` rows with each one's unit resolved (see the module docstring);
    ``files`` names each preferred rendition (document id → file name)."""
    docs = []
    for r in rows:
        code, agency = _opt_str(r["agency_code"]), _opt_str(r["agency"])
        file = (files or {}).get(str(r["preferred_document_id"]), str(r["preferred_document_id"]))
        kind: str | None = None
        if code is not None:
            name, kind = registry.get(code, (agency or code, None))
            key = f"code:{code}"
        elif agency is not None:
            name, key = agency, f"name:{fold(agency)}"
        else:
            name, key = f"Không rõ đơn vị ({file})", f"doc:{r['id']}"
        loaded = r["received_at"]
        docs.append(DocumentInfo(renditions=tuple(r["renditions"] or ()),
            id=str(r["id"]), file=file, unit_key=key, unit_name=name, unit_kind=kind,
            symbol=_opt_str(r["symbol"]), number=_opt_int(r["number"]), date=_opt_date(r["date"]),
            month=_opt_int(r["month"]), year=_opt_int(r["year"]),
            assessed_year=_opt_int(r["assessed_year"]),
            loaded_at=loaded if isinstance(loaded, dt.datetime) else None))
    return docs


def findings_of(findings: Sequence[Row], criteria: Sequence[Row]) -> list[FindingInfo]:
    """The ``findings`` rows with their codes from ``finding_criteria`` (in code order)."""
    codes: dict[tuple[str, int], list[str]] = defaultdict(list)
    for r in criteria:  # Warehouse.rows sorts by (report, position, ordinal)
        codes[(str(r["report_id"]), int(r["position"]))].append(str(r["code"]))
    return [FindingInfo(
        document_id=str(r["report_id"]), position=int(r["position"]), seq=_opt_int(r["seq"]),
        shortcoming=_opt_str(r["shortcoming"]), deadline=_opt_str(r["deadline"]),
        due_date=_opt_date(r["due_date"]), status=str(r["status"]), overdue=bool(r["overdue"]),
        codes=tuple(codes.get((str(r["report_id"]), int(r["position"])), ())))
        for r in findings]


def audits_of(rows: Sequence[Row]) -> list[AuditInfo]:
    return [AuditInfo(str(r["report_id"]), int(r["position"]), str(r["severity"]),
                      str(r["code"]), str(r["field"]), _opt_int(r["seq"]), str(r["message"]))
            for r in rows]


# -- aggregation ---------------------------------------------------------------------------

def latest_per_unit(docs: Iterable[DocumentInfo]) -> dict[str, DocumentInfo]:
    """Each unit's newest report (by :meth:`DocumentInfo.recency`)."""
    latest: dict[str, DocumentInfo] = {}
    for doc in docs:
        current = latest.get(doc.unit_key)
        if current is None or doc.recency() > current.recency():
            latest[doc.unit_key] = doc
    return latest


def area_of_code(code: str) -> int | None:
    head = code.split(".", 1)[0]
    return int(head) if head.isdigit() else None


class _AreaNamer:
    """Area numbers → names from the catalog, per unit kind and assessed year."""

    def __init__(self, catalog: Catalog) -> None:
        self._catalog = catalog

    def index(self, doc: DocumentInfo) -> AreaCatalog | None:
        return self._catalog.index_for(index_kind_of(doc.unit_kind), doc.assessed_year)

    def applicable(self, doc: DocumentInfo) -> frozenset[int] | None:
        entry = self.index(doc)
        return frozenset(entry.areas) if entry is not None else None

    def names(self, docs: Sequence[DocumentInfo], areas: Iterable[int]) -> dict[int, str]:
        """One name per area: the one most of the units' indexes use (the first on a tie)."""
        votes: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for doc in docs:
            entry = self.index(doc)
            for number, info in (entry.areas.items() if entry is not None else ()):
                votes[number][info.name] += 1
        fallback = self._catalog.index_for("department", None)
        out = {}
        for number in areas:
            if votes.get(number):
                out[number] = max(votes[number].items(), key=lambda kv: kv[1])[0] or NO_AREA_NAME
            elif fallback is not None and number in fallback.areas:
                out[number] = fallback.areas[number].name or NO_AREA_NAME
            else:
                out[number] = f"Lĩnh vực {number} (không có trong danh mục)"
        return out


def _codes_by_area(findings: Iterable[FindingInfo]) -> dict[int, tuple[str, ...]]:
    by_area: dict[int, list[str]] = defaultdict(list)
    for f in findings:
        for code in f.codes:
            area = area_of_code(code)
            if area is not None and code not in by_area[area]:
                by_area[area].append(code)
    return {a: tuple(c) for a, c in sorted(by_area.items())}


def _lag_key(unit: UnitSummary) -> tuple[Any, ...]:
    """Most lagging first: lowest completed share, then most overdue, then by name."""
    share = unit.counts.share_completed
    return (share if share is not None else 2.0, -unit.counts.overdue, fold(unit.name), unit.name)


def unit_summaries(latest: Mapping[str, DocumentInfo], findings_by_doc: Mapping[str, list[FindingInfo]],
                   namer: _AreaNamer) -> list[UnitSummary]:
    units = [UnitSummary(key, doc.unit_name, doc, StatusCounts.of(findings_by_doc.get(doc.id, [])),
                         MappingProxyType(_codes_by_area(findings_by_doc.get(doc.id, []))),
                         namer.applicable(doc))
             for key, doc in latest.items()]
    return sorted(units, key=_lag_key)


def area_summaries(units: Sequence[UnitSummary], namer: _AreaNamer) -> list[AreaSummary]:
    """Every area of the units' indexes, plus any area a code names that no index has."""
    numbers: set[int] = set()
    for u in units:
        numbers |= set(u.applicable_areas or ()) | set(u.codes_by_area)
    names = namer.names([u.document for u in units], sorted(numbers))
    return [AreaSummary(n, names[n], sum(1 for u in units if u.codes_by_area.get(n)),
                        len({c for u in units for c in u.codes_by_area.get(n, ())}))
            for n in sorted(numbers)]


def _code_key(code: str) -> tuple[int, ...]:
    return tuple(int(p) if p.isdigit() else 0 for p in code.split("."))


def criterion_summaries(units: Sequence[UnitSummary],
                        area_names: Mapping[int, str]) -> list[CriterionSummary]:
    """Codes by the number of units that lost points on them (most first), then code order."""
    holders: dict[str, list[str]] = defaultdict(list)
    for u in units:
        for codes in u.codes_by_area.values():
            for code in codes:
                holders[code].append(u.name)
    rows = [CriterionSummary(code, area_of_code(code), area_names.get(area_of_code(code) or -1),
                             tuple(sorted(names, key=fold)))
            for code, names in holders.items()]
    return sorted(rows, key=lambda c: (-len(c.units), _code_key(c.code)))


def period_summaries(docs: Sequence[DocumentInfo],
                     findings_by_doc: Mapping[str, list[FindingInfo]]) -> list[PeriodSummary]:
    """The state as of each report period (see the module docstring)."""
    dated = [d for d in docs if d.period is not None]
    out = []
    for period in sorted({d.period for d in dated if d.period is not None}):
        upto = latest_per_unit(d for d in dated if d.period is not None and d.period <= period)
        counts = StatusCounts()
        for doc in upto.values():
            counts = counts + StatusCounts.of(findings_by_doc.get(doc.id, []))
        reporting = len({d.unit_key for d in dated if d.period == period})
        out.append(PeriodSummary(period[0], period[1], reporting, len(upto), counts))
    return out


def lagging_findings(units: Sequence[UnitSummary],
                     findings_by_doc: Mapping[str, list[FindingInfo]]) -> list[LaggingFinding]:
    """Overdue or not-started findings of the latest reports, in the units' order."""
    return [LaggingFinding(u.name, u.document.file, f.seq, f.shortcoming, f.codes, f.deadline,
                           f.status, f.overdue)
            for u in units for f in findings_by_doc.get(u.document.id, [])
            if f.overdue or f.status == "not_started"]


def unit_audits(units: Sequence[UnitSummary],
                audits_by_doc: Mapping[str, list[AuditInfo]]) -> list[UnitAudit]:
    """The latest reports' audit entries per unit; units with the most errors first."""
    groups = [UnitAudit(u.name, u.document.file,
                        tuple(AuditLine(a.seq, a.severity, a.code, a.field, a.message)
                              for a in audits_by_doc.get(u.document.id, [])))
              for u in units]
    return sorted(groups, key=lambda g: (-g.count("error"), -g.count("warning"),
                                         fold(g.unit_name), g.unit_name))


def document_lines(docs: Sequence[DocumentInfo], used: set[str],
                   findings_by_doc: Mapping[str, list[FindingInfo]],
                   audits_by_doc: Mapping[str, list[AuditInfo]]) -> list[DocumentLine]:
    lines = [DocumentLine(d, len(findings_by_doc.get(d.id, [])),
                          MappingProxyType({s: sum(1 for a in audits_by_doc.get(d.id, [])
                                                   if a.severity == s) for s in SEVERITY_ORDER}),
                          d.id in used)
             for d in docs]
    newest_first = sorted(lines, key=lambda line: line.document.recency(), reverse=True)
    return sorted(newest_first, key=lambda line: (fold(line.document.unit_name),
                                                  line.document.unit_name))


def _unit_guess(path: str, units: Sequence[Row]) -> str | None:
    """The unit a failed file probably belongs to: a registry code among the words of its
    name or folder (``stp_2023_q1.pdf`` → Sở Tư pháp), else a unit name in them, folded."""
    parts = [fold(p) for p in path.replace("\\", "/").split("/")[-2:]]
    words = {w for p in parts for w in p.replace("-", "_").replace(".", "_").replace(" ", "_").split("_")}
    for r in units:
        if str(r["code"]).lower() in words:
            return str(r["name"])
    text = " ".join(parts).replace("_", " ")
    for r in units:
        if fold(str(r["name"])) in text:
            return str(r["name"])
    return None


def failed_files(documents: Sequence[Row], units: Sequence[Row]) -> list[FailedFile]:
    """The files that gave no report (failed, or skipped for want of a tool), by unit."""
    out = [FailedFile(_unit_guess(str(r["source_path"]), units), str(r["source_path"]),
                      str(r["file"]), str(r["outcome"]), _opt_str(r["error_code"]),
                      _opt_str(r["error_message"]))
           for r in documents if r["outcome"] in ("failed", "skipped")]
    return sorted(out, key=lambda f: (f.unit_name is None, fold(f.unit_name or ""), f.file))


def _group(items: Iterable[Any], attr: str) -> dict[str, list[Any]]:
    grouped: dict[str, list[Any]] = defaultdict(list)
    for item in items:
        grouped[getattr(item, attr)].append(item)
    return grouped


def build_report_data(tables: Mapping[str, Sequence[Row]], catalog: Catalog | None = None) -> ReportData:
    """Everything the page shows, from the warehouse tables (see :func:`read_tables`).

    ``catalog`` names the areas; by default the warehouse's own ``criteria`` table, else the
    packaged catalog (a warehouse loaded without reference data).
    """
    registry = _unit_names(tables["units"])
    files = {str(r["id"]): str(r["file"]) for r in tables.get("documents", ())}
    docs = documents_of(tables["reports"], registry, files)
    failed = tuple(failed_files(tables.get("documents", ()), tables["units"]))
    if not docs:
        return ReportData(failed=failed)
    catalog = catalog or catalog_from_table(tables["areas"]) or load_catalog()
    namer = _AreaNamer(catalog)
    findings = findings_of(tables["findings"], tables["finding_criteria"])
    findings_by_doc = _group(findings, "document_id")
    audits_by_doc = _group(sorted(audits_of(tables["audit_entries"]), key=lambda a: a.position),
                           "document_id")
    latest = latest_per_unit(docs)
    units = unit_summaries(latest, findings_by_doc, namer)
    areas = area_summaries(units, namer)
    return ReportData(
        documents=tuple(document_lines(docs, {d.id for d in latest.values()}, findings_by_doc,
                                       audits_by_doc)),
        failed=failed,
        findings_total=len(findings),
        units=tuple(units),
        areas=tuple(areas),
        criteria=tuple(criterion_summaries(units, {a.number: a.name for a in areas})),
        periods=tuple(period_summaries(docs, findings_by_doc)),
        undated=sum(1 for d in latest.values() if d.period is None),
        lagging=tuple(lagging_findings(units, findings_by_doc)),
        audits=tuple(unit_audits(units, audits_by_doc)),
        missing_codes=sum(1 for u in units for f in findings_by_doc.get(u.document.id, [])
                          if not f.codes),
    )


def report_data(warehouse: Warehouse) -> ReportData:
    """Read the warehouse and compute the page's content."""
    return build_report_data(read_tables(warehouse))
