"""Findings read by OCR: their confidence, the cells to check, and seq numbers put right.

A scanned report's text carries the word confidences Tesseract gave
(``ExtractedDocument.ocr``).  Each finding gets an :class:`OcrReading` (its mean word
confidence and the fields below :data:`LOW_CONFIDENCE`), one ``ocr_low_confidence`` entry
per such field and one ``ocr_unreadable`` entry listing the words read least surely.
A seq cell that reads as letters (``l``, ``O``) where the numbers around it run in step is
read as the number they imply, with an ``ocr_seq_repaired`` info entry.  A group title's
capital words that lost their marks are put right from the report's own words
(:mod:`cchc.normalize.ocr_words`), and a group numeral out of step with its neighbours
(``I``, ``H``, ``III``) is read as the one they imply; each repaired section gets an
``ocr_text_repaired`` info entry on its first finding.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from cchc.extract.appendix import Appendix
from cchc.extract.columns import Role
from cchc.extract.model import ExtractedDocument, OcrText
from cchc.normalize.audit import entry
from cchc.normalize.ocr_words import repair_capitals, vocabulary
from cchc.record import AuditEntry, Finding, OcrReading
from cchc.vocabulary import FIELD_NAMES_IN_TEXT

LOW_CONFIDENCE = 75.0  # mean word confidence (0–100) under which a cell is to be checked
UNREADABLE = 50.0  # a word read with less confidence than this is listed as unreadable
MAX_LISTED = 8
_FIELDS = (("seq", Role.SEQ), ("shortcoming", Role.SHORTCOMING), ("criteria", Role.CRITERIA),
           ("remedy", Role.REMEDY), ("owner", Role.OWNER), ("deadline", Role.DEADLINE),
           ("progress", Role.PROGRESS), ("note", Role.NOTE))
# Letters OCR gives for digits in a number cell
_DIGIT_LOOKALIKES = str.maketrans({"l": "1", "I": "1", "|": "1", "i": "1", "!": "1", "O": "0",
                                   "o": "0", "D": "0", "Q": "0", "S": "5", "s": "5", "B": "8",
                                   "Z": "2", "z": "2", "g": "9", "G": "6"})
_SEQ_LIKE = re.compile(r"^\(?\s*(\w{1,4})\s*[.)]?\s*\)?\.?$")

Positioned = list[tuple[int, AuditEntry]]


class _Confidences:
    """Confidence of a text from the lines and words OCR read."""

    def __init__(self, texts: Sequence[OcrText]) -> None:
        self.lines: dict[str, list[float]] = {}
        self.words: dict[str, list[float]] = {}
        for t in texts:
            (self.lines if t.words > 1 else self.words).setdefault(t.text, []).append(t.confidence)
            if t.words == 1:
                self.lines.setdefault(t.text, []).append(t.confidence)

    def of(self, text: str) -> tuple[float | None, list[tuple[str, float]]]:
        """Mean confidence of ``text`` (a cell's lines) and its words' confidences."""
        scores: list[float] = []
        words: list[tuple[str, float]] = []
        for line in (part.strip() for part in text.split("\n")):
            if not line:
                continue
            known = self.lines.get(line)
            tokens = line.split()
            if known is not None:
                scores.extend([min(known)] * len(tokens))
            for token in tokens:
                found = self.words.get(token)
                if found is not None:
                    words.append((token, min(found)))
                    if known is None:
                        scores.append(min(found))
        return (sum(scores) / len(scores) if scores else None), words


def review_ocr(document: ExtractedDocument, appendix: Appendix, findings: list[Finding],
               audit: Positioned) -> tuple[list[Finding], Positioned]:
    """Findings with their :class:`OcrReading` and repaired seqs; the row audit amended."""
    if document.ocr is None:
        return findings, audit
    findings, audit = _repair_seqs(appendix, findings, audit)
    findings, audit = _repair_sections(document, findings, audit)
    confidences = _Confidences(document.ocr)
    out: list[Finding] = []
    for position, (finding, row) in enumerate(zip(findings, appendix.rows, strict=True)):
        reading, entries = _reading(finding, row.text, confidences)
        out.append(dataclasses.replace(finding, ocr=reading))
        audit.extend((position, e) for e in entries)
    return out, audit


def _reading(finding: Finding, text: object, confidences: _Confidences
             ) -> tuple[OcrReading, list[AuditEntry]]:
    entries: list[AuditEntry] = []
    low: list[str] = []
    weighted: list[tuple[float, int]] = []
    unsure: list[str] = []
    for name, role in _FIELDS:
        cell = text(role)  # type: ignore[operator]
        if not cell.strip():
            continue
        mean, words = confidences.of(cell)
        if mean is None:
            continue
        weighted.append((mean, len(cell.split())))
        label = FIELD_NAMES_IN_TEXT.get(name, name)  # the cell, so the officer knows where to look
        unsure.extend(f"«{word}» (ô {label})" for word, score in words if score < UNREADABLE)
        if mean < LOW_CONFIDENCE:
            low.append(name)
            entries.append(entry("ocr_low_confidence", finding.seq, field=name,
                                 label=FIELD_NAMES_IN_TEXT.get(name, name), confidence=round(mean)))
    if unsure:
        listed = list(dict.fromkeys(unsure))
        more = " …" if len(listed) > MAX_LISTED else ""
        listing = ", ".join(listed[:MAX_LISTED]) + more
        entries.append(entry("ocr_unreadable", finding.seq, field=low[0] if low else "shortcoming",
                             words=listing))
    total = sum(n for _, n in weighted)
    confidence = round(sum(m * n for m, n in weighted) / total, 1) if total else 0.0
    return OcrReading(confidence=confidence, low_fields=low), entries


def _repair_seqs(appendix: Appendix, findings: list[Finding], audit: Positioned
                 ) -> tuple[list[Finding], Positioned]:
    """A non-numeric seq read as the number its neighbours imply, when its letters allow it."""
    out = list(findings)
    repaired: set[int] = set()
    for i, finding in enumerate(findings):
        raw = appendix.rows[i].text(Role.SEQ).strip()
        if finding.seq is not None or not raw:
            continue
        guess = _as_number(raw)
        if guess is None or not _fits(out, i, guess):
            continue
        out[i] = dataclasses.replace(finding, seq=guess)
        repaired.add(i)
        audit.append((i, entry("ocr_seq_repaired", guess, raw=raw)))
    kept = [(p, e) for p, e in audit if not (p in repaired and e.code == "seq_not_numeric")]
    return out, kept


_NUMBERED = re.compile(r"^(\S{1,5}?)([.)]?) (.+)$")
_ROMANS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV",
           "XV", "XVI", "XVII", "XVIII", "XIX", "XX")
_NUMERAL_LOOKALIKES = frozenset("IlH1|VUXY")


def _repair_sections(document: ExtractedDocument, findings: list[Finding], audit: Positioned
                     ) -> tuple[list[Finding], Positioned]:
    """Sections with misread capitals and numerals put right (module docstring)."""
    sections = [s for s in dict.fromkeys(f.section for f in findings) if s]
    if not sections:
        return findings, audit
    vocab = vocabulary((t.text, t.confidence) for t in document.ocr or ())
    repaired: dict[str, str] = {}
    words: dict[str, list[tuple[str, str]]] = {}
    for section in sections:
        text, changes = repair_capitals(section, vocab)
        repaired[section], words[section] = text, changes
    numerals = _numerals_in_step([repaired[s] for s in sections])
    for section, numeral in zip(sections, numerals, strict=True):
        match = _NUMBERED.match(repaired[section])
        if numeral is not None and match is not None and match.group(1) != numeral:
            words[section].append((match.group(1), numeral))
            repaired[section] = f"{numeral}{match.group(2)} {match.group(3)}"
    out: list[Finding] = []
    told: set[str] = set()
    for position, finding in enumerate(findings):
        section = finding.section or ""
        if repaired.get(section, section) == section:
            out.append(finding)
            continue
        out.append(dataclasses.replace(finding, section=repaired[section]))
        if section not in told:
            told.add(section)
            listing = ", ".join(f"«{a}» → «{b}»" for a, b in words[section])
            audit.append((position, entry("ocr_text_repaired", finding.seq, field="section",
                                          words=listing)))
    return out, audit


def _numerals_in_step(sections: list[str]) -> list[str | None]:
    """For each section, the Roman numeral its neighbours imply where its own is out of step.

    Only when most sections are numbered in Roman numerals, and a misread one sits between
    two that differ by two (or at an end, next to one, and reads like a numeral's look-alike).
    """
    read = [m.group(1) if (m := _NUMBERED.match(s)) else None for s in sections]
    values = [_ROMANS.index(r) + 1 if r in _ROMANS else None for r in read]
    out: list[str | None] = [None] * len(sections)
    if sum(v is not None for v in values) * 2 < len(sections) or len(sections) < 2:
        return out
    for i, (raw, value) in enumerate(zip(read, values, strict=True)):
        before = values[i - 1] if i > 0 else None
        after = values[i + 1] if i + 1 < len(values) else None
        if raw is None or (value is not None and (before is None or value == before + 1)
                           and (after is None or value == after - 1)):
            continue
        guess: int | None = None
        if before is not None and after is not None and after - before == 2:
            guess = before + 1
        elif set(raw) <= _NUMERAL_LOOKALIKES and (value is None or before is not None and value <= before):
            guess = before + 1 if before is not None else (after - 1 if after is not None else None)
        if guess is not None and 1 <= guess <= len(_ROMANS):
            out[i] = _ROMANS[guess - 1]
    return out


def _as_number(raw: str) -> int | None:
    match = _SEQ_LIKE.match(raw)
    if match is None:
        return None
    digits = match.group(1).translate(_DIGIT_LOOKALIKES)
    return int(digits) if digits.isdigit() else None


def _fits(findings: list[Finding], i: int, guess: int) -> bool:
    """The guess continues the previous seq and leads to the next one (same section)."""
    section = findings[i].section
    before = findings[i - 1] if i > 0 else None
    after = findings[i + 1] if i + 1 < len(findings) else None
    ok_before = before is not None and before.seq is not None and before.section == section \
        and before.seq + 1 == guess
    ok_after = after is not None and after.seq is not None and after.section == section \
        and after.seq - 1 == guess
    start = guess == 1 and (before is None or before.section != section) and ok_after
    return (ok_before and (ok_after or after is None or after.seq is None)) or start \
        or (ok_after and before is None)
