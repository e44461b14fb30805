"""Row lines for tables ruled only by their columns, found from the text.

Some units rule a table's columns but not its rows: the body is one tall band per page
(or per group, where a spanning group row interrupts the column rules).  Where a row
starts is then read from the text, never from one sample's geometry:

* the TT (first, narrow) column: each line that reads like a row label (``1``, ``12.``,
  ``II``, ``B.``, ``1.2``) starts a row;
* the gaps between text lines: a row ends in a horizontal strip that no text line of any
  column crosses.  Between two labels there may be several such strips (a tall cell beside
  short ones).  When cells are aligned to their top (Word's and LibreOffice's default),
  each label sits on the first line of its row, so the strip just above the label is the
  row's top.  When cells are centred vertically (a browser's default), the label sits in
  the middle of its row, and the widest strip between two labels is taken;
* text above the first label in the band (with a free strip between) is a row of its
  own: the rest of a row cut by the page break (empty TT) or, in a table whose header is
  not ruled off, the header row.

The rows found become horizontal lines across the table, and the page's lattice is built
again with them, so merged cells, spans and group rows are handled by the same code as in
a fully ruled table.  A table whose rows were found this way is marked ``ruled=False``;
stitching then infers the vertical merges it cannot see.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import regex

from cchc.extract.pdf_grid import (
    Glyph,
    Grid,
    LayoutSettings,
    PageLayout,
    Rule,
    TextLine,
    close_open_ends,
    distribute_glyphs,
    is_lead_column,
    join_rules,
    layout_to_grids,
)
from cchc.extract.pdf_lines import glyphs_to_lines

# A row label in the TT column: 1, 12., 3), (4), 1.2, II, IV., B., c)
_LABEL = regex.compile(r"^(?:\d{1,4}(?:\.\d{1,3})*[.)]?|\(\d{1,4}\)|[IVXLC]{1,7}[.)]?|[A-ZĐ][.)]?"
                       r"|[a-zđ][.)])$")
_TOP_ALIGNED_SHARE = 0.5  # share of labels level with another column's line: cells top-aligned
_LEADING_MAX = 0.6  # the gap between two lines of one cell is below this × a line's height
_WIDE_GAP_SHARE = 0.8  # centred cells: a strip above the first label this wide (× row strips) cuts


def is_row_label(text: str) -> bool:
    """The text of a TT cell that starts a finding or a group row."""
    return bool(_LABEL.match(text.strip()))


@dataclass(frozen=True)
class PageCells:
    """A page's grids, the text lines of each grid's cells, and the glyphs outside them all."""

    grids: list[Grid]
    lines: list[list[list[TextLine]]]  # per grid, per cell
    outside: list[Glyph]


def cells_of(grids: list[Grid], layout: PageLayout, settings: LayoutSettings) -> PageCells:
    """The page's glyphs placed in ``grids`` and each cell's glyphs made into lines."""
    buckets, outside = distribute_glyphs(grids, layout.glyphs)
    return PageCells(grids, [[glyphs_to_lines(b, settings) for b in cells] for cells in buckets], outside)


def find_cells(layout: PageLayout, settings: LayoutSettings, *, unruled_before: bool = False) -> PageCells:
    """The page's grids, with row lines found from the text where rows are not ruled, and
    their cells' lines.

    The lines read to find the rows are the table's lines when no row is found (most pages):
    a page's glyphs are placed and made into lines once, or twice when rows were cut.
    ``unruled_before``: the previous page's table had its rows found from the text, so a
    band holding one row under the rest of a row cut by the page break is split too.
    """
    first = cells_of(layout_to_grids(layout, settings), layout, settings)
    if not first.grids:
        return first
    single = unruled_before or any(not g.ruled for g in first.grids)
    cuts = row_cuts(first, layout, settings, single=single)
    if cuts and not single:  # rows found from the text: the table is unruled
        cuts = row_cuts(first, layout, settings, single=True)
    if not cuts:
        return first
    return cells_of(layout_to_grids(layout, settings, extra=cuts), layout, settings)


def row_cuts(page: PageCells, layout: PageLayout, settings: LayoutSettings, *,
             single: bool = False) -> list[Rule]:
    """Horizontal lines across each table where a band of its TT column holds several rows.

    A band with one label and text above it is cut only with ``single`` (the table is
    known to be unruled): in a ruled table whose TT is centred in its cell, the other
    cells' first lines stand above the label too.
    """
    drawn: list[Rule] | None = None
    cuts: list[Rule] = []
    for grid, lines in zip(page.grids, page.lines, strict=True):
        for k, cell in enumerate(grid.cells):
            if not is_lead_column(grid, k, settings) or not lines[k]:
                continue
            top, bottom = grid.ys[cell.row], grid.ys[cell.row + cell.row_span]
            others = [line for j, cl in enumerate(lines) if j != k for line in cl
                      if top <= (line.top + line.bottom) / 2 <= bottom]
            x0, x1 = grid.xs[0], grid.xs[-1]
            if drawn is None:  # the rules as the lattice saw them, partial lines included
                closed = close_open_ends(join_rules(layout.rules, settings), layout.glyphs, settings)
                drawn = [r for r in closed if not r.vertical]
            near = [r.pos for r in drawn if r.start < x1 and r.end > x0]
            band = [*lines[k], *others]
            by_cell = [[line for line in cl if top <= (line.top + line.bottom) / 2 <= bottom]
                       for j, cl in enumerate(lines) if j != k]
            for y in band_cuts(lines[k], others, near, settings, single,
                               cells=[c for c in by_cell if c], band=(top, bottom)):
                cuts.extend(_cut_segments(grid, y, band))
    return cuts


def _cut_segments(grid: Grid, y: float, lines: Sequence[TextLine]) -> list[Rule]:
    """The row line at ``y`` across the table, left open over the columns whose text runs
    on through it: a merged cell, whose text flows from one row into the next.

    Text flows on when a line crosses ``y``, or when the column's line below ``y`` follows
    the line above at one cell's leading (``… tại Bộ phận`` / ``Một cửa.``): two cells'
    texts stand farther apart, by the padding of both cells (``12/7/2024`` / ``quý 3 năm
    2023`` are two rows' deadlines).  A row label below ``y`` starts a row whatever the gap.
    """
    by_col = [sorted((line for line in lines if line.x0 < grid.xs[c + 1] and line.x1 > grid.xs[c]),
                     key=lambda line: line.top) for c in range(grid.n_cols)]
    leading = _leading(by_col)
    near = leading + max(1.0, 0.1 * _line_height(by_col))
    open_cols: set[int] = set()
    for c, column in enumerate(by_col):
        if any(line.top + 0.5 < y < line.bottom - 0.5 for line in column):
            open_cols.add(c)
            continue
        above = [line for line in column if line.bottom <= y]
        below = [line for line in column if line.top >= y]
        if above and below and below[0].top - above[-1].bottom <= near and not is_row_label(below[0].text):
            open_cols.add(c)
    segments: list[Rule] = []
    start: int | None = None
    for c in range(grid.n_cols + 1):
        closed = c < grid.n_cols and c not in open_cols
        if closed and start is None:
            start = c
        elif not closed and start is not None:
            segments.append(Rule(False, y, grid.xs[start], grid.xs[c], drawn=False))
            start = None
    return segments


def band_cuts(lead: Sequence[TextLine], others: Sequence[TextLine], drawn: Sequence[float],
              settings: LayoutSettings, single: bool = False, *,
              cells: Sequence[Sequence[TextLine]] = (), band: tuple[float, float] | None = None,
              ) -> list[float]:
    """Heights where rows start inside one band of a TT cell (empty when it holds one row).

    ``lead`` are the TT cell's lines, ``others`` the lines of the other columns in the
    same band, ``drawn`` the heights of horizontal rules drawn across the table (a rule
    drawn inside a free strip is where the row ends, e.g. under a group row).  With
    ``cells`` (``others`` per cell) and ``band`` (its top and bottom), rows of centred
    cells are cut where the cells' own gaps agree (:func:`_best_gap`).
    """
    tol = settings.line_tolerance
    if not lead:
        return []
    labels = [line for line in lead if is_row_label(line.text) and not _word_tail(line, lead)]
    first_line = min(lead, key=lambda line: line.top)
    if not labels or (len(labels) < 2 and first_line in labels and not single):
        return []
    everything = [*lead, *others]
    gaps = _free_strips(everything)
    top_aligned = _top_aligned(labels, others, tol)
    by_cells = bool(cells) and band is not None
    if by_cells and top_aligned:
        top_aligned = not _centred(labels, cells, tol)
    if len(labels) < 2 and first_line in labels and not top_aligned and not by_cells:
        return []
    columns = [sorted(c, key=lambda line: line.top) for c in cells]
    leading = _leading(columns)
    chosen: list[tuple[float, float]] = []
    for a, b in zip(labels, labels[1:], strict=False):
        if by_cells and not top_aligned:
            chosen.append(_best_gap(columns, leading, a.bottom, b.top))
            continue
        between = [g for g in gaps if g[0] >= a.bottom - tol and g[1] <= b.top + tol]
        if not between:
            chosen.append((b.top - tol / 2, b.top - tol / 2))
            continue
        chosen.append(between[-1] if top_aligned else max(between, key=lambda g: (g[1] - g[0], g[0])))
    first = labels[0]
    if band is not None and by_cells and (not top_aligned or _centred([first], cells, tol)):
        strip = _above_centred(first, lead, columns, leading, band, chosen)
        return [_cut_in(s, drawn) for s in ([strip] if strip else []) + chosen]
    above = [g for g in gaps if g[1] <= first.top + tol]
    has_text_above = any(line.bottom <= first.top for line in everything)
    if above and has_text_above:
        widths = sorted(g[1] - g[0] for g in chosen if g[1] > g[0])
        typical = widths[len(widths) // 2] if widths else 0.0
        strip = above[-1] if top_aligned else max(above, key=lambda g: (g[1] - g[0], g[0]))
        if top_aligned or first_line not in labels or strip[1] - strip[0] >= _WIDE_GAP_SHARE * typical:
            chosen.insert(0, strip)
    return [_cut_in(strip, drawn) for strip in chosen]


def _word_tail(line: TextLine, lead: Sequence[TextLine]) -> bool:
    """A letter that ends the word of the line just above it, cut by a narrow column
    (``ST`` / ``T`` of a wider substitute font's header): no row label."""
    if not line.text.strip().isalpha():
        return False
    above = [a for a in lead if a.bottom <= line.top + 0.5]
    if not above:
        return False
    prev = max(above, key=lambda a: a.bottom)
    close = line.top - prev.bottom < _LEADING_MAX * (line.bottom - line.top)
    return close and prev.text.strip().isalpha() and not is_row_label(prev.text)


def _above_centred(first: TextLine, lead: Sequence[TextLine], columns: Sequence[Sequence[TextLine]],
                   leading: float, band: tuple[float, float], chosen: Sequence[tuple[float, float]]
                   ) -> tuple[float, float] | None:
    """Where the first row starts when its cells are centred, if below the band's top.

    Text above the first label is a row of its own (the rest of a row cut by the page
    break) only when the first row, centred on its label, cannot reach up to it: its top
    lies as far above the label's middle as its bottom (the first cut) lies below.
    """
    above = [line for c in columns for line in c if line.bottom <= first.top]
    above += [line for line in lead if line.bottom <= first.top]
    if not above:
        return None
    below = (chosen[0][0] + chosen[0][1]) / 2 if chosen else band[1]
    mid = (first.top + first.bottom) / 2
    if 2 * mid - below <= band[0] + (first.bottom - first.top):
        return None
    return _best_gap(columns, leading, min(line.top for line in above), first.top)


def _centred(labels: Sequence[TextLine], cells: Sequence[Sequence[TextLine]], tol: float) -> bool:
    """The cells' texts are centred on the labels rather than hung from the labels' tops.

    Each column is cut into cell texts at its wide gaps (:func:`_chunks`); a text of
    several lines beside a label either starts level with it (cells aligned to their top)
    or has its middle level with the label's middle (cells centred).  One-line texts
    match both and decide nothing.
    """
    columns = [sorted(c, key=lambda line: line.top) for c in cells]
    leading = _leading(columns)
    margin = max(1.0, 0.1 * _line_height(columns))
    tops = middles = 0
    for chunk in (ch for c in columns for ch in _chunks(c, leading + margin)):
        if len(chunk) < 2:
            continue
        top, bottom = chunk[0].top, chunk[-1].bottom
        for label in labels:
            if abs(top - label.top) <= tol:
                tops += 1
            elif abs((top + bottom) / 2 - (label.top + label.bottom) / 2) <= tol:
                middles += 1
    return middles > tops


def _chunks(lines: Sequence[TextLine], wide: float) -> list[list[TextLine]]:
    """A column's lines (top first) in runs separated by gaps wider than ``wide``."""
    runs: list[list[TextLine]] = []
    for line in lines:
        if runs and line.top - runs[-1][-1].bottom <= wide:
            runs[-1].append(line)
        else:
            runs.append([line])
    return runs


def _leading(columns: Sequence[Sequence[TextLine]]) -> float:
    """The usual gap between two lines of one cell: the median of the columns' gaps less
    than 0.6 line heights (a line's leading is well under that; rows lie farther apart)."""
    most = _LEADING_MAX * _line_height(columns)
    gaps = sorted(b.top - a.bottom for c in columns for a, b in zip(c, c[1:], strict=False)
                  if -1 < b.top - a.bottom < most)
    return gaps[len(gaps) // 2] if gaps else 0.0


def _best_gap(columns: Sequence[Sequence[TextLine]], leading: float, lo: float, hi: float
              ) -> tuple[float, float]:
    """The strip between ``lo`` and ``hi`` where most columns pass from one cell to the next.

    A column votes for the heights inside a gap between two of its lines wider than
    ``leading`` by a margin (the padding of two cells), and against the heights inside a
    gap of plain leading or inside one of its lines (the text of one cell: merged over
    both rows, or the wrong height).  The strip with most votes wins, then the widest.
    """
    margin = max(1.0, 0.1 * _line_height(columns))
    spans: list[tuple[float, float, int]] = []  # (from, to, vote)
    for c in columns:
        for line in c:
            if line.bottom > lo and line.top < hi:
                spans.append((line.top, line.bottom, -1))
        for x, y in zip(c, c[1:], strict=False):
            if y.top > x.bottom and y.top > lo and x.bottom < hi:
                spans.append((x.bottom, y.top, 1 if y.top - x.bottom > leading + margin else -1))
    edges = sorted({lo, hi, *(max(lo, min(hi, y)) for span in spans for y in span[:2])})
    best: tuple[int, float, float, float] | None = None
    for y0, y1 in zip(edges, edges[1:], strict=False):
        if y1 - y0 <= 0:
            continue
        mid = (y0 + y1) / 2
        votes = sum(v for s0, s1, v in spans if s0 < mid < s1)
        if best is None or (votes, y1 - y0) > best[:2]:
            best = (votes, y1 - y0, y0, y1)
    if best is None:
        return (hi, hi)
    return (best[2], best[3])


def _line_height(columns: Sequence[Sequence[TextLine]]) -> float:
    heights = sorted(line.bottom - line.top for c in columns for line in c)
    return heights[len(heights) // 2] if heights else 0.0


def _free_strips(lines: Sequence[TextLine]) -> list[tuple[float, float]]:
    """Horizontal strips between the first and last line that no line crosses, top first."""
    strips: list[tuple[float, float]] = []
    ordered = sorted(lines, key=lambda line: line.top)
    reach = ordered[0].bottom
    for line in ordered[1:]:
        if line.top > reach:
            strips.append((reach, line.top))
        reach = max(reach, line.bottom)
    return strips


def _top_aligned(labels: Sequence[TextLine], others: Sequence[TextLine], tol: float) -> bool:
    """Most labels stand level with a line of another column: the cells hang from their top."""
    level = sum(any(abs(o.top - a.top) <= tol for o in others) for a in labels)
    return level >= _TOP_ALIGNED_SHARE * len(labels)


def _cut_in(strip: tuple[float, float], drawn: Sequence[float]) -> float:
    """A drawn rule inside the strip if there is one, else the strip's middle."""
    inside = [y for y in drawn if strip[0] <= y <= strip[1]]
    if inside:
        return inside[0]
    return (strip[0] + strip[1]) / 2
