"""Export sample PDFs as page-by-page, tab-separated text, the way the seed file was exported.

Usage: ``.venv/bin/python samples/export_text.py samples/syt_2023_q2.pdf ...`` writes
``samples/<stem>.txt`` beside each PDF.

The seed (``shared/seed/000_21caff40ca806bb2.txt``) came from some PDF-to-text converter
that writes, per page, the text lines outside tables and then every table row on one line,
cells joined by tabs, a cell's own line breaks turned into spaces, and a blank line between
pages.  This script is such a converter (it ends each page with a form feed, as pdftotext
does, so the text keeps its page numbers), built on pdfplumber's plain ``extract_tables`` (a
general tool, not cchc's reader), so the text exports are independent inputs: cchc must
rebuild the same appendix from them.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pdfplumber
from pdfplumber.page import Page


def _outside(page: Page, boxes: list[tuple[float, float, float, float]]) -> Page:
    def keep(obj: dict[str, object]) -> bool:
        x = (float(obj["x0"]) + float(obj["x1"])) / 2  # type: ignore[arg-type]
        y = (float(obj["top"]) + float(obj["bottom"])) / 2  # type: ignore[arg-type]
        return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)
    return page.filter(keep)


def page_lines(page: Page) -> list[str]:
    """Text lines above the tables, table rows (tab-separated), text lines below."""
    tables = page.find_tables()
    boxes = [t.bbox for t in tables]
    outside = (_outside(page, boxes).extract_text() or "").split("\n")
    top = min((b[1] for b in boxes), default=page.height)
    above = [ln for ln in outside if ln.strip()][: _count_above(page, boxes, top)]
    below = [ln for ln in outside if ln.strip()][len(above):]
    rows = ["\t".join(" ".join((cell or "").split()) for cell in row)
            for table in tables for row in table.extract()]
    return above + rows + below


def _count_above(page: Page, boxes: list[tuple[float, float, float, float]], top: float) -> int:
    above = page.crop((0, 0, page.width, top)) if top > 0 else None
    text = _outside(above, boxes).extract_text() if above is not None else ""
    return len([ln for ln in (text or "").split("\n") if ln.strip()])


def export(pdf_path: Path) -> Path:
    pages: list[str] = []
    with pdfplumber.open(pdf_path) as pdf:
        for page in pdf.pages:
            pages.append("\n".join(page_lines(page)))
            page.close()
    out = pdf_path.with_suffix(".txt")
    out.write_text("\n\f".join(pages) + "\n", encoding="utf-8")
    return out


def main(argv: list[str]) -> int:
    for name in argv:
        print(f"{name} -> {export(Path(name)).name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
