"""Neutral, immutable types that every format reader produces.

A reader turns a file into an :class:`ExtractedDocument`: the document's blocks in reading
order (paragraph text and raw tables).  Nothing downstream of ``extract/`` knows which
format a table came from; it only sees grid rows of :class:`RawCell`.

Grid model (shared by Word, PDF and text exports)::

    grid col:   0      1            2           3
              +----+---------+-----------------------+
    row 0     | TT | Tồn tại | Tiến độ (col_span=2)  |   header, level 1
              |    | (v_merge|-----------+-----------+
    row 1     |    |  cont.) | Đã HT     | Chưa HT   |   header, level 2
              +----+---------+-----------+-----------+

A cell sits at grid column ``col`` and covers ``col_span`` columns.  A cell whose
``v_merge`` is ``CONTINUE`` carries no text of its own: it is the lower part of the
cell above it (Word ``w:vMerge`` without ``restart``; in a PDF, a missing ruling line
between two rows of the same column).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # lost_u is imported only where a TCVN3 document is repaired
    from cchc.text.lost_u import TextRepair


class VMerge(str, Enum):
    """Vertical merge state of a grid cell."""

    NONE = "none"
    RESTART = "restart"
    CONTINUE = "continue"


@dataclass(frozen=True)
class RawCell:
    """One cell of a raw table row.

    ``text`` keeps the cell's lines (Word paragraphs, PDF text lines) joined with
    ``"\\n"``; list paragraphs carry their printed marker (``"- "``, ``"1. "``) so a
    Word bullet reads like the same bullet printed in a PDF.
    """

    text: str
    col: int
    col_span: int = 1
    v_merge: VMerge = VMerge.NONE

    @property
    def end_col(self) -> int:
        """First grid column after this cell."""
        return self.col + self.col_span


@dataclass(frozen=True)
class RawRow:
    """A row of a raw table, with the page it was printed on (``None`` when unknown)."""

    cells: tuple[RawCell, ...]
    page: int | None = None
    is_header: bool = False  # Word ``w:tblHeader``: a repeated header row, a hint only

    def cell_at(self, col: int) -> RawCell | None:
        """The cell covering grid column ``col``, or ``None`` when the row ends early."""
        return self._by_column.get(col)

    @cached_property
    def _by_column(self) -> dict[int, RawCell]:
        """Grid column → covering cell, built once: stitching asks for every column of every
        row, and a scan per question made wide tables quadratic."""
        return {c: cell for cell in self.cells for c in range(cell.col, cell.end_col)}

    def text_at(self, col: int) -> str:
        """Text of the cell covering ``col`` ('' for a merged continuation or a gap)."""
        cell = self.cell_at(col)
        if cell is None or cell.v_merge is VMerge.CONTINUE:
            return ""
        return cell.text

    @property
    def is_blank(self) -> bool:
        return all(not c.text.strip() for c in self.cells)


@dataclass(frozen=True)
class RawTable:
    """A table as one reader saw it: a whole Word table, or one PDF/text page fragment.

    ``ruled`` says whether the reader knew the cell borders (Word XML, PDF ruling lines).
    A text export is not ruled: vertical merges there must be inferred when stitching.
    """

    rows: tuple[RawRow, ...]
    n_cols: int
    index: int  # position among the document's tables, in reading order
    ruled: bool = True
    open_below: frozenset[int] = frozenset()  # grid columns whose last cell goes on past the
    # fragment's end (a PDF page drew no bottom line under it: merged on to the next page)

    @property
    def pages(self) -> tuple[int, ...]:
        return tuple(sorted({r.page for r in self.rows if r.page is not None}))


@dataclass(frozen=True)
class Paragraph:
    """A line of text outside tables (or inside a non-appendix table), in reading order."""

    text: str
    page: int | None = None


Block = Paragraph | RawTable


@dataclass(frozen=True)
class OcrText:
    """A line or a word read by OCR from a scan, with its mean word confidence (0–100).

    Kept beside the blocks (whose text is plain) so that normalizing can tell, field by
    field, how sure the reading was (``cchc.normalize.ocr_review``).
    """

    text: str
    confidence: float
    words: int = 1


@dataclass(frozen=True)
class ExtractedDocument:
    """Everything a reader took from one file, before the appendix is chosen."""

    file: str
    format: str  # "docx" | "doc" | "pdf" | "txt"
    blocks: tuple[Block, ...]
    pages: int | None = None
    font_hints: tuple[str, ...] = field(default=())  # legacy-font names seen (".VnTime", "VNI-Times")
    text_repairs: tuple[TextRepair, ...] = field(default=())  # lost "ư" restored (encoding_pass)
    ocr: tuple[OcrText, ...] | None = None  # a scan read by OCR: its lines' and words' confidences

    @property
    def tables(self) -> tuple[RawTable, ...]:
        return tuple(b for b in self.blocks if isinstance(b, RawTable))

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        return tuple(b for b in self.blocks if isinstance(b, Paragraph))
