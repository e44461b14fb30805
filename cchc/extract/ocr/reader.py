"""A scanned PDF (pages that are pictures) into the same blocks a vector PDF gives.

Per page: render at 300 dpi, deskew, clean (``image``); ruling lines by morphology
(``lines``) become :class:`Rule` objects and ``pdf_grid`` builds the cells from them, as for
a vector PDF; each cell is recognized on its own (``cells``) and its words become glyphs.
The :class:`PageLayout` so built goes through ``pdf_reader.layout_to_blocks`` and, after
the reader, through the same appendix search and stitching as every other format.

The appendix is located before the expensive reading: every page's grid is found first,
and only the first rows of each page's top table are read (its header words, by
``columns.role_of_label``).  Pages whose table has an appendix header, and the pages after
them whose table has the same columns, are read cell by cell; page 1 gives its header
block (the issuing unit, number and date) and the appendix pages their caption.  Body
pages of prose are not read at all.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from cchc.extract.columns import role_of_label
from cchc.extract.model import Block, ExtractedDocument, OcrText, RawTable
from cchc.extract.ocr.cells import Recognized, cell_boxes, recognize
from cchc.extract.ocr.engine import PSM_AUTO, check_available, engine
from cchc.extract.ocr.image import DPI, Gray, PageImage, prepare, render_page
from cchc.extract.ocr.lines import erase_rules, find_rules
from cchc.extract.pdf_grid import (
    Glyph,
    Grid,
    LayoutSettings,
    PageLayout,
    Rule,
    is_lead_column,
    layout_to_grids,
)
from cchc.extract.scan_notice import notify_scan

HEADER_ROWS = 3  # grid rows read to recognize an appendix header (two-level headers + numbers)
MIN_ROLES = 3  # header labels with a known role that make a table the appendix
MIN_COLUMNS = 3
HEAD_SHARE = 0.45  # share of page 1 (from the top) holding the letterhead, number, date, title
COLUMN_TOLERANCE = 4.0  # points: a later page's column lines match the appendix's
_LEAD = LayoutSettings()  # what a narrow first (TT) column is


@dataclass
class _Page:
    """One page on its way: its picture, grids and what has been read of it."""

    image: PageImage | None
    erased: Gray | None = None  # ink without ruling lines, while the page is kept
    rules: tuple[Rule, ...] = ()
    grids: list[Grid] = field(default_factory=list)
    cells: dict[tuple[int, int], Recognized] = field(default_factory=dict)
    appendix_header: bool = False


def threads() -> int:
    """OCR threads: the cores this process may use, at most two (a batch runs processes too)."""
    env = os.environ.get("CCHC_OCR_THREADS", "")
    if env.isdigit() and int(env) > 0:
        return int(env)
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        cores = os.cpu_count() or 1
    return max(1, min(2, cores))


def read_scanned_pdf(path: Path, password: str | None, settings: LayoutSettings) -> ExtractedDocument:
    """Read an image-only PDF by OCR; ``ocr_unavailable`` without Tesseract and ``vie``."""
    import pypdfium2 as pdfium

    tessdata = check_available(path.name)
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # one core per engine; pages run in parallel
    document = pdfium.PdfDocument(path, password=password)
    notify_scan(len(document))
    try:
        with ThreadPoolExecutor(threads(), thread_name_prefix="cchc-ocr") as pool:
            futures = []
            for index in range(len(document)):
                page = document[index]
                gray = render_page(page)  # pdfium is not thread-safe: render here, read there
                page.close()
                futures.append(pool.submit(_survey, index + 1, gray, tessdata, settings))
            pages = [f.result() for f in futures]
            chosen = _choose(pages)
            numbers = range(1, len(pages) + 1)
            list(pool.map(lambda n: _read_page(pages[n - 1], n, tessdata, n in chosen), numbers))
        n_pages = len(document)
    finally:
        document.close()
    return _document(path.name, pages, chosen, n_pages, settings)


def _survey(number: int, gray: Gray, tessdata: str, settings: LayoutSettings) -> _Page:
    """Deskew and clean the page, find its grids, read the top table's header rows."""
    image = prepare(number, gray)
    rules = find_rules(image.ink, scale=image.scale)
    grids = [g for g in layout_to_grids(PageLayout(number, rules, ()), settings) if g.n_cols >= MIN_COLUMNS]
    if not grids and number != 1:
        return _Page(None)
    page = _Page(image, erase_rules(image.ink, grids=grids, scale=image.scale), rules, grids)
    if grids:
        top = grids[0]
        labels = []
        for k, cell in enumerate(top.cells):
            if cell.row < min(HEADER_ROWS, top.n_rows):
                found = _cell(page, 0, k, tessdata)
                labels.append(" ".join(g.text for g in found.glyphs))
        roles = {role_of_label(label) for label in labels} - {None}
        page.appendix_header = len(roles) >= MIN_ROLES
    return page


