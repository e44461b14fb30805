"""Records → flat rows (one finding per row, report fields repeated) for CSV and JSON Lines.

CSV is for people who open it in Excel: UTF-8 with a BOM, lists joined with ``"; "``, and
every text cell that Excel would take for a formula (``=``, ``+``, ``-``, ``@``, tab, CR)
prefixed with an apostrophe, which Excel shows as plain text.

In a CSV the same is done wherever Excel may *start* a cell or a row inside our text: on a
computer whose list separator is ``;`` (the Vietnamese regional format, with its decimal
comma) Excel splits our comma-separated lines at every ``;`` and, outside what it sees as
quotes, at line breaks, so ``"Đúng hạn;=HYPERLINK(…)"`` would otherwise become a live
formula in a cell of its own.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable
from typing import Any

from cchc.record import FINDING_COLUMNS, REPORT_COLUMNS, ReportRecord

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")  # + full-width
_CSV_CELL_BREAK = re.compile("([;\r\n][ \t]*)(?=[=+\\-@\uff1d\uff0b\uff0d\uff20])")


def finding_rows(record: ReportRecord) -> list[dict[str, Any]]:
    """One dict per finding with the report's fields in front (lists kept as lists)."""
    return record.finding_rows()


def defuse(value: str) -> str:
    """Keep a spreadsheet from running a cell as a formula; the text itself is kept.

    Leading spaces are looked through (some importers trim them).  A bullet keeps its dash:
    >>> defuse("=1+1")
    "'=1+1"
    >>> defuse("- Tăng cường")
    "'- Tăng cường"
    >>> defuse(" @SUM(A1)")
    "' @SUM(A1)"
    """
    return "'" + value if value.lstrip(" ").startswith(_FORMULA_START) else value


def defuse_csv(value: str) -> str:
    """:func:`defuse`, and the same after every ``;`` and line break inside the value.

    >>> print(defuse_csv("xong;=cmd|'/C calc'!A0"))
    xong;'=cmd|'/C calc'!A0
    >>> print(defuse_csv("- Rà soát;\\n- Công khai"))
    '- Rà soát;
    '- Công khai
    """
    return defuse(_CSV_CELL_BREAK.sub(r"\1'", value))


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return defuse_csv("; ".join(str(v) for v in value))
    return defuse_csv(value) if isinstance(value, str) else str(value)


def csv_header() -> str:
    """The BOM and the header line: written once at the top of a CSV, however many reports follow."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(REPORT_COLUMNS + FINDING_COLUMNS)
    return "\ufeff" + buffer.getvalue()


def csv_rows(record: ReportRecord) -> str:
    """One report's CSV lines (one per finding), without the header: appended under :func:`csv_header`."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in record.finding_rows():
        writer.writerow([_csv_value(row[c]) for c in REPORT_COLUMNS + FINDING_COLUMNS])
    return buffer.getvalue()


def records_to_csv(records: Iterable[ReportRecord]) -> str:
    """CSV text with a BOM and one header; one line per finding."""
    return csv_header() + "".join(csv_rows(r) for r in records)


def records_to_jsonl(records: Iterable[ReportRecord]) -> str:
    """JSON Lines: one finding per line, report fields repeated."""
    lines = [json.dumps(row, ensure_ascii=False) for r in records for row in finding_rows(r)]
    return "".join(line + "\n" for line in lines)


def record_to_json(record: ReportRecord, *, compact: bool = False) -> str:
    """The report's JSON document (pretty, or on one line), UTF-8 text (not escaped)."""
    return json.dumps(record.to_dict(), ensure_ascii=False, indent=None if compact else 2) + "\n"
