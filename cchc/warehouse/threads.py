"""Shortcoming threads across reports: which findings of successive reports are one shortcoming.

A unit reports the same shortcoming every quarter until it is fixed, usually with the text
copied and lightly edited, the progress rewritten and sometimes the codes reformatted.  The
first half of this module is the rule, without a database (:func:`link_group`); the second
half keeps its answer in two warehouse tables beside the loaded documents.

``linked_reports`` puts each document in its unit-and-year group (``group_key``
``"STP/2022"``) with its place in time (``report_order``, 1 = earliest); ``finding_links``
gives every finding its thread (``shortcoming_id``) and the finding it continues.  Why
tables of their own and not columns on ``findings``: links are derived data, recomputed for
a whole group when a report arrives out of order or replaces another, while a document's
own rows are written once in :meth:`Warehouse.load`'s transaction.  They are declared with
the warehouse's tables (:mod:`cchc.warehouse.tables`), so ``ensure_schema`` creates them and
``cchc export`` writes them.  After a batch of loads, :func:`relink_stale` relinks every
group with a document not linked yet or links of a document gone, so a run killed between
its loads and its links is repaired by the next one.  The analysts' questions about the
threads are :mod:`cchc.warehouse.queries`.

The rule, for the reports of one unit (``agency_code``) about one assessed year, taken in
report order (year, month, date, then content hash):

* a *thread* is one shortcoming; its *head* is its most recent finding;
* a finding of the next report may continue a thread when their criterion codes overlap
  (or one of them has no code), and the token Jaccard similarity of their folded
  shortcoming texts is at least :data:`SIMILARITY_THRESHOLD`;
* pairs are taken best-first, each thread and each finding at most once per report
  (so two similar findings of one report never merge into one thread);
* a finding that continues nothing starts a new thread, named after itself
  (``"<document_id>:<position>"``).

Heads are matched, not only the previous report's findings, so a shortcoming left out of one
quarter's report and written again in the next one stays one thread.

Why token Jaccard on folded text and 0.6: over the bundled samples (6 reports, 1,301 pairs
of *different* shortcomings of one report) the highest Jaccard is 0.50, and 0.37 among pairs
whose codes overlap — the pairs the code gate lets through; difflib's character ratio reaches
0.72 on the same negatives (shared function words), so it separates worse.  A shortcoming
copied with a few words changed or a clause added keeps a Jaccard of 0.7 or more (20 tokens,
3 changed: 17/23 = 0.74).  0.6 sits between the two with a margin of 0.1 on each side.

Limitations: a shortcoming rewritten from scratch starts a new thread; two reports of the
same period (a Word and a PDF copy of one report) are chained like successive ones.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import regex

from cchc.text.vietnamese import fold
from cchc.warehouse.store import Row, Warehouse
from cchc.warehouse.tables import FINDING_LINKS, LINKED_REPORTS

LINK_TABLES = (LINKED_REPORTS, FINDING_LINKS)

SIMILARITY_THRESHOLD = 0.6
_WORD = regex.compile(r"\w+")


@dataclass(frozen=True)
class FindingRef:
    """What linking needs of one finding: where it is, its text and its codes."""

    document_id: str
    position: int
    shortcoming: str | None
    criteria: tuple[str, ...]

    @property
    def key(self) -> str:
        """The finding's own id, also the id of a thread it starts."""
        return f"{self.document_id}:{self.position}"


@dataclass(frozen=True)
class GroupDocument:
    """One report of a unit and year; ``sort_key`` orders the reports in time."""

    document_id: str
    sort_key: tuple[object, ...]
    findings: tuple[FindingRef, ...]


@dataclass(frozen=True)
class Link:
    """One finding's place in a thread; ``previous_*`` is NULL on a thread's first finding."""

    document_id: str
    position: int
    shortcoming_id: str
    report_order: int
    previous_document_id: str | None
    previous_position: int | None
    similarity_pct: int | None


def report_sort_key(year: int | None, month: int | None, date: dt.date | None,
                    document_id: str) -> tuple[object, ...]:
    """Order of reports in time: the report's own period; the content hash breaks ties.

    Why not the load time: the links must not depend on the order the files were loaded
    in (parallel workers finish in any order, engines are loaded at different times), so
    two copies of one period's report (Word and PDF) are ordered by their hash.  Reports
    without a year sort after the dated ones.
    Example: ``(2023, 3, None, "ab…")`` < ``(2023, 6, None, "00…")``.
    """
    return (year is None, year or 0, month or 0, date or dt.date.min, document_id)


def tokens(text: str | None) -> frozenset[str]:
    """The folded words of a text.

    >>> sorted(tokens("Chưa công khai TTHC"))
    ['chua', 'cong', 'khai', 'tthc']
    """
    return frozenset(_WORD.findall(fold(text or "")))


def similarity(a: str | None, b: str | None) -> float:
    """Token Jaccard of two shortcoming texts (0 when both are empty)."""
    ta, tb = tokens(a), tokens(b)
    union = ta | tb
    return len(ta & tb) / len(union) if union else 0.0


def codes_compatible(a: Sequence[str], b: Sequence[str]) -> bool:
    """Codes overlap, or one side has none (the text alone decides then)."""
    return not a or not b or bool(set(a) & set(b))


