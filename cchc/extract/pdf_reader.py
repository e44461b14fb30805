"""PDF reader: every page's tables (from its ruling lines) and the text lines around them.

The reader only reads pages.  It turns each page into a :class:`PageLayout` (rules and
glyphs, the seam a scanned-page reader will also fill) and lets ``pdf_grid`` turn that
into raw tables and paragraphs.  Stitching fragments across pages, dropping repeated
headers and choosing the appendix happen later, on the :class:`ExtractedDocument`.

How producers rule a table, and what becomes a :class:`Rule`:

* stroked lines (Word, LibreOffice) → as they are, when axis-aligned;
* thin filled rectangles (browsers, Word's own PDF export) → their centre line;
* stroked rectangles → their four sides; stroked paths → their axis-aligned segments;
* thick fills without a stroke (cell shading, text highlight) → nothing, so a highlighted
  word does not cut its cell in two.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cchc.errors import RefusedDocument, UnreadableDocument
from cchc.extract.columns import map_columns
from cchc.extract.encoding_pass import decode_document
from cchc.extract.guards import check_pdf_complete, check_pdf_streams, count_pdf_pages
from cchc.extract.limits import Limits
from cchc.extract.model import Block, ExtractedDocument, Paragraph, RawTable
from cchc.extract.pdf_grid import (
    Glyph,
    LayoutSettings,
    PageLayout,
    Rule,
    grid_to_table,
)
from cchc.extract.pdf_lines import glyphs_to_lines, reading_order
from cchc.extract.pdf_pdfium import PdfiumPage, PdfiumPdf, PdfiumUnsupported, open_pdfium
from cchc.extract.pdf_rows import find_cells
from cchc.extract.pdf_triage import triage

if TYPE_CHECKING:  # pdfplumber is imported only when pdfium cannot read the file
    from pdfplumber.page import Page
    from pdfplumber.pdf import PDF

__all__ = ["PdfSettings", "dedupe", "glyphs_to_lines", "layout_to_blocks", "legacy_font_names", "page_rules",
           "read_pdf"]

_LEGACY_FONT = re.compile(r"^(?:\.?vn|vni[-_ ])", re.IGNORECASE)  # TCVN3 .VnTime, VNI-Times
_SUBSET_TAG = re.compile(r"^[A-Z]{6}\+")

MSG_ENCRYPTED = "Tệp PDF được mã hóa, cần mật khẩu để mở / the PDF is encrypted and needs its password"
MSG_WRONG_PASSWORD = ("mật khẩu PDF đã cho không đúng với tệp này; kiểm tra lại mật khẩu "
                      "(the given PDF password is wrong)")
MSG_ENCRYPTION_UNSUPPORTED = (
    "Tệp PDF dùng kiểu mã hóa không đọc được / the PDF uses an encryption we cannot read"
)
MSG_NO_TEXT = "Tệp PDF không có lớp chữ (bản quét?) / the PDF has no text layer (a scan?)"
MSG_DAMAGED = "Tệp PDF bị hỏng hoặc không đầy đủ / the PDF is damaged or truncated"


@dataclass(frozen=True)
class PdfSettings:
    """What counts as a rule or a duplicate glyph in a PDF, plus the layout tolerances."""

    rule_max_thickness: float = 4.0  # a filled rectangle thinner than this is a ruling line;
    # thicker fills are shading or highlight.  Above common 0.5–3 pt borders, below any
    # highlighted text line.
    axis_tolerance: float = 0.5  # a stroke whose ends differ less than this in x is vertical
    dedupe_tolerance: float = 1.0  # fake bold: the same glyph drawn again this close
    layout: LayoutSettings = field(default_factory=LayoutSettings)

    def __post_init__(self) -> None:
        for name in ("rule_max_thickness", "axis_tolerance", "dedupe_tolerance"):
            value = getattr(self, name)
            if not isinstance(value, int | float) or not math.isfinite(value) or value < 0:
                raise ValueError(f"PdfSettings.{name} must be a finite number >= 0: {value!r}")
        if not isinstance(self.layout, LayoutSettings):
            raise ValueError("PdfSettings.layout must be a LayoutSettings")


def read_pdf(
    path: str | Path,
    *,
    password: str | None = None,
    settings: PdfSettings | None = None,
    limits: Limits | None = None,
    use_triage: bool = True,
    pdfium: bool = True,
) -> ExtractedDocument:
    """Read a PDF into blocks: per page, its tables and its text lines, in reading order.

    With ``use_triage``, pdfium's text first tells which pages need table geometry
    (page 1 and the appendix, see ``pdf_triage``); the other pages give their text lines
    only.  When triage finds no appendix, or its pages hold no appendix table, every page
    is read with its geometry.

    With ``pdfium`` the pages are read by pdfium (``pdf_pdfium``), in milliseconds and
    without importing pdfplumber; when pdfium cannot open the file or a page, or the read
    ends in an error, pdfplumber reads it again and has the last word.  ``pdfium=False``
    reads with pdfplumber only (the reference the fast path is held equal to).

    Raises :class:`UnreadableDocument` with code ``encrypted`` (no password), ``wrong_password``,
    ``damaged_pdf`` (truncated, or pdfminer cannot parse it) or ``no_text_layer`` (no page
    has text), and :class:`RefusedDocument` with ``too_many_pages`` or ``pdf_bomb``.
    """
    path = Path(path)
    settings = settings or PdfSettings()
    limits = limits or Limits()
    check_pdf_streams(path, limits)  # once, before either reader parses anything
    if pdfium:
        try:
            check_pdf_complete(path, MSG_DAMAGED)
            fast = open_pdfium(path, password, limits.max_pages)
        except UnreadableDocument:  # pdfplumber's reading names the damage
            fast = None
        if fast is not None:
            try:
                with fast:
                    document = _read(fast, path, password, settings, use_triage)
            except (UnreadableDocument, PdfiumUnsupported):
                pass  # pdfplumber reads it, or names the error
            else:
                return document if document is not None else _read_scan(path, password, settings)
    with _open(path, password, limits) as pdf:
        document = _read(pdf, path, password, settings, use_triage)
    return document if document is not None else _read_scan(path, password, settings)


def _read_scan(path: Path, password: str | None, settings: PdfSettings) -> ExtractedDocument:
    """A PDF no page of which has text: read by OCR (cchc/extract/ocr), ``ocr_unavailable``
    without Tesseract.  Run once, after either reader: a scan is not OCR'd again by pdfplumber's
    reading when pdfium's ends in OCR's error."""
    from cchc.extract.ocr import read_scanned_pdf

    scanned = read_scanned_pdf(path, password, settings.layout)
    if not scanned.blocks:
        raise UnreadableDocument(path.name, "no_text_layer", MSG_NO_TEXT)
    return scanned


def _read(pdf: PDF | PdfiumPdf, path: Path, password: str | None, settings: PdfSettings,
          use_triage: bool) -> ExtractedDocument | None:
    """The pages of an open document (pdfium's or pdfplumber's) into the document; None
    when no page has text (a scan)."""
    shared = pdf if isinstance(pdf, PdfiumPdf) else None  # its pages are loaded once for both
    plan = triage(path, password, shared) if use_triage else None
    page = _PageReader(settings)
    if plan is not None:
        page.read(pdf, path.name, plan.geometry, plan.text_lines)
    if plan is None or not _holds_appendix(page, path.name):
        page = _PageReader(settings)  # the fallback: every page with its geometry
        page.read(pdf, path.name, None, {})
    n_pages = len(pdf.pages)
    blocks, fonts, has_text = page.blocks, page.fonts, page.has_text
    if not has_text:
        return None
    return ExtractedDocument(
        file=path.name,
        format="pdf",
        blocks=tuple(blocks),
        pages=n_pages,
        font_hints=tuple(sorted(fonts)),
    )


class _PageReader:
    """Pages → blocks, in page order, carrying what one page tells the next."""

    def __init__(self, settings: PdfSettings) -> None:
        self.settings = settings
        self.blocks: list[Block] = []
        self.fonts: set[str] = set()
        self.has_text = False
        self._tables = 0
        self._unruled = False  # the last table seen had its rows found from the text

    def read(self, pdf: PDF | PdfiumPdf, name: str, geometry: Sequence[int] | None,
             text_lines: dict[int, tuple[str, ...]]) -> None:
        """Read the pages in ``geometry`` (None: all) with their geometry, the others as
        ``text_lines``."""
        layouts = _layouts(pdf, name, self.settings, geometry)
        pending = sorted(text_lines)
        for layout, page_fonts in layouts:
            while pending and pending[0] < layout.number:
                self._text_page(pending.pop(0), text_lines)
            self._geometry_page(layout, page_fonts)
        while pending:
            self._text_page(pending.pop(0), text_lines)

    def _text_page(self, number: int, text_lines: dict[int, tuple[str, ...]]) -> None:
        lines = text_lines[number]
        self.has_text = self.has_text or bool(lines)
        self.blocks.extend(Paragraph(line, page=number) for line in lines)

    def _geometry_page(self, layout: PageLayout, page_fonts: set[str]) -> None:
        self.has_text = self.has_text or bool(layout.glyphs)
        self.fonts |= page_fonts
        page_blocks = layout_to_blocks(layout, self.settings.layout, first_index=self._tables,
                                       unruled_before=self._unruled)
        tables = [b for b in page_blocks if isinstance(b, RawTable)]
        self._tables += len(tables)
        self._unruled = not tables[-1].ruled if tables else self._unruled
        self.blocks.extend(page_blocks)


def _holds_appendix(page: _PageReader, name: str) -> bool:
    """Some table of the pages read reads like the remediation appendix, so triage chose
    its pages well.  A legacy print's tables are judged decoded, as triage found them: read
    as drawn they are gibberish, and every page would be read again for nothing."""
    if _has_appendix_table(page.blocks):
        return True
    drawn = ExtractedDocument(file=name, format="pdf", blocks=tuple(page.blocks),
                              font_hints=tuple(sorted(page.fonts)))
    decoded = decode_document(drawn)
    return decoded is not drawn and _has_appendix_table(decoded.blocks)


def _has_appendix_table(blocks: Sequence[Block]) -> bool:
    for block in blocks:
        if isinstance(block, RawTable):
            columns = map_columns(block)
            if columns is not None and columns.looks_like_appendix:
                return True
    return False


def _open(path: Path, password: str | None, limits: Limits) -> PDF:
    """Open with pdfplumber, turning pdfminer's failures into :class:`UnreadableDocument`.

    The caller has already refused a PDF bomb (pdfminer's cross-reference streams are
    compressed too).  After it opens the file: a truncated file (pdfminer rebuilds what
    survives, silently short of pages), then the page count, walking the page tree no
    further than the limit, before any page is read.
    """
    pdf = _open_pdfplumber(path, password)
    try:
        check_pdf_complete(path, MSG_DAMAGED)
        _check_page_count(pdf, path.name, limits)
    except BaseException:
        pdf.close()
        raise
    return pdf


def _check_page_count(pdf: PDF, name: str, limits: Limits) -> None:
    """``too_many_pages`` before a page is read; a page tree pdfminer cannot walk is damage."""
    from pdfminer.pdfpage import PDFPage

    try:
        pages = count_pdf_pages(PDFPage.create_pages(pdf.doc), limits.max_pages)
    except Exception as e:  # pdfminer raises bare KeyError, TypeError… on broken page trees
        raise UnreadableDocument(name, "damaged_pdf", MSG_DAMAGED) from e
    if pages > limits.max_pages:
        raise RefusedDocument(name, "too_many_pages",
                              f"tệp PDF có hơn {limits.max_pages:,} trang; không đọc (more than "
                              f"{limits.max_pages:,} pages; raise the limit to read it)")


def _open_pdfplumber(path: Path, password: str | None) -> PDF:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        return pdfplumber.open(path, password=password)
    except PdfminerException as e:
        cause = e.args[0] if e.args else e
        if isinstance(cause, PDFPasswordIncorrect) and password:  # given, but not this file's
            raise UnreadableDocument(path.name, "wrong_password", MSG_WRONG_PASSWORD) from e
        if isinstance(cause, PDFPasswordIncorrect):
            raise UnreadableDocument(path.name, "encrypted", MSG_ENCRYPTED) from e
        if isinstance(cause, PDFEncryptionError):
            raise UnreadableDocument(path.name, "encrypted", MSG_ENCRYPTION_UNSUPPORTED) from e
        raise UnreadableDocument(path.name, "damaged_pdf", MSG_DAMAGED) from e
    except OSError:
        raise
    except Exception as e:  # pdfminer raises bare KeyError, TypeError… on broken files
        raise UnreadableDocument(path.name, "damaged_pdf", MSG_DAMAGED) from e


def _layouts(
    pdf: PDF | PdfiumPdf, name: str, settings: PdfSettings, numbers: Sequence[int] | None = None
) -> Iterator[tuple[PageLayout, set[str]]]:
    """Each page's layout and legacy font names, closing the page before the next one;
    only the pages ``numbers`` (1-based) when given.

    Only reading pdfminer's objects is guarded: an error there is a damaged file, while an
    error in our own grid code (run by the caller) stays a bug and is not disguised.
    """
    try:
        pages: Sequence[Page | PdfiumPage] = pdf.pages
    except Exception as e:
        raise UnreadableDocument(name, "damaged_pdf", MSG_DAMAGED) from e
    chosen = set(numbers) if numbers is not None else None
    for number, page in enumerate(pages, start=1):
        if chosen is not None and number not in chosen:
            continue
        try:
            chars = dedupe(page.chars, settings.dedupe_tolerance)
            layout = PageLayout(number, page_rules(page, settings), _glyphs(chars, page.bbox))
            fonts = legacy_font_names(chars)
        except Exception as e:
            raise UnreadableDocument(name, "damaged_pdf", f"{MSG_DAMAGED} (trang/page {number})") from e
        finally:
            page.close()
        yield layout, fonts


def _glyphs(chars: Sequence[dict[str, Any]], bbox: tuple[float, float, float, float]) -> tuple[Glyph, ...]:
    """Characters with text whose centre lies on the page (off-page text is not shown).

    The centre is computed here as ``Glyph.mid_x`` / ``mid_y`` compute it (same operations,
    so the same floats), before a glyph is built: most pages' every glyph passes, and the
    properties cost a call each.
    """
    x0, top, x1, bottom = bbox
    out: list[Glyph] = []
    for c in chars:
        text = c["text"]
        gx0, gtop, gx1, gbottom = float(c["x0"]), float(c["top"]), float(c["x1"]), float(c["bottom"])
        if text and x0 <= (gx0 + gx1) / 2 <= x1 and top <= (gtop + gbottom) / 2 <= bottom:
            out.append(Glyph(text, gx0, gtop, gx1, gbottom))
    return tuple(out)


Cells = dict[tuple[int, int], list[tuple[float, float]]]  # one font's kept (x0, top), per cell


def dedupe(chars: Sequence[dict[str, Any]], tolerance: float) -> list[dict[str, Any]]:
    """Drop a character drawn again at (nearly) the same place in the same font: fake bold.

    The rule of pdfplumber's ``dedupe_chars`` (same text, font and size; x0 and top within
    ``tolerance``), in linear time: its sort-based version took a third of the reading time.
    Kept characters are filed per font in cells twice the tolerance wide, so those within
    the tolerance of a point lie in one or two cells each way.  A page uses few (text, font,
    size) styles, so a style's font key (its size rounded) is built once, not per glyph.
    """
    kept: dict[tuple[Any, ...], Cells] = {}
    by_style: dict[tuple[Any, Any, Any], Cells] = {}  # raw (text, font, size) → its font's cells
    out: list[dict[str, Any]] = []
    step = max(2 * tolerance, 1e-6)
    for c in chars:
        x, y = float(c["x0"]), float(c["top"])
        style = (c["text"], c.get("fontname"), c.get("size", 0))
        cells = by_style.get(style)
        if cells is None:
            font = (style[0], style[1], round(float(style[2]), 2))
            cells = by_style[style] = kept.setdefault(font, {})
        if cells and _drawn_near(cells, x, y, tolerance, step):
            continue
        key = (int(x // step), int(y // step))
        points = cells.get(key)
        if points is None:
            cells[key] = [(x, y)]
        else:
            points.append((x, y))
        out.append(c)
    return out


def _drawn_near(cells: Cells, x: float, y: float, tolerance: float, step: float) -> bool:
    """Some kept point lies within ``tolerance`` of (x, y) each way, looked for in the cells
    the tolerance reaches: two each way, or one; three where rounding puts both ends of
    the reach just over a cell's edge."""
    x_lo, x_hi = int((x - tolerance) // step), int((x + tolerance) // step)
    y_lo, y_hi = int((y - tolerance) // step), int((y + tolerance) // step)
    found: tuple[list[tuple[float, float]] | None, ...]
    if x_hi - x_lo == 1 and y_hi - y_lo == 1:  # the usual case, without building two ranges
        found = (cells.get((x_lo, y_lo)), cells.get((x_lo, y_hi)), cells.get((x_hi, y_lo)),
                 cells.get((x_hi, y_hi)))
    else:
        found = tuple(cells.get((bx, by)) for bx in range(x_lo, x_hi + 1) for by in range(y_lo, y_hi + 1))
    for points in found:
        if points is not None:
            for px, py in points:
                if abs(px - x) <= tolerance and abs(py - y) <= tolerance:
                    return True
    return False


def legacy_font_names(chars: Sequence[dict[str, Any]]) -> set[str]:
    """TCVN3 / VNI font names among the characters' fonts (subset tag removed).

    Text in those fonts is Vietnamese in a legacy 8-bit encoding; ``normalize`` converts it
    when the document says which fonts it used.
    """
    raw = {c.get("fontname", "") for c in chars}  # a page's few fonts, each cleaned once
    names = {_SUBSET_TAG.sub("", str(name)) for name in raw}
    return {n for n in names if _LEGACY_FONT.match(n)}


# -- page layout → blocks --------------------------------------------------------------


def layout_to_blocks(layout: PageLayout, settings: LayoutSettings, first_index: int = 0, *,
                     unruled_before: bool = False) -> list[Block]:
    """A page's tables (numbered from ``first_index``) and the lines outside them, by height.

    Each glyph goes to the innermost table cell holding its centre; the rest is running
    text, one :class:`Paragraph` per line.  ``unruled_before``: the previous page's table
    had no row rules (its rows were found from the text).
    """
    page = find_cells(layout, settings, unruled_before=unruled_before)
    placed: list[tuple[float, float, Block]] = []
    for i, (grid, lines) in enumerate(zip(page.grids, page.lines, strict=True)):
        table = grid_to_table(grid, lines, layout.number, first_index + i, settings)
        placed.append((grid.ys[0], grid.xs[0], table))
    for top, x0, line in reading_order(glyphs_to_lines(page.outside, settings, split_columns=True), settings):
        placed.append((top, x0, Paragraph(line.text, page=layout.number)))
    placed.sort(key=lambda p: (p[0], p[1]))
    return [block for _, _, block in placed]


# -- rules -------------------------------------------------------------------------------


def page_rules(page: Page | PdfiumPage, settings: PdfSettings) -> tuple[Rule, ...]:
    """The page's ruling lines, from its line, rectangle and path objects."""
    rules: list[Rule] = []
    for line in page.lines:
        if line.get("stroke", True):
            rules.extend(_segment(line["x0"], line["top"], line["x1"], line["bottom"], settings))
    for rect in page.rects:
        rules.extend(_rect_rules(rect, settings))
    for curve in page.curves:
        rules.extend(_curve_rules(curve, settings))
    return tuple(rules)


def _segment(x0: float, top: float, x1: float, bottom: float, settings: PdfSettings) -> list[Rule]:
    """A straight stroke as a rule when it is vertical or horizontal, else nothing."""
    x0, x1 = sorted((float(x0), float(x1)))
    top, bottom = sorted((float(top), float(bottom)))
    if x1 - x0 <= settings.axis_tolerance and bottom - top > settings.axis_tolerance:
        return [Rule(True, (x0 + x1) / 2, top, bottom)]
    if bottom - top <= settings.axis_tolerance and x1 - x0 > settings.axis_tolerance:
        return [Rule(False, (top + bottom) / 2, x0, x1)]
    return []


def _rect_rules(rect: dict[str, Any], settings: PdfSettings) -> list[Rule]:
    """A thin painted rectangle as its centre line; a thick stroked one as its four sides."""
    if not (rect.get("fill") or rect.get("stroke")):
        return []
    x0, top, x1, bottom = (float(rect[k]) for k in ("x0", "top", "x1", "bottom"))
    thin = settings.rule_max_thickness
    if x1 - x0 <= thin < bottom - top:
        return [Rule(True, (x0 + x1) / 2, top, bottom)]
    if bottom - top <= thin < x1 - x0:
        return [Rule(False, (top + bottom) / 2, x0, x1)]
    if rect.get("stroke") and min(x1 - x0, bottom - top) > thin:
        return [
            Rule(True, x0, top, bottom),
            Rule(True, x1, top, bottom),
            Rule(False, top, x0, x1),
            Rule(False, bottom, x0, x1),
        ]
    return []


def _curve_rules(curve: dict[str, Any], settings: PdfSettings) -> list[Rule]:
    """A stroked path's straight sides; a thin filled path (a drawn border) as one line."""
    if curve.get("stroke"):
        pts = [(float(x), float(y)) for x, y in curve.get("pts", [])]
        return [
            r for a, b in zip(pts, pts[1:], strict=False) for r in _segment(a[0], a[1], b[0], b[1], settings)
        ]
    if curve.get("fill"):
        return _rect_rules({**curve, "stroke": False}, settings)
    return []
