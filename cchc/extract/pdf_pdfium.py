"""PDF pages from pdfium, shaped like pdfplumber's: the fast path of the PDF reader.

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

pdfium is called through its C API (the functions ``pdfium_api`` declares, on the library
``pypdfium2_raw`` ships), not pypdfium2's helper layer: that layer's import (logging,
argparse, tempfile, uuid, its classes…) cost 10-20 ms of every ``cchc extract``, more than
reading a short report's pages, and the raw bindings' own import 9 ms more.  So this
module initialises the library, opens and closes documents, pages and text pages itself,
and is the one module of the reader that talks to pdfium (``pdf_triage`` asks it for
text; the OCR reader, for scans only, still renders with pypdfium2).

Pages pdfium would place differently (rotated, a media box not at the origin, a crop
box) raise :class:`PdfiumUnsupported`; the reader then reads the file with pdfplumber.
"""

from __future__ import annotations

import codecs
import ctypes
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

try:  # the functions used, declared in pdfium_api: importing the bindings cost 9 ms (see there)
    from cchc.extract import pdfium_api as pdfium_c
except ImportError:  # the library is not beside pypdfium2_raw's files: its own loader finds it
    import pypdfium2_raw as pdfium_c  # type: ignore[no-redef]  # not pypdfium2.raw: the helpers

Handle = Any  # a pdfium handle (FPDF_DOCUMENT, FPDF_PAGE, FPDF_TEXTPAGE…): a ctypes pointer, falsy if null
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


# -- the library, documents and pages ----------------------------------------------------


def _init_library() -> None:
    """Initialise pdfium once per process, as pypdfium2's ``_library_scope`` does (config
    version 2, no font paths, no V8).  Skipped when pypdfium2 did it already (the OCR reader
    or a test imported it); pdfium ignores a second initialisation, so pypdfium2 imported
    later is fine too.  The library is not destroyed at exit: pypdfium2, if imported, does
    so after closing its own objects, and the process's end frees the rest."""
    if "pypdfium2._library_scope" in sys.modules:
        return
    config = pdfium_c.FPDF_LIBRARY_CONFIG(version=2, m_pUserFontPaths=None, m_pIsolate=None,
                                          m_v8EmbedderSlot=0)
    pdfium_c.FPDF_InitLibraryWithConfig(config)


_init_library()

#: FPDF_GetLastError's codes after a document failed to load, named for the exception.
_LOAD_ERRORS = {pdfium_c.FPDF_ERR_FILE: "file not found or unreadable",
                pdfium_c.FPDF_ERR_FORMAT: "not a PDF or damaged",
                pdfium_c.FPDF_ERR_PASSWORD: "encrypted: password missing or wrong",
                pdfium_c.FPDF_ERR_SECURITY: "unsupported security handler",
                pdfium_c.FPDF_ERR_PAGE: "page not found or damaged"}


