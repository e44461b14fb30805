"""PDF pages from pypdfium2, shaped like pdfplumber's: the fast path of the PDF reader.

pdfplumber's geometry runs pdfminer's interpreter in Python over every content stream:
about 100 ms for a page of a report, and importing it costs more than reading a short
report's text.  pdfium (C++, already installed with pdfplumber) interprets the same page
in a few milliseconds.  This module reads a page with pdfium into the objects
``pdf_reader`` already consumes from pdfplumber: ``chars`` (dicts with text, box, font
name and size), ``lines``, ``rects`` and ``curves`` (dicts with box, stroke, fill and
points), top-left origin, PDF points.  So the rules and glyphs that reach ``pdf_grid``
are built by the same code either way, and pdfplumber stays the fallback.

What pdfminer does and this mirrors:

* a glyph's box is its origin's x to the end of its advance (the font's width times size
  and horizontal scale), and from its baseline up one font size (pdfminer adds the font
  descriptor's /Descent, which LibreOffice writes as 0; where it is not 0, the box sits
  that fraction of a size lower there: the text lines and the cells a glyph falls in do
  not change);
* drawn spaces are glyphs, the spaces pdfium makes up are not.  pdfium drops a few drawn
  spaces outright: the second of two in a row (harmless: a gap reads as one space either
  way) and, rarely, one ending a line in a cell, whose line then ends a space's width
  sooner (one cell in about 250 LibreOffice renderings read otherwise, see the README);
* a path is cut into its subpaths (one per ``m``); ``ml`` is a line, a closed
  axis-aligned ``mllll`` a rectangle, anything else a curve through the end points of
  its segments (Bézier control points dropped);
* no clipping is applied, and invisible text is kept.

Only PDFs from producers on which both readers were compared page by page and gave the
same blocks (:data:`PRODUCERS`) take this path.  On others pdfium's text differs in ways
that change the reading: Chromium's (Skia) real spaces come out as zero-width generated
ones and are lost, and the tables of some of its pages are not found.

Pages pdfium would place differently (rotated, a media box not at the origin, a crop
box) raise :class:`PdfiumUnsupported`; the reader then reads the file with pdfplumber.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pypdfium2
import pypdfium2.raw as pdfium_c

Point = tuple[float, float]
Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
#: /Producer prefixes whose PDFs read the same through pdfium as through pdfplumber
#: (LibreOffice: the samples, the layout generator's renderings, TCVN3 / VNI prints;
#: ReportLab: the fixtures with rules as filled rectangles and stroked paths).
PRODUCERS = ("LibreOffice", "ReportLab")
_PDFIUM_HYPHEN = 0x02  # pdfium's code for a '-' it takes for a hyphen at a line's end
_MAX_FORM_DEPTH = 8  # form XObjects nested deeper than this are not drawn by producers we read


class PdfiumUnsupported(Exception):
    """pdfium cannot give this file or page as pdfplumber would; read it with pdfplumber."""


class PdfiumPdf:
    """An open document whose ``pages`` read themselves on first use (pdfplumber's shape).

    Triage reads every page's text (``pdf_triage``) before some pages are read again with
    their geometry: page 1 and the appendix, at the end.  Both read the same loaded page
    and text page (loading them is most of a page's cost in pdfium), kept open for page 1
    and the last :data:`_KEPT_PAGES` loaded, so that a long report holds a few pages only.
    """

    def __init__(self, document: pypdfium2.PdfDocument) -> None:
        self._document = document
        self._loaded: dict[int, tuple[pypdfium2.PdfPage, pypdfium2.PdfTextPage]] = {}  # oldest first
        self.pages = [PdfiumPage(self, index) for index in range(len(document))]

    def text_page(self, index: int) -> pypdfium2.PdfTextPage:
        """Page ``index``'s (0-based) text page, loaded once for triage and the page's reading."""
        return self.load(index)[1]

    def load(self, index: int) -> tuple[pypdfium2.PdfPage, pypdfium2.PdfTextPage]:
        """Page ``index`` and its text page, loaded if not kept from an earlier use."""
        found = self._loaded.pop(index, None)
        if found is None:
            page = self._document[index]
            try:
                found = (page, page.get_textpage())
            except BaseException:
                page.close()
                raise
        self._loaded[index] = found
        while len(self._loaded) > _KEPT_PAGES + 1:
            self.unload(next(i for i in self._loaded if i != 0))
        return found

    def unload(self, index: int) -> None:
        """Close page ``index`` and its text page if they are loaded."""
        found = self._loaded.pop(index, None)
        if found is not None:
            found[1].close()
            found[0].close()

    def close(self) -> None:
        for page in self.pages:
            page.close()
        for index in list(self._loaded):
            self.unload(index)
        self._document.close()

    def __enter__(self) -> PdfiumPdf:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


_KEPT_PAGES = 8  # loaded pages kept open besides page 1: a short report's, a long one's last


def open_pdfium(path: Path, password: str | None, max_pages: int) -> PdfiumPdf | None:
    """The document, or None when pdfium cannot open it, it has more than ``max_pages``
    pages (pdfplumber then gives the error its proper code) or another producer made it."""
    try:
        document = pypdfium2.PdfDocument(path, password=password)
    except Exception:  # pdfium's errors: wrong password, damage; pdfplumber names them
        return None
    try:
        producer = str(document.get_metadata_dict().get("Producer", ""))
        if len(document) > max_pages or len(document) == 0 or not producer.startswith(PRODUCERS):
            document.close()
            return None
        return PdfiumPdf(document)
    except Exception:
        document.close()
        return None


class PdfiumPage:
    """One page: ``bbox``, ``chars``, ``lines``, ``rects``, ``curves`` as pdfplumber gives them."""

    def __init__(self, pdf: PdfiumPdf, index: int) -> None:
        self._pdf = pdf
        self.index = index
        self._read = False
        self.bbox: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)
        self._chars: list[dict[str, Any]] = []
        self._lines: list[dict[str, Any]] = []
        self._rects: list[dict[str, Any]] = []
        self._curves: list[dict[str, Any]] = []

    @property
    def chars(self) -> list[dict[str, Any]]:
        self._ensure()
        return self._chars

    @property
    def lines(self) -> list[dict[str, Any]]:
        self._ensure()
        return self._lines

    @property
    def rects(self) -> list[dict[str, Any]]:
        self._ensure()
        return self._rects

    @property
    def curves(self) -> list[dict[str, Any]]:
        self._ensure()
        return self._curves

    def close(self) -> None:
        """Free the page and what was read from it (as pdfplumber's ``Page.close``)."""
        self._pdf.unload(self.index)
        self._read = False
        self._chars, self._lines, self._rects, self._curves = [], [], [], []

    def _ensure(self) -> None:
        if self._read:
            return
        page, textpage = self._pdf.load(self.index)
        if page.get_rotation() % 360:
            raise PdfiumUnsupported(f"page {self.index + 1} is rotated")
        media = page.get_mediabox()
        if media[0] != 0 or media[1] != 0 or page.get_cropbox() != media:
            raise PdfiumUnsupported(f"page {self.index + 1} has a media box off the origin or a crop box")
        width, height = media[2], media[3]
        self.bbox = (0.0, 0.0, float(width), float(height))
        self._chars = _chars(textpage, float(height))
        for kind, obj in _paths(page, float(height)):
            {"line": self._lines, "rect": self._rects, "curve": self._curves}[kind].append(obj)
        self._read = True


# -- text ------------------------------------------------------------------------------


def _chars(textpage: pypdfium2.PdfTextPage, height: float) -> list[dict[str, Any]]:
    """The page's characters as drawn: pdfium's made-up spaces and line breaks (no text
    object) left out, drawn spaces kept even where pdfium marks them generated (it does so
    for a space whose box has no width).

    A glyph's box is pdfminer's: from its origin to the end of its advance (the font's
    width for the glyph, times the font size and the character's horizontal scale: text
    matrix, ``cm`` and ``Tz``), and one size (times the vertical scale) up from the
    baseline.  Not pdfium's loose box, which ends at the ink where a glyph overhangs its
    advance (the horn of ``ư``, a diacritic drawn by a fallback font): that narrowed or
    closed the gap of the space after it, and two words joined (``TRỪ ĐIỂM``).  Text that
    is rotated or skewed raises :class:`PdfiumUnsupported` (pdfplumber reads it).
    """
    raw = textpage.raw
    handle = ctypes.cast(raw, ctypes.c_void_p).value
    out: list[dict[str, Any]] = []
    fonts: dict[int, str] = {}
    advances: dict[tuple[int, int], float] = {}
    ox, oy = ctypes.c_double(), ctypes.c_double()
    at_x, at_y = ctypes.addressof(ox), ctypes.addressof(oy)
    width = ctypes.c_float()
    unicode_of, object_of, origin_of = _PER_GLYPH
    current = 0  # the text object the glyphs below belong to, and what is the same for all of them
    font: Any = None
    size = scale_x = tall = 0.0
    name = ""
    for i in range(pdfium_c.FPDFText_CountChars(raw)):
        code = unicode_of(handle, i)
        if code == _PDFIUM_HYPHEN:
            code = 0x2D
        if code < 0x20 or code in (0xFFFE, 0xFFFF):
            continue
        address = object_of(handle, i)
        if not address:  # a space or line break pdfium made up between drawn glyphs
            continue
        if address != current:
            current = address
            font, size, scale_x, tall = _text_object(raw, i)
            name = _font_name(font, fonts)
        key = (current, code)
        advance = advances.get(key)
        if advance is None:
            if not pdfium_c.FPDFFont_GetGlyphWidth(font, code, size, width):
                raise PdfiumUnsupported("a glyph without a width")
            advance = advances[key] = float(width.value) * scale_x
        origin_of(handle, i, at_x, at_y)
        x0 = ox.value
        base = height - oy.value
        out.append({"text": chr(code), "x0": x0, "x1": x0 + advance, "top": base - tall,
                    "bottom": base, "size": tall, "fontname": name})
    return out


def _per_glyph() -> tuple[Any, Any, Any]:
    """pdfium's three calls made for every glyph, typed on plain addresses (the text page
    and the origin's two doubles passed as ints): ctypes converts an int faster than it
    checks a pointer's type (a tenth of this loop's time).  The text object comes back
    as an int too, cheap to compare with the previous glyph's."""
    address = ctypes.c_void_p
    unicode_of = ctypes.CFUNCTYPE(ctypes.c_uint, address, ctypes.c_int)
    object_of = ctypes.CFUNCTYPE(address, address, ctypes.c_int)
    origin_of = ctypes.CFUNCTYPE(ctypes.c_int, address, ctypes.c_int, address, address)
    return (ctypes.cast(pdfium_c.FPDFText_GetUnicode, unicode_of),
            ctypes.cast(pdfium_c.FPDFText_GetTextObject, object_of),
            ctypes.cast(pdfium_c.FPDFText_GetCharOrigin, origin_of))


_PER_GLYPH = _per_glyph()


def _text_object(raw: Any, index: int) -> tuple[Any, float, float, float]:
    """The font, font size, horizontal scale and box height of the glyph ``index``'s text
    object (the same for all its glyphs)."""
    matrix = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFText_GetMatrix(raw, index, matrix):
        raise PdfiumUnsupported("a character without a text matrix")
    if matrix.b or matrix.c or matrix.a <= 0 or matrix.d <= 0:
        raise PdfiumUnsupported("rotated, skewed or mirrored text")
    font = pdfium_c.FPDFTextObj_GetFont(pdfium_c.FPDFText_GetTextObject(raw, index))
    if not font:
        raise PdfiumUnsupported("a character without a font")
    size = float(pdfium_c.FPDFText_GetFontSize(raw, index))
    return font, size, float(matrix.a), size * float(matrix.d)


def _font_name(font: Any, cache: dict[int, str]) -> str:
    if not font:
        return ""
    key = ctypes.cast(font, ctypes.c_void_p).value or 0
    name = cache.get(key)
    if name is None:
        buffer = ctypes.create_string_buffer(256)
        pdfium_c.FPDFFont_GetBaseFontName(font, buffer, 256)
        name = cache[key] = buffer.value.decode("latin-1")
    return name


# -- paths -----------------------------------------------------------------------------


def _paths(page: pypdfium2.PdfPage, height: float) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every path on the page (inside form XObjects too), one object per subpath."""
    raw = page.raw
    for i in range(pdfium_c.FPDFPage_CountObjects(raw)):
        yield from _object_paths(pdfium_c.FPDFPage_GetObject(raw, i), _IDENTITY, height, 0)


def _object_paths(obj: Any, outer: Matrix, height: float, depth: int) -> Iterator[tuple[str, dict[str, Any]]]:
    kind = pdfium_c.FPDFPageObj_GetType(obj)
    if kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < _MAX_FORM_DEPTH:
        inner = _compose(_matrix(obj), outer)
        for i in range(pdfium_c.FPDFFormObj_CountObjects(obj)):
            yield from _object_paths(pdfium_c.FPDFFormObj_GetObject(obj, i), inner, height, depth + 1)
    elif kind == pdfium_c.FPDF_PAGEOBJ_PATH:
        fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
        pdfium_c.FPDFPath_GetDrawMode(obj, fill_mode, stroke)
        fill, stroked = fill_mode.value != pdfium_c.FPDF_FILLMODE_NONE, bool(stroke.value)
        matrix = _compose(_matrix(obj), outer)
        for ops, pts in _subpaths(obj):
            placed = [_apply(matrix, p, height) for p in pts]
            found = _classify(ops, placed, stroked, fill)
            if found is not None:
                yield found


def _subpaths(obj: Any) -> Iterator[tuple[str, list[Point]]]:
    """Subpaths as pdfminer sees them: operators (``m``, ``l``, ``c``, ``h``) and the point
    each one ends at (``h`` ends at the subpath's start)."""
    x, y = ctypes.c_float(), ctypes.c_float()
    ops: list[str] = []
    pts: list[Point] = []
    bezier = 0
    for i in range(pdfium_c.FPDFPath_CountSegments(obj)):
        segment = pdfium_c.FPDFPath_GetPathSegment(obj, i)
        pdfium_c.FPDFPathSegment_GetPoint(segment, x, y)
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        point = (float(x.value), float(y.value))
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            if ops:
                yield "".join(ops), pts
            ops, pts, bezier = ["m"], [point], 0
        elif not ops:
            continue  # a path not starting with m: pdfminer draws nothing of it either
        elif kind == pdfium_c.FPDF_SEGMENT_LINETO:
            ops.append("l")
            pts.append(point)
        elif kind == pdfium_c.FPDF_SEGMENT_BEZIERTO:
            bezier += 1
            if bezier % 3 == 0:  # two control points, then the end point
                ops.append("c")
                pts.append(point)
            else:
                continue
        if pdfium_c.FPDFPathSegment_GetClose(segment):
            ops.append("h")
            pts.append(pts[0])
    if ops:
        yield "".join(ops), pts


def _classify(shape: str, pts: list[Point], stroke: bool, fill: bool) -> tuple[str, dict[str, Any]] | None:
    """pdfminer's ``paint_path`` for one subpath: a line, a rectangle or a curve."""
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        shape = shape[:-2] + "h"
        pts = pts[:-1]
    if len(shape) < 2:
        return None
    box = _bounds(pts)
    if shape in ("ml", "mlh"):
        return "line", {**box, "stroke": stroke, "fill": fill, "pts": pts[:2]}
    if shape in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (
            y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
        if pts[0] == pts[4] and square:
            return "rect", {**box, "stroke": stroke, "fill": fill}
    return "curve", {**box, "stroke": stroke, "fill": fill, "pts": pts}


def _bounds(pts: list[Point]) -> dict[str, float]:
    xs = [p[0] for p in pts]
    ys = [p[1] for p in pts]
    return {"x0": min(xs), "x1": max(xs), "top": min(ys), "bottom": max(ys)}


def _matrix(obj: Any) -> Matrix:
    m = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, m):
        return _IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _compose(inner: Matrix, outer: Matrix) -> Matrix:
    """``inner`` then ``outer`` (PDF row-vector convention: p · inner · outer)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _apply(m: Matrix, p: Point, height: float) -> Point:
    """A point in page space, y measured down from the top (pdfplumber's ``top``)."""
    x, y = p
    return (m[0] * x + m[2] * y + m[4], height - (m[1] * x + m[3] * y + m[5]))
