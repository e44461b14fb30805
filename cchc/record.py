"""The record: one JSON document per report (the contract with the data team).

Field names are English snake_case; texts stay as written, cleaned.  The JSON Schema in
``schema/report.schema.json`` is generated from these types (``cchc schema``) and checked
in the tests against every sample's output.  Bump :data:`SCHEMA_VERSION` when a field
changes meaning.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import Enum
from typing import Annotated, Any

SCHEMA_VERSION = 1


@dataclass(frozen=True)
class JsonFormat:
    """A JSON Schema ``format`` for a text field.

    pydantic, which :mod:`cchc.output.schema` uses, calls the hook below on annotations;
    the record itself does not import pydantic.
    """

    name: str

    def __get_pydantic_json_schema__(self, core_schema: Any, handler: Any) -> Any:
        schema = handler(core_schema)
        schema["format"] = self.name
        return schema


#: ISO 8601 calendar date text, ``YYYY-MM-DD``.
IsoDate = Annotated[str, JsonFormat("date")]
#: The schema generator reads each type's attribute docstrings as field descriptions (a
#: plain dict is a pydantic ``ConfigDict``; the record itself does not import pydantic).
_SCHEMA_CONFIG = {"use_attribute_docstrings": True}


class Status(str, Enum):
    """Where the remedy of a shortcoming stands, from the progress text or the mark columns."""

    COMPLETED = "completed"
    IN_PROGRESS = "in_progress"
    NOT_STARTED = "not_started"
    UNKNOWN = "unknown"


class DeadlineKind(str, Enum):
    """What kind of deadline the cell wrote (a date, a month, a quarter, …, recurring)."""

    DATE = "date"
    MONTH = "month"
    QUARTER = "quarter"
    HALF_YEAR = "half_year"
    YEAR = "year"
    YEAR_RANGE = "year_range"
    RECURRING = "recurring"
    UNPARSED = "unparsed"


class Severity(str, Enum):
    """How much an audit entry matters: an error makes the report unusable until fixed."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Source:
    """The submitted file the record was read from."""

    __pydantic_config__ = _SCHEMA_CONFIG

    file: str
    """The file name, without its folder."""
    sha256: str
    """SHA-256 of the file's bytes, hex: the report's identity in the warehouse."""
    format: str
    """``docx``, ``pdf`` or ``txt``, sniffed from the bytes (not the name)."""
    pages: int | None
    """Page count (PDF; Word when its properties say; text exports), else null."""


@dataclass(frozen=True)
class ReportMeta:
    """Who issued the report and when, from its header block and the appendix caption."""

    __pydantic_config__ = _SCHEMA_CONFIG

    agency: str | None = None
    """The issuing unit in normal Vietnamese casing (``Sở Tư pháp``)."""
    agency_code: str | None = None
    """The unit's code in the units registry (``STP``); null when the registry has no such unit."""
    symbol: str | None = None
    """The document symbol after the slash (``BC-STP``)."""
    number: int | None = None
    """The number before the slash; null when left blank."""
    date: IsoDate | None = None
    """The report date, only when day, month and year are all written."""
    month: int | None = None
    """The report month, whenever written (also when the day is blank)."""
    year: int | None = None
    """The report year, whenever written."""
    assessed_year: int | None = None
    """The year of the PAR-index assessment the appendix answers (not the report's year)."""
    title: str | None = None
    """The appendix title as written, lines joined."""


@dataclass(frozen=True)
class OcrReading:
    """How sure OCR was of a finding read from a scanned page (absent for a text layer)."""

    __pydantic_config__ = _SCHEMA_CONFIG

    confidence: float
    """Mean word confidence of the finding's cells, 0–100 (Tesseract's)."""
    low_fields: list[str]
    """Fields whose mean word confidence is below the threshold: the cells to check on the scan."""


@dataclass(frozen=True)
class Finding:
    """One shortcoming of the appendix (a numbered row), with its remedy, deadline and progress."""

    __pydantic_config__ = _SCHEMA_CONFIG

    seq: int | None
    """The number of the TT cell; null when it is not a number."""
    section: str | None
    """The group row above the finding (a reform area or a part of the table), as printed."""
    shortcoming: str | None
    """The shortcoming (tồn tại, hạn chế), cleaned text."""
    criteria: list[str]
    """Criterion codes that lost points, canonical and dotted (``3.2.1``), in order, no repeats."""
    areas: list[int]
    """The reform areas of the codes (their first number), in order, no repeats."""
    remedy: str | None
    """The remedy (giải pháp khắc phục); list items joined with a line break."""
    remedy_items: list[str]
    """The remedy's items; one item when it is not a list, none when blank."""
    owner: str | None
    """The unit in charge (đơn vị chủ trì)."""
    deadline: str | None
    """The deadline cell as written."""
    deadline_kind: DeadlineKind | None
    """What the deadline wrote; null when blank."""
    due_date: IsoDate | None
    """The last day that satisfies the deadline; null when it names none."""
    progress: str | None
    """The progress reported (tiến độ thực hiện)."""
    status: Status
    """Where the remedy stands."""
    status_evidence: str | None
    """The words (or the mark) that decided the status, as written; null for unknown."""
    overdue: bool
    """The due date is before the report date and the status is not completed."""
    note: str | None
    """The note column (ghi chú)."""
    pages: list[int]
    """The pages the finding's text came from, ascending; empty for Word."""
    merged: list[str]
    """Fields whose value comes from a cell merged vertically with other rows."""
    ocr: OcrReading | None = None
    """Present only when the finding was read by OCR from a scan: its confidence."""


