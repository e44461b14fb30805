"""The literal data of a sample: what goes into each cell and what a reader decided it means.

A :class:`Cell` holds the paragraphs written into the Word cell *and* the cleaned value the
record must show for it (decided by hand with the rules of ``docs/record-format.md``: list
markers removed, items joined by ``"\\n"``, whitespace squashed).  A :class:`Row` holds its cells
and an :class:`Expect` with the hand-decided normalized values (seq, criteria, deadline kind and
due date, status and evidence, overdue, merged fields, audit entries).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Literal

SegKind = Literal["text", "ins", "del", "link", "date", "shy", "br"]
ListKind = Literal["bullet", "decimal"]

# Fields in the order the record lists them (and ``merged`` names them).
TEXT_ROLES = ("shortcoming", "criteria", "remedy", "owner", "deadline", "progress", "note")


@dataclass(frozen=True)
class Seg:
    """A run-level piece of a paragraph: plain text or one of Word's special run containers."""

    kind: SegKind
    text: str = ""
    url: str = ""
    iso: str = ""


@dataclass(frozen=True)
class Para:
    """One paragraph of a cell; ``numbering`` makes it a Word list item (marker not in text)."""

    segs: tuple[Seg, ...]
    numbering: ListKind | None = None
    bold: bool = False


@dataclass(frozen=True)
class Cell:
    """What the cell shows in Word and the cleaned value the record keeps for it."""

    paras: tuple[Para, ...]
    value: str | None
    items: tuple[str, ...]


def _assert_clean(text: str) -> None:
    """A value we type as 'already clean' must really be: NFC, no stray or doubled spaces."""
    assert unicodedata.is_normalized("NFC", text), text
    assert text == text.strip() and "  " not in text and "\n" not in text, repr(text)


def plain(text: str) -> Cell:
    """A one-paragraph cell whose text is already its cleaned value."""
    _assert_clean(text)
    return Cell((Para((Seg("text", text),)),), text, (text,))


def blank() -> Cell:
    """An empty cell (one empty paragraph, as Word requires)."""
    return Cell((Para(()),), None, ())


def dashed(items: list[str], marker: str = "- ") -> Cell:
    """A list typed by hand: each item its own paragraph starting with the marker character."""
    for item in items:
        _assert_clean(item)
    paras = tuple(Para((Seg("text", marker + item),)) for item in items)
    return Cell(paras, "\n".join(items), tuple(items))


def typed_numbers(items: list[str]) -> Cell:
    """A numbered list typed by hand (``1. …``, ``2. …`` in the text, one paragraph each)."""
    for item in items:
        _assert_clean(item)
    paras = tuple(Para((Seg("text", f"{n}. {item}"),)) for n, item in enumerate(items, 1))
    return Cell(paras, "\n".join(items), tuple(items))


def listed(items: list[str], kind: ListKind = "bullet") -> Cell:
    """A Word list (``w:numPr``): Word prints ``-`` or ``1.``; the text holds only the item."""
    for item in items:
        _assert_clean(item)
    paras = tuple(Para((Seg("text", item),), numbering=kind) for item in items)
    return Cell(paras, "\n".join(items), tuple(items))


def custom(paras: list[Para], value: str | None, items: list[str] | None = None) -> Cell:
    """A cell with special runs; its cleaned value is written out by hand beside it."""
    if value is not None:
        for line in value.split("\n"):
            _assert_clean(line)
    chosen = items if items is not None else ([] if value is None else value.split("\n"))
    return Cell(tuple(paras), value, tuple(chosen))


def text_para(text: str, numbering: ListKind | None = None) -> Para:
    """Shorthand for a paragraph of plain text."""
    return Para((Seg("text", text),), numbering=numbering)


@dataclass(frozen=True)
class Note:
    """One hand-written audit entry of a row (severity and field come from the code table)."""

    code: str
    message: str


