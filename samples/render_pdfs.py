"""Render every sample Word report to PDF with LibreOffice: ``samples/<stem>.pdf``.

Usage: ``.venv/bin/python samples/render_pdfs.py [file.docx ...]`` (default: every
``samples/*.docx``).  Needs ``soffice`` (LibreOffice); CI uses the committed PDFs.

The PDFs are the same reports as the ``.docx`` printed the way a unit prints before it
sends a PDF, so the PDF reader meets repeated header rows, rows cut by page breaks and
merged cells drawn as missing rules.  Tracked changes are accepted first (insertions kept,
deletions dropped, as the Word reader reads them): LibreOffice would otherwise print the
markup, deleted words struck through but still there as text, and the PDF would no
longer be the same report.  LibreOffice runs with a throw-away profile, so the script
works while another LibreOffice is open, and each PDF is written to a temporary folder
first, so a failed conversion never leaves half a file in ``samples/``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from lxml import etree

HERE = Path(__file__).resolve().parent
TIMEOUT_S = 300
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DROPPED = {f"{W}{t}" for t in ("del", "moveFrom")}  # with their content
_UNWRAPPED = {f"{W}{t}" for t in ("ins", "moveTo")}  # content kept in place
_MARKERS = {
    f"{W}{t}"
    for t in (
        "rPrChange", "pPrChange", "sectPrChange", "tblPrChange", "trPrChange", "tcPrChange",
        "numberingChange", "moveFromRangeStart", "moveFromRangeEnd", "moveToRangeStart",
        "moveToRangeEnd", "cellIns", "cellDel",
    )
}  # fmt: skip


def accept_changes(xml: bytes) -> bytes:
    """One WordprocessingML part with every tracked change accepted."""
    root = etree.fromstring(xml)
    for el in list(root.iter(*_DROPPED, *_UNWRAPPED, *_MARKERS)):
        parent = el.getparent()
        if parent is None:
            continue
        if el.tag in _MARKERS:
            parent.remove(el)
        elif parent.tag == f"{W}trPr":  # the row itself was inserted or deleted
            row = parent.getparent()
            if el.tag in _DROPPED and row is not None and row.getparent() is not None:
                row.getparent().remove(row)
            else:
                parent.remove(el)
        elif parent.tag == f"{W}rPr":  # a paragraph mark's change: keep the paragraph
            parent.remove(el)
        elif el.tag in _DROPPED:
            parent.remove(el)
        else:
            index = parent.index(el)
            for child in reversed(list(el)):
                parent.insert(index, child)
            parent.remove(el)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def accepted_copy(docx: Path, folder: Path) -> Path:
    """A copy of ``docx`` in ``folder`` whose document parts have their changes accepted."""
    target = folder / docx.name
    with zipfile.ZipFile(docx) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            data = src.read(item)
            if item.filename.startswith("word/") and item.filename.endswith(".xml"):
                if b"<w:del " in data or b"<w:ins " in data or b"Change" in data:
                    data = accept_changes(data)
            out.writestr(item, data)
    return target


def render(docx: Path, out_dir: Path) -> Path:
    """Convert one ``.docx`` to ``out_dir/<stem>.pdf``; raise if LibreOffice made nothing."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise RuntimeError("LibreOffice (soffice) is not installed")
    with tempfile.TemporaryDirectory(prefix="cchc-render-") as tmp:
        profile = Path(tmp) / "profile"
        source = accepted_copy(docx, Path(tmp))
        cmd = [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            tmp,
            str(source),
        ]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT_S)
        made = Path(tmp) / f"{docx.stem}.pdf"
        if done.returncode != 0 or not made.exists():
            raise RuntimeError(f"{docx.name}: LibreOffice failed: {done.stderr.strip()}")
        target = out_dir / made.name
        shutil.move(str(made), target)
    return target


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    sources = [Path(a) for a in args] or sorted(HERE.glob("*.docx"))
    if not sources:
        print("no .docx in samples/", file=sys.stderr)
        return 1
    failed = 0
    for docx in sources:
        try:
            pdf = render(docx.resolve(), docx.resolve().parent)
        except (RuntimeError, subprocess.TimeoutExpired) as e:
            print(e, file=sys.stderr)
            failed += 1
            continue
        print(f"{docx.name} -> {pdf.name}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
