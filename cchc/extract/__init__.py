"""Format readers → the appendix as one logical table with provenance.

``read_document`` sniffs the format from the bytes and dispatches through one table;
nothing outside this package imports python-docx or pdfplumber.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from cchc.extract.model import ExtractedDocument
from cchc.extract.sniff import sniff_format


def _docx(path: Path, password: str | None) -> ExtractedDocument:
    from cchc.extract.docx_reader import read_docx

    return read_docx(path)


def _pdf(path: Path, password: str | None) -> ExtractedDocument:
    from cchc.extract.pdf_reader import read_pdf

    return read_pdf(path, password=password)


def _txt(path: Path, password: str | None) -> ExtractedDocument:
    from cchc.extract.text_reader import read_text

    return read_text(path)


READERS: dict[str, Callable[[Path, str | None], ExtractedDocument]] = {
    "docx": _docx,
    "pdf": _pdf,
    "txt": _txt,
}


def read_document(path: str | Path, *, password: str | None = None) -> ExtractedDocument:
    """Read any supported report file into blocks (paragraphs and raw tables)."""
    path = Path(path)
    return READERS[sniff_format(path)](path, password)
