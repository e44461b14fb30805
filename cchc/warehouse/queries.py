"""The analysts' two questions about shortcoming threads, in SQL both engines run.

* :func:`latest_status` — the latest status of every shortcoming of every unit;
* :func:`changes_since_previous` — what changed between each unit's last two reports.

Both read the link tables of :mod:`cchc.warehouse.threads` joined to ``findings`` and
``documents``, with only portable SQL (CTEs, ``FULL OUTER JOIN``, ``CASE``, aggregate
subqueries), and return frames with the same dtypes and row order on DuckDB and PostgreSQL:
dtypes come from the declared column types and rows are sorted in Python, as
:meth:`Warehouse.read_table` does.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from cchc.warehouse.store import Warehouse
from cchc.warehouse.threads import LINK_TABLES

_DTYPES = {"text": "string", "int": "Int64", "bool": "boolean", "date": "object", "list": "object"}

_LATEST_COLUMNS = (
    ("unit_key", "text"), ("assessed_year", "int"), ("shortcoming_id", "text"),
    ("seq", "int"), ("shortcoming", "text"), ("criteria", "list"), ("status", "text"),
    ("progress", "text"), ("due_date", "date"), ("overdue", "bool"),
    ("times_reported", "int"), ("first_report_order", "int"), ("last_report_order", "int"),
    ("in_latest_report", "bool"), ("report_id", "text"), ("symbol", "text"),
    ("number", "int"), ("report_year", "int"), ("report_month", "int"),
)
_LATEST_SQL = """
SELECT r.unit_key, r.assessed_year, l.shortcoming_id, f.seq, f.shortcoming, f.criteria,
       f.status, f.progress, f.due_date, f.overdue, h.times_reported, h.first_order,
       l.report_order, l.report_order = g.last_order, l.report_id, d.symbol, d.number, d.year,
       d.month
FROM finding_links l
JOIN (SELECT shortcoming_id, COUNT(DISTINCT report_id) AS times_reported,
             MIN(report_order) AS first_order,
             MAX(report_order) AS last_seen
      FROM finding_links GROUP BY shortcoming_id) h
  ON h.shortcoming_id = l.shortcoming_id AND h.last_seen = l.report_order
JOIN (SELECT group_key, MAX(report_order) AS last_order FROM linked_reports GROUP BY group_key) g
  ON g.group_key = l.group_key
JOIN linked_reports r ON r.report_id = l.report_id
JOIN findings f ON f.report_id = l.report_id AND f.position = l.position
JOIN reports d ON d.id = l.report_id
"""

_CHANGE_COLUMNS = (
    ("unit_key", "text"), ("assessed_year", "int"), ("shortcoming_id", "text"),
    ("change", "text"), ("shortcoming", "text"),
    ("previous_status", "text"), ("current_status", "text"),
    ("previous_progress", "text"), ("current_progress", "text"),
    ("previous_seq", "int"), ("current_seq", "int"),
    ("previous_report_id", "text"), ("current_report_id", "text"),
)
_SIDE = """
  SELECT l.group_key, l.shortcoming_id, l.report_id, r.unit_key, r.assessed_year,
         f.seq, f.shortcoming, f.status, f.progress
  FROM finding_links l
  JOIN last_reports g ON g.group_key = l.group_key AND l.report_order = g.last_order{offset}
  JOIN linked_reports r ON r.report_id = l.report_id
  JOIN findings f ON f.report_id = l.report_id AND f.position = l.position
"""
_CHANGES_SQL = f"""
WITH last_reports AS (
  SELECT group_key, MAX(report_order) AS last_order FROM linked_reports GROUP BY group_key
),
cur AS ({_SIDE.format(offset="")}),
prev AS ({_SIDE.format(offset=" - 1")})
SELECT COALESCE(cur.unit_key, prev.unit_key),
       COALESCE(cur.assessed_year, prev.assessed_year),
       COALESCE(cur.shortcoming_id, prev.shortcoming_id),
       CASE WHEN prev.shortcoming_id IS NULL THEN 'new'
            WHEN cur.shortcoming_id IS NULL THEN 'dropped'
            WHEN cur.status <> prev.status THEN 'status_changed'
            WHEN COALESCE(cur.progress, '') <> COALESCE(prev.progress, '') THEN 'progress_changed'
            ELSE 'unchanged' END,
       COALESCE(cur.shortcoming, prev.shortcoming),
       prev.status, cur.status, prev.progress, cur.progress, prev.seq, cur.seq,
       prev.report_id, cur.report_id
FROM cur FULL OUTER JOIN prev ON prev.shortcoming_id = cur.shortcoming_id
"""


def _frame(rows: Sequence[tuple[Any, ...]], columns: Sequence[tuple[str, str]],
           order: Sequence[str]) -> pd.DataFrame:
    """Rows → a frame typed by ``columns`` and sorted by ``order`` (NULLs last)."""
    frame = pd.DataFrame.from_records(list(rows), columns=[name for name, _ in columns])
    for name, kind in columns:
        frame[name] = frame[name].astype(_DTYPES[kind])
    return frame.sort_values(list(order), na_position="last", kind="stable").reset_index(drop=True)


def latest_status(wh: Warehouse) -> pd.DataFrame:
    """The latest status of every shortcoming of every unit: one row per thread.

    The row is the thread's most recent finding.  ``in_latest_report`` is false when the
    unit's newest report no longer lists the shortcoming (fixed and left out, or forgotten);
    ``times_reported`` counts the distinct reports that listed it (a report sent as Word,
    PDF and text is one report).
    """
    rows = wh.query(_LATEST_SQL)
    return _frame(rows, _LATEST_COLUMNS, ("unit_key", "assessed_year", "last_report_order",
                                          "seq", "shortcoming_id"))


def changes_since_previous(wh: Warehouse, *, include_unchanged: bool = False) -> pd.DataFrame:
    """What changed between each unit's newest report and the one before it.

    ``change`` is ``new`` (not in the previous report; every finding of a unit's first
    report), ``dropped`` (in the previous report, not in the newest), ``status_changed``,
    ``progress_changed`` (same status, other progress text) or ``unchanged`` (left out
    unless ``include_unchanged``).
    """
    frame = _frame(wh.query(_CHANGES_SQL), _CHANGE_COLUMNS,
                   ("unit_key", "assessed_year", "current_seq", "previous_seq", "shortcoming_id"))
    if not include_unchanged:
        frame = frame[frame["change"] != "unchanged"].reset_index(drop=True)
    return frame


def read_link_table(wh: Warehouse, name: str) -> pd.DataFrame:
    """A whole link table, typed and sorted by its primary key (like ``read_table``)."""
    t = next((t for t in LINK_TABLES if t.name == name), None)
    if t is None:
        raise ValueError(f"unknown link table {name!r}")
    rows = wh.query(f"SELECT {', '.join(t.column_names)} FROM {t.name}")
    kinds = {"TEXT": "text", "INTEGER": "int"}
    return _frame(rows, [(c.name, kinds[c.type]) for c in t.columns], t.primary_key)