def _cell(page: _Page, g: int, k: int, tessdata: str) -> Recognized:
    """Cell ``k`` of grid ``g``, recognized once."""
    found = page.cells.get((g, k))
    if found is None:
        assert page.image is not None and page.erased is not None
        grid = page.grids[g]
        box = cell_boxes(grid, page.image.scale)[k]
        found = recognize(engine(tessdata), page.image.gray, page.erased, box, page.image.scale,
                          second=engine(tessdata, "eng"), lead=is_lead_column(grid, k, _LEAD))
        page.cells[(g, k)] = found
    return found


def _choose(pages: Sequence[_Page]) -> set[int]:
    """Pages to read cell by cell: appendix-header pages and the pages continuing them."""
    chosen: set[int] = set()
    for number, page in enumerate(pages, start=1):
        if page.appendix_header:
            chosen.add(number)
        elif (number - 1 in chosen and page.grids
              and _same_columns(pages[number - 2].grids[-1], page.grids[0])):
            chosen.add(number)
    if not chosen:  # no header recognized: read every page that has a table
        chosen = {n for n, p in enumerate(pages, start=1) if p.grids}
    return chosen


def _same_columns(a: Grid, b: Grid) -> bool:
    return len(a.xs) == len(b.xs) and all(abs(x - y) <= COLUMN_TOLERANCE
                                          for x, y in zip(a.xs, b.xs, strict=True))


def _read_page(page: _Page, number: int, tessdata: str, chosen: bool) -> None:
    """Recognize a chosen page's cells and its text above the tables; page 1's head."""
    if page.image is None:
        return
    if chosen:
        for g, grid in enumerate(page.grids):
            for k in range(len(grid.cells)):
                _cell(page, g, k, tessdata)
    if chosen or number == 1:
        page.cells[(-1, 0)] = _outside(page, number, tessdata)


def _outside(page: _Page, number: int, tessdata: str) -> Recognized:
    """The text above the page's first table (caption, or page 1's letterhead and title)."""
    assert page.image is not None and page.erased is not None
    height, width = page.image.ink.shape
    bottom = int(page.grids[0].ys[0] / page.image.scale) - 2 if page.grids else int(height * HEAD_SHARE)
    if number == 1:
        bottom = _blank_row(page.erased, min(bottom, int(height * HEAD_SHARE)))
    if bottom < DPI // 10:
        return Recognized((), ())
    return recognize(engine(tessdata), page.image.gray, page.erased, (0, 0, width, bottom),
                     page.image.scale, psm=PSM_AUTO)


def _blank_row(ink: Gray, y: int) -> int:
    """The nearest row at or above ``y`` with no ink: a band cut there cuts no text line."""
    import numpy as np

    rows = ink[:y].any(axis=1)
    blank = np.flatnonzero(~rows)
    return int(blank[-1]) if len(blank) else y


def _document(name: str, pages: Sequence[_Page], chosen: set[int], n_pages: int,
              settings: LayoutSettings) -> ExtractedDocument:
    """The pages' layouts through the vector PDF's page code, in page order."""
    from cchc.extract.pdf_reader import layout_to_blocks

    blocks: list[Block] = []
    texts: list[OcrText] = []
    tables = 0
    unruled = False
    for number, page in enumerate(pages, start=1):
        if page.image is None or not page.cells:
            continue
        glyphs: list[Glyph] = []
        for found in page.cells.values():
            glyphs.extend(found.glyphs)
            texts.extend(found.texts)
        rules = page.rules if number in chosen else ()
        layout = PageLayout(number, rules, tuple(glyphs))
        page_blocks = layout_to_blocks(layout, settings, first_index=tables, unruled_before=unruled)
        found_tables = [b for b in page_blocks if isinstance(b, RawTable)]
        tables += len(found_tables)
        unruled = not found_tables[-1].ruled if found_tables else unruled
        blocks.extend(page_blocks)
    return ExtractedDocument(file=name, format="pdf", blocks=tuple(blocks), pages=n_pages,
                             ocr=tuple(texts))
