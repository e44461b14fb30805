"""Audit entries for the words the encoding pass repaired, one per record field.

The document-level decode (:mod:`cchc.extract.encoding_pass`) restores the ``ư`` that a
TCVN3 text lost in a PDF and lists, per repaired text, the words it changed.  Here each
repaired text is traced to the record fields built from it: a finding's cell (by its
role), the section of its group row, or a report field read from the lines before the
appendix.  Every field so touched gets one ``text_repaired`` (info) entry listing its
repaired words, so nothing in the record changes silently.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

import regex

from cchc.extract.appendix import Appendix
from cchc.extract.columns import Role
from cchc.extract.model import ExtractedDocument
from cchc.normalize.audit import entry
from cchc.record import AuditEntry, Finding, ReportMeta

if TYPE_CHECKING:
    from cchc.text.lost_u import TextRepair

# Record fields read from one cell role each, in record order.
_FIELDS = (("shortcoming", Role.SHORTCOMING), ("criteria", Role.CRITERIA), ("remedy", Role.REMEDY),
           ("owner", Role.OWNER), ("deadline", Role.DEADLINE), ("progress", Role.PROGRESS),
           ("note", Role.NOTE))
_REPORT_FIELDS = ("agency", "title")
_SPACE = regex.compile(r"\s+")


def _flat(text: str) -> str:
    return str(_SPACE.sub(" ", text)).strip()


def _words_in(source: str, repairs: Sequence[TextRepair]) -> list[tuple[str, str]]:
    """The repaired words of every repaired text that ``source`` was built from."""
    flat = _flat(source)
    found: list[tuple[str, str]] = []
    for repair in repairs:
        if repair.text.strip() and _flat(repair.text) in flat:
            found += [w for w in repair.words if w not in found]
    return found


def _entry(field: str, seq: int | None, words: Iterable[tuple[str, str]]) -> AuditEntry:
    listed = ", ".join(f"«{old}» → «{new}»" for old, new in words)
    return entry("text_repaired", seq, field=field, words=listed)


def finding_repairs(document: ExtractedDocument, appendix: Appendix,
                    findings: Sequence[Finding]) -> list[tuple[int, AuditEntry]]:
    """One entry per finding field whose cell text holds a repair, with the row's position."""
    repairs = document.text_repairs
    if not repairs:
        return []
    out: list[tuple[int, AuditEntry]] = []
    for position, (row, finding) in enumerate(zip(appendix.rows, findings, strict=True)):
        sources: Iterator[tuple[str, str]] = (
            (name, row.text(role)) for name, role in _FIELDS if role in row.cells)
        if row.section:
            sources = iter([("section", row.section), *sources])
        for name, source in sources:
            words = _words_in(source, repairs)
            if words:
                out.append((position, _entry(name, finding.seq, words)))
    return out


def report_repairs(document: ExtractedDocument, appendix: Appendix, meta: ReportMeta) -> list[AuditEntry]:
    """One entry per report field (agency, title) holding a word repaired in the lines it
    was read from."""
    repairs = document.text_repairs
    if not repairs:
        return []
    words = _words_in("\n".join(appendix.head_lines + appendix.caption_lines), repairs)
    out: list[AuditEntry] = []
    for name in _REPORT_FIELDS:
        value = getattr(meta, name)
        hits = [(old, new) for old, new in words
                if value and regex.search(rf"(?<!\p{{L}}){regex.escape(new)}(?!\p{{L}})", value,
                                          flags=regex.IGNORECASE)]
        if hits:
            out.append(_entry(f"report.{name}", None, hits))
    return out