class PdfiumDocument:
    """A document open in pdfium, closed by :meth:`close` or a ``with`` block.

    pdfium keeps the file open while the document is, and every page and text page taken
    from it must be closed before it is (:class:`LoadedPage`)."""

    def __init__(self, path: Path, password: str | None) -> None:
        """Open ``path``, raising :class:`PdfiumUnsupported` (with pdfium's reason) when it
        cannot be loaded or has no page.  The caller names the error to the user: pdfplumber
        reads the file again and tells a wrong password from damage (``pdf_reader``)."""
        name = (str(path) + "\x00").encode("utf-8", errors="surrogateescape")
        secret = None if password is None else (password + "\x00").encode("utf-8")
        self._raw: Handle = pdfium_c.FPDF_LoadDocument(name, secret)
        if not self._raw:
            code = pdfium_c.FPDF_GetLastError()
            raise PdfiumUnsupported(f"pdfium cannot load the document: {_LOAD_ERRORS.get(code, code)}")
        self.page_count: int = pdfium_c.FPDF_GetPageCount(self._raw)
        if self.page_count < 1:
            self.close()
            raise PdfiumUnsupported("pdfium finds no page in the document")

    def metadata(self, key: str) -> str:
        """The Info dictionary's ``key`` (``Producer``…), '' when absent."""
        encoded = (key + "\x00").encode("utf-8")
        size = pdfium_c.FPDF_GetMetaText(self._raw, encoded, None, 0)  # bytes, UTF-16LE with its NUL
        buffer = ctypes.create_string_buffer(size)
        pdfium_c.FPDF_GetMetaText(self._raw, encoded, buffer, size)
        return codecs.decode(memoryview(buffer)[:size - 2], "utf-16-le")

    def load_page(self, index: int) -> LoadedPage:
        """Page ``index`` (0-based) with its text page; the caller closes it."""
        page = pdfium_c.FPDF_LoadPage(self._raw, index)
        if not page:
            raise PdfiumUnsupported(f"pdfium cannot load page {index + 1}")
        text = pdfium_c.FPDFText_LoadPage(page)
        if not text:
            pdfium_c.FPDF_ClosePage(page)
            raise PdfiumUnsupported(f"pdfium cannot load the text of page {index + 1}")
        return LoadedPage(page, text)

    def close(self) -> None:
        """Close the document (and the file); its pages must be closed already."""
        if self._raw:
            pdfium_c.FPDF_CloseDocument(self._raw)
            self._raw = None

    def __enter__(self) -> PdfiumDocument:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class LoadedPage:
    """A loaded page and its text page (``page`` and ``text``: raw handles), closed together."""

    __slots__ = ("page", "text")

    def __init__(self, page: Handle, text: Handle) -> None:
        self.page = page
        self.text = text

    def rotation(self) -> int:
        """The page's /Rotate in quarter turns clockwise (0-3); -1 when pdfium cannot tell."""
        return int(pdfium_c.FPDFPage_GetRotation(self.page))

    def media_box(self) -> tuple[float, float, float, float] | None:
        """The page's own /MediaBox (left, bottom, right, top); ``None`` when the page
        inherits it from the page tree, where pdfium does not look it up (pypdfium2 then
        says US Letter, and every position on an A4 page would be 50 points off)."""
        return self._box(pdfium_c.FPDFPage_GetMediaBox)

    def crop_box(self) -> tuple[float, float, float, float] | None:
        """The page's own /CropBox, else its media box."""
        return self._box(pdfium_c.FPDFPage_GetCropBox) or self.media_box()

    def _box(self, get: Any) -> tuple[float, float, float, float] | None:
        left, bottom, right, top = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
        if not get(self.page, left, bottom, right, top):
            return None
        return (left.value, bottom.value, right.value, top.value)

    def close(self) -> None:
        """Close the text page, then the page."""
        if self.text:
            pdfium_c.FPDFText_ClosePage(self.text)
            self.text = None
        if self.page:
            pdfium_c.FPDF_ClosePage(self.page)
            self.page = None


class PdfiumPdf:
    """An open document whose ``pages`` read themselves on first use (pdfplumber's shape).

    Triage reads every page's text (``pdf_triage``) before some pages are read again with
    their geometry: page 1 and the appendix, at the end.  Both read the same loaded page
    and text page (loading them is most of a page's cost in pdfium), kept open for page 1
    and the last :data:`_KEPT_PAGES` loaded, so that a long report holds a few pages only.
    """

    def __init__(self, document: PdfiumDocument) -> None:
        self._document = document
        self._loaded: dict[int, LoadedPage] = {}  # oldest first
        self.pages = [PdfiumPage(self, index) for index in range(document.page_count)]

    def text_page(self, index: int) -> Handle:
        """Page ``index``'s (0-based) text page, loaded once for triage and the page's reading."""
        return self.load(index).text

    def load(self, index: int) -> LoadedPage:
        """Page ``index``, loaded if not kept from an earlier use."""
        found = self._loaded.pop(index, None)
        if found is None:
            found = self._document.load_page(index)
        self._loaded[index] = found
        while len(self._loaded) > _KEPT_PAGES + 1:
            self.unload(next(i for i in self._loaded if i != 0))
        return found

    def unload(self, index: int) -> None:
        """Close page ``index`` and its text page if they are loaded."""
        found = self._loaded.pop(index, None)
        if found is not None:
            found.close()

    def close(self) -> None:
        """Close every page still loaded, then the document."""
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
        document = PdfiumDocument(path, password)
    except PdfiumUnsupported:  # wrong password, damage: pdfplumber names them
        return None
    try:
        producer = document.metadata("Producer")
        if document.page_count > max_pages or not producer.startswith(PRODUCERS):
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
        loaded = self._pdf.load(self.index)
        if loaded.rotation() != 0:
            raise PdfiumUnsupported(f"page {self.index + 1} is rotated")
        media = loaded.media_box()
        if media is None:
            raise PdfiumUnsupported(f"page {self.index + 1} inherits its media box")
        if media[0] != 0 or media[1] != 0 or loaded.crop_box() != media:
            raise PdfiumUnsupported(f"page {self.index + 1} has a media box off the origin or a crop box")
        width, height = media[2], media[3]
        self.bbox = (0.0, 0.0, float(width), float(height))
        self._chars = _chars(loaded.text, float(height))
        for kind, obj in _paths(loaded.page, float(height)):
            {"line": self._lines, "rect": self._rects, "curve": self._curves}[kind].append(obj)
        self._read = True


