"""Scanned reports read by OCR: pages per second and seconds per scanned report.

    .venv/bin/python benchmarks/bench_ocr.py samples/scans/*.pdf     # whole reads (process_file)
    .venv/bin/python benchmarks/bench_ocr.py --engines SCAN.pdf      # tesserocr vs pytesseract
    .venv/bin/python benchmarks/bench_ocr.py --generated 0-19        # generated reports, scored

``--engines`` reads the cell crops of the first appendix page once with tesserocr (one
engine kept) and once with pytesseract (a ``tesseract`` process per crop), the measurement
behind the choice of binding in cchc/extract/ocr/engine.py.

``--generated`` renders the generator's reports with LibreOffice (tests/layouts/render.py),
scans them with samples/make_scans.py's recipe, reads them and scores each against the
generator's truth as issue 10's acceptance reads (tests/ocr_score.py).  ``--cache DIR`` keeps
each cell crop's OCR words on disk (keyed by the crop's pixels, mode and language), so a change
after recognition is measured again in seconds; times are then not OCR times.
"""

from __future__ import annotations

import argparse
import hashlib
import pickle
import sys
import time
from pathlib import Path
from typing import Any

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
    erased = erase_rules(image.ink, grids=grids, scale=image.scale)
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


def cached_engine(folder: Path) -> None:
    """Keep every OCR call's words under ``folder`` (a development aid: see the module doc)."""
    from cchc.extract.ocr import engine as ocr_engine

    folder.mkdir(parents=True, exist_ok=True)
    words = ocr_engine.Engine.words

    def remembered(self: Any, image: Any, psm: int = ocr_engine.PSM_BLOCK) -> Any:
        key = hashlib.sha1(image.tobytes() + repr((image.size, psm, self.lang)).encode()).hexdigest()
        path = folder / key[:2] / key
        if path.exists():
            return pickle.loads(path.read_bytes())
        found = words(self, image, psm)
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(pickle.dumps(found))
        return found

    ocr_engine.Engine.words = remembered  # type: ignore[method-assign]


def generated(seeds: list[int], verbose: bool) -> None:
    root = Path(__file__).resolve().parents[1]
    sys.path[:0] = [str(root / "tests"), str(root / "samples")]
    from layouts.draw import draw_report
    from layouts.render import cache_dir, render
    from layouts.truth import expected_record
    from make_scans import scan_pdf
    from ocr_score import score

    settings = load_settings(Options())
    pdfs = render(seeds, ["pdf"])
    right = total = 0
    pages = seconds = 0.0
    for seed in seeds:
        if (seed, "pdf") not in pdfs:
            print(f"seed {seed}: no PDF")
            continue
        scan = cache_dir() / "scans" / f"gen_{seed:05d}.pdf"
        if not scan.exists():
            scan_pdf(pdfs[seed, "pdf"], scan)
        n = len(pdfium.PdfDocument(scan))
        start = time.perf_counter()
        record = process_file(scan, settings).to_dict()
        took = time.perf_counter() - start
        result = score(expected_record(draw_report(seed)), record)
        right, total = right + result.right, total + result.total
        pages, seconds = pages + n, seconds + took
        print(f"seed {seed}: {result.right}/{result.total} = {result.ratio:.0%}, {n} pages, "
              f"{took:.1f} s ({took / n:.1f} s/page)", flush=True)
        if verbose:
            for miss in result.misses:
                print("   ", *(str(m)[:100] for m in miss))
    print(f"all: {right}/{total} = {right / max(total, 1):.1%}; {pages:.0f} pages in {seconds:.0f} s "
          f"({seconds / max(pages, 1):.1f} s/page)")


def _seeds(text: str) -> list[int]:
    out: list[int] = []
    for part in text.split(","):
        first, _, last = part.partition("-")
        out.extend(range(int(first), int(last or first) + 1))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--engines", action="store_true")
    parser.add_argument("--generated", metavar="SEEDS", help="seeds such as 0-19 or 3,5,8-9")
    parser.add_argument("--cache", type=Path, help="keep OCR words of each crop in this folder")
    parser.add_argument("-v", "--verbose", action="store_true", help="list the fields missed")
    args = parser.parse_args()
    if args.cache:
        cached_engine(args.cache)
    if args.generated:
        generated(_seeds(args.generated), args.verbose)
    elif args.engines:
        engines(args.paths[0])
    else:
        whole(args.paths)


if __name__ == "__main__":
    main()
