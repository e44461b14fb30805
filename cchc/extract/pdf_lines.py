"""Glyphs → text lines: the one place where characters become the lines a cell or page shows.

Both the table grid (which needs each cell's lines to find rows in a table ruled only by
its columns) and the page text outside tables use it.
"""

from __future__ import annotations

import statistics
import unicodedata
from collections.abc import Iterable, Sequence

from cchc.extract.pdf_grid import Glyph, LayoutSettings, TextLine, cluster_chain


def glyphs_to_lines(
    glyphs: Iterable[Glyph], settings: LayoutSettings, *, split_columns: bool = False
) -> list[TextLine]:
    """Group glyphs into text lines, top to bottom, left to right.

    Glyphs share a line when their vertical centres chain within ``line_tolerance``, so
    mixed font sizes and accents on one baseline stay together.  With ``split_columns``
    a wide gap (side-by-side blocks such as the report head) starts a separate line.
    """
    ordered = sorted(glyphs, key=lambda g: (g.mid_y, g.x0))
    lines: list[TextLine] = []
    for group in cluster_chain(ordered, lambda g: g.mid_y, settings.line_tolerance):
        for run in _runs(sorted(group, key=lambda g: g.x0), settings, split_columns):
            text = _join(run, settings)
            if text:
                lines.append(
                    TextLine(
                        text,
                        run[0].x0,
                        min(g.top for g in run),
                        max(g.x1 for g in run),
                        max(g.bottom for g in run),
                    )
                )
    return lines


def _runs(glyphs: list[Glyph], settings: LayoutSettings, split: bool) -> list[list[Glyph]]:
    """Cut a line where a gap is far wider than a space: side-by-side blocks of text.

    Only wide gaps (``column_gap`` × the line's glyph height) cut: the blank left for a
    hand-written number (``Số:      /BC-STP``, 1.5 heights) must stay one line, so a
    narrow head ("UBND HUYỆN CẨM XUYÊN  CỘNG HÒA …", 1.8 heights) stays joined too; the
    metadata reader copes with joined head lines, not with a number cut from its symbol.
    """
    ink = [g for g in glyphs if not g.text.isspace()]
    if not split or len(ink) < 2:
        return [glyphs]
    height = max(1.0, statistics.median(g.height for g in ink))
    runs = [[ink[0]]]
    for a, b in zip(ink, ink[1:], strict=False):
        if b.x0 - a.x1 > settings.column_gap * height:
            runs.append([])
        runs[-1].append(b)
    return runs


def _join(glyphs: Sequence[Glyph], settings: LayoutSettings) -> str:
    """Glyph texts left to right, a space where the gap is wider than a letter's spacing."""
    parts: list[str] = []
    prev: Glyph | None = None
    for g in glyphs:
        if prev is not None and g.x0 - prev.x1 > settings.word_gap * max(g.height, prev.height):
            parts.append(" ")
        parts.append(g.text)
        prev = g
    return unicodedata.normalize("NFC", " ".join("".join(parts).split()))


