"""One page's ruling lines → table grids; a grid and its cells' text lines → a RawTable.

Nothing here reads a PDF: the input is a :class:`PageLayout` (rules and glyph boxes),
which ``pdf_reader`` builds from pdfplumber objects and a scanned-page reader can build
from an image (rules from its lines, glyphs from OCR words).  The stages::

    layout.rules ─ join_rules ─ close_open_ends ─ rules_to_cell_boxes ─ boxes_to_grid
    layout.glyphs ─ distribute_glyphs (per cell / outside) ─ (text lines) ─ grid_to_table

Cells come from pdfplumber's lattice algorithm (``merge_edges`` → ``edges_to_intersections``
→ ``intersections_to_cells`` → ``cells_to_tables``): a merged cell is one rectangle whose
inner lines are missing.  We then build a grid ourselves: every distinct x (y) boundary of
the cells is a grid column (row) line, so a rectangle over several grid columns has a
``col_span`` and one over several grid rows is ``RESTART`` + ``CONTINUE``.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, fields, replace
from typing import Any

from cchc.extract.model import RawCell, RawRow, RawTable, VMerge
from cchc.extract.pdf_lattice import (  # pdfplumber's stages, ported: no pdfplumber import
    cells_to_tables,
    edges_to_intersections,
    intersections_to_cells,
    merge_edges,
)
from cchc.text.encodings import CP1252_CHARS, decode_tcvn3, decode_vni
from cchc.text.syllables import is_syllable, starts_syllable

Box = tuple[float, float, float, float]  # x0, top, x1, bottom (top < bottom, PDF points)


@dataclass(frozen=True)
class LayoutSettings:
    """Tolerances, in PDF points unless said otherwise.

    The lattice ones are pdfplumber's defaults (3 pt); the others were set on LibreOffice,
    reportlab and browser-style renderings of the CCHC appendix at 10–12 pt text.
    """

    snap_tolerance: float = 3.0  # parallel rules closer than this are one rule
    join_tolerance: float = 3.0  # collinear rules with a gap up to this are one rule
    intersection_tolerance: float = 3.0  # a rule ending this close to another meets it
    edge_min_length: float = 3.0  # shorter rules (dots, tick marks) are ignored
    grid_tolerance: float = 1.0  # cell boundaries closer than this are one grid line
    line_tolerance: float = 3.0  # glyphs whose vertical centres differ less share a line
    word_gap: float = 0.15  # a gap wider than this × glyph height is a space
    column_gap: float = 3.0  # outside tables, a gap wider than this × height splits a line
    lead_column_max_share: float = 0.2  # widest TT column (share of the table width) that
    # may split a column-only ruled table into rows

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if not isinstance(value, int | float) or not math.isfinite(value) or value < 0:
                raise ValueError(f"LayoutSettings.{f.name} must be a finite number >= 0: {value!r}")
        if self.lead_column_max_share > 1:
            raise ValueError("LayoutSettings.lead_column_max_share must be at most 1")


@dataclass(frozen=True, slots=True)
class Glyph:
    """A character (PDF) or a word (OCR) with its box."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def mid_x(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def mid_y(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass(frozen=True, slots=True)
class Rule:
    """An axis-aligned ruling line: at x=``pos`` from y ``start`` to ``end`` when vertical."""

    vertical: bool
    pos: float
    start: float
    end: float
    drawn: bool = True  # False: a row line the page does not draw, found from the layout


@dataclass(frozen=True)
class PageLayout:
    """What a page shows: its number (1-based), ruling lines and glyphs."""

    number: int
    rules: tuple[Rule, ...]
    glyphs: tuple[Glyph, ...]


@dataclass(frozen=True)
class TextLine:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float


@dataclass(frozen=True)
class GridCell:
    """A cell rectangle placed on the grid."""

    row: int
    col: int
    row_span: int
    col_span: int


@dataclass(frozen=True)
class Grid:
    """A table's grid lines and cells; ``owner[r][c]`` indexes ``cells`` (None: no cell)."""

    xs: tuple[float, ...]
    ys: tuple[float, ...]
    cells: tuple[GridCell, ...]
    owner: tuple[tuple[int | None, ...], ...]
    ruled: bool = True  # False: some row lines were found from the text, not drawn
    open_below: frozenset[int] = frozenset()  # grid columns left open at the bottom edge

    @property
    def n_rows(self) -> int:
        return len(self.ys) - 1

    @property
    def n_cols(self) -> int:
        return len(self.xs) - 1

    @property
    def box(self) -> Box:
        return (self.xs[0], self.ys[0], self.xs[-1], self.ys[-1])


