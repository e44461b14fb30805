"""The part of pdfium's C API the PDF reader calls, declared here: pdfium loaded without
executing ``pypdfium2_raw``.

``import pypdfium2_raw`` runs its generated ``bindings.py``: ctypes prototypes for about
a thousand pdfium functions and structs, and the ``ctypes.util``, ``platform`` and
``subprocess`` imports its loader needs, about 9 ms of every ``cchc extract FILE.pdf``
(loading ``libpdfium.so`` itself takes 0.5 ms).  The reader calls 37 functions, declared
below with the argument and result types the bindings give them (names kept, so that
``pdf_pdfium`` reads like pdfium's headers).  The library is the one shipped inside the
installed ``pypdfium2_raw`` package, found from its import spec without importing it,
as its loader names it (``./{prefix}pdfium.{suffix}`` beside ``bindings.py``).

Importing this module raises ImportError when the library is not there; ``pdf_pdfium``
then imports ``pypdfium2_raw`` itself, which knows how it was installed.
``tests/test_pdfium_api.py`` checks every declaration and constant against the
installed bindings, and that the file loaded is theirs.
"""

from __future__ import annotations

import ctypes
import importlib.util
import sys
from ctypes import POINTER, c_char, c_double, c_float, c_int, c_size_t, c_uint, c_ulong, c_ushort, c_void_p
from pathlib import Path
from typing import Any


def library_path() -> Path | None:
    """``libpdfium`` in the installed ``pypdfium2_raw`` package's folder (the name its
    ``bindings.py`` builds for this platform), or None when it is not there."""
    spec = importlib.util.find_spec("pypdfium2_raw")
    folders = list(spec.submodule_search_locations or ()) if spec is not None else []
    if sys.platform.startswith(("win32", "cygwin", "msys")):
        name = "pdfium.dll"
    elif sys.platform.startswith(("darwin", "ios")):
        name = "libpdfium.dylib"
    else:
        name = "libpdfium.so"
    found = [Path(folder) / name for folder in folders if (Path(folder) / name).exists()]
    return found[0] if found else None


_PATH = library_path()
if _PATH is None:
    raise ImportError("libpdfium is not in the pypdfium2_raw package's folder")
_LIB = ctypes.CDLL(str(_PATH))


def _handle(name: str) -> Any:
    """A pointer to an opaque pdfium struct, named as the bindings name it."""
    return POINTER(type(name, (ctypes.Structure,), {}))


# -- types (fpdfview.h) ---------------------------------------------------------------------

FPDF_DOCUMENT = _handle("struct_fpdf_document_t__")
FPDF_PAGE = _handle("struct_fpdf_page_t__")
FPDF_TEXTPAGE = _handle("struct_fpdf_textpage_t__")
FPDF_PAGEOBJECT = _handle("struct_fpdf_pageobject_t__")
FPDF_FONT = _handle("struct_fpdf_font_t__")
FPDF_PATHSEGMENT = _handle("struct_fpdf_pathsegment_t")
FPDF_BOOL = c_int
FPDF_STRING = FPDF_BYTESTRING = POINTER(c_char)


class FS_MATRIX(ctypes.Structure):
    """A transformation matrix (a b c d e f)."""

    _fields_ = [(name, c_float) for name in "abcdef"]


class FS_RECTF(ctypes.Structure):
    """A rectangle in page space."""

    _fields_ = [("left", c_float), ("top", c_float), ("right", c_float), ("bottom", c_float)]


class FPDF_LIBRARY_CONFIG(ctypes.Structure):
    """FPDF_InitLibraryWithConfig's argument (pdfium reads the fields its ``version`` has)."""

    _fields_ = [("version", c_int), ("m_pUserFontPaths", POINTER(POINTER(c_char))),
                ("m_pIsolate", c_void_p), ("m_v8EmbedderSlot", c_uint), ("m_pPlatform", c_void_p),
                ("m_RendererType", c_int), ("m_FontLibraryType", c_int),
                ("m_BrotliEnabled", FPDF_BOOL), ("m_IsolatePerDocument", FPDF_BOOL)]


# -- constants ------------------------------------------------------------------------------

FPDF_ERR_FILE, FPDF_ERR_FORMAT, FPDF_ERR_PASSWORD, FPDF_ERR_SECURITY, FPDF_ERR_PAGE = 2, 3, 4, 5, 6
FPDF_PAGEOBJ_PATH, FPDF_PAGEOBJ_FORM = 2, 5
FPDF_SEGMENT_LINETO, FPDF_SEGMENT_BEZIERTO, FPDF_SEGMENT_MOVETO = 0, 1, 2
FPDF_FILLMODE_NONE = 0


# -- functions --------------------------------------------------------------------------------


def _declare(name: str, restype: Any, *argtypes: Any) -> Any:
    function = _LIB[name]
    function.argtypes = argtypes
    function.restype = restype
    return function


