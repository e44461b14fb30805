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

Cost: pairs come from an index, never from all pairs (:mod:`cchc.warehouse.candidates`:
exact text first, then rare-token prefixes, then word pairs, each finding verifying at most a
fixed number of heads), so two reports of 5,000 findings link in about a second of CPU; a
group still linking after :data:`LINK_TIME_LIMIT` seconds gets exact links only, with a
warning (:func:`relink_group`), so a run never hangs on one unit.

Limitations: a shortcoming rewritten from scratch starts a new thread.  Links join
*reports* (:mod:`cchc.warehouse.identity` made the Word, PDF and text copies of one report
one report), so ``report_order`` and "times reported" count distinct reports.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import regex

from cchc.text.vietnamese import fold
from cchc.warehouse.candidates import Deadline, LinkTimeout, Text, candidates
from cchc.warehouse.store import Row, Warehouse
from cchc.warehouse.tables import FINDING_LINKS, LINKED_REPORTS

LINK_TABLES = (LINKED_REPORTS, FINDING_LINKS)

SIMILARITY_THRESHOLD = 0.6
#: Seconds linking one unit-and-year group may take before it falls back to exact links
#: (measured: 5,000 findings against 5,000 take about 2 s; a real group has a few hundred).
LINK_TIME_LIMIT = 60.0
_LOG = logging.getLogger(__name__)
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
                    document_id: str, number: int | None = None) -> tuple[object, ...]:
    """Order of reports in time: the report's own period and date, then its number; the
    report id breaks ties.

    Never the file or load order: the links must not depend on the order the files were
    loaded in (parallel workers finish in any order), and the renditions of one report are
    one report already (:mod:`cchc.warehouse.identity`).  Reports without a year sort after
    the dated ones.
    Example: ``(2023, 3, None, "ab…")`` < ``(2023, 6, None, "00…")``.
    """
    return (year is None, year or 0, month or 0, date or dt.date.min,
            number if number is not None else -1, document_id)


def tokens(text: str | None) -> frozenset[str]:
    """The folded words of a text.

    >>> sorted(tokens("Chưa công khai TTHC"))
    ['chua', 'cong', 'khai', 'tthc']
    """
    return frozenset(folded_words(text))


def similarity(a: str | None, b: str | None) -> float:
    """Token Jaccard of two shortcoming texts (0 when both are empty)."""
    ta, tb = tokens(a), tokens(b)
    union = ta | tb
    return len(ta & tb) / len(union) if union else 0.0


def codes_compatible(a: Sequence[str], b: Sequence[str]) -> bool:
    """Codes overlap, or one side has none (the text alone decides then)."""
    return not a or not b or bool(set(a) & set(b))


@functools.lru_cache(maxsize=1 << 16)
def _folded_word(word: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(fold(word)))


def folded_words(text: str | None) -> tuple[str, ...]:
    """The folded words of a text, in order: :func:`tokens` as a sequence.

    Split first, folded word by word through a cache: reports repeat their words, and
    folding character by character was a third of linking's time.

    >>> folded_words("Chưa công khai TTHC; chưa đúng hạn")
    ('chua', 'cong', 'khai', 'tthc', 'chua', 'dung', 'han')
    """
    words: list[str] = []
    for word in _WORD.findall(unicodedata.normalize("NFC", text or "")):
        words.extend(_folded_word(word))
    return tuple(words)


def text_of(finding: FindingRef) -> Text:
    """What comparing needs of a finding (computed once per finding per group)."""
    words = folded_words(finding.shortcoming)
    return Text(words, frozenset(words), frozenset(finding.criteria))


def extend_threads(heads: Mapping[str, FindingRef], document: GroupDocument, report_order: int,
                   threshold: float = SIMILARITY_THRESHOLD, *,
                   texts: dict[str, Text] | None = None, deadline: Deadline | None = None,
                   exact_only: bool = False) -> list[Link]:
    """Links of one new report, given the heads of the threads of the reports before it.

    Pairs come from :func:`cchc.warehouse.candidates.candidates` (near-linear); ``texts``
    caches each finding's folded text across the reports of a group.
    """
    if not 0 < threshold <= 1:
        raise ValueError(f"similarity threshold must be in (0, 1], not {threshold}")
    cache = texts if texts is not None else {}

    def text(f: FindingRef) -> Text:
        found = cache.get(f.key)
        if found is None:
            found = cache[f.key] = text_of(f)
        return found

    pairs = candidates({t: text(h) for t, h in heads.items()},
                       [(f.position, text(f)) for f in document.findings], threshold,
                       deadline, exact_only)
    chosen: dict[int, tuple[str, float]] = {}
    used_threads: set[str] = set()
    for score, thread_id, position in pairs:
        if position in chosen or thread_id in used_threads:
            continue
        chosen[position] = (thread_id, score)
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


