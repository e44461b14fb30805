"""Word (.docx) reader: the body's paragraphs and tables, read from the XML as a grid.

Why not ``python-docx``'s ``Table.cell(r, c)``: it hides what we need — a vertically merged
cell repeats its text on every row, ``gridBefore`` shifts cells, and tracked changes,
content controls and list markers are lost.  We use python-docx only to open the package
and walk ``w:body`` ourselves:

- ``w:tc`` sits at grid column = ``gridBefore`` + the spans of the cells before it;
- ``w:gridSpan`` → ``col_span``; ``w:vMerge restart``/(no value) → RESTART/CONTINUE;
- ``w:tblHeader`` marks a repeated header row;
- ``w:ins``, ``w:moveTo``, ``w:hyperlink``, ``w:sdt``, ``w:smartTag`` keep their text;
  ``w:del``/``w:moveFrom`` (and rows deleted as a tracked change) are dropped;
- list paragraphs get their printed marker (:mod:`cchc.extract.docx_numbering`);
- runs in a legacy font (``.VnTime``, ``VNI-Times``) are turned into Unicode per run.

Hostile packages are refused before python-docx opens them
(:func:`cchc.extract.guards.check_zip_package`: ZIP bombs, XML entity declarations), and
values Word never writes (a ``gridSpan`` of a hundred million, a list level of a billion)
are refused or ignored, because the stages after the reader work per column and per level.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

import docx
from lxml import etree

from cchc.errors import UnreadableDocument
from cchc.extract.docx_numbering import Level, Numbering, W
from cchc.extract.docx_styles import RunFonts
from cchc.extract.guards import check_cell_count, check_table_width, check_zip_package
from cchc.extract.limits import Limits
from cchc.extract.model import (
    Block,
    ExtractedDocument,
    Paragraph,
    RawCell,
    RawRow,
    RawTable,
    VMerge,
)
from cchc.text.encodings import encoding_of_font, to_unicode

_W = f"{{{W}}}"
_WRAPPERS = {f"{_W}{t}" for t in ("sdt", "sdtContent", "customXml", "smartTag", "ins", "moveTo",
                                   "hyperlink", "fldSimple", "dir", "bdo")}
_DROPPED = {f"{_W}{t}" for t in ("del", "moveFrom", "sdtPr", "sdtEndPr", "pPr", "rPr")}
_MAX_LIST_LEVEL = 8  # Word has list levels 0–8
_MAX_LIST_START = 32_767  # the largest start value Word's dialog accepts
#: No entities, no DTD, no network, lxml's default size guards: for the parts we parse ourselves.
_SAFE_XML = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False)


class _Reader:
    """One pass over a document body; holds the numbering counters and style fonts."""

    def __init__(self, numbering: Numbering, fonts: RunFonts, name: str, limits: Limits) -> None:
        self.numbering = numbering
        self.fonts = fonts
        self.table_count = 0
        self.name = name
        self.limits = limits
        self.cells = 0

    # -- blocks ------------------------------------------------------------------------
    def blocks(self, body: etree._Element) -> Iterator[Block]:
        for child in _unwrapped(body):
            if child.tag == f"{_W}p":
                text = self.paragraph_text(child)
                if text.strip():
                    yield Paragraph(text=text)
            elif child.tag == f"{_W}tbl":
                yield self.table(child)

    # -- paragraphs --------------------------------------------------------------------
    def paragraph_text(self, p: etree._Element) -> str:
        style = _style_id(p)
        parts = [self.run_text(r, style) for r in _runs(p)]
        text = "".join(parts)
        marker = self.list_marker(p, style)
        if text.strip():
            return marker + text
        # An empty numbered paragraph still prints its number: a TT column numbered by Word.
        return marker.strip() if marker.strip() not in ("", "-") else text

    def list_marker(self, p: etree._Element, style: str | None) -> str:
        num_pr = p.find(f"{_W}pPr/{_W}numPr")
        if num_pr is None:
            num_pr = self.fonts.style_numbering(style)
        if num_pr is None:
            return ""
        num_id = num_pr.find(f"{_W}numId")
        ilvl = _int_val(num_pr.find(f"{_W}ilvl"), 0)
        if not 0 <= ilvl <= _MAX_LIST_LEVEL:
            return ""
        return self.numbering.marker(num_id.get(f"{_W}val", "0") if num_id is not None else "0", ilvl)

    def run_text(self, r: etree._Element, style: str | None) -> str:
        pieces: list[str] = []
        for node in r:
            tag = node.tag
            if tag == f"{_W}t":
                pieces.append(node.text or "")
            elif tag in (f"{_W}tab", f"{_W}ptab"):
                pieces.append("\t")
            elif tag in (f"{_W}br", f"{_W}cr"):
                pieces.append("\n")
            elif tag == f"{_W}noBreakHyphen":
                pieces.append("-")
            elif tag == f"{_W}softHyphen":  # TCVN3 stores "ư" as byte 0xAD, a soft hyphen
                pieces.append("\u00ad")
            elif tag == f"{_W}sym":
                pieces.append(_sym_char(node.get(f"{_W}char", "20")))
        text = "".join(pieces)
        font = self.fonts.font_of(r, style)
        if text and encoding_of_font(font):  # per run: documents mix legacy and Unicode fonts
            text = to_unicode(text, font_name=font)
        return text

    # -- tables ------------------------------------------------------------------------
    def table(self, tbl: etree._Element) -> RawTable:
        index = self.table_count
        self.table_count += 1
        rows = tuple(self.row(tr) for tr in _rows(tbl))
        grid = len(tbl.findall(f"{_W}tblGrid/{_W}gridCol"))
        width = max([grid, *(c.end_col for r in rows for c in r.cells)])
        check_table_width(self.name, width, self.limits)
        return RawTable(rows=rows, n_cols=width, index=index, ruled=True)

    def row(self, tr: etree._Element) -> RawRow:
        col = max(0, _int_val(tr.find(f"{_W}trPr/{_W}gridBefore"), 0))
        cells: list[RawCell] = []
        for tc in _unwrapped(tr):
            if tc.tag != f"{_W}tc":
                continue
            self.cells += 1
            check_cell_count(self.name, self.cells, self.limits)
            span = max(1, _int_val(tc.find(f"{_W}tcPr/{_W}gridSpan"), 1))
            cells.append(RawCell(text=self.cell_text(tc), col=col, col_span=span,
                                 v_merge=_v_merge(tc)))
            col += span
        header = tr.find(f"{_W}trPr/{_W}tblHeader")
        is_header = header is not None and header.get(f"{_W}val", "true") not in ("0", "false")
        return RawRow(cells=tuple(cells), is_header=is_header)

    def cell_text(self, tc: etree._Element) -> str:
        lines: list[str] = []
        for child in _unwrapped(tc):
            if child.tag == f"{_W}p":
                lines.append(self.paragraph_text(child))
            elif child.tag == f"{_W}tbl":  # a nested table: its text, row by row
                nested = self.table(child)
                self.table_count -= 1
                lines.extend(c.text for r in nested.rows for c in r.cells if c.text.strip())
        return "\n".join(line for line in lines if line.strip())


def _unwrapped(parent: etree._Element) -> Iterator[etree._Element]:
    """Children of ``parent`` with content-control and tracked-insert wrappers opened."""
    for child in parent:
        if child.tag in _WRAPPERS:
            yield from _unwrapped(child)
        elif child.tag not in _DROPPED:
            yield child


def _runs(p: etree._Element) -> Iterator[etree._Element]:
    for child in _unwrapped(p):
        if child.tag == f"{_W}r":
            yield child


def _rows(tbl: etree._Element) -> Iterator[etree._Element]:
    for tr in _unwrapped(tbl):
        if tr.tag == f"{_W}tr" and tr.find(f"{_W}trPr/{_W}del") is None:
            yield tr


def _style_id(p: etree._Element) -> str | None:
    node = p.find(f"{_W}pPr/{_W}pStyle")
    return node.get(f"{_W}val") if node is not None else None


def _v_merge(tc: etree._Element) -> VMerge:
    node = tc.find(f"{_W}tcPr/{_W}vMerge")
    if node is None:
        return VMerge.NONE
    return VMerge.RESTART if node.get(f"{_W}val") == "restart" else VMerge.CONTINUE


def _int_val(node: etree._Element | None, default: int) -> int:
    if node is None:
        return default
    try:
        return int(node.get(f"{_W}val", str(default)))
    except ValueError:
        return default


def _sym_char(code: str) -> str:
    """The character of ``w:sym w:char`` (hex), or nothing when it is not a valid code point."""
    try:
        value = int(code, 16) if len(code) <= 8 else -1
    except ValueError:
        return ""
    return chr(value) if 0 < value <= 0x10FFFF and not 0xD800 <= value <= 0xDFFF else ""


def _page_count(path: Path) -> int | None:
    """Pages as Word last saved them (``docProps/app.xml``), when present."""
    try:
        with zipfile.ZipFile(path) as z:
            app = etree.fromstring(z.read("docProps/app.xml"), _SAFE_XML)
    except (KeyError, OSError, zipfile.BadZipFile, etree.XMLSyntaxError):
        return None
    for node in app.iter():
        text = node.text or ""
        if isinstance(node.tag, str) and node.tag.endswith("}Pages") and text.isascii() \
                and text.isdigit() and len(text) <= 9:
            return int(text)
    return None


def read_docx(path: str | Path, *, limits: Limits | None = None) -> ExtractedDocument:
    """Read a .docx into blocks (paragraphs and raw tables) in document order.

    Raises :class:`~cchc.errors.RefusedDocument` for a package over ``limits`` or with XML
    entity declarations, and :class:`UnreadableDocument` (``damaged_docx``) for one that
    python-docx cannot open.
    """
    path = Path(path)
    limits = limits or Limits()
    check_zip_package(path, limits)
    body, numbering, fonts = _open_package(path)
    if body is None:  # found by fuzzing: a document part without w:body
        raise UnreadableDocument(path.name, "damaged_docx", "tệp Word bị hỏng: phần văn bản không có "
                                 "thân (damaged .docx: word/document.xml has no w:body)")
    reader = _Reader(numbering, fonts, path.name, limits)
    blocks = tuple(reader.blocks(body))
    return ExtractedDocument(file=path.name, format="docx", blocks=blocks, pages=_page_count(path))


def _open_package(path: Path) -> tuple[etree._Element | None, Numbering, RunFonts]:
    """The body (``None`` if missing), list definitions and style fonts; any failure is damage.

    The package was checked (:func:`check_zip_package`) before, so what python-docx or our
    style and numbering readers choke on here is a part Word would not open either: a
    missing relationship, a wrong content type, ``w:ilvl="x"``.
    """
    try:
        document = docx.Document(str(path))
        body = document.element.body  # AttributeError when the root is not a w:document
        try:
            numbering_root = document.part.numbering_part.element
        except (NotImplementedError, KeyError):
            numbering_root = None
        numbering = _bounded(Numbering.from_xml(numbering_root))
        return body, numbering, RunFonts.from_document(document)
    except MemoryError:
        raise
    except Exception as e:  # python-docx raises KeyError, ValueError, AttributeError… on bad packages
        raise UnreadableDocument(path.name, "damaged_docx",
                                 f"tệp Word bị hỏng hoặc không đọc được (damaged .docx: "
                                 f"{type(e).__name__}: {str(e)[:200]})") from e


def _bounded(numbering: Numbering) -> Numbering:
    """Drop list levels Word never writes (level > 8, start > 32767).

    A ``w:start`` of 10**12 would be printed as a trillion-letter counter and a level of a
    billion walked level by level; dropped, such a list simply shows no marker.
    """
    def fits(key: tuple[str, int], level: Level) -> bool:
        return 0 <= key[1] <= _MAX_LIST_LEVEL and -_MAX_LIST_START <= level.start <= _MAX_LIST_START

    return Numbering(levels={k: v for k, v in numbering.levels.items() if fits(k, v)})
