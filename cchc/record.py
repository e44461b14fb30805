"""The record: one JSON document per report (the contract with the data team).

Field names are English snake_case; texts stay as written, cleaned.  The JSON Schema in
``schema/report.schema.json`` is generated from these types (``cchc schema``) and checked
in the tests against every sample's output.  Bump :data:`SCHEMA_VERSION` when a field
changes meaning.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import Enum
from typing import Any

SCHEMA_VERSION = 1


class Status(str, Enum):
    COMPLETED = "completed"
    IN_PROGRESS = "in_progress"
    NOT_STARTED = "not_started"
    UNKNOWN = "unknown"


class DeadlineKind(str, Enum):
    DATE = "date"
    MONTH = "month"
    QUARTER = "quarter"
    HALF_YEAR = "half_year"
    YEAR = "year"
    YEAR_RANGE = "year_range"
    RECURRING = "recurring"
    UNPARSED = "unparsed"


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Source:
    file: str
    sha256: str
    format: str
    pages: int | None


@dataclass(frozen=True)
class ReportMeta:
    agency: str | None = None
    agency_code: str | None = None
    symbol: str | None = None
    number: int | None = None
    date: str | None = None  # ISO date, only when day, month and year are all written
    month: int | None = None
    year: int | None = None
    assessed_year: int | None = None
    title: str | None = None


@dataclass(frozen=True)
class Finding:
    seq: int | None
    section: str | None
    shortcoming: str | None
    criteria: list[str]
    areas: list[int]
    remedy: str | None
    remedy_items: list[str]
    owner: str | None
    deadline: str | None
    deadline_kind: DeadlineKind | None
    due_date: str | None
    progress: str | None
    status: Status
    status_evidence: str | None
    overdue: bool
    note: str | None
    pages: list[int]
    merged: list[str]


@dataclass(frozen=True)
class AuditEntry:
    severity: Severity
    code: str
    field: str
    seq: int | None
    message: str  # Vietnamese, for the unit's officer


@dataclass(frozen=True)
class ReportRecord:
    source: Source
    report: ReportMeta
    findings: list[Finding]
    audit: list[AuditEntry]
    schema_version: int = field(default=SCHEMA_VERSION)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict with ``schema_version`` first, enums as their values."""
        raw = asdict(self)
        ordered = {"schema_version": raw.pop("schema_version"), **raw}
        plain: dict[str, Any] = _plain(ordered)
        return plain


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value