# -- text for triage ----------------------------------------------------------------------


def page_text(textpage: Handle) -> str:
    """The text page's text in drawing order, with pdfium's line breaks: pypdfium2's
    ``get_text_range()``, so triage reads what it read before.

    Characters pdfium leaves out of its text at either end of the page are skipped first:
    given them, pdfium reads past the range it is asked for (pypdfium2 issue 261).  The
    text is UCS-2, decoded ignoring what is not valid UTF-16.
    """
    first, last = 0, pdfium_c.FPDFText_CountChars(textpage) - 1
    if last < -1:
        raise PdfiumUnsupported("pdfium cannot count the page's characters")
    while first <= last and pdfium_c.FPDFText_GetTextIndexFromCharIndex(textpage, first) == -1:
        first += 1
    if first > last:
        return ""
    while pdfium_c.FPDFText_GetTextIndexFromCharIndex(textpage, last) == -1:
        last -= 1  # stops at ``first`` at the latest, which has a text index
    size = (pdfium_c.FPDFText_GetTextIndexFromCharIndex(textpage, last)
            - pdfium_c.FPDFText_GetTextIndexFromCharIndex(textpage, first) + 2)  # with the NUL
    buffer = (ctypes.c_ushort * size)()
    written = pdfium_c.FPDFText_GetText(textpage, first, last - first + 1, buffer)
    return codecs.decode(memoryview(buffer)[:written - 1], "utf-16-le", errors="ignore")


#: A drawn glyph for reading a page by position: (-baseline, x0, x1, font size, text).
PlacedGlyph = tuple[float, float, float, float, str]


def placed_glyphs(textpage: Handle) -> list[PlacedGlyph]:
    """The page's glyphs other than spaces and control characters, each with its baseline
    (negated: sorting puts the top line first), its origin's x, the right edge of its loose
    box (not left of its origin) and its font size (at least 1), in drawing order."""
    ox, oy = ctypes.c_double(), ctypes.c_double()
    box = pdfium_c.FS_RECTF()
    glyphs: list[PlacedGlyph] = []
    for i in range(pdfium_c.FPDFText_CountChars(textpage)):
        code = pdfium_c.FPDFText_GetUnicode(textpage, i)
        if code <= 0x20 or code in (0xFFFE, 0xFFFF) or chr(code).isspace():
            continue
        pdfium_c.FPDFText_GetCharOrigin(textpage, i, ox, oy)
        pdfium_c.FPDFText_GetLooseCharBox(textpage, i, box)
        size = max(1.0, float(pdfium_c.FPDFText_GetFontSize(textpage, i)))
        glyphs.append((-oy.value, ox.value, max(ox.value, box.right), size, chr(code)))
    return glyphs


# -- text ------------------------------------------------------------------------------


def _chars(raw: Handle, height: float) -> list[dict[str, Any]]:
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


def _paths(raw: Handle, height: float) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every path on the page (inside form XObjects too), one object per subpath."""
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
