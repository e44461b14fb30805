"""Following a shortcoming over time: which findings of successive reports are the same one.

A unit reports the same shortcoming every quarter until it is fixed, usually with the text
copied and lightly edited, the progress rewritten and sometimes the codes reformatted.  This
module decides, without a database, which finding of a later report continues which thread
("shortcoming") of the earlier ones.  :mod:`cchc.output.links` stores the answer.

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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import regex

from cchc.text.vietnamese import fold

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

    Example: ``"Chưa công khai TTHC"`` → ``{"chua", "cong", "khai", "tthc"}``.
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
