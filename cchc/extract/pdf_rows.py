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

import regex

from cchc.extract.pdf_grid import (
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

# A row label in the TT column: 1, 12., 3), 1.2, II, IV., B., c)
_LABEL = regex.compile(r"^(?:\d{1,4}(?:\.\d{1,3})*[.)]?|[IVXLC]{1,7}[.)]?|[A-ZĐ][.)]?|[a-zđ][.)])$")
_TOP_ALIGNED_SHARE = 0.5  # share of labels level with another column's line: cells top-aligned
_WIDE_GAP_SHARE = 0.8  # centred cells: a strip above the first label this wide (× row strips) cuts


def is_row_label(text: str) -> bool:
    """The text of a TT cell that starts a finding or a group row."""
    return bool(_LABEL.match(text.strip()))


def find_grids(layout: PageLayout, settings: LayoutSettings, *, unruled_before: bool = False) -> list[Grid]:
    """The page's grids, with row lines found from the text where rows are not ruled.

    ``unruled_before``: the previous page's table had its rows found from the text, so a
    band holding one row under the rest of a row cut by the page break is split too.
    """
    grids = layout_to_grids(layout, settings)
    if not grids:
        return grids
    single = unruled_before or any(not g.ruled for g in grids)
    cuts = row_cuts(grids, layout, settings, single=single)
    if cuts and not single:  # rows found from the text: the table is unruled
        cuts = row_cuts(grids, layout, settings, single=True)
    if not cuts:
        return grids
    return layout_to_grids(layout, settings, extra=cuts)


def row_cuts(grids: Sequence[Grid], layout: PageLayout, settings: LayoutSettings, *,
             single: bool = False) -> list[Rule]:
    """Horizontal lines across each table where a band of its TT column holds several rows.

    A band with one label and text above it is cut only with ``single`` (the table is
    known to be unruled): in a ruled table whose TT is centred in its cell, the other
    cells' first lines stand above the label too.
    """
    buckets, _ = distribute_glyphs(grids, layout.glyphs)
    drawn: list[Rule] | None = None
    cuts: list[Rule] = []
    for grid, cells in zip(grids, buckets, strict=True):
        lines = [glyphs_to_lines(b, settings) for b in cells]
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
            for y in band_cuts(lines[k], others, near, settings, single):
                cuts.extend(_cut_segments(grid, y, band))
    return cuts


def _cut_segments(grid: Grid, y: float, lines: Sequence[TextLine]) -> list[Rule]:
    """The row line at ``y`` across the table, left open over the columns whose text runs
    on through it: a merged cell, whose text flows from one row into the next.

    Text flows on when a line crosses ``y``, or when the column's line below ``y`` starts
    in lower case after a line above that does not end a sentence (``… chủ trương,`` /
    ``chính sách …``): a cell's own text starts with a capital, a marker or a digit.
    """
    open_cols: set[int] = set()
    for c in range(grid.n_cols):
        column = sorted((line for line in lines if line.x0 < grid.xs[c + 1] and line.x1 > grid.xs[c]),
                        key=lambda line: line.top)
        if any(line.top + 0.5 < y < line.bottom - 0.5 for line in column):
            open_cols.add(c)
            continue
        above = [line for line in column if line.bottom <= y]
        below = [line for line in column if line.top >= y]
        if above and below and _flows(above[-1].text, below[0].text):
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
              settings: LayoutSettings, single: bool = False) -> list[float]:
    """Heights where rows start inside one band of a TT cell (empty when it holds one row).

    ``lead`` are the TT cell's lines, ``others`` the lines of the other columns in the
    same band, ``drawn`` the heights of horizontal rules drawn across the table (a rule
    drawn inside a free strip is where the row ends, e.g. under a group row).
    """
    tol = settings.line_tolerance
    if not lead:
        return []
    labels = [line for line in lead if is_row_label(line.text)]
    first_line = min(lead, key=lambda line: line.top)
    if not labels or (len(labels) < 2 and first_line in labels and not single):
        return []
    everything = [*lead, *others]
    gaps = _free_strips(everything)
    top_aligned = _top_aligned(labels, others, tol)
    if len(labels) < 2 and first_line in labels and not top_aligned:
        return []
    chosen: list[tuple[float, float]] = []
    for a, b in zip(labels, labels[1:], strict=False):
        between = [g for g in gaps if g[0] >= a.bottom - tol and g[1] <= b.top + tol]
        if not between:
            chosen.append((b.top - tol / 2, b.top - tol / 2))
            continue
        chosen.append(between[-1] if top_aligned else max(between, key=lambda g: (g[1] - g[0], g[0])))
    first = labels[0]
    above = [g for g in gaps if g[1] <= first.top + tol]
    has_text_above = any(line.bottom <= first.top for line in everything)
    if above and has_text_above:
        widths = sorted(g[1] - g[0] for g in chosen if g[1] > g[0])
        typical = widths[len(widths) // 2] if widths else 0.0
        strip = above[-1] if top_aligned else max(above, key=lambda g: (g[1] - g[0], g[0]))
        if top_aligned or first_line not in labels or strip[1] - strip[0] >= _WIDE_GAP_SHARE * typical:
            chosen.insert(0, strip)
    return [_cut_in(strip, drawn) for strip in chosen]


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


def _flows(above: str, below: str) -> bool:
    """``below`` goes on with the sentence that ``above`` left open (a mark such as ``x``
    is no sentence)."""
    first, last = below.split()[0] if below.split() else "", above.split()[-1] if above.split() else ""
    return len(first) > 1 and len(last) > 1 and first[0].islower() and last[-1] not in ".;:!?"
