"""Which files are one report, and which of its files speaks for it: the rules, without a database.

A unit sends one report as Word, PDF and a text export, sometimes twice (a corrected
re-send), sometimes with the number or the date left blank.  The warehouse counts reports,
so every loaded file is mapped to a report *identity* (docs/warehouse.md states the rules):

* **identity** — the unit (its registry code, else its name folded, else the file itself:
  never merged with another unit's), the symbol, the number and the date.  A report with a
  blank number or date is matched by unit, period (year and month) and *content* (a hash of
  its findings' folded text), so two blank-numbered reports of one unit stay two;
* **preferred rendition** — Word (docx, doc), then PDF with a text layer, then the text
  export, then a scan read by OCR (:data:`FORMAT_RANK`);
* **re-send** — among the renditions of one format family, the newest file (modification
  time) whose content differs from older ones supersedes them; the older renditions of the
  other families whose content differs from the re-send are superseded too;
* **disagreement** — renditions left that disagree with the preferred one are named field by
  field (:func:`differing_fields` over :func:`fingerprint`), for the audit entry
  ``renditions_differ``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import regex

from cchc.record import ReportRecord
from cchc.text.vietnamese import fold

#: Preference among renditions of one report (lower is preferred); unknown formats come last.
FORMAT_RANK: Mapping[str, int] = {"docx": 0, "doc": 0, "pdf": 1, "txt": 2, "scan": 3, "ocr": 3}
_FAMILY = {"docx": "word", "doc": "word", "pdf": "pdf", "txt": "text", "scan": "scan", "ocr": "scan"}
_WORD = regex.compile(r"\w+")


def normalized(text: str | None) -> str:
    """Folded words joined by one space: what two readings of one cell share.

    >>> normalized("Chưa  công khai\\nTTHC;")
    'chua cong khai tthc'
    """
    return " ".join(_WORD.findall(fold(text or "")))


def _digest(text: str, length: int = 24) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]


def unit_key(agency_code: str | None, agency: str | None) -> str | None:
    """The unit a report belongs to: its registry code, else its folded name, else unknown.

    >>> unit_key("STP", "Sở Tư pháp"), unit_key(None, "Sở Tư  pháp"), unit_key(None, None)
    ('STP', 'name:so tu phap', None)
    """
    if agency_code:
        return agency_code
    name = normalized(agency)
    return f"name:{name}" if name else None


def content_key(record: ReportRecord) -> str:
    """A hash of the findings' folded shortcoming texts, in order (robust to spacing, case,
    accents and punctuation, which differ between a Word file and its PDF)."""
    return _digest("\n".join(normalized(f.shortcoming) for f in record.findings))


def identity(record: ReportRecord) -> str:
    """The report's identity text (see the module docstring).

    Example: ``"STP|BC-STP|12|2023-03-15"``; blank number: ``"STP|2023-03|content:ab12…"``;
    no unit: ``"file:<sha256>|…"``.
    """
    meta = record.report
    unit = unit_key(meta.agency_code, meta.agency) or f"file:{record.source.sha256}"
    if meta.number is not None and meta.date is not None:
        return f"{unit}|{meta.symbol or ''}|{meta.number}|{meta.date}"
    period = f"{meta.year or ''}-{meta.month or ''}"
    return f"{unit}|{period}|content:{content_key(record)}"


def report_id(identity_text: str) -> str:
    """The report's key in the warehouse: a hash of its identity (stable across runs).

    >>> report_id("STP|BC-STP|12|2023-03-15")
    '27fd03e57aaa7eb642f78219'
    """
    return _digest(identity_text)


_REPORT_FIELDS = ("agency_code", "agency", "symbol", "number", "date", "month", "year",
                  "assessed_year", "title")
_FINDING_FIELDS = ("seq", "section", "shortcoming", "criteria", "remedy", "owner", "deadline",
                   "due_date", "progress", "status", "note")


def fingerprint(record: ReportRecord) -> dict[str, str]:
    """Field → a short hash of its value(s), for comparing renditions without their records.

    Report fields are ``report.<name>``; finding fields hash the values of every finding in
    order; ``findings`` is their count.  Texts are compared :func:`normalized`.
    """
    def value(v: object) -> str:
        if isinstance(v, str):
            return normalized(v)
        if isinstance(v, list):
            return ",".join(map(str, v))
        return "" if v is None else str(getattr(v, "value", v))

    meta = record.report
    out = {f"report.{name}": _digest(value(getattr(meta, name)), 12) for name in _REPORT_FIELDS}
    out["findings"] = str(len(record.findings))
    for name in _FINDING_FIELDS:
        out[name] = _digest("\x1e".join(value(getattr(f, name)) for f in record.findings), 12)
    return out


def fingerprint_text(record: ReportRecord) -> str:
    return json.dumps(fingerprint(record), sort_keys=True)


def differing_fields(a: Mapping[str, str], b: Mapping[str, str]) -> list[str]:
    """The fields whose fingerprints differ, in the record's order.

    >>> differing_fields({"report.title": "1", "progress": "2"}, {"report.title": "1", "progress": "3"})
    ['progress']
    """
    return [k for k in a if k in b and a[k] != b[k]]


# -- which rendition speaks for the report ---------------------------------------------------

@dataclass(frozen=True)
class Rendition:
    """What the choice needs of one loaded file of a report."""

    document_id: str
    source_path: str
    format: str
    content_key: str
    modified_at: dt.datetime | None
    read_at: dt.datetime

    @property
    def key(self) -> tuple[str, str]:
        return (self.document_id, self.source_path)

    @property
    def family(self) -> str:
        return _FAMILY.get(self.format, self.format)

    @property
    def rank(self) -> int:
        return FORMAT_RANK.get(self.format, len(set(FORMAT_RANK.values())))

    def newness(self) -> tuple[dt.datetime, str, str]:
        """Newer sorts later: the file's modification time (else when it was read), then the
        content hash and path — never the time it was read when the file has a modification
        time, so the choice does not depend on the order of loading (two copies made within
        one second tie on their time and are told apart by content)."""
        return (self.modified_at or self.read_at, self.document_id, self.source_path)


@dataclass(frozen=True)
class Resolution:
    preferred: Rendition | None
    superseded: frozenset[tuple[str, str]]


def resolve(renditions: Iterable[Rendition]) -> Resolution:
    """The preferred rendition and the superseded ones (see the module docstring)."""
    items = sorted(renditions, key=lambda r: r.newness())
    superseded: set[tuple[str, str]] = set()
    resend: Rendition | None = None
    families: dict[str, list[Rendition]] = {}
    for r in items:
        families.setdefault(r.family, []).append(r)
    for members in families.values():
        newest = members[-1]
        older = [r for r in members[:-1] if r.content_key != newest.content_key]
        superseded.update(r.key for r in older)
        if older and (resend is None or newest.newness() > resend.newness()):
            resend = newest
    if resend is not None:
        superseded.update(r.key for r in items if r.newness() < resend.newness()
                          and r.content_key != resend.content_key)
    left = [r for r in items if r.key not in superseded]
    preferred = None
    if left:
        best_rank = min(r.rank for r in left)
        preferred = max((r for r in left if r.rank == best_rank), key=lambda r: r.newness())
    return Resolution(preferred, frozenset(superseded))


def disagreements(preferred: Mapping[str, str],
                  others: Sequence[tuple[Rendition, Mapping[str, str]]]) -> list[tuple[Rendition, list[str]]]:
    """Each other rendition that disagrees with the preferred one, with the fields."""
    out = []
    for rendition, fp in others:
        fields = differing_fields(preferred, fp)
        if fields:
            out.append((rendition, fields))
    return out
