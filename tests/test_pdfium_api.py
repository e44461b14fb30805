"""``cchc.extract.pdfium_api`` declares pdfium's functions as the installed bindings do.

The module declares the reader's few pdfium functions itself so that reading a PDF does
not execute ``pypdfium2_raw``'s generated bindings (9 ms of start-up).  A pypdfium2
release built on another pdfium may change a signature or a struct: every declaration,
struct and constant is compared here with ``pypdfium2_raw.bindings``, type by type.
"""

from __future__ import annotations

import ctypes
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pypdfium2_raw.bindings as bindings
import pytest

from cchc.extract import pdf_pdfium, pdfium_api

FUNCTIONS = sorted(name for name, value in vars(pdfium_api).items() if isinstance(value, ctypes._CFuncPtr))
CONSTANTS = sorted(name for name, value in vars(pdfium_api).items()
                   if name.startswith("FPDF_") and type(value) is int)


def shape(t: Any) -> Any:
    """A ctypes type as comparable data: simple types by code and size, pointers by what
    they point to, structs by their fields (opaque ones, handles, by their name)."""
    if t is None:
        return None
    if isinstance(t, type) and issubclass(t, ctypes._Pointer):
        return ("pointer", shape(t._type_))
    if isinstance(t, type) and issubclass(t, ctypes.Structure):
        fields = getattr(t, "_fields_", ())
        if not fields:
            return ("opaque", t.__name__)
        return ("struct", ctypes.sizeof(t), tuple((name, shape(ft)) for name, ft, *_ in fields))
    return ("simple", t._type_, ctypes.sizeof(t))


def test_the_declarations_cover_what_the_reader_calls() -> None:
    """Every pdfium name pdf_pdfium uses is declared here (else it would fail only when the
    bindings' fallback is not the one loaded)."""
    source = (Path(pdfium_api.__file__).with_name("pdf_pdfium.py")).read_text(encoding="utf-8")
    used = set(re.findall(r"\bpdfium_c\.(\w+)", source))
    assert len(used) >= 30, "pdf_pdfium's pdfium calls not found: this check would pass"
    assert not used - set(vars(pdfium_api)), sorted(used - set(vars(pdfium_api)))


@pytest.mark.parametrize("name", FUNCTIONS)
def test_each_function_is_declared_as_the_bindings_declare_it(name: str) -> None:
    ours, theirs = getattr(pdfium_api, name), getattr(bindings, name)
    assert len(ours.argtypes) == len(theirs.argtypes)
    assert [shape(t) for t in ours.argtypes] == [shape(t) for t in theirs.argtypes]
    assert shape(ours.restype) == shape(theirs.restype)


@pytest.mark.parametrize("name", ["FS_MATRIX", "FS_RECTF", "FPDF_LIBRARY_CONFIG"])
def test_each_struct_has_the_bindings_fields(name: str) -> None:
    assert shape(getattr(pdfium_api, name)) == shape(getattr(bindings, name))


@pytest.mark.parametrize("name", CONSTANTS)
def test_each_constant_has_the_bindings_value(name: str) -> None:
    assert getattr(pdfium_api, name) == getattr(bindings, name)


def test_the_library_loaded_is_the_file_the_bindings_load() -> None:
    path = pdfium_api.library_path()
    assert path is not None
    assert os.path.samefile(path, bindings._libs["pdfium"]._name)
    assert os.path.samefile(path, pdfium_api._LIB._name)


def test_the_shape_tells_handles_and_sizes_apart() -> None:
    """The comparison itself: a page is not a document, a long not an int."""
    assert shape(pdfium_api.FPDF_PAGE) != shape(pdfium_api.FPDF_DOCUMENT)
    assert shape(ctypes.c_ulong) != shape(ctypes.c_uint)
    assert shape(pdfium_api.FS_RECTF) != shape(pdfium_api.FS_MATRIX)


def test_without_the_library_beside_the_package_the_bindings_load_it() -> None:
    """The fallback: ``pdf_pdfium`` imports ``pypdfium2_raw``, whose loader finds pdfium,
    and reads the same text."""
    sample = Path(__file__).resolve().parent.parent / "samples" / "stp_2023_q1.pdf"
    code = ("import importlib.util as u\n"
            "find = u.find_spec\n"
            "u.find_spec = lambda name, *a: None if name == 'pypdfium2_raw' else find(name, *a)\n"
            "from cchc.extract import pdf_pdfium\n"
            "from cchc.extract.pdf_triage import page_texts\n"
            f"with pdf_pdfium.PdfiumPdf(pdf_pdfium.PdfiumDocument({str(sample)!r}, None)) as pdf:\n"
            "    texts = page_texts(pdf)\n"
            "print(pdf_pdfium.pdfium_c.__name__, len(texts), sum(map(len, texts)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    from cchc.extract.pdf_triage import page_texts

    with pdf_pdfium.PdfiumPdf(pdf_pdfium.PdfiumDocument(sample, None)) as pdf:
        texts = page_texts(pdf)
    assert texts is not None and len(texts) > 1
    assert out.stdout.split() == ["pypdfium2_raw", str(len(texts)), str(sum(map(len, texts)))]


def test_the_per_glyph_casts_take_the_declared_arguments() -> None:
    """pdf_pdfium retypes three per-glyph calls on plain addresses (faster in ctypes): the
    same number of arguments, each pointer an address, each integer as declared."""
    names = ("FPDFText_GetUnicode", "FPDFText_GetTextObject", "FPDFText_GetCharOrigin")
    for fast, name in zip(pdf_pdfium._PER_GLYPH, names, strict=True):
        declared = getattr(pdfium_api, name).argtypes
        assert len(fast.argtypes) == len(declared), name
        for ours, theirs in zip(fast.argtypes, declared, strict=True):
            pointer = isinstance(theirs, type) and issubclass(theirs, (ctypes._Pointer, ctypes.c_void_p))
            assert ours is (ctypes.c_void_p if pointer else theirs), (name, ours, theirs)
