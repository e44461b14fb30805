"""Page triage: which pages of a PDF need table geometry, told from pypdfium2's text.

pdfplumber's geometry (every glyph and rule of a page, then the lattice) costs tens of
milliseconds a page; pdfium gives a page's text in about a millisecond.  A report is a
letterhead on page 1, pages of prose, then the appendix table.  So the text is read
first, and only page 1 (the header block the metadata is read from) and the pages from
the appendix's start to the end get the full geometry; the prose pages in between become
plain text lines.  The reading time then grows with the appendix, not with the report.

The appendix starts at the first page that shows a table header naming shortcomings and
their remedies (``TT … tồn tại … giải pháp / khắc phục``), or at the ``PHỤ LỤC`` heading
just before it.  When nothing is found (a legacy-encoded PDF whose text reads as
gibberish, a scan, a header worded otherwise), triage gives up and the caller reads every
page with geometry, as before.  Starting too early only costs time; so every rule here
errs towards an earlier start.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

import regex

from cchc.text.vietnamese import fold

# "TT"/"STT"/"Số TT" as a word (not "TT-BNV", "01/TT"), then "tồn tại", then a remedy word.
_HEADER = regex.compile(
    r"(?<![\w/-])(?:s?tt|so tt|thu tu)(?=\s)[^\n]{0,40}(?:\n[^\n]{0,80}){0,3}?\bton tai\b"
    r"[\s\S]{0,400}?\b(?:giai phap|khac phuc|bien phap)\b")
# Without a TT word (wrapped "ST / T", centred under the other header cells): the header's
# own phrase, a remedy column and a deadline or progress column close together.
_HEADER_LOOSE = regex.compile(
    r"\bton tai,? han che\b[\s\S]{0,120}?\b(?:giai phap|khac phuc|bien phap)\b"
    r"[\s\S]{0,160}?\b(?:thoi han|thoi gian|tien do|ket qua)\b")
_KEYWORDS = ("tồn tại", "ton tai", "phụ lục", "phu luc", "biểu", "bảng")
_HEADING = regex.compile(r"^(?:phu luc|bieu|bang)(?:\s+(?:[ivxlc]+|\d+|[a-z]))?\s*[:.]?$")


@dataclass(frozen=True)
class Triage:
    """Pages (1-based) to read with geometry, and every other page's text lines."""

    geometry: tuple[int, ...]
    text_lines: dict[int, tuple[str, ...]]
    n_pages: int


def triage(path: Path, password: str | None = None) -> Triage | None:
    """The pages that need geometry, or None when the appendix was not found in the text."""
    texts = page_texts(path, password)
    if texts is None:
        return None
    start = appendix_start(texts)
    if start is None:
        return None
    geometry = tuple(sorted({1, *range(start, len(texts) + 1)}))
    others = {n: tuple(_lines(texts[n - 1])) for n in range(1, len(texts) + 1) if n not in geometry}
    return Triage(geometry, others, len(texts))


def page_texts(path: Path, password: str | None) -> list[str] | None:
    """Each page's text from pdfium, or None when pdfium cannot read the file."""
    try:
        import pypdfium2
    except ImportError:  # pragma: no cover - installed with pdfplumber
        return None
    try:
        document = pypdfium2.PdfDocument(path, password=password)
    except Exception:  # pdfium's errors: the full path reports them properly
        return None
    try:
        out: list[str] = []
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            try:
                out.append(textpage.get_text_range())
            finally:
                textpage.close()
                page.close()
        return out
    except Exception:
        return None
    finally:
        document.close()


def appendix_start(texts: list[str]) -> int | None:
    """1-based page where the appendix (its heading, else its table header) starts."""
    folded = ["\n".join(fold(line) for line in _lines(text)) if _may_hold(text) else "" for text in texts]
    header = next((n for n, text in enumerate(folded, start=1)
                   if _HEADER.search(text) or _HEADER_LOOSE.search(text)), None)
    if header is None:
        return None
    for n in (header - 1, header):  # the heading on the table's page or on the page before
        if n >= 1 and any(_HEADING.match(line) for line in folded[n - 1].split("\n")):
            return n
    return header


def _may_hold(text: str) -> bool:
    """A cheap look before folding a page's every line: folding costs more than the search."""
    low = unicodedata.normalize("NFC", text).lower()
    return any(word in low for word in _KEYWORDS)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
            if line.strip()]
