"""The PDF reader's two page sources give the same document: pdfium (fast) and pdfplumber.

``read_pdf`` reads pages with pypdfium2 when the producer is one both were compared on, and
with pdfplumber otherwise or when pdfium fails.  Every sample PDF, the legacy-encoded
prints, the fixtures and the fixtures without row rules must read to the same blocks, page
count and font hints either way (so to the same records), and the fast path must really be
taken on them, without importing pdfplumber.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from cchc.extract import pdf_pdfium
from cchc.extract.pdf_pdfium import open_pdfium
from cchc.extract.pdf_reader import read_pdf

ROOT = Path(__file__).resolve().parent.parent
READABLE = sorted(
    [*ROOT.glob("samples/*.pdf"), *ROOT.glob("samples/legacy/*.pdf"), *ROOT.glob("tests/pdf/unruled/*.pdf"),
     *(ROOT / "tests/pdf" / n for n in ("ruled_merges.pdf", "long_table.pdf", "column_ruled.pdf",
                                        "rect_rules.pdf", "path_rules.pdf"))])


@pytest.mark.parametrize("path", READABLE, ids=lambda p: p.name)
def test_pdfium_and_pdfplumber_read_the_same_document(path: Path) -> None:
    pdf = open_pdfium(path, None, 1000)
    assert pdf is not None, "the fast path must be taken on this producer's PDFs"
    pdf.close()
    assert read_pdf(path, pdfium=True) == read_pdf(path, pdfium=False)


def test_an_unlisted_producer_is_read_by_pdfplumber(monkeypatch: pytest.MonkeyPatch) -> None:
    path = ROOT / "samples" / "stp_2023_q1.pdf"
    monkeypatch.setattr(pdf_pdfium, "PRODUCERS", ("Skia/PDF",))
    assert open_pdfium(path, None, 1000) is None
    assert read_pdf(path, pdfium=True).pages == 6


def test_a_page_pdfium_cannot_place_falls_back_to_pdfplumber(monkeypatch: pytest.MonkeyPatch) -> None:
    path = ROOT / "tests" / "pdf" / "ruled_merges.pdf"

    def refuse(self: pdf_pdfium.PdfiumPage) -> None:
        raise pdf_pdfium.PdfiumUnsupported("rotated")

    monkeypatch.setattr(pdf_pdfium.PdfiumPage, "_ensure", refuse)
    assert read_pdf(path, pdfium=True) == read_pdf(path, pdfium=False)


def test_reading_a_libreoffice_pdf_does_not_import_pdfplumber() -> None:
    code = ("import sys; from cchc.extract.pdf_reader import read_pdf; "
            f"read_pdf({str(ROOT / 'samples' / 'stp_2023_q1.pdf')!r}, pdfium=True); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pdfplumber', 'pdfminer')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