# -- rules ------------------------------------------------------------------------------


def join_rules(rules: Iterable[Rule], settings: LayoutSettings) -> list[Rule]:
    """Snap parallel rules and join collinear pieces, so that an end is a real end."""
    joined: list[Rule] = []
    for vertical in (True, False):
        same = sorted((r for r in rules if r.vertical is vertical), key=lambda r: r.pos)
        for group in cluster_chain(same, lambda r: r.pos, settings.snap_tolerance):
            pos = sum(r.pos for r in group) / len(group)
            current: Rule | None = None
            for r in sorted(group, key=lambda r: r.start):
                if current is not None and r.start <= current.end + settings.join_tolerance:
                    current = Rule(vertical, pos, current.start, max(current.end, r.end))
                    continue
                if current is not None:
                    joined.append(current)
                current = Rule(vertical, pos, r.start, r.end)
            if current is not None:
                joined.append(current)
    return joined


def cluster_chain(items: Sequence[Any], key: Any, tolerance: float) -> list[list[Any]]:
    """Chain sorted ``items`` into groups whose successive keys differ at most ``tolerance``."""
    groups: list[list[Any]] = []
    for item in items:
        if groups and key(item) - key(groups[-1][-1]) <= tolerance:
            groups[-1].append(item)
        else:
            groups.append([item])
    return groups


def close_open_ends(rules: Sequence[Rule], glyphs: Sequence[Glyph], settings: LayoutSettings) -> list[Rule]:
    """Add the missing bottom (top) line where column rules stop with nothing across.

    A row cut by the page foot is often left open: its column rules run down to the
    margin and stop.  Where two or more vertical rules end at one height with no
    horizontal rule there, a horizontal rule is drawn across them, moved down (up) to
    take in text lines that straddle it, so that text stays inside the table.

    Inside a table ruled only by its columns, column rules also stop where a cell spans
    them: a group row (``I. CẢI CÁCH THỂ CHẾ`` across the row) or the upper level of a
    two-level header (``Tiến độ`` over ``Đã hoàn thành | Chưa hoàn thành``).  There the
    line is drawn on to the nearest rules on either side that run through that height,
    and one such end alone is enough when rules run through on both sides.
    """
    horizontal = [r for r in rules if not r.vertical]
    vertical = [r for r in rules if r.vertical]
    added: list[Rule] = []
    for at_bottom in (True, False):
        ends = [
            (r.end if at_bottom else r.start, r.pos)
            for r in vertical
            if not _meets(r, r.end if at_bottom else r.start, horizontal, settings)
        ]
        for group in cluster_chain(sorted(ends), lambda e: e[0], settings.snap_tolerance):
            y = max(e[0] for e in group) if at_bottom else min(e[0] for e in group)
            x0, x1 = min(e[1] for e in group), max(e[1] for e in group)
            left = _through(vertical, y, x0, -1, settings)
            right = _through(vertical, y, x1, 1, settings)
            if len(group) < 2 and (left is None or right is None):
                continue
            x0 = x0 if left is None else left
            x1 = x1 if right is None else right
            y = _straddling_extent(glyphs, x0, x1, y, at_bottom)
            added.append(Rule(False, y, x0, x1, drawn=left is None and right is None))
    return [*rules, *added, *_bridge_edges(vertical, horizontal, settings)]


def _bridge_edges(vertical: Sequence[Rule], horizontal: Sequence[Rule],
                  settings: LayoutSettings) -> list[Rule]:
    """Close the gaps of a table's bottom (top) line between two column rules that both
    end there.

    A browser leaves out the bottom line of a cell merged on to the next page (and the top
    line of its rest there) while drawing the others: the two column rules around it end
    at the line's height, and with no rule across them the lattice finds no cell.  Below
    (above) a table's edge nothing goes on, so a gap there is never a merged cell.
    """
    tol = settings.intersection_tolerance
    added: list[Rule] = []
    for at_bottom in (True, False):
        ends = sorted((r.end if at_bottom else r.start, r.pos) for r in vertical)
        for group in cluster_chain(ends, lambda e: e[0], settings.snap_tolerance):
            if len(group) < 2:
                continue
            y = sum(e[0] for e in group) / len(group)
            reaching = sorted({*(e[1] for e in group),
                               *(r.pos for r in vertical if r.start + tol < y < r.end - tol)})
            ending = {e[1] for e in group}
            level = [h for h in horizontal if abs(h.pos - y) <= tol]
            pairs = list(zip(reaching, reaching[1:], strict=False))
            if not any(_covered(level, a, b, tol) for a, b in pairs):
                continue  # no line at all: close_open_ends closes it
            added += [Rule(False, y, x0, x1, drawn=False) for x0, x1 in pairs
                      if x0 in ending and x1 in ending and not _covered(level, x0, x1, tol)]
    return added