@dataclass(frozen=True)
class AuditEntry:
    """One thing missing or inconsistent in the report, for the unit's officer to fix."""

    __pydantic_config__ = _SCHEMA_CONFIG

    severity: Severity
    """How much it matters."""
    code: str
    """A stable code per kind of gap (docs/record-format.md lists them)."""
    field: str
    """The record field concerned (``deadline``, ``report.number``, …)."""
    seq: int | None
    """The finding's seq; null for the report as a whole."""
    message: str
    """What is wrong, in Vietnamese, for the unit's officer."""


@dataclass(frozen=True)
class ReportRecord:
    """One report's record: the contract with the data team (one JSON document per report)."""

    __pydantic_config__ = _SCHEMA_CONFIG

    source: Source
    """The submitted file."""
    report: ReportMeta
    """Who issued the report and when."""
    findings: list[Finding]
    """The appendix's shortcomings, in table order."""
    audit: list[AuditEntry]
    """What is missing or inconsistent, report-level entries first."""
    schema_version: int = field(default=SCHEMA_VERSION)
    """Version of this format; it changes when a field changes meaning."""

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict with ``schema_version`` first, enums as their values.

        Dates stay ISO text (``"2023-06-20"``), as in the JSON document.
        """
        raw = asdict(self)
        for finding in raw["findings"]:
            if finding.get("ocr") is None:
                finding.pop("ocr", None)  # additive: a text-layer record is as before
        ordered = {"schema_version": raw.pop("schema_version"), **raw}
        plain: dict[str, Any] = _plain(ordered)
        return plain

    def finding_rows(self) -> list[dict[str, Any]]:
        """One flat dict per finding, the report's fields in front (:data:`REPORT_COLUMNS`,
        then :data:`FINDING_COLUMNS`; lists kept as lists): the rows of the CSV and JSON Lines
        outputs and of :meth:`findings_frame`, so that rows of many reports stack."""
        data = self.to_dict()
        source, report = data["source"], data["report"]
        head = {"file": source["file"], "sha256": source["sha256"], "format": source["format"],
                **{k: report[k] for k in REPORT_COLUMNS[3:]}}
        return [{**head, **{k: f[k] for k in FINDING_COLUMNS}} for f in data["findings"]]

    def findings_frame(self) -> Any:
        """The findings as a pandas DataFrame, one row per finding (:meth:`finding_rows`).

        Columns are :data:`REPORT_COLUMNS` + :data:`FINDING_COLUMNS`; ``date`` and
        ``due_date`` are datetimes (``NaT`` when blank), whole numbers that may be blank are
        pandas' nullable ``Int64``, lists stay Python lists.  pandas is imported here only,
        so reading a report never loads it.  Frames of several reports concatenate:
        ``pandas.concat([r.findings_frame() for r in reports], ignore_index=True)``.
        """
        import pandas as pd

        frame = pd.DataFrame(self.finding_rows(), columns=[*REPORT_COLUMNS, *FINDING_COLUMNS])
        for column in ("date", "due_date"):
            frame[column] = pd.to_datetime(frame[column], format="%Y-%m-%d")
        for column in ("number", "month", "year", "assessed_year", "seq"):
            frame[column] = frame[column].astype("Int64")
        frame["overdue"] = frame["overdue"].astype(bool)
        return frame


#: The public name of the record type: what ``cchc.read`` returns.
Report = ReportRecord
#: The report's columns in a flat row (CSV, JSON Lines, :meth:`ReportRecord.findings_frame`).
REPORT_COLUMNS = ("file", "sha256", "format", "agency", "agency_code", "symbol", "number", "date",
                  "month", "year", "assessed_year")
#: The finding's columns after them.
FINDING_COLUMNS = ("seq", "section", "shortcoming", "criteria", "areas", "remedy", "owner",
                   "deadline", "deadline_kind", "due_date", "progress", "status", "status_evidence",
                   "overdue", "note", "pages", "merged")


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value
