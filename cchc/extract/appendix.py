"""Locate the remediation appendix among a document's tables, by its header's meaning.

A report body may hold other tables (statistics, the borderless header block); the
appendix is the table whose header names shortcomings and their follow-up (remedy,
deadline, progress or status marks).  The tables that follow it and continue it — a
PDF's next pages, a Word table cut by hand — are gathered as its fragments: same column
count, nothing between them but page furniture (page numbers, running footers).
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from cchc.errors import AppendixNotFound
from cchc.extract.columns import ColumnMap, map_columns
from cchc.extract.model import ExtractedDocument, Paragraph, RawTable
from cchc.extract.stitching import LogicalRow, stitch
from cchc.text.vietnamese import fold

_FURNITURE = regex.compile(r"^(trang\s*)?[-–(]?\s*\d{1,4}\s*[-–)]?(\s*/\s*\d{1,4})?$")
_APPENDIX_HEADING = regex.compile(r"^(phu luc|bieu|bang)\b")
_CAPTION_LINES = 6


@dataclass(frozen=True)
class Appendix:
    """The appendix as one logical table, with the text around it for the metadata."""

    columns: ColumnMap
    rows: tuple[LogicalRow, ...]
    fragments: tuple[RawTable, ...]
    head_lines: tuple[str, ...]  # document text before the appendix (header block, body)
    caption_lines: tuple[str, ...]  # "PHỤ LỤC", the title, "(Kèm theo Báo cáo số …)"


def _is_furniture(text: str) -> bool:
    """Page numbers and similar lines that sit between two pages of one table."""
    return bool(_FURNITURE.match(fold(text)))


def _continues(first: RawTable, candidate: RawTable, columns: ColumnMap) -> bool:
    if candidate.n_cols != first.n_cols:
        return False
    other = map_columns(candidate)
    return other is None or other.roles == columns.roles


def _gather(blocks: list[Paragraph | RawTable], start: int, columns: ColumnMap) -> list[RawTable]:
    """The appendix table at ``blocks[start]`` and the tables that continue it."""
    first = blocks[start]
    assert isinstance(first, RawTable)
    fragments = [first]
    for block in blocks[start + 1:]:
        if isinstance(block, Paragraph):
            if _is_furniture(block.text):
                continue
            break
        if not _continues(first, block, columns):
            break
        fragments.append(block)
    return fragments


def _table_lines(table: RawTable) -> list[str]:
    """A non-appendix table (the header block) read as lines, row by row, cell by cell."""
    return [line for row in table.rows for cell in row.cells for line in cell.text.split("\n")
            if line.strip()]


def _text_before(blocks: list[Paragraph | RawTable], start: int) -> tuple[list[str], list[str]]:
    lines: list[str] = []
    for block in blocks[:start]:
        lines.extend([block.text] if isinstance(block, Paragraph) else _table_lines(block))
    heading = max((i for i, line in enumerate(lines) if _APPENDIX_HEADING.match(fold(line))),
                  default=None)
    if heading is None:
        heading = max(0, len(lines) - _CAPTION_LINES)
    return lines[:heading], lines[heading:]


def find_appendix(document: ExtractedDocument) -> Appendix:
    """The appendix of ``document`` stitched into rows; :class:`AppendixNotFound` if none."""
    blocks = list(document.blocks)
    best: tuple[int, int, ColumnMap] | None = None
    for i, block in enumerate(blocks):
        if not isinstance(block, RawTable):
            continue
        columns = map_columns(block)
        if columns is None or not columns.looks_like_appendix:
            continue
        score = len(columns.role_set)
        if best is None or score > best[0]:
            best = (score, i, columns)
    if best is None:
        raise AppendixNotFound(document.file, "no_appendix",
                               "không tìm thấy bảng phụ lục kết quả khắc phục tồn tại, hạn chế "
                               "(no remediation appendix table)")
    _, start, columns = best
    fragments = _gather(blocks, start, columns)
    head, caption = _text_before(blocks, start)
    rows = stitch(fragments, columns)
    return Appendix(columns=columns, rows=tuple(rows), fragments=tuple(fragments),
                    head_lines=tuple(head), caption_lines=tuple(caption))