def _covered(level: Sequence[Rule], x0: float, x1: float, tol: float) -> bool:
    """Some horizontal rule of ``level`` runs from ``x0`` to ``x1``."""
    return any(h.start <= x0 + tol and h.end >= x1 - tol for h in level)


def _through(
    vertical: Sequence[Rule], y: float, x: float, side: int, settings: LayoutSettings
) -> float | None:
    """The nearest vertical rule left (``side`` -1) or right (+1) of ``x`` that runs on
    through height ``y``, or None."""
    tol = settings.intersection_tolerance
    found = [r.pos for r in vertical
             if side * (r.pos - x) > settings.snap_tolerance and r.start + tol < y < r.end - tol]
    if not found:
        return None
    return max(found) if side < 0 else min(found)


def _meets(vertical: Rule, y: float, horizontal: Sequence[Rule], settings: LayoutSettings) -> bool:
    tol = settings.intersection_tolerance
    return any(abs(h.pos - y) <= tol and h.start - tol <= vertical.pos <= h.end + tol for h in horizontal)


def _straddling_extent(glyphs: Sequence[Glyph], x0: float, x1: float, y: float, at_bottom: bool) -> float:
    crossing = [g for g in glyphs if x0 < g.mid_x < x1 and g.top < y < g.bottom]
    if not crossing:
        return y
    return max(y, *(g.bottom for g in crossing)) if at_bottom else min(y, *(g.top for g in crossing))


def rules_to_cell_boxes(rules: Sequence[Rule], settings: LayoutSettings) -> list[list[Box]]:
    """pdfplumber's lattice stages: rules → cell rectangles, grouped by table, top first."""
    edges = [_rule_to_edge(r) for r in rules if r.end - r.start >= settings.edge_min_length]
    if sum(e["orientation"] == "v" for e in edges) < 2 or sum(e["orientation"] == "h" for e in edges) < 2:
        return []
    edges = merge_edges(
        edges,
        snap_x_tolerance=settings.snap_tolerance,
        snap_y_tolerance=settings.snap_tolerance,
        join_x_tolerance=settings.join_tolerance,
        join_y_tolerance=settings.join_tolerance,
    )
    tol = settings.intersection_tolerance
    cells = intersections_to_cells(edges_to_intersections(edges, tol, tol))
    return [[(float(a), float(b), float(c), float(d)) for a, b, c, d in t] for t in cells_to_tables(cells)]


def _rule_to_edge(rule: Rule) -> dict[str, Any]:
    """A pdfplumber edge dict (the shape ``merge_edges`` moves and resizes)."""
    if rule.vertical:
        x0 = x1 = rule.pos
        top, bottom = rule.start, rule.end
    else:
        x0, x1 = rule.start, rule.end
        top = bottom = rule.pos
    return {
        "object_type": "rule_edge",
        "orientation": "v" if rule.vertical else "h",
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "doctop": top,
        "width": x1 - x0,
        "height": bottom - top,
    }


# -- grid ------------------------------------------------------------------------------


def boxes_to_grid(boxes: Sequence[Box], tolerance: float) -> Grid | None:
    """Place cell rectangles on the grid of all their distinct boundaries.

    A rectangle that overlaps one already placed (a rule drawn twice, badly) is dropped.
    """
    xs = _boundaries([b[0] for b in boxes] + [b[2] for b in boxes], tolerance)
    ys = _boundaries([b[1] for b in boxes] + [b[3] for b in boxes], tolerance)
    if len(xs) < 2 or len(ys) < 2:
        return None
    owner: list[list[int | None]] = [[None] * (len(xs) - 1) for _ in range(len(ys) - 1)]
    cells: list[GridCell] = []
    for x0, top, x1, bottom in sorted(boxes, key=lambda b: (b[1], b[0])):
        c0, c1 = _nearest(xs, x0), _nearest(xs, x1)
        r0, r1 = _nearest(ys, top), _nearest(ys, bottom)
        slots = [(r, c) for r in range(r0, r1) for c in range(c0, c1)]
        if not slots or any(owner[r][c] is not None for r, c in slots):
            continue
        for r, c in slots:
            owner[r][c] = len(cells)
        cells.append(GridCell(r0, c0, r1 - r0, c1 - c0))
    if not cells:
        return None
    return Grid(tuple(xs), tuple(ys), tuple(cells), tuple(tuple(row) for row in owner))


