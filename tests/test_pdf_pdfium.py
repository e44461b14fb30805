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
from bad_inputs.make_corpus import PASSWORD, _assemble

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


def test_reading_a_libreoffice_pdf_by_default_does_not_import_pdfplumber() -> None:
    """Nor pypdfium2's helper layer (10-20 ms of start-up), nor its raw bindings (9 ms) and
    the loader's imports: pdfium through ``pdfium_api``'s declarations only."""
    code = ("import sys; from cchc.extract.pdf_reader import read_pdf; "
            f"read_pdf({str(ROOT / 'samples' / 'stp_2023_q1.pdf')!r}); "
            "print(sorted(m for m in sys.modules\n"
            "             if m.split('.')[0] in ('pdfplumber', 'pdfminer', 'pypdfium2', 'pypdfium2_raw')\n"
            "             or m in ('ctypes.util', 'platform')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("path", [*READABLE, ROOT / "tests" / "pdf" / "encrypted.pdf"], ids=lambda p: p.name)
def test_the_raw_bindings_read_what_pypdfium2_reads(path: Path) -> None:
    """Page text, page count and producer as pypdfium2's helpers give them (triage's rules
    were tuned on its ``get_text_range``)."""
    import pypdfium2

    password = PASSWORD if path.name == "encrypted.pdf" else None
    with pdf_pdfium.PdfiumDocument(path, password) as ours, pypdfium2.PdfDocument(path, password) as theirs:
        assert ours.page_count == len(theirs)
        assert ours.metadata("Producer") == theirs.get_metadata_value("Producer")
        for index in range(ours.page_count):
            loaded = ours.load_page(index)
            try:
                page = theirs[index]
                assert loaded.media_box() == tuple(page.get_mediabox())  # every sample page has its own
                assert loaded.crop_box() == tuple(page.get_cropbox())
                assert loaded.rotation() * 90 == page.get_rotation()
                assert pdf_pdfium.page_text(loaded.text) == page.get_textpage().get_text_range()
            finally:
                loaded.close()


def test_a_missing_or_wrong_password_is_left_to_pdfplumber_to_name() -> None:
    """pdfium's refusal says why; the reader then lets pdfplumber name the error, as before."""
    path = ROOT / "tests" / "pdf" / "encrypted.pdf"
    for password in (None, "wrong"):
        with pytest.raises(pdf_pdfium.PdfiumUnsupported, match="password"):
            pdf_pdfium.PdfiumDocument(path, password)
        assert open_pdfium(path, password, 10) is None
    document = pdf_pdfium.PdfiumDocument(path, PASSWORD)
    document.close()
    document.close()  # closing twice is harmless


# -- hand-made PDFs ----------------------------------------------------------------------


def _pdf(path: Path, content: str, producer: str = "LibreOffice 7.6") -> Path:
    """A one-page PDF (Times-Roman as /F1) with ``content`` as its content stream."""
    stream = content.encode("latin-1")
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>",
               b"<< /Producer (" + producer.encode() + b") >>"]
    path.write_bytes(_assemble(objects, b" /Info %d 0 R" % len(objects)))
    return path


def test_glyph_boxes_follow_the_font_advance_and_every_scale(tmp_path: Path) -> None:
    """Boxes as pdfminer's: the font's advance times size, Tz, Tm and cm; kerning in TJ.
    (The box's height is one size; pdfminer lowers it by the font's /Descent, 0 in the
    producers read this way, while pdfium takes the font program's: not compared here.)"""
    import pdfplumber

    path = _pdf(tmp_path / "scaled.pdf", "\n".join((
        "BT /F1 12 Tf 50 700 Td [(AV) 120 (AV) -80 (To ) (fit)] TJ ET",
        "BT /F1 12 Tf 50 Tz 50 650 Td (Tz half) Tj ET",
        "q 2 0 0 1.5 50 600 cm BT /F1 10 Tf 100 Tz 1 Tc (Scaled CTM) Tj ET Q",
        "BT 1.5 0 0 1.5 50 500 Tm /F1 10 Tf 100 Tz (Tm scaled) Tj ET")))
    keys = ("x0", "x1", "size")
    fast = open_pdfium(path, None, 10)
    assert fast is not None
    with fast, pdfplumber.open(path) as slow:
        got = [(c["text"], *(round(c[k], 3) for k in keys)) for c in fast.pages[0].chars]
        assert all(abs(c["bottom"] - c["top"] - c["size"]) < 1e-6 for c in fast.pages[0].chars)
        want = [(c["text"], *(round(c[k], 3) for k in keys)) for c in slow.pages[0].chars]
    assert got == want