def link_group(documents: Sequence[GroupDocument], threshold: float = SIMILARITY_THRESHOLD, *,
               time_limit: float | None = None,
               exact_only: bool = False) -> tuple[list[tuple[str, int]], list[Link]]:
    """All links of one unit and year: ``([(document_id, report_order)], links)``.

    ``report_order`` counts from 1 in time order, over every report (also one without
    findings, so "the previous report" is really the previous one).  ``time_limit``
    (seconds) raises :class:`LinkTimeout` when passed; ``exact_only`` links only findings
    whose folded words are the same set (linear, the fallback after a timeout).
    """
    heads: dict[str, FindingRef] = {}
    texts: dict[str, Text] = {}
    deadline = Deadline(time_limit)
    orders, links = [], []
    for order, document in enumerate(sorted(documents, key=lambda d: d.sort_key), start=1):
        new_links = extend_threads(heads, document, order, threshold, texts=texts,
                                   deadline=deadline, exact_only=exact_only)
        heads = advance_heads(heads, document, new_links)
        orders.append((document.document_id, order))
        links.extend(new_links)
    return orders, links


# -- the two tables --------------------------------------------------------------------------

@dataclass(frozen=True)
class Group:
    """One unit and assessed year; a report without either is a group of its own."""

    unit_key: str | None
    assessed_year: int | None
    report_id: str

    @property
    def linkable(self) -> bool:
        return (self.unit_key is not None and not self.unit_key.startswith("report:")
                and self.assessed_year is not None)

    @property
    def key(self) -> str:
        """Example: ``"STP/2022"``; ``"report/<id>"`` when the unit or year is unknown."""
        return f"{self.unit_key}/{self.assessed_year}" if self.linkable else f"report/{self.report_id}"


def _group_filter(wh: Warehouse, group: Group) -> tuple[str, tuple[Any, ...]]:
    m = wh.marker
    if group.linkable:
        return f"r.unit_key = {m} AND r.assessed_year = {m}", (group.unit_key, group.assessed_year)
    return f"r.id = {m}", (group.report_id,)


def read_group(wh: Warehouse, group: Group) -> list[GroupDocument]:
    """Every report of the group with its findings, as the linking rule needs them."""
    where, params = _group_filter(wh, group)
    rows = wh.query(
        "SELECT r.id, r.year, r.month, r.date, r.number, f.position, f.shortcoming, f.criteria"
        f" FROM reports r LEFT JOIN findings f ON f.report_id = r.id WHERE {where}", params)
    keys: dict[str, tuple[object, ...]] = {}
    findings: dict[str, list[FindingRef]] = {}
    for report, year, month, date, number, position, shortcoming, criteria in rows:
        keys[report] = report_sort_key(year, month, date, report, number)
        found = findings.setdefault(report, [])
        if position is not None:
            found.append(FindingRef(report, int(position), shortcoming, tuple(criteria or ())))
    return [GroupDocument(d, keys[d], tuple(sorted(findings[d], key=lambda f: f.position)))
            for d in keys]


def relink_group(wh: Warehouse, group: Group, time_limit: float | None = LINK_TIME_LIMIT) -> None:
    """Recompute every link of one group from its reports (one transaction).

    Linking runs under ``time_limit``; past it the group gets exact links only (findings
    whose folded words are the same), with a warning, so a run never hangs on one group.
    """
    documents = read_group(wh, group)
    try:
        orders, links = link_group(documents, time_limit=time_limit)
    except LinkTimeout:
        _LOG.warning("nhóm %s: nối tồn tại quá %s giây, chỉ nối các tồn tại trùng chữ "
                     "(linking group %s took over %s s: exact links only)",
                     group.key, time_limit, group.key, time_limit)
        orders, links = link_group(documents, exact_only=True)
    with wh.transaction():
        for t in LINK_TABLES:
            wh.execute(f"DELETE FROM {t.name} WHERE group_key = {wh.marker}", (group.key,))
        wh.insert_rows(LINKED_REPORTS, [(report, group.key, group.unit_key, group.assessed_year,
                                         order) for report, order in orders])
        wh.insert_rows(FINDING_LINKS, [_link_row(group, k) for k in links])


def _link_row(group: Group, k: Link) -> Row:
    return (k.document_id, k.position, group.key, k.shortcoming_id, k.report_order,
            k.previous_document_id, k.previous_position, k.similarity_pct)


def _group_from_key(wh: Warehouse, key: str) -> Group:
    """A group named by its key, from a row of ``linked_reports``."""
    rows = wh.query("SELECT unit_key, assessed_year, report_id FROM linked_reports"
                    f" WHERE group_key = {wh.marker}", (key,))
    if not rows:
        return Group(None, None, key.removeprefix("report/"))
    unit, year, report = rows[0]
    return Group(unit, None if year is None else int(year), str(report))


def relink_stale(wh: Warehouse) -> int:
    """Relink every group with a report not linked yet, or links of a report now gone.

    Returns how many groups were relinked.  Cheap when nothing is stale (two anti-joins).
    A rebuilt report loses its links (:func:`cchc.warehouse.loading.delete_report`), so it
    is found here too.
    """
    missing = wh.query(
        "SELECT r.id, r.unit_key, r.assessed_year FROM reports r"
        " LEFT JOIN linked_reports l ON l.report_id = r.id WHERE l.report_id IS NULL")
    gone = wh.query(
        "SELECT DISTINCT l.group_key FROM linked_reports l"
        " LEFT JOIN reports r ON r.id = l.report_id WHERE r.id IS NULL")
    groups = {g.key: g for g in (Group(r[1], None if r[2] is None else int(r[2]), str(r[0]))
                                 for r in missing)}
    for (key,) in gone:
        groups.setdefault(str(key), _group_from_key(wh, str(key)))
    for key in sorted(groups):
        relink_group(wh, groups[key])
    return len(groups)