def _boundaries(values: list[float], tolerance: float) -> list[float]:
    groups = cluster_chain(sorted(values), lambda v: v, tolerance)
    return [sum(g) / len(g) for g in groups]


def _nearest(lines: Sequence[float], value: float) -> int:
    return min(range(len(lines)), key=lambda i: abs(lines[i] - value))


def grid_to_table(
    grid: Grid,
    cell_lines: Sequence[Sequence[TextLine]],
    page: int,
    index: int,
    settings: LayoutSettings,
) -> RawTable:
    """The grid as a :class:`RawTable`, one row per grid row."""
    texts = _cell_texts(grid, cell_lines)
    rows = [_grid_row(grid, texts, r) for r in range(grid.n_rows)]
    return RawTable(_raw_rows(rows, page), grid.n_cols, index, ruled=grid.ruled, open_below=grid.open_below)


def _raw_rows(rows: Iterable[list[RawCell]], page: int) -> tuple[RawRow, ...]:
    return tuple(RawRow(tuple(cells), page=page) for cells in rows if cells)


def _grid_row(grid: Grid, texts: Sequence[str], r: int) -> list[RawCell]:
    """Grid row ``r``: each cell once, RESTART on its first row and CONTINUE below."""
    out: list[RawCell] = []
    seen: set[int] = set()
    for c in range(grid.n_cols):
        k = grid.owner[r][c]
        if k is None or k in seen:
            continue
        seen.add(k)
        cell = grid.cells[k]
        if cell.row < r:
            out.append(RawCell("", cell.col, cell.col_span, VMerge.CONTINUE))
            continue
        merge = VMerge.RESTART if cell.row_span > 1 else VMerge.NONE
        out.append(RawCell(texts[k], cell.col, cell.col_span, merge))
    return out


def _cell_texts(grid: Grid, cell_lines: Sequence[Sequence[TextLine]]) -> list[str]:
    """Each cell's text: its lines joined, a word the column was too narrow for made whole.

    A word wider than its column is cut where the column ends (``30/6/202`` / ``3``,
    ``ST`` / ``T``); a word that merely did not fit after the previous word moves whole to
    the next line.  The cut is told from the space left: the cell's inner width (its width
    less the table's smallest text indent, taken as the padding on both sides) could not
    hold the line plus the next line's first letter.
    """
    indents = [line.x0 - grid.xs[cell.col] for cell, lines in zip(grid.cells, cell_lines, strict=True)
               for line in lines]
    pad = max(0.0, min(indents, default=0.0))
    out: list[str] = []
    for cell, lines in zip(grid.cells, cell_lines, strict=True):
        inner = grid.xs[cell.col + cell.col_span] - grid.xs[cell.col] - 2 * pad
        parts: list[str] = []
        for i, line in enumerate(lines):
            if i and _cut_word(lines[i - 1], line, inner, parts[-1]):
                parts[-1] += line.text
            else:
                parts.append(line.text)
        out.append(join_lines(parts))
    return out


def _cut_word(line: TextLine, after: TextLine, inner: float, so_far: str = "") -> bool:
    """``line`` is one word that ran into the cell's edge and goes on in ``after``.

    The space left on the line cannot tell a cut word from a whole word that filled a
    narrow cell (``Số`` / ``TT``, ``hoàn`` / ``thành`` set in a wider font), so the words
    decide when they can: two syllables that do not make one are two words.  ``so_far``:
    the cell's text up to ``after``, whose last word is ``line`` with the pieces of it the
    lines above held (VNI ``tha`` / ``ønh`` / ``phaàn`` asks ``thaønh`` / ``phaàn``).
    """
    if " " in line.text or not after.text or after.text[0] == " ":
        return False
    if after.text[0] in "-+•–" and after.text[1:2] in ("", " "):
        return False  # a list marker, not the rest of ``465/UBND`` / ``-VP``
    # the next line's first letter, at most about one em wide (TCVN3 ``¾`` in ``kh`` / ``¾c``)
    letter = max((after.x1 - after.x0) / max(1, len(after.text)), after.bottom - after.top)
    word = so_far.split()[-1] if so_far.split() else line.text
    first = after.text.split()[0]
    if line.x1 - line.x0 + letter <= inner:
        # it fits, yet a lone letter may be cut off its syllable (TCVN3 ``C`` / ``ha``,
        # ``Chưa`` broken at its invisible ``ư``)
        return len(word) == 1 and word.isalpha() and _one_syllable(word + first)
    return not _two_words(word, first)


