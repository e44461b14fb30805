"""Glyphs → text lines: the one place where characters become the lines a cell or page shows.

Both the table grid (which needs each cell's lines to find rows in a table ruled only by
its columns) and the page text outside tables use it.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable, Sequence
from operator import attrgetter

from cchc.extract.pdf_grid import Glyph, LayoutSettings, TextLine


def glyphs_to_lines(
    glyphs: Iterable[Glyph], settings: LayoutSettings, *, split_columns: bool = False
) -> list[TextLine]:
    """Group glyphs into text lines, top to bottom, left to right.

    Glyphs share a line when their vertical centres chain within ``line_tolerance``, so
    mixed font sizes and accents on one baseline stay together.  With ``split_columns``
    a wide gap (side-by-side blocks such as the report head) starts a separate line.
    """
    lines: list[TextLine] = []
    for group in _overlapping(_rows(glyphs, settings.line_tolerance)):
        for run in _runs(sorted(group, key=_X0), settings, split_columns):
            text = _join(run, settings)
            if text:
                top, x1, bottom = _extent(run)
                lines.append(TextLine(text, run[0].x0, top, x1, bottom))
    return lines


def _extent(glyphs: Sequence[Glyph]) -> tuple[float, float, float]:
    """The glyphs' smallest top, largest x1 and largest bottom, in one pass (three ``min`` /
    ``max`` over generators took three times as long; the same values: the first extreme
    wins, as there)."""
    first = glyphs[0]
    top, x1, bottom = first.top, first.x1, first.bottom
    for g in glyphs:
        if g.top < top:
            top = g.top
        if g.x1 > x1:
            x1 = g.x1
        if g.bottom > bottom:
            bottom = g.bottom
    return top, x1, bottom


_X0 = attrgetter("x0")


def _rows(glyphs: Iterable[Glyph], tolerance: float) -> list[list[Glyph]]:
    """Glyphs by (centre height, x0), chained into rows whose successive centres differ at
    most ``tolerance`` (``cluster_chain`` on ``Glyph.mid_y``, each centre computed once: this
    runs for every cell of every table)."""
    keyed = sorted([((g.top + g.bottom) / 2, g.x0, i, g) for i, g in enumerate(glyphs)])
    rows: list[list[Glyph]] = []
    last = 0.0
    for mid, _, _, g in keyed:
        if rows and mid - last <= tolerance:
            rows[-1].append(g)
        else:
            rows.append([g])
        last = mid
    return rows


def _median(values: list[float]) -> float:
    """``statistics.median`` of a non-empty list (the two middle values averaged for an even
    count): the ``statistics`` module's import (fractions, decimal) cost 4-7 ms of every
    ``cchc extract``, for these three calls.

    >>> _median([3.0, 1.0, 2.0]), _median([4.0, 1.0, 2.0, 3.0])
    (2.0, 2.5)
    """
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


_SAME_LINE_OVERLAP = 0.6  # two glyph rows overlapping this much of their height are one line


def _overlapping(groups: list[list[Glyph]]) -> list[list[Glyph]]:
    """Join glyph rows (top first) that overlap over most of their height: one line whose
    letters come from two fonts with other boxes (a browser draws the accented letters its
    font lacks from a fallback font, its box set 3 pt higher), never two lines of text.

    Rows that do not overlap at all (most) are told apart without the medians.
    """
    out: list[list[Glyph]] = []
    extents: list[tuple[float, float]] = []  # each row's top and bottom
    for group in groups:
        group_top, _, group_bottom = _extent(group)
        if out:
            above, (above_top, above_bottom) = out[-1], extents[-1]
            top, bottom = max(above_top, group_top), min(above_bottom, group_bottom)
            if bottom >= top:  # else no overlap, whatever the heights
                height = min(_median([g.height for g in above]), _median([g.height for g in group]))
                if height > 0 and bottom - top >= _SAME_LINE_OVERLAP * height:
                    out[-1] = above + group
                    extents[-1] = (min(above_top, group_top), max(above_bottom, group_bottom))
                    continue
        out.append(group)
        extents.append((group_top, group_bottom))
    return out


def _runs(glyphs: list[Glyph], settings: LayoutSettings, split: bool) -> list[list[Glyph]]:
    """Cut a line where a gap is far wider than a space: side-by-side blocks of text.

    Only wide gaps (``column_gap`` × the line's glyph height) cut: the blank left for a
    hand-written number (``Số:      /BC-STP``, 1.5 heights) must stay one line, so a
    narrow head ("UBND HUYỆN CẨM XUYÊN  CỘNG HÒA …", 1.8 heights) stays joined too; the
    metadata reader copes with joined head lines, not with a number cut from its symbol.
    """
    if not split:
        return [glyphs]
    ink = [g for g in glyphs if not g.text.isspace()]
    if len(ink) < 2:
        return [glyphs]
    height = max(1.0, _median([g.height for g in ink]))
    runs = [[ink[0]]]
    for a, b in zip(ink, ink[1:], strict=False):
        if b.x0 - a.x1 > settings.column_gap * height:
            runs.append([])
        runs[-1].append(b)
    return runs


def _join(glyphs: Sequence[Glyph], settings: LayoutSettings) -> str:
    """Glyph texts left to right, a space where the gap is wider than a letter's spacing
    (``word_gap`` × the taller of the two glyphs).

    Written for speed (it sees every glyph of every cell): heights as ``bottom - top``
    (``Glyph.height``'s sum), the previous glyph's kept, and the taller picked as ``max``
    picks it, without its call.
    """
    parts: list[str] = []
    prev: Glyph | None = None
    prev_height = 0.0
    word_gap = settings.word_gap
    last = len(glyphs) - 1
    for k, g in enumerate(glyphs):
        if g.text.isspace() and k < last and glyphs[k + 1].x0 < g.x0 + 0.5 * (g.x1 - g.x0):
            continue  # a space the next glyph overlaps takes no room: a browser's soft hyphen
        height = g.bottom - g.top
        if prev is not None and g.x0 - prev.x1 > word_gap * (prev_height if prev_height > height else height):
            parts.append(" ")
        parts.append(g.text)
        prev, prev_height = g, height
    return unicodedata.normalize("NFC", " ".join("".join(parts).split()))


def reading_order(lines: Sequence[TextLine], settings: LayoutSettings) -> list[tuple[float, float, TextLine]]:
    """Lines outside tables with their sort keys (top, x0): side-by-side blocks read one
    column after the other.

    A letterhead sets the issuer and the national motto side by side; when a column's text
    wraps (a wider substitute font, a long unit name), sorting by height alone would read
    ``UBND HUYỆN CẨM`` / ``CỘNG HÒA XÃ HỘI CHỦ`` / ``XUYÊN``.  Where one line was split into
    side-by-side runs, the lines below that stay inside one run's column belong to it, until
    a line crosses the gutter or a gap of more than two lines; the region is then read column
    by column, all of its lines keyed at the region's top.
    """
    ordered = sorted(lines, key=lambda line: (line.top, line.x0))
    out: list[tuple[float, float, TextLine]] = []
    done: set[int] = set()
    for index, first in enumerate(ordered):
        if id(first) in done:
            continue
        row = sorted((line for line in ordered[index:] if id(line) not in done
                      and _same_row(line, first, settings)), key=lambda line: line.x0)
        if len(row) < 2 or not _disjoint(row):
            out.append((first.top, first.x0, first))
            done.add(id(first))
            continue
        gutters = _gutters(row)
        region: list[list[TextLine]] = [[line] for line in row]
        done.update(id(line) for line in row)
        bottom = max(line.bottom for line in row)
        height = max(line.bottom - line.top for line in row)
        for line in ordered[index:]:
            if id(line) in done:
                continue
            col = _column_of(line, gutters)
            if col is None or line.top - bottom > 2 * height:
                break
            region[col].append(line)
            done.add(id(line))
            bottom = max(bottom, line.bottom)
        flat = [line for column in region for line in column]
        out.extend((first.top, first.x0 + k * 1e-6, line) for k, line in enumerate(flat))
    return out


def _same_row(a: TextLine, b: TextLine, settings: LayoutSettings) -> bool:
    return abs((a.top + a.bottom) / 2 - (b.top + b.bottom) / 2) <= settings.line_tolerance


def _disjoint(columns: Sequence[TextLine]) -> bool:
    return all(b.x0 > a.x1 for a, b in zip(columns, columns[1:], strict=False))


def _gutters(columns: Sequence[TextLine]) -> list[float]:
    """The middle of each gap between side-by-side runs."""
    return [(a.x1 + b.x0) / 2 for a, b in zip(columns, columns[1:], strict=False)]


def _column_of(line: TextLine, gutters: Sequence[float]) -> int | None:
    """The column a line lies in, or None when it crosses a gutter."""
    edges = [-math.inf, *gutters, math.inf]
    for k in range(len(edges) - 1):
        if edges[k] <= line.x0 and line.x1 <= edges[k + 1]:
            return k
    return None
