"""Page triage: which pages of a PDF need table geometry, told from pdfium's text.

pdfplumber's geometry (every glyph and rule of a page, then the lattice) costs tens of
milliseconds a page; pdfium gives a page's text in about a millisecond.  A report is a
letterhead on page 1, pages of prose, then the appendix table.  So the text is read
first, and only page 1 (the header block the metadata is read from) and the pages from
the appendix's start to the end get the full geometry; the prose pages in between become
plain text lines.  The reading time then grows with the appendix, not with the report.

The appendix starts at the first page that shows a table header naming shortcomings and
their remedies (``TT … tồn tại … giải pháp / khắc phục``), or at the ``PHỤ LỤC`` heading
just before it.  The text is searched as drawn, then read as TCVN3 or VNI bytes (a legacy
print), then rebuilt from the glyphs' positions (a producer that draws words out of
reading order).  When nothing is found (a scan, a header worded otherwise), triage gives
up and the caller reads every page with geometry, as before.  Starting too early only
costs time; so every rule here errs towards an earlier start.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import regex

from cchc.extract.pdf_pdfium import (
    Handle,
    PdfiumDocument,
    PdfiumPdf,
    PlacedGlyph,
    page_text,
    placed_glyphs,
)
from cchc.text.vietnamese import fold

# "TT"/"STT"/"Số TT" as a word (not "TT-BNV", "01/TT"), then, past the criteria column's
# header wrapped over several lines (300 characters: more than the four lines of 40 + 80
# allowed before, so no header found then is missed now), the shortcoming column's words
# (as columns.py knows them: "tồn tại", "hạn chế", "bị trừ điểm"), then a remedy word.
_HEADER = regex.compile(
    r"(?<![\w/-])(?:s?tt|so tt|thu tu)(?=\s)[\s\S]{0,300}?\b(?:ton\s+tai|han\s+che|bi\s+tru\s+diem)\b"
    r"[\s\S]{0,400}?\b(?:giai\s+phap|khac\s+phuc|bien\s+phap)\b")
# Without a TT word (wrapped "ST / T", centred under the other header cells): the header's
# own phrase, a remedy column and a deadline or progress column close together.
_HEADER_LOOSE = regex.compile(
    r"\b(?:ton\s+tai,?\s+han\s+che|han\s+che,?\s+ton\s+tai)\b[\s\S]{0,120}?\b(?:giai\s+phap|khac\s+phuc|bien\s+phap)\b"
    r"[\s\S]{0,160}?\b(?:thoi\s+han|thoi\s+gian|tien\s+do|ket\s+qua)\b")
_KEYWORDS = ("tồn tại", "ton tai", "hạn chế", "trừ điểm", "phụ lục", "phu luc", "biểu", "bảng")
_HEADING = regex.compile(r"^(?:phu luc|bieu|bang)(?:\s+(?:[ivxlc]+|\d+|[a-z]))?\s*[:.]?$")


@dataclass(frozen=True)
class Triage:
    """Pages (1-based) to read with geometry, and every other page's text lines."""

    geometry: tuple[int, ...]
    text_lines: dict[int, tuple[str, ...]]
    n_pages: int


def triage(path: Path, password: str | None = None, pages: PdfiumPdf | None = None) -> Triage | None:
    """The pages that need geometry, or None when the appendix was not found in the text.

    The text is first taken in pdfium's order (the order it was drawn in, with pdfium's
    line breaks).  A producer may draw a page's words out of reading order (glyphs of a
    fallback font after the rest of the line, cells in any order); when the appendix is not
    found that way, each page's text is rebuilt from the characters' positions and searched
    again.  ``pages``: the file already open in pdfium for reading, whose loaded pages the
    reading then uses again (else the file is opened here, once for both readings).
    """
    if pages is not None:
        return _triage(pages)
    try:
        opened = PdfiumPdf(PdfiumDocument(path, password))
    except Exception:  # pdfium cannot open it: the full reading names the error
        return None
    with opened:
        return _triage(opened)


def _triage(pages: PdfiumPdf) -> Triage | None:
    for ordered in (False, True):
        texts = page_texts(pages, by_position=ordered)
        if texts is None:
            return None
        start = _start_in_any_reading(texts)
        if start is not None:
            geometry = tuple(sorted({1, *range(start, len(texts) + 1)}))
            others = {n: tuple(_lines(texts[n - 1])) for n in range(1, len(texts) + 1) if n not in geometry}
            return Triage(geometry, others, len(texts))
    return None


def _start_in_any_reading(texts: list[str]) -> int | None:
    """The appendix's start in the text as Unicode, else read as TCVN3 or VNI bytes (a legacy
    print's text is decoded only after the reader; the pages' lines stay as drawn)."""
    start = appendix_start(texts)
    if start is not None:
        return start
    from cchc.text.encodings import decode_tcvn3, decode_vni

    for decode in (decode_tcvn3, decode_vni):
        start = appendix_start(map(decode, texts))  # decoded page by page, up to the header
        if start is not None:
            return start
    return None


def page_texts(pages: PdfiumPdf, *, by_position: bool = False) -> list[str] | None:
    """Each page's text from pdfium (in drawing order, or ``by_position``: lines top to
    bottom, each left to right), or None when pdfium cannot read a page."""
    read = positional_text if by_position else page_text
    try:
        return [read(pages.text_page(index)) for index in range(len(pages.pages))]
    except Exception:
        return None


_LINE_SHIFT = 0.4  # a baseline this many font sizes off the line's starts another line
_WORD_GAP = 0.2  # a gap this many font sizes wide between two glyphs is a space


def positional_text(textpage: Handle) -> str:
    """A page's text by where its glyphs stand, not by the order they were drawn in.

    Glyphs are grouped into lines by baseline (top first), each line read left to right,
    a space where a gap is wider than a fifth of the font size; pdfium's own spaces and
    line breaks are left out.  Words side by side on one baseline (a table row's cells)
    read as one line.
    """
    glyphs = placed_glyphs(textpage)
    glyphs.sort()
    lines: list[list[PlacedGlyph]] = []
    for glyph in glyphs:
        if lines and abs(glyph[0] - lines[-1][0][0]) <= _LINE_SHIFT * glyph[3]:
            lines[-1].append(glyph)
        else:
            lines.append([glyph])
    out: list[str] = []
    for line in lines:
        line.sort(key=lambda g: g[1])
        parts: list[str] = []
        for k, (_, x0, _, size, text) in enumerate(line):
            if k and x0 - line[k - 1][2] > _WORD_GAP * size:
                parts.append(" ")
            parts.append(text)
        out.append("".join(parts))
    return "\n".join(out)


def appendix_start(texts: Iterable[str]) -> int | None:
    """1-based page where the appendix (its heading, else its table header) starts.

    Pages are folded one by one up to the first that shows the header: the pages after it
    cannot change the answer, and folding every line is triage's main cost.
    """
    folded: list[str] = []
    for header, text in enumerate(texts, start=1):
        folded.append("\n".join(fold(line) for line in _lines(text)) if _may_hold(text) else "")
        if _HEADER.search(folded[-1]) or _HEADER_LOOSE.search(folded[-1]):
            for n in (header - 1, header):  # the heading on the table's page or on the page before
                if n >= 1 and any(_HEADING.match(line) for line in folded[n - 1].split("\n")):
                    return n
            return header
    return None


def _may_hold(text: str) -> bool:
    """A cheap look before folding a page's every line: folding costs more than the search."""
    low = unicodedata.normalize("NFC", text).lower()
    return any(word in low for word in _KEYWORDS)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
            if line.strip()]