def _one_syllable(text: str) -> bool:
    """``text`` is one syllable as written or read as VNI or TCVN3."""
    readings = _READINGS if CP1252_CHARS.issuperset(text) else _READINGS[:1]
    return any(is_syllable(read(text).rstrip(_EDGE_PUNCT)) for read in readings)


_READINGS: tuple[Callable[[str], str], ...] = (str, decode_vni, decode_tcvn3)
_EDGE_PUNCT = "\"'“”‘’([{)]}.,;:!?"
_DOTTED = re.compile(r"\d+(?:\.\d+)+")
# cp1252 signs that are letters in TCVN3 (``®`` đ, ``¬`` ơ, ``¸`` á)
_TCVN3_SIGNS = frozenset(c for c in CP1252_CHARS if not c.isalpha() and decode_tcvn3(c).isalpha())


def _two_words(left: str, right: str) -> bool:
    """``left`` and ``right`` read as two words, not one word cut in two.

    Read as Unicode, or (when both are cp1252, as a legacy print is before it is decoded)
    as VNI or TCVN3 bytes too.  One word when some reading makes one syllable of both
    (``hoà`` / ``n``; VNI ``kha`` / ``éc``, though Unicode ``kha`` and ``éc`` are syllables
    too).  Else two when in some reading ``left`` is a syllable and so is ``right`` (VNI
    ``Trong`` / ``naêm``) or both begin no syllable (``Chưa`` / ``kh``, ``Năm`` / ``2023``),
    or ``left`` has Vietnamese letters (``Số`` / ``TT``); or when
    ``left`` ends a word with its punctuation, or is a symbol or number (or a word that
    begins no syllable with ``right``) followed by a lowercase syllable (``470/QĐ-UBND`` +
    ``ngày``, TCVN3 ``Tríc`` + ``ngµy``), or an acronym by a lowercase word.
    A fragment (``nh`` / ``ật``, ``30/6/202`` / ``3``, ``ST`` / ``T``) stays one word.
    """
    if left[-1:] in ",;:!?)" and (right[:1].isalpha() or right[:1] in _TCVN3_SIGNS):
        return True  # a word ended by its punctuation (``phòng,`` / ``đơn``, TCVN3 ``®¬n``)
    if left[-1:] == "." and len(left) > 2 and right[:1].isupper() and left[-2:-1].isalpha():
        return True  # a sentence ends, the next begins (``phương.`` / ``Nguyên``)
    if left[-1:] in ",;" and _DOTTED.match(right):
        return True  # a list of codes (``4.3.2.5,`` / ``4.6.5.2)``), not a decimal comma
    right = right.rstrip(_EDGE_PUNCT)
    left = left.lstrip(_EDGE_PUNCT)
    readings = _READINGS if CP1252_CHARS.issuperset(left + right) else _READINGS[:1]
    two = weak = False
    for read in readings:
        a, b, joined = read(left), read(right), read(left + right)
        if is_syllable(joined):
            return False
        if not is_syllable(a):
            symbol = a[-1:].isupper() or a[-1:].isdigit() or bool(re.search(r"\d/", a))
            # a symbol or number, then a word (``470/QĐ-UBND``, ``280/KH-TTr`` / ``ngày``), or
            # a word TCVN3 printed without its ``ư`` (``Trớc`` / ``ngày``)
            apart = symbol or (a.isalpha() and not starts_syllable(joined))
            two = two or (is_syllable(b) and b[:1].islower() and apart)
            continue
        two = two or is_syllable(b) or not starts_syllable(joined)
        weak = weak or not a.isascii()
    return two or weak or _acronym_then_word(left, right)


_ACRONYM_END = re.compile(r"[A-ZĐ]{2}$")
_LOWER_START = re.compile(r"^[^\W\d_A-ZĐ]{2}")


def _acronym_then_word(left: str, right: str) -> bool:
    """Capitals then a lowercase word (``UBND`` / ``huyeä``, itself cut again): two words."""
    return bool(_ACRONYM_END.search(left)) and bool(_LOWER_START.match(right))


