"""The expected record of a drawn report, assembled from what the generator chose.

The findings come from :func:`samplegen.expected.findings_and_audit` (table order, sections
from group rows, merged cells carried down); the report part is the spec's.  Nothing here
runs cchc.  Only the fields that are scored (notes/semantics.md item 4) matter.
"""

from __future__ import annotations

from typing import Any

from samplegen.expected import findings_and_audit
from samplegen.spec import ReportSpec

REPORT_FIELDS = ("agency", "agency_code", "symbol", "number", "date", "month", "year",
                 "assessed_year", "title")
FINDING_FIELDS = ("seq", "section", "shortcoming", "criteria", "areas", "remedy", "remedy_items",
                  "owner", "deadline", "deadline_kind", "due_date", "progress", "status", "overdue",
                  "note")


def expected_record(spec: ReportSpec) -> dict[str, Any]:
    """``{"report": {...}, "findings": [...]}`` restricted to the scored fields."""
    findings, _ = findings_and_audit(spec)
    return {
        "report": {k: spec.report[k] for k in REPORT_FIELDS},
        "findings": [{k: f[k] for k in FINDING_FIELDS} for f in findings],
    }
