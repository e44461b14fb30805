"""Text exports (``.txt``): tab-separated table rows, page by page, like the seed file.

A line with a tab is a table row (one cell per tab-separated field); other lines are
paragraphs.  A page ends at a form feed, or at a blank line between two table rows — the
converter that made the seed leaves one there, before the repeated header.  Each page's
rows become one unruled :class:`RawTable` fragment; stitching does the rest.
"""

from __future__ import annotations

from pathlib import Path

from cchc.errors import UnreadableDocument
from cchc.extract.model import Block, ExtractedDocument, Paragraph, RawCell, RawRow, RawTable
from cchc.text.legacy import to_unicode


def decode_text(data: bytes, name: str) -> str:
    """Bytes → text: UTF-8 (BOM or not), UTF-16 with BOM, else a legacy 8-bit export."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return to_unicode(data.decode("cp1252"))
    except UnicodeDecodeError as e:
        raise UnreadableDocument(name, "undecodable_text",
                                 "không nhận ra bảng mã của tệp văn bản (unknown text encoding)") from e


class _Pages:
    """Accumulates blocks while tracking the page and the current table fragment."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.page = 1
        self.rows: list[RawRow] = []
        self.tables = 0
        self.pending_break = False

    def flush(self) -> None:
        if self.rows:
            n_cols = max(len(r.cells) for r in self.rows)
            self.blocks.append(RawTable(rows=tuple(self.rows), n_cols=n_cols, index=self.tables,
                                        ruled=False))
            self.tables += 1
            self.rows = []

    def new_page(self) -> None:
        self.flush()
        self.page += 1
        self.pending_break = False

    def row(self, line: str) -> None:
        if self.pending_break and self.rows:
            self.new_page()
        self.pending_break = False
        cells = tuple(RawCell(text=t.strip(), col=i) for i, t in enumerate(line.split("\t")))
        self.rows.append(RawRow(cells=cells, page=self.page))

    def paragraph(self, line: str) -> None:
        self.flush()
        self.pending_break = False
        self.blocks.append(Paragraph(text=line.strip(), page=self.page))


def read_text(path: str | Path) -> ExtractedDocument:
    """Read a tab-separated text export into paragraphs and per-page table fragments."""
    path = Path(path)
    text = decode_text(path.read_bytes(), path.name)
    pages = _Pages()
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        for i, chunk in enumerate(line.split("\f")):
            if i > 0:
                pages.new_page()
            if "\t" in chunk:
                pages.row(chunk)
            elif chunk.strip():
                pages.paragraph(chunk)
            elif pages.rows:
                pages.pending_break = True
    pages.flush()
    return ExtractedDocument(file=path.name, format="txt", blocks=tuple(pages.blocks), pages=pages.page)