def test_a_page_that_inherits_its_media_box_is_left_to_pdfplumber(tmp_path: Path) -> None:
    """An A4 /MediaBox written on the page tree, not the page: pdfium does not inherit it
    (it would place the text as on US Letter, 50 points off), so pdfplumber reads the page."""
    import pdfplumber

    stream = b"BT /F1 12 Tf 50 700 Td (Inherited box) Tj ET"
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 595 842] >>",
               b"<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>",
               b"<< /Producer (LibreOffice 7.6) >>"]
    path = tmp_path / "inherited.pdf"
    path.write_bytes(_assemble(objects, b" /Info %d 0 R" % len(objects)))
    fast = open_pdfium(path, None, 10)
    assert fast is not None
    with fast, pytest.raises(pdf_pdfium.PdfiumUnsupported, match="inherits its media box"):
        assert fast.pages[0].chars
    with pdfplumber.open(path) as slow:
        assert slow.pages[0].height == 842  # the inherited box, which pdfplumber does use
        # baseline 700 pt up an 842-pt page (pdfminer lowers the box by the font's descent,
        # under a quarter of the 12-pt size); on US Letter it would be at 92
        assert 0 <= slow.pages[0].chars[0]["bottom"] - (842 - 700) < 12 / 4
    assert read_pdf(path, pdfium=True) == read_pdf(path, pdfium=False)


def test_a_skewed_text_is_left_to_pdfplumber(tmp_path: Path) -> None:
    path = _pdf(tmp_path / "skewed.pdf", "BT 1 0 0.3 1 50 700 Tm /F1 12 Tf (Skewed) Tj ET")
    fast = open_pdfium(path, None, 10)
    assert fast is not None
    with fast, pytest.raises(pdf_pdfium.PdfiumUnsupported):
        assert fast.pages[0].chars


def test_triage_finds_an_appendix_drawn_out_of_reading_order(tmp_path: Path) -> None:
    """Words drawn in shuffled order read as gibberish in drawing order; by position they
    give the heading and the table header back."""
    import random

    from cchc.extract.pdf_triage import page_texts, triage

    lines = ((700, "PHU LUC"), (650, "STT Ton tai, han che Giai phap khac phuc Thoi han"),
             (620, "1 Ty le ho so giai quyet dung han con thap"))
    words = []
    for y, line in lines:
        x = 60.0
        for word in line.split():
            words.append(f"BT /F1 10 Tf {x:.1f} {y} Td ({word}) Tj ET")
            x += 7.0 * (len(word) + 1)
    random.Random(3).shuffle(words)
    path = _pdf(tmp_path / "shuffled.pdf", "\n".join(words))
    with pdf_pdfium.PdfiumPdf(pdf_pdfium.PdfiumDocument(path, None)) as pdf:
        texts = page_texts(pdf)
        assert texts is not None and "Ton tai, han che" not in texts[0]  # the drawing order is lost
        assert page_texts(pdf, by_position=True) == ["\n".join(text for _, text in lines)]
    plan = triage(path)
    assert plan is not None and plan.geometry == (1,)


@pytest.mark.parametrize("name", ["stp_2023_q1_tcvn3.pdf", "syt_2023_q2_vni.pdf"])
def test_triage_finds_the_appendix_of_a_legacy_print(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """TCVN3 and VNI text reads as gibberish until decoded: triage searches it decoded, the
    reader keeps its plan (no second reading of every page), and reading only page 1 and
    the appendix gives the same tables as reading every page."""
    from cchc.extract import pdf_reader
    from cchc.extract.pdf_triage import triage

    path = ROOT / "samples" / "legacy" / name
    plan = triage(path)
    assert plan is not None and plan.geometry[0] == 1 and len(plan.geometry) < plan.n_pages + 1
    every_page = read_pdf(path, use_triage=False).tables
    readings: list[object] = []
    read = pdf_reader._PageReader.read

    def recorded(self: object, pdf: object, name: str, geometry: object, text_lines: object) -> None:
        readings.append(geometry)
        read(self, pdf, name, geometry, text_lines)  # type: ignore[arg-type]

    monkeypatch.setattr(pdf_reader._PageReader, "read", recorded)
    assert read_pdf(path).tables == every_page
    assert readings == [plan.geometry], "the plan was dropped and every page read again"


@pytest.mark.parametrize("path", READABLE, ids=lambda p: p.name)
def test_triage_on_the_open_document_is_triage_on_the_file(path: Path) -> None:
    """The reader triages the document it already opened (sharing its loaded pages); that
    plan must be the one a fresh opening of the file gives, else the reading would quietly
    fall back to every page or read the wrong ones."""
    from cchc.extract.pdf_triage import triage

    pdf = open_pdfium(path, None, 1000)
    assert pdf is not None
    with pdf:
        assert triage(path, None, pdf) == triage(path)


def test_a_long_document_keeps_only_a_few_pages_loaded(monkeypatch: pytest.MonkeyPatch) -> None:
    """With one page kept besides page 1, the 9-page sample is read the same, never holds
    more than two pages, and closes every page it loaded."""
    path = ROOT / "samples" / "snv_2023_long.pdf"
    expected = read_pdf(path, pdfium=True)
    monkeypatch.setattr(pdf_pdfium, "_KEPT_PAGES", 1)
    held: list[int] = []
    opened: list[pdf_pdfium.PdfiumPdf] = []
    load = pdf_pdfium.PdfiumPdf.load

    def counting(self: pdf_pdfium.PdfiumPdf, index: int) -> pdf_pdfium.LoadedPage:
        found = load(self, index)
        held.append(len(self._loaded))
        if self not in opened:
            opened.append(self)
        return found

    monkeypatch.setattr(pdf_pdfium.PdfiumPdf, "load", counting)
    assert read_pdf(path, pdfium=True) == expected
    assert held and max(held) == 2
    assert opened and all(not pdf._loaded for pdf in opened)