@dataclass(frozen=True)
class Expect:
    """The hand-decided normalized values of one finding.

    ``text`` overrides a text field's value when it does not come from the row's own cell
    alone (a row continued on a second table row); merged cells are carried automatically
    from the cell that starts the merge.
    """

    seq: int | None
    criteria: list[str]
    deadline_kind: str | None
    due_date: str | None
    status: str
    evidence: str | None
    overdue: bool = False
    merged: list[str] = field(default_factory=list)
    audit: list[Note] = field(default_factory=list)
    text: dict[str, str | None] = field(default_factory=dict)
    items: list[str] | None = None


@dataclass(frozen=True)
class Row:
    """A table row: the TT cell text, the cells by role, vertical merges, and the expectation.

    ``vmerge`` maps a role to ``True`` (the merge starts here) or ``False`` (continues).
    ``expect`` is ``None`` for a continuation row (empty TT, text pasted from a PDF page cut).
    """

    tt: str
    cells: dict[str, Cell]
    expect: Expect | None
    vmerge: dict[str, bool] = field(default_factory=dict)


GroupStyle = Literal["span", "tt_span", "tt_next"]


@dataclass(frozen=True)
class Group:
    """A group row (``I. CẢI CÁCH THỂ CHẾ``): the section of the rows below it.

    ``style``: ``span`` — the whole ``text`` in one cell spanning the row; ``tt_span`` — the
    ``numeral`` in the TT cell, ``text`` (the title) in one cell spanning the rest;
    ``tt_next`` — the numeral in the TT cell, the title in the next cell only, other cells
    empty.  Every style of one group gives the same :attr:`section` (semantics of issue 9).
    """

    text: str
    numeral: str = ""
    style: GroupStyle = "span"
    bold: bool = True

    @property
    def section(self) -> str:
        """The record's ``section``: numeral joined to the title as printed."""
        if self.style == "span" or not self.numeral:
            return self.text
        sep = " " if self.numeral[-1] in ".):" else ". "
        return f"{self.numeral}{sep}{self.text}"


@dataclass(frozen=True)
class Column:
    """One grid column of the appendix table: the role of its cells, width, alignment."""

    role: str
    width_mm: float
    align: str = "both"


@dataclass(frozen=True)
class HeaderCell:
    """A header cell: text, horizontal span, vertical merge (True start, False continue)."""

    text: str
    span: int = 1
    vmerge: bool | None = None


@dataclass(frozen=True)
class TableSpec:
    """The appendix: columns, header rows (repeated on each page), and the body.

    ``parts`` has more than one list when the table was cut by hand into consecutive tables;
    each part repeats the header rows and a page-break paragraph separates them.
    """

    columns: list[Column]
    header: list[list[HeaderCell]]
    parts: list[list[Row | Group]]


@dataclass(frozen=True)
class Heading:
    """A bold heading line of the report body (``I. KẾT QUẢ ĐẠT ĐƯỢC``)."""

    text: str


@dataclass(frozen=True)
class SimpleTable:
    """A plain bordered table in the report body (statistics, meeting schedule...)."""

    header: list[str]
    rows: list[list[str]]
    widths_mm: list[float]
    caption: str | None = None


@dataclass(frozen=True)
class Letterhead:
    """The Decree 30 header block: issuer on the left, national motto on the right."""

    parent: str | None
    issuer: str
    number_line: str
    place_date: str


@dataclass(frozen=True)
class Signature:
    """Recipients on the left, signing authority and name on the right."""

    recipients: list[str]
    authority: list[str]
    name: str


@dataclass(frozen=True)
class ReportSpec:
    """A whole sample report and the expected record's report-level part."""

    stem: str
    letterhead: Letterhead
    doc_type: str
    subject: str
    body: list[str | Heading | SimpleTable]
    signature: Signature
    appendix_label: str
    appendix_title: list[str]
    caption: str
    table: TableSpec
    report: dict[str, object]
    report_audit: list[Note]
    core_title: str
    author: str
    created: str
    row_rules: bool = True  # False: no lines between body rows (a table ruled by columns only)
    appendix_portrait: bool = False  # the appendix on an A4 portrait page (default landscape)
    table_pt: float = 13  # font size of the appendix table
    repeat_header: bool = True  # header rows marked ``w:tblHeader`` (repeated on each page)
