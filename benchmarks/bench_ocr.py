"""Scanned reports read by OCR: pages per second and seconds per scanned report.

    .venv/bin/python benchmarks/bench_ocr.py samples/scans/*.pdf     # whole reads (process_file)
    .venv/bin/python benchmarks/bench_ocr.py --engines SCAN.pdf      # tesserocr vs pytesseract

``--engines`` reads the cell crops of the first appendix page once with tesserocr (one
engine kept) and once with pytesseract (a ``tesseract`` process per crop), the measurement
behind the choice of binding in cchc/extract/ocr/engine.py.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import pypdfium2 as pdfium

from cchc.read import Options, load_settings, process_file


def whole(paths: list[Path]) -> None:
    settings = load_settings(Options())
    pages = seconds = 0.0
    for path in paths:
        n = len(pdfium.PdfDocument(path))
        start = time.perf_counter()
        record = process_file(path, settings)
        took = time.perf_counter() - start
        pages, seconds = pages + n, seconds + took
        print(f"{path.name}: {n} pages, {len(record.findings)} findings, {took:.1f} s "
              f"({took / n:.1f} s/page)")
    print(f"{pages:.0f} pages in {seconds:.1f} s: {pages / seconds:.2f} pages/s, "
          f"{seconds / len(paths):.1f} s per scanned report")


def engines(path: Path) -> None:
    import pytesseract
    from PIL import Image

    from cchc.extract.ocr.cells import cell_boxes, crop
    from cchc.extract.ocr.engine import engine, tessdata_dir
    from cchc.extract.ocr.image import prepare, render_page
    from cchc.extract.ocr.lines import erase_rules, find_rules
    from cchc.extract.pdf_grid import LayoutSettings, PageLayout, layout_to_grids

    document = pdfium.PdfDocument(path)
    for index in range(len(document)):
        image = prepare(index + 1, render_page(document[index]))
        grids = layout_to_grids(PageLayout(index + 1, find_rules(image.ink), ()), LayoutSettings())
        if grids:
            break
    erased = erase_rules(image.ink)
    boxes = cell_boxes(grids[0], image.scale)
    crops = [c for c in (crop(image.gray, erased, b) for b in boxes) if c is not None]
    folder = tessdata_dir()
    assert folder is not None
    start = time.perf_counter()
    for c in crops:
        engine(folder).words(Image.fromarray(c))
    kept = time.perf_counter() - start
    start = time.perf_counter()
    for c in crops:
        pytesseract.image_to_data(Image.fromarray(c), lang="vie", config="--psm 6")
    spawned = time.perf_counter() - start
    print(f"{len(crops)} cell crops: tesserocr {kept:.2f} s ({kept / len(crops) * 1000:.0f} ms/cell), "
          f"pytesseract {spawned:.2f} s ({spawned / len(crops) * 1000:.0f} ms/cell)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--engines", action="store_true")
    args = parser.parse_args()
    if args.engines:
        engines(args.paths[0])
    else:
        whole(args.paths)


if __name__ == "__main__":
    main()
