"""Stitch table fragments (Word tables cut by hand, PDF or text-export pages) into rows.

The rule, for fragments that continue one table (same column layout):

1. The first fragment's header rows are dropped; a later fragment's leading rows that
   repeat a header row (same folded texts, or a column-number row) are dropped too.
2. A blank row and a column-number row are dropped; a group row becomes the ``section`` of
   the rows below and is never a finding: ``I. CÔNG TÁC …`` as one text, in a cell spanning
   the row or in a row that is otherwise empty; or a Roman numeral or capital letter alone
   in the TT cell with the title in one other cell (spanning the rest or not).  A group
   row cut by a page break goes on at the top of the next page as one text without a
   numeral (TT empty): it is the rest of the title, not a finding.
3. A row whose seq (TT) cell is empty continues the row above, cell by cell: its text is
   appended to the cell it continues as a new line (cleaning joins lines with a space,
   or with nothing after a hyphen that cut a symbol such as ``KH-`` / ``SNV``).
4. A vertically merged cell (``CONTINUE``) shares the cell above: one text, given to every
   row it spans, and listed in their ``merged``.  A continuation row's text for a merged
   column goes to the merged cell, so the text cut by a page break stays whole.  A cell
   that a fragment leaves open at its foot (``RawTable.open_below``: a PDF page drew no
   line under it) goes on in the next fragment's first row, even when that row starts a
   new finding.
5. Unruled fragments (text exports) do not know their merges; two inferences, both marked
   ``merge_inferred``: (a) a row's cell that is empty on its first page but continued on
   the next is the lower part of the cell above (a cell's text starts at the top of its
   row); (b) a row whose follow-up cells (remedy, owner, deadline, progress, note) are all
   empty while the row above has them shares them; (c) two or more rows in a row of one
   group with one column (remedy, owner, deadline, progress) empty share the cell of the
   row above them, a merged cell (one empty cell alone stays empty).

The input fragments are not changed; new :class:`LogicalRow` objects are returned.

Limitations: a finding whose own TT cell is blank (not a continuation) is merged into the
row above; fragments must share one grid (a page with a different column layout is not
re-aligned by x position).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cchc.extract.columns import ColumnMap, Role, is_column_number_row, row_key
from cchc.extract.model import RawRow, RawTable, VMerge
from cchc.text.vietnamese import fold, squash_spaces

_GROUP_TEXT = re.compile(r"^\s*([IVXLC]{1,6}|[A-ZĐ])\s*[.)/-]\s*\S")
# A group's numeral alone in the TT cell: a Roman numeral or a capital letter, never a digit
# (a finding's seq) nor a lower-case letter (a sub-item ``a)``).
_GROUP_NUMERAL = re.compile(r"^(?:[IVXLC]{1,6}|[A-ZĐ])\s*[.):]?$")
_FOLLOW_UP = (Role.REMEDY, Role.OWNER, Role.DEADLINE, Role.PROGRESS, Role.NOTE)
_RUN_ROLES = (Role.REMEDY, Role.OWNER, Role.DEADLINE, Role.PROGRESS)  # rule 5(c)


@dataclass(frozen=True)
class LogicalCell:
    text: str
    pages: tuple[int, ...]
    merged: bool  # shared by several rows (vertical merge)
    inferred: bool = False  # merge inferred from an unruled layout


@dataclass(frozen=True)
class LogicalRow:
    """One finding's row after stitching: texts by role, with provenance."""

    cells: dict[Role, LogicalCell]
    pages: tuple[int, ...]
    section: str | None

    def text(self, role: Role) -> str:
        cell = self.cells.get(role)
        return cell.text if cell else ""


@dataclass(eq=False)
class _Ref:
    """A cell under construction; shared by rows when vertically merged."""

    parts: list[str] = field(default_factory=list)
    pages: set[int] = field(default_factory=set)
    users: int = 0
    inferred: bool = False

    def add(self, text: str, page: int | None) -> None:
        if text.strip():
            self.parts.append(text.strip())
            if page is not None:
                self.pages.add(page)

    @property
    def empty(self) -> bool:
        return not self.parts


@dataclass(eq=False)
class _Row:
    refs: list[_Ref]
    pages: set[int]
    section: str | None