def _candidates(heads: Mapping[str, FindingRef], findings: Sequence[FindingRef],
                threshold: float) -> list[tuple[float, str, FindingRef]]:
    """Every (similarity, thread, finding) pair that may be linked, best first, ties stable."""
    pairs = []
    for thread_id, head in heads.items():
        for finding in findings:
            if not codes_compatible(head.criteria, finding.criteria):
                continue
            score = similarity(head.shortcoming, finding.shortcoming)
            if score >= threshold:
                pairs.append((score, thread_id, finding))
    pairs.sort(key=lambda p: (-p[0], p[2].position, p[1]))
    return pairs


def extend_threads(heads: Mapping[str, FindingRef], document: GroupDocument, report_order: int,
                   threshold: float = SIMILARITY_THRESHOLD) -> list[Link]:
    """Links of one new report, given the heads of the threads of the reports before it."""
    chosen: dict[int, tuple[str, float]] = {}
    used_threads: set[str] = set()
    for score, thread_id, finding in _candidates(heads, document.findings, threshold):
        if finding.position in chosen or thread_id in used_threads:
            continue
        chosen[finding.position] = (thread_id, score)
        used_threads.add(thread_id)
    links = []
    for finding in document.findings:
        if finding.position in chosen:
            thread_id, score = chosen[finding.position]
            head = heads[thread_id]
            links.append(Link(finding.document_id, finding.position, thread_id, report_order,
                              head.document_id, head.position, round(score * 100)))
        else:
            links.append(Link(finding.document_id, finding.position, finding.key, report_order,
                              None, None, None))
    return links


def advance_heads(heads: Mapping[str, FindingRef], document: GroupDocument,
                  links: Sequence[Link]) -> dict[str, FindingRef]:
    """The heads after a report: each thread it continued or started now ends in it."""
    by_position = {f.position: f for f in document.findings}
    updated = dict(heads)
    for link in links:
        updated[link.shortcoming_id] = by_position[link.position]
    return updated


def link_group(documents: Sequence[GroupDocument],
               threshold: float = SIMILARITY_THRESHOLD) -> tuple[list[tuple[str, int]], list[Link]]:
    """All links of one unit and year: ``([(document_id, report_order)], links)``.

    ``report_order`` counts from 1 in time order, over every report (also one without
    findings, so "the previous report" is really the previous one).
    """
    heads: dict[str, FindingRef] = {}
    orders, links = [], []
    for order, document in enumerate(sorted(documents, key=lambda d: d.sort_key), start=1):
        new_links = extend_threads(heads, document, order, threshold)
        heads = advance_heads(heads, document, new_links)
        orders.append((document.document_id, order))
        links.extend(new_links)
    return orders, links


# -- the two tables --------------------------------------------------------------------------

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


def _group_filter(wh: Warehouse, group: Group) -> tuple[str, tuple[Any, ...]]:
    m = wh.marker
    if group.linkable:
        return f"d.agency_code = {m} AND d.assessed_year = {m}", (group.agency_code, group.assessed_year)
    return f"d.id = {m}", (group.document_id,)


def _criteria(text: str | None) -> tuple[str, ...]:
    return tuple(json.loads(text)) if text else ()


def read_group(wh: Warehouse, group: Group) -> list[GroupDocument]:
    """Every document of the group with its findings, as the linking rule needs them."""
    where, params = _group_filter(wh, group)
    rows = wh.query(
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


def relink_group(wh: Warehouse, group: Group) -> None:
    """Recompute every link of one group from its documents (one transaction)."""
    orders, links = link_group(read_group(wh, group))
    with wh.transaction():
        for t in LINK_TABLES:
            wh.execute(f"DELETE FROM {t.name} WHERE group_key = {wh.marker}", (group.key,))
        wh.insert_rows(LINKED_REPORTS, [(doc_id, group.key, group.agency_code, group.assessed_year,
                                         order) for doc_id, order in orders])
        wh.insert_rows(FINDING_LINKS, [_link_row(group, k) for k in links])


def _link_row(group: Group, k: Link) -> Row:
    return (k.document_id, k.position, group.key, k.shortcoming_id, k.report_order,
            k.previous_document_id, k.previous_position, k.similarity_pct)


def _group_from_key(wh: Warehouse, key: str) -> Group:
    """A group named by its key, from a row of ``linked_reports``."""
    rows = wh.query("SELECT agency_code, assessed_year, document_id FROM linked_reports"
                    f" WHERE group_key = {wh.marker}", (key,))
    if not rows:
        return Group(None, None, key.removeprefix("document/"))
    agency, year, doc_id = rows[0]
    return Group(agency, None if year is None else int(year), str(doc_id))


def relink_stale(wh: Warehouse) -> int:
    """Relink every group with a document not linked yet, or links of a document now gone.

    Returns how many groups were relinked.  Cheap when nothing is stale (two anti-joins).
    """
    missing = wh.query(
        "SELECT d.id, d.agency_code, d.assessed_year FROM documents d"
        " LEFT JOIN linked_reports r ON r.document_id = d.id WHERE r.document_id IS NULL")
    gone = wh.query(
        "SELECT DISTINCT r.group_key FROM linked_reports r"
        " LEFT JOIN documents d ON d.id = r.document_id WHERE d.id IS NULL")
    groups = {g.key: g for g in (Group(r[1], None if r[2] is None else int(r[2]), str(r[0]))
                                 for r in missing)}
    for (key,) in gone:
        groups.setdefault(str(key), _group_from_key(wh, str(key)))
    for key in sorted(groups):
        relink_group(wh, groups[key])
    return len(groups)