def join_lines(texts: Sequence[str]) -> str:
    """A cell's printed lines joined with ``"\n"``, as every reader gives them.

    Cleaning (``cchc.text.vietnamese.squash_spaces``) decides later how a break reads: a
    space, or nothing where a line wrapped at the hyphen of ``112/KH-SNV``.
    """
    return "\n".join(texts)


def is_lead_column(grid: Grid, k: int, settings: LayoutSettings) -> bool:
    """Cell ``k`` lies in a narrow first column (TT), one column wide."""
    cell = grid.cells[k]
    width = grid.xs[cell.col + cell.col_span] - grid.xs[cell.col]
    total = grid.xs[-1] - grid.xs[0]
    return (cell.col == 0 and cell.col_span == 1 and grid.n_cols > 1
            and width <= settings.lead_column_max_share * total)


# -- page ------------------------------------------------------------------------------


def layout_to_grids(layout: PageLayout, settings: LayoutSettings, extra: Sequence[Rule] = ()) -> list[Grid]:
    """The page's table grids, top first; none when the page has no rules across rules.

    ``extra`` are row lines found from the text (``pdf_rows``), added after the drawn
    rules are joined and closed.
    """
    if not any(r.vertical for r in layout.rules):
        return []
    joined = join_rules(layout.rules, settings)
    rules = [*close_open_ends(joined, layout.glyphs, settings), *extra]
    grids = (boxes_to_grid(b, settings.grid_tolerance) for b in rules_to_cell_boxes(rules, settings))
    found = [g for g in grids if g is not None]
    inferred = [r for r in rules if not r.drawn]
    drawn = [r for r in joined if not r.vertical]
    found = [replace(g, open_below=_open_below(g, drawn, settings)) for g in found]
    return [replace(g, ruled=False) if _holds_any(g, inferred) else g for g in found]


def _open_below(grid: Grid, drawn: Sequence[Rule], settings: LayoutSettings) -> frozenset[int]:
    """Grid columns whose bottom cell has no line drawn under it while others have one: a
    cell merged on to the next page."""
    tol = settings.intersection_tolerance
    level = [h for h in drawn if abs(h.pos - grid.ys[-1]) <= tol]
    bottom = [c for c in grid.cells if c.row + c.row_span == grid.n_rows]
    open_cells = [c for c in bottom
                  if not _covered(level, grid.xs[c.col], grid.xs[c.col + c.col_span], tol)]
    if not open_cells or len(open_cells) == len(bottom):
        return frozenset()
    return frozenset(col for c in open_cells for col in range(c.col, c.col + c.col_span))


def _holds_any(grid: Grid, rules: Sequence[Rule]) -> bool:
    """Some of ``rules`` (horizontal) lies inside the grid's box."""
    x0, top, x1, bottom = grid.box
    return any(top + 0.5 < r.pos < bottom - 0.5 and r.start < x1 and r.end > x0 for r in rules)


def distribute_glyphs(
    grids: Sequence[Grid], glyphs: Iterable[Glyph]
) -> tuple[list[list[list[Glyph]]], list[Glyph]]:
    """Glyphs per grid per cell (the innermost grid wins), and the glyphs outside all cells.

    A glyph's centre is looked up in each grid's lines by bisection (``owner`` names the
    cell a merged position belongs to); the centre is computed once per glyph, as
    ``Glyph.mid_x`` / ``mid_y`` compute it (every glyph of a page passes here).
    """
    buckets: list[list[list[Glyph]]] = [[[] for _ in grid.cells] for grid in grids]
    outside: list[Glyph] = []
    by_area = sorted(range(len(grids)), key=lambda i: _area(grids[i].box))
    lattices = [(grids[i].xs, grids[i].ys, grids[i].n_cols, grids[i].n_rows, grids[i].owner, buckets[i])
                for i in by_area]
    for g in glyphs:
        x, y = (g.x0 + g.x1) / 2, (g.top + g.bottom) / 2
        for xs, ys, n_cols, n_rows, owner, cells in lattices:
            col, row = bisect_right(xs, x) - 1, bisect_right(ys, y) - 1
            if 0 <= col < n_cols and 0 <= row < n_rows:
                k = owner[row][col]
                if k is not None:
                    cells[k].append(g)
                    break
        else:
            outside.append(g)
    return buckets, outside


def _area(box: Box) -> float:
    return (box[2] - box[0]) * (box[3] - box[1])