class _Stitcher:
    def __init__(self, columns: ColumnMap, n_cols: int) -> None:
        self.columns = columns
        self.n_cols = n_cols
        self.seq_col = columns.column_of(Role.SEQ)
        self.rows: list[_Row] = []
        self.last_refs: list[_Ref] | None = None
        self.section: str | None = None
        self.group_page: int | None = None  # page of a group row not yet followed by a finding
        self.open_below: frozenset[int] = frozenset()  # the last fragment's cells going on

    def feed(self, table: RawTable, skip: int) -> None:
        carried, self.open_below = self.open_below, table.open_below
        for raw in table.rows[skip:]:
            if raw.is_blank or is_column_number_row(raw):
                continue
            if self._continues_group(raw):
                continue
            group = _group_text(raw, self.n_cols, self.seq_col)
            if group is not None:
                self.section = group
                self.group_page = raw.page
                self.last_refs = None
                carried = frozenset()
                continue
            self.group_page = None
            if self._is_continuation(raw):
                self._continue(raw, table.ruled)
            else:
                self._start(raw, carried)
            carried = frozenset()

    def _continues_group(self, raw: RawRow) -> bool:
        """Rule 2b: the rest of a group row's title, cut by the page break, goes on the
        next page (TT empty, no numeral of its own): it is added to the section."""
        if self.section is None or self.group_page is None or raw.page is None \
                or raw.page == self.group_page or self.seq_col is None:
            return False
        if raw.text_at(self.seq_col).strip() and _group_text(raw, self.n_cols, self.seq_col) is None:
            return False
        texts = [c.text for c in raw.cells if c.v_merge is not VMerge.CONTINUE and c.text.strip()]
        if len(texts) != 1 or _GROUP_TEXT.match(squash_spaces(texts[0])):
            return False
        self.section = squash_spaces(f"{self.section}\n{texts[0]}")
        self.group_page = raw.page
        return True

    def _is_continuation(self, raw: RawRow) -> bool:
        if not self.rows or self.seq_col is None:
            return False
        cell = raw.cell_at(self.seq_col)
        return cell is None or cell.v_merge is VMerge.CONTINUE or not cell.text.strip()

    def _start(self, raw: RawRow, carried: frozenset[int] = frozenset()) -> None:
        """A new finding's row; its cells in ``carried`` columns go on from the cell above
        (merged across the fragments' boundary: rule 4), their text added to it."""
        refs: list[_Ref] = []
        for col in range(self.n_cols):
            cell = raw.cell_at(col)
            if col in carried and self.last_refs is not None and not (cell is not None and col > cell.col):
                ref = self.last_refs[col]
                if cell is not None and cell.v_merge is not VMerge.CONTINUE:
                    ref.add(cell.text, raw.page)
                refs.append(ref)
                continue
            refs.append(self._ref_for(raw, col, refs, new=True))
        for ref in {id(r): r for r in refs}.values():
            ref.users += 1
        row = _Row(refs=refs, pages={raw.page} if raw.page is not None else set(),
                   section=self.section)
        self.rows.append(row)
        self.last_refs = refs

    def _ref_for(self, raw: RawRow, col: int, so_far: list[_Ref], *, new: bool) -> _Ref:
        cell = raw.cell_at(col)
        if cell is not None and col > cell.col:
            return so_far[col - 1]  # horizontally spanned: the same cell
        if cell is not None and cell.v_merge is VMerge.CONTINUE and self.last_refs is not None:
            return self.last_refs[col]
        ref = _Ref()
        if cell is not None:
            ref.add(cell.text, raw.page)
        return ref

    def _continue(self, raw: RawRow, ruled: bool) -> None:
        row = self.rows[-1]
        above = self.rows[-2] if len(self.rows) > 1 else None
        targets: list[_Ref] = []
        for col in range(self.n_cols):
            cell = raw.cell_at(col)
            if cell is not None and col > cell.col:
                targets.append(targets[col - 1])
                continue
            if cell is not None and cell.v_merge is VMerge.CONTINUE and self.last_refs is not None:
                targets.append(self.last_refs[col])
                continue
            ref = row.refs[col]
            text = cell.text if cell is not None else ""
            if text.strip() and not ruled and ref.empty and ref.users == 1 and above is not None \
                    and not above.refs[col].empty and col != self.seq_col:
                ref = self._share_above(row, above, col)
            ref.add(text, raw.page)
            targets.append(ref)
        if raw.page is not None:
            row.pages.add(raw.page)
        self.last_refs = targets

    @staticmethod
    def _share_above(row: _Row, above: _Row, col: int) -> _Ref:
        shared = above.refs[col]
        shared.users += 1
        shared.inferred = True
        row.refs[col] = shared
        return shared

    def infer_empty_follow_ups(self) -> None:
        """Rule 5(b): a row with no follow-up text of its own shares the row above's cells."""
        cols = [c for c, r in self.columns.roles.items() if r in _FOLLOW_UP]
        for above, row in zip(self.rows, self.rows[1:], strict=False):
            own = [c for c in cols if row.refs[c] is not above.refs[c]]
            if not own or not all(row.refs[c].empty for c in own):
                continue
            for col in own:
                if not above.refs[col].empty:
                    self._share_above(row, above, col)

    def infer_blank_runs(self) -> None:
        """Rule 5(c): two or more rows in a row of one group whose cell of a column is empty,
        under a row that has one, share it: a merged cell (remedy, owner, deadline, progress
        given once for several findings).  One empty cell is left empty: findings without an
        owner or a deadline are as common as a merge over two rows."""
        for col, role in self.columns.roles.items():
            if role not in _RUN_ROLES:
                continue
            k = 1
            while k < len(self.rows):
                if self.rows[k - 1].refs[col].empty:
                    k += 1
                    continue
                end = k
                while end < len(self.rows) and self._own_blank(end, col, self.rows[k - 1].section):
                    end += 1
                if end - k >= 2:
                    for i in range(k, end):
                        self._share_above(self.rows[i], self.rows[i - 1], col)
                k = max(end, k + 1)

    def _own_blank(self, i: int, col: int, section: str | None) -> bool:
        """Row ``i`` has no text of its own in ``col`` and belongs to ``section``."""
        row = self.rows[i]
        ref = row.refs[col]
        return row.section == section and ref.empty and ref.users == 1

    def logical_rows(self) -> list[LogicalRow]:
        out: list[LogicalRow] = []
        for row in self.rows:
            cells: dict[Role, LogicalCell] = {}
            pages = set(row.pages)
            seen: set[int] = set()
            for col, role in sorted(self.columns.roles.items()):
                ref = row.refs[col]
                if id(ref) in seen:
                    continue
                seen.add(id(ref))
                pages |= ref.pages
                cells[role] = LogicalCell(text="\n".join(ref.parts),
                                          pages=tuple(sorted(ref.pages)),
                                          merged=ref.users > 1, inferred=ref.inferred)
            out.append(LogicalRow(cells=cells, pages=tuple(sorted(pages)), section=row.section))
        return out


