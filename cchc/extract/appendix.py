"""Locate the remediation appendix among a document's tables, by its header's meaning.

A report body may hold other tables (statistics, the borderless header block); the
appendix is the table whose header names shortcomings and their follow-up (remedy,
deadline, progress or status marks).  The tables that follow it and continue it — a
PDF's next pages, a Word table cut by hand — are gathered as its fragments: same column
count, nothing between them but page furniture (page numbers, running footers).

A report may carry more than one such table (Phụ lục I and II, or one table per reform
area with its own header).  None is dropped: their rows follow each other in document
order, and the text before the first one is the report's head and caption.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cchc.errors import AppendixNotFound
from cchc.extract.columns import ColumnMap, Role, map_columns
from cchc.extract.model import ExtractedDocument, Paragraph, RawTable
from cchc.extract.stitching import LogicalRow, stitch
from cchc.text.vietnamese import fold

_FURNITURE = re.compile(r"^(trang\s*)?[-–(]?\s*\d{1,4}\s*[-–)]?(\s*/\s*\d{1,4})?$")
_APPENDIX_HEADING = re.compile(r"^(phu luc|bieu|bang)\b")
_CAPTION_LINES = 6


@dataclass(frozen=True)
class Appendix:
    """The appendix as one logical table, with the text around it for the metadata."""

    columns: ColumnMap  # of the first appendix table
    roles: frozenset[Role]  # every role any appendix table has
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
    other = map_columns(candidate)  # body text may name a role or two: only a header counts,
    if other is None or not other.looks_like_appendix or other.roles == columns.roles:
        return True
    # and a header names the TT column when the first one does (body text never reads "TT")
    return Role.SEQ in columns.role_set and Role.SEQ not in other.role_set


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


def _candidates(blocks: list[Paragraph | RawTable]) -> list[tuple[int, ColumnMap]]:
    """Every table whose header reads like a remediation appendix, in document order."""
    found = []
    for i, block in enumerate(blocks):
        if isinstance(block, RawTable):
            columns = map_columns(block)
            if columns is not None and columns.looks_like_appendix:
                found.append((i, columns))
    return found


def find_appendix(document: ExtractedDocument) -> Appendix:
    """The appendix of ``document`` stitched into rows; :class:`AppendixNotFound` if none."""
    blocks = list(document.blocks)
    candidates = _candidates(blocks)
    if not candidates:
        raise AppendixNotFound(document.file, "no_appendix",
                               "không tìm thấy bảng phụ lục kết quả khắc phục tồn tại, hạn chế "
                               "(no remediation appendix table)")
    taken: set[int] = set()
    rows: list[LogicalRow] = []
    fragments: list[RawTable] = []
    for start, columns in candidates:
        if id(blocks[start]) in taken:
            continue  # a later page of a table already gathered
        group = _gather(blocks, start, columns)
        taken.update(id(t) for t in group)
        fragments.extend(group)
        rows.extend(stitch(group, columns))
    first, first_columns = candidates[0]
    head, caption = _text_before(blocks, first)
    roles = frozenset(role for _, c in candidates for role in c.role_set)
    return Appendix(columns=first_columns, roles=roles, rows=tuple(rows),
                    fragments=tuple(fragments), head_lines=tuple(head), caption_lines=tuple(caption))
