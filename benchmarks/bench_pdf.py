"""PDF extraction cost: cchc's whole extraction against pdfplumber's own extract_tables.

Run by hand (needs LibreOffice to render the generated long appendices)::

    .venv/bin/python benchmarks/bench_pdf.py [--repeat 3]

For each PDF (the sample PDFs, and generated appendices of about 10 and 200 pages) it
times, in this process and interleaved, (a) ``cchc``'s full extraction of the report —
read, stitch, normalize, audit — and (b) ``page.extract_tables()`` over every page with
pdfplumber's defaults, and prints the median ratio a/b, pages per second, how the time
grows from 10 to 200 pages, and the peak memory (RSS) of extracting the 200-page file in
a fresh child process.  Targets (issue 4): ratio ≤ 1.5; t(200) ≤ 22 × t(10); peak < 400 MB.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import docx
import pdfplumber
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cchc.read import Options, load_settings, process_file  # noqa: E402

HEADER = ("TT", "Các tồn tại, hạn chế trong công tác CCHC, các tiêu chí bị trừ điểm",
          "Tham mưu giải pháp khắc phục cụ thể", "Thời hạn hoàn thành", "Tiến độ thực hiện")
SHORTCOMING = ("Tỷ lệ số hồ sơ TTHC được tiếp nhận và giải quyết qua dịch vụ công trực tuyến toàn "
               "trình đạt dưới 50% theo quy định của UBND tỉnh (Tiêu chí 7.1.2.{n})")
REMEDY = ("- Tăng cường truyền thông về những lợi ích của việc thực hiện dịch vụ công trực tuyến;",
          "- Tăng cường hướng dẫn khi tổ chức, cá nhân đến giao dịch tại Trung tâm phục vụ hành chính công.")
PROGRESS = ("Đang tiếp tục triển khai thực hiện; trong quý, tỷ lệ hồ sơ trực tuyến tăng so với cùng kỳ "
            "năm trước nhưng chưa đạt tỷ lệ theo quy định do số lượng hồ sơ phát sinh lớn.")


def _vmerge(cell: object, value: str | None) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()  # type: ignore[attr-defined]
    merge = OxmlElement("w:vMerge")
    if value:
        merge.set(qn("w:val"), value)
    tc_pr.append(merge)


def make_appendix_docx(path: Path, rows: int) -> None:
    """A landscape appendix of ``rows`` findings; every 7th pair of rows shares a merged remedy."""
    document = docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21)
    document.styles["Normal"].font.name = "Times New Roman"
    document.styles["Normal"].font.size = Pt(12)
    document.add_paragraph("PHỤ LỤC")
    document.add_paragraph("Kết quả khắc phục các tồn tại, hạn chế trong công tác cải cách hành chính "
                           "năm 2022")
    document.add_paragraph("(Ban hành kèm theo Báo cáo số 12/BC-SNV ngày 15/6/2023 của Sở Nội vụ)")
    table = document.add_table(rows=1, cols=len(HEADER))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, HEADER, strict=True):
        cell.text = text
    header_pr = table.rows[0]._tr.get_or_add_trPr()
    header_pr.append(OxmlElement("w:tblHeader"))
    for n in range(1, rows + 1):
        cells = table.add_row().cells
        cells[0].text = str(n)
        cells[1].text = SHORTCOMING.format(n=n % 9 + 1)
        merged_tail = n % 7 == 0
        if merged_tail:
            _vmerge(cells[2], None)
        else:
            cells[2].text = REMEDY[0]
            cells[2].add_paragraph(REMEDY[1])
            if (n + 1) % 7 == 0:
                _vmerge(cells[2], "restart")
        cells[3].text = "Thường xuyên trong năm 2023"
        cells[4].text = PROGRESS
    document.save(str(path))


def render_pdf(docx_path: Path) -> Path:
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(docx_path.parent),
                    str(docx_path)], check=True, capture_output=True, timeout=900)
    return docx_path.with_suffix(".pdf")


def page_count(pdf: Path) -> int:
    with pdfplumber.open(pdf) as doc:
        return len(doc.pages)


def time_cchc(pdf: Path) -> float:
    settings = load_settings(Options())
    start = time.perf_counter()
    process_file(pdf, settings)
    return time.perf_counter() - start


def time_plumber(pdf: Path) -> float:
    start = time.perf_counter()
    with pdfplumber.open(pdf) as doc:
        for page in doc.pages:
            page.extract_tables()
            page.close()
    return time.perf_counter() - start


def peak_rss_mb(pdf: Path) -> float:
    """Peak RSS of a fresh process that extracts ``pdf`` with cchc."""
    code = (f"import resource,sys; sys.path.insert(0, {str(ROOT)!r});"
            "from cchc.read import Options, load_settings, process_file;"
            f"process_file(__import__('pathlib').Path({str(pdf)!r}), load_settings(Options()));"
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return int(out.stdout.strip().splitlines()[-1]) / 1024


def measure(pdf: Path, repeat: int) -> tuple[float, float, int]:
    """Median cchc seconds, median pdfplumber seconds (interleaved runs), pages."""
    ours, theirs = [], []
    for _ in range(repeat):
        ours.append(time_cchc(pdf))
        theirs.append(time_plumber(pdf))
    return statistics.median(ours), statistics.median(theirs), page_count(pdf)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--rows-10", type=int, default=31, help="rows for the ~10-page appendix")
    parser.add_argument("--rows-200", type=int, default=664, help="rows for the ~200-page appendix")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="cchc-bench-"))
    long_pdfs = {}
    for label, rows in (("10", args.rows_10), ("200", args.rows_200)):
        source = work / f"appendix_{label}.docx"
        make_appendix_docx(source, rows)
        long_pdfs[label] = render_pdf(source)
    pdfs = sorted((ROOT / "samples").glob("*.pdf"))
    pdfs = [p for p in pdfs if p.name != "not_a_report.pdf"] + list(long_pdfs.values())
    ratios = []
    print(f"{'file':32} {'pages':>5} {'cchc s':>8} {'plumber s':>9} {'ratio':>6} {'pages/s':>8}")
    results = {}
    for pdf in pdfs:
        ours, theirs, pages = measure(pdf, args.repeat)
        results[pdf] = (ours, pages)
        ratios.append(ours / theirs)
        print(f"{pdf.name:32} {pages:5d} {ours:8.3f} {theirs:9.3f} {ours / theirs:6.2f} {pages / ours:8.1f}")
    t10, p10 = results[long_pdfs["10"]]
    t200, p200 = results[long_pdfs["200"]]
    print(f"median ratio cchc / extract_tables: {statistics.median(ratios):.2f} (target ≤ 1.5)")
    per_page_growth = (t200 / p200) / (t10 / p10)
    print(f"growth: {p200} pages take {t200 / t10:.1f} × the {p10}-page time; scaled to exactly "
          f"200 vs 10 pages: {20 * per_page_growth:.1f} × (target ≤ 22 ×; linear = 20 ×)")
    print(f"peak RSS extracting {p200} pages: {peak_rss_mb(long_pdfs['200']):.0f} MB (target < 400 MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