def _group_text(raw: RawRow, n_cols: int, seq_col: int | None) -> str | None:
    """The section title when ``raw`` is a group row, else ``None``.

    Three ways units print a group row, all giving the same section text:
    one cell spanning the row (``I. CẢI CÁCH THỂ CHẾ``); the numeral in the TT cell and the
    title spanning the rest; the numeral in the TT cell and the title in one other cell,
    every other cell empty.  A numeral in its own cell is joined to the title as printed:
    ``I`` + ``Title`` → ``I. Title``; ``II.`` + ``Title`` → ``II. Title``.
    """
    cells = [c for c in raw.cells if c.v_merge is not VMerge.CONTINUE and c.text.strip()]
    if len(cells) == 1:
        only = cells[0]
        text = squash_spaces(only.text)
        spans_row = only.col_span >= max(2, n_cols - 1)
        if spans_row or _GROUP_TEXT.match(text):
            return text
        return None
    if len(cells) == 2 and seq_col is not None and cells[0].col <= seq_col < cells[0].end_col:
        numeral = squash_spaces(cells[0].text)
        title = squash_spaces(cells[1].text)
        if _GROUP_NUMERAL.match(numeral) and not _GROUP_NUMERAL.match(title):
            joiner = " " if numeral[-1] in ".)/-:" else ". "
            return f"{numeral}{joiner}{title}"
    return None


def _leading_header_rows(table: RawTable, columns: ColumnMap) -> int:
    """How many leading rows of a later fragment repeat the header (or number the columns)."""
    keys = set(columns.header_keys)
    skip = 0
    for raw in table.rows:
        if raw.is_blank:
            skip += 1
        elif row_key(raw, table.n_cols) in keys or is_column_number_row(raw) or _is_header_like(raw):
            skip += 1
        else:
            break
    return skip


def _is_header_like(raw: RawRow) -> bool:
    """A header row repeated with small differences: flagged by Word, or TT/STT in its first cell."""
    return raw.is_header or fold(raw.text_at(0)) in {"tt", "stt", "so tt"}


def stitch(fragments: list[RawTable], columns: ColumnMap) -> list[LogicalRow]:
    """Rows of the appendix, stitched over its fragments (see the module docstring)."""
    if not fragments:
        return []
    n_cols = max(t.n_cols for t in fragments)
    stitcher = _Stitcher(columns, n_cols)
    for i, table in enumerate(fragments):
        skip = columns.header_start + columns.header_rows if i == 0 else _leading_header_rows(table, columns)
        stitcher.feed(table, skip)
    if not all(t.ruled for t in fragments):
        stitcher.infer_blank_runs()
        stitcher.infer_empty_follow_ups()
    return stitcher.logical_rows()
