"""Shortcoming threads in the warehouse: two tables kept beside the loaded documents.

``linked_reports`` puts each document in its unit-and-year group (``group_key``
``"STP/2022"``) with its place in time (``report_order``, 1 = earliest); ``finding_links``
gives every finding its thread (``shortcoming_id``) and the finding it continues.  The rule
that decides which findings are one shortcoming is :mod:`cchc.output.linking`; this module
only reads the group from the warehouse, runs the rule and writes the rows.

Why separate tables and not columns on ``findings``: links are derived data, recomputed for
a whole group when a report arrives out of order or replaces another, while a document's
own rows are written once in :meth:`Warehouse.load`'s transaction.  They are declared with
the warehouse's tables (``warehouse_schema``), so ``ensure_schema`` creates them and
``cchc export`` writes them.

Call :func:`ensure_link_schema` once, then either :func:`update_links` after each load
(one report at a time) or :func:`relink_stale` after a batch of loads, as ``cchc batch``
does: it relinks every group with a document not linked yet or links of a document gone,
so a run killed between its loads and its links is repaired by the next one.  The two
portable SQL queries that answer the analysts' questions are in
:mod:`cchc.output.shortcomings`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from cchc.output.linking import FindingRef, GroupDocument, Link, extend_threads, link_group, report_sort_key
from cchc.output.warehouse import LoadAction, LoadResult, Warehouse, _Engine
from cchc.output.warehouse_schema import FINDING_LINKS, LINKED_REPORTS, Table, create_table_sql
from cchc.record import ReportRecord

Row = tuple[Any, ...]

LINK_TABLES = (LINKED_REPORTS, FINDING_LINKS)


@dataclass(frozen=True)
class Group:
    """One unit and assessed year; a document without either is a group of its own."""

    agency_code: str | None
    assessed_year: int | None
    document_id: str

    @property
    def linkable(self) -> bool:
        return self.agency_code is not None and self.assessed_year is not None

    @property
    def key(self) -> str:
        """Example: ``"STP/2022"``; ``"document/<sha256>"`` when the unit or year is unknown."""
        return f"{self.agency_code}/{self.assessed_year}" if self.linkable else f"document/{self.document_id}"


def _engine(wh: Warehouse) -> _Engine:
    """The warehouse's SQL engine.  ``Warehouse`` keeps raw SQL private on purpose; this
    sibling module in ``output/`` is its one other user, so the two engines stay in one place."""
    return wh._engine


def ensure_link_schema(wh: Warehouse) -> None:
    """Create the two link tables when missing (idempotent)."""
    engine = _engine(wh)
    with engine.transaction():
        for t in LINK_TABLES:
            engine.execute(create_table_sql(t))


def _insert(engine: _Engine, t: Table, rows: Sequence[Row]) -> None:
    engine.insert_many(t.name, t.column_names, rows)


# -- reading a group ------------------------------------------------------------------------

def _group_filter(engine: _Engine, group: Group) -> tuple[str, tuple[Any, ...]]:
    m = engine.marker
    if group.linkable:
        return f"d.agency_code = {m} AND d.assessed_year = {m}", (group.agency_code, group.assessed_year)
    return f"d.id = {m}", (group.document_id,)


def _criteria(text: str | None) -> tuple[str, ...]:
    return tuple(json.loads(text)) if text else ()


def read_group(wh: Warehouse, group: Group) -> list[GroupDocument]:
    """Every document of the group with its findings, as the linking rule needs them."""
    engine = _engine(wh)
    where, params = _group_filter(engine, group)
    rows = engine.query(
        "SELECT d.id, d.year, d.month, d.date, f.position, f.shortcoming, f.criteria"
        f" FROM documents d LEFT JOIN findings f ON f.document_id = d.id WHERE {where}", params)
    keys: dict[str, tuple[object, ...]] = {}
    findings: dict[str, list[FindingRef]] = {}
    for doc_id, year, month, date, position, shortcoming, criteria in rows:
        keys[doc_id] = report_sort_key(year, month, date, doc_id)
        found = findings.setdefault(doc_id, [])
        if position is not None:
            found.append(FindingRef(doc_id, int(position), shortcoming, _criteria(criteria)))
    return [GroupDocument(d, keys[d], tuple(sorted(findings[d], key=lambda f: f.position)))
            for d in keys]


def _heads(wh: Warehouse, group: Group) -> dict[str, FindingRef]:
    """The latest finding of every thread of the group, from the links already stored."""
    engine = _engine(wh)
    m = engine.marker
    rows = engine.query(
        "SELECT l.shortcoming_id, f.document_id, f.position, f.shortcoming, f.criteria"
        " FROM finding_links l"
        " JOIN (SELECT shortcoming_id, MAX(report_order) AS last_order FROM finding_links"
        f"       WHERE group_key = {m} GROUP BY shortcoming_id) h"
        "   ON h.shortcoming_id = l.shortcoming_id AND h.last_order = l.report_order"
        " JOIN findings f ON f.document_id = l.document_id AND f.position = l.position"
        f" WHERE l.group_key = {m}", (group.key, group.key))
    return {str(r[0]): FindingRef(str(r[1]), int(r[2]), r[3], _criteria(r[4])) for r in rows}


# -- writing --------------------------------------------------------------------------------

def _link_rows(group: Group, links: Sequence[Link]) -> list[Row]:
    return [(k.document_id, k.position, group.key, k.shortcoming_id, k.report_order,
             k.previous_document_id, k.previous_position, k.similarity_pct) for k in links]


def _report_rows(group: Group, orders: Sequence[tuple[str, int]]) -> list[Row]:
    return [(doc_id, group.key, group.agency_code, group.assessed_year, order)
            for doc_id, order in orders]


def relink_group(wh: Warehouse, group: Group) -> None:
    """Recompute every link of one group from its documents (one transaction)."""
    orders, links = link_group(read_group(wh, group))
    engine = _engine(wh)
    m = engine.marker
    with engine.transaction():
        for t in LINK_TABLES:
            engine.execute(f"DELETE FROM {t.name} WHERE group_key = {m}", (group.key,))
        _insert(engine, LINKED_REPORTS, _report_rows(group, orders))
        _insert(engine, FINDING_LINKS, _link_rows(group, links))


def _append(wh: Warehouse, group: Group, document: GroupDocument, order: int) -> None:
    """Link a report that comes after every report of its group: only its own rows change."""
    links = extend_threads(_heads(wh, group), document, order)
    engine = _engine(wh)
    with engine.transaction():
        _insert(engine, LINKED_REPORTS, _report_rows(group, [(document.document_id, order)]))
        _insert(engine, FINDING_LINKS, _link_rows(group, links))


def _linked_orders(wh: Warehouse, group: Group) -> dict[str, int]:
    engine = _engine(wh)
    rows = engine.query(f"SELECT document_id, report_order FROM linked_reports WHERE group_key = "
                        f"{engine.marker}", (group.key,))
    return {str(r[0]): int(r[1]) for r in rows}


def _groups_of(wh: Warehouse, document_ids: Sequence[str]) -> set[str]:
    engine = _engine(wh)
    keys: set[str] = set()
    for doc_id in document_ids:
        rows = engine.query(f"SELECT group_key FROM linked_reports WHERE document_id = "
                            f"{engine.marker}", (doc_id,))
        keys.update(str(r[0]) for r in rows)
    return keys


def group_of(record: ReportRecord) -> Group:
    return Group(record.report.agency_code, record.report.assessed_year, record.source.sha256)


def _sort_keys(wh: Warehouse, group: Group) -> dict[str, tuple[object, ...]]:
    """The time order key of every document of the group (no findings read)."""
    engine = _engine(wh)
    where, params = _group_filter(engine, group)
    rows = engine.query(f"SELECT d.id, d.year, d.month, d.date FROM documents d WHERE {where}", params)
    return {str(r[0]): report_sort_key(r[1], r[2], r[3], str(r[0])) for r in rows}


def _record_document(record: ReportRecord, sort_key: tuple[object, ...]) -> GroupDocument:
    doc_id = record.source.sha256
    return GroupDocument(doc_id, sort_key, tuple(
        FindingRef(doc_id, position, f.shortcoming, tuple(f.criteria))
        for position, f in enumerate(record.findings)))


def update_links(wh: Warehouse, record: ReportRecord, result: LoadResult) -> None:
    """Bring the links up to date after ``result = wh.load(record, …)``.

    The common case — the newest report of its unit, nothing replaced — reads only the
    threads' heads and adds the new report's rows; anything else recomputes the groups it
    touched.
    """
    if result.action is LoadAction.UNCHANGED:
        return
    group = group_of(record)
    for key in sorted(_groups_of(wh, result.replaced) - {group.key}):
        relink_group(wh, _group_from_key(wh, key))
    keys = _sort_keys(wh, group)
    new_key = keys.pop(result.document_id)
    orders = _linked_orders(wh, group)
    latest = all(k < new_key for k in keys.values())
    if latest and not result.replaced and set(orders) == set(keys):
        _append(wh, group, _record_document(record, new_key), max(orders.values(), default=0) + 1)
    else:
        relink_group(wh, group)


def _group_from_key(wh: Warehouse, key: str) -> Group:
    """A group named by its key, from a row of ``linked_reports``."""
    engine = _engine(wh)
    rows = engine.query("SELECT agency_code, assessed_year, document_id FROM linked_reports"
                        f" WHERE group_key = {engine.marker}", (key,))
    if not rows:
        return Group(None, None, key.removeprefix("document/"))
    agency, year, doc_id = rows[0]
    return Group(agency, None if year is None else int(year), str(doc_id))


def relink_stale(wh: Warehouse) -> int:
    """Relink every group with a document not linked yet, or links of a document now gone.

    Returns how many groups were relinked.  Cheap when nothing is stale (two anti-joins).
    """
    engine = _engine(wh)
    missing = engine.query(
        "SELECT d.id, d.agency_code, d.assessed_year FROM documents d"
        " LEFT JOIN linked_reports r ON r.document_id = d.id WHERE r.document_id IS NULL")
    gone = engine.query(
        "SELECT DISTINCT r.group_key FROM linked_reports r"
        " LEFT JOIN documents d ON d.id = r.document_id WHERE d.id IS NULL")
    groups = {g.key: g for g in (Group(r[1], None if r[2] is None else int(r[2]), str(r[0]))
                                 for r in missing)}
    for (key,) in gone:
        groups.setdefault(str(key), _group_from_key(wh, str(key)))
    for key in sorted(groups):
        relink_group(wh, groups[key])
    return len(groups)