FPDF_InitLibraryWithConfig = _declare("FPDF_InitLibraryWithConfig", None, POINTER(FPDF_LIBRARY_CONFIG))
FPDF_GetLastError = _declare("FPDF_GetLastError", c_ulong)
FPDF_LoadDocument = _declare("FPDF_LoadDocument", FPDF_DOCUMENT, FPDF_STRING, FPDF_BYTESTRING)
FPDF_CloseDocument = _declare("FPDF_CloseDocument", None, FPDF_DOCUMENT)
FPDF_GetPageCount = _declare("FPDF_GetPageCount", c_int, FPDF_DOCUMENT)
FPDF_GetMetaText = _declare("FPDF_GetMetaText", c_ulong, FPDF_DOCUMENT, FPDF_BYTESTRING, c_void_p, c_ulong)
FPDF_LoadPage = _declare("FPDF_LoadPage", FPDF_PAGE, FPDF_DOCUMENT, c_int)
FPDF_ClosePage = _declare("FPDF_ClosePage", None, FPDF_PAGE)
_BOX = (FPDF_PAGE, POINTER(c_float), POINTER(c_float), POINTER(c_float), POINTER(c_float))
FPDFPage_GetRotation = _declare("FPDFPage_GetRotation", c_int, FPDF_PAGE)
FPDFPage_GetMediaBox = _declare("FPDFPage_GetMediaBox", FPDF_BOOL, *_BOX)
FPDFPage_GetCropBox = _declare("FPDFPage_GetCropBox", FPDF_BOOL, *_BOX)

FPDFText_LoadPage = _declare("FPDFText_LoadPage", FPDF_TEXTPAGE, FPDF_PAGE)
FPDFText_ClosePage = _declare("FPDFText_ClosePage", None, FPDF_TEXTPAGE)
FPDFText_CountChars = _declare("FPDFText_CountChars", c_int, FPDF_TEXTPAGE)
FPDFText_GetTextIndexFromCharIndex = _declare("FPDFText_GetTextIndexFromCharIndex", c_int,
                                              FPDF_TEXTPAGE, c_int)
FPDFText_GetText = _declare("FPDFText_GetText", c_int, FPDF_TEXTPAGE, c_int, c_int, POINTER(c_ushort))
FPDFText_GetUnicode = _declare("FPDFText_GetUnicode", c_uint, FPDF_TEXTPAGE, c_int)
FPDFText_GetCharOrigin = _declare("FPDFText_GetCharOrigin", FPDF_BOOL, FPDF_TEXTPAGE, c_int,
                                  POINTER(c_double), POINTER(c_double))
FPDFText_GetLooseCharBox = _declare("FPDFText_GetLooseCharBox", FPDF_BOOL,
                                    FPDF_TEXTPAGE, c_int, POINTER(FS_RECTF))
FPDFText_GetFontSize = _declare("FPDFText_GetFontSize", c_double, FPDF_TEXTPAGE, c_int)
FPDFText_GetTextObject = _declare("FPDFText_GetTextObject", FPDF_PAGEOBJECT, FPDF_TEXTPAGE, c_int)
FPDFText_GetMatrix = _declare("FPDFText_GetMatrix", FPDF_BOOL, FPDF_TEXTPAGE, c_int, POINTER(FS_MATRIX))
FPDFTextObj_GetFont = _declare("FPDFTextObj_GetFont", FPDF_FONT, FPDF_PAGEOBJECT)
FPDFFont_GetBaseFontName = _declare("FPDFFont_GetBaseFontName", c_size_t,
                                    FPDF_FONT, POINTER(c_char), c_size_t)
FPDFFont_GetGlyphWidth = _declare("FPDFFont_GetGlyphWidth", FPDF_BOOL,
                                  FPDF_FONT, c_uint, c_float, POINTER(c_float))

FPDFPage_CountObjects = _declare("FPDFPage_CountObjects", c_int, FPDF_PAGE)
FPDFPage_GetObject = _declare("FPDFPage_GetObject", FPDF_PAGEOBJECT, FPDF_PAGE, c_int)
FPDFPageObj_GetType = _declare("FPDFPageObj_GetType", c_int, FPDF_PAGEOBJECT)
FPDFPageObj_GetMatrix = _declare("FPDFPageObj_GetMatrix", FPDF_BOOL, FPDF_PAGEOBJECT, POINTER(FS_MATRIX))
FPDFFormObj_CountObjects = _declare("FPDFFormObj_CountObjects", c_int, FPDF_PAGEOBJECT)
FPDFFormObj_GetObject = _declare("FPDFFormObj_GetObject", FPDF_PAGEOBJECT, FPDF_PAGEOBJECT, c_ulong)
FPDFPath_GetDrawMode = _declare("FPDFPath_GetDrawMode", FPDF_BOOL,
                                FPDF_PAGEOBJECT, POINTER(c_int), POINTER(FPDF_BOOL))
FPDFPath_CountSegments = _declare("FPDFPath_CountSegments", c_int, FPDF_PAGEOBJECT)
FPDFPath_GetPathSegment = _declare("FPDFPath_GetPathSegment", FPDF_PATHSEGMENT, FPDF_PAGEOBJECT, c_int)
FPDFPathSegment_GetPoint = _declare("FPDFPathSegment_GetPoint", FPDF_BOOL, FPDF_PATHSEGMENT,
                                    POINTER(c_float), POINTER(c_float))
FPDFPathSegment_GetType = _declare("FPDFPathSegment_GetType", c_int, FPDF_PATHSEGMENT)
FPDFPathSegment_GetClose = _declare("FPDFPathSegment_GetClose", FPDF_BOOL, FPDF_PATHSEGMENT)
