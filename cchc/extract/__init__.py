"""Format readers → the appendix as one logical table with provenance.

``read_document`` sniffs the format from the bytes and dispatches through one table;
nothing outside this package imports python-docx or pdfplumber.  Every file is bounded
by :class:`~cchc.extract.limits.Limits` on the way: its size before it is opened, its
package or pages before they are parsed, its tables before the column mapper sees them.
"""

from __future__ import annotations

import dataclasses
import stat
from collections.abc import Callable
from pathlib import Path

from cchc.errors import DocumentError, printable
from cchc.extract.encoding_pass import decode_document
from cchc.extract.guards import check_file_size, check_tables
from cchc.extract.limits import Limits
from cchc.extract.model import ExtractedDocument
from cchc.extract.sniff import sniff_format

Reader = Callable[[Path, str | None, Limits], ExtractedDocument]


def _docx(path: Path, password: str | None, limits: Limits) -> ExtractedDocument:
    from cchc.extract.docx_reader import read_docx

    return read_docx(path, limits=limits)


def _doc(path: Path, password: str | None, limits: Limits) -> ExtractedDocument:
    """Word 97: LibreOffice's .docx of it, read as Word's; the source stays the .doc."""
    from cchc.extract.docx_reader import read_docx
    from cchc.extract.libreoffice import doc_as_docx

    with doc_as_docx(path, limits.max_conversion_seconds) as converted:
        return dataclasses.replace(read_docx(converted, limits=limits), file=path.name, format="doc")


def _pdf(path: Path, password: str | None, limits: Limits) -> ExtractedDocument:
    from cchc.extract.pdf_reader import read_pdf

    return read_pdf(path, password=password, limits=limits)


def _txt(path: Path, password: str | None, limits: Limits) -> ExtractedDocument:
    from cchc.extract.text_reader import read_text

    return read_text(path, limits=limits)


READERS: dict[str, Reader] = {
    "docx": _docx,
    "doc": _doc,
    "pdf": _pdf,
    "txt": _txt,
}


def read_document(
    path: str | Path, *, password: str | None = None, limits: Limits | None = None
) -> ExtractedDocument:
    """Read any supported report file into blocks (paragraphs and raw tables).

    Raises a :class:`~cchc.errors.DocumentError` subclass for every bad input (not a
    report format, damaged or encrypted, over ``limits``) and ``OSError`` when the file
    cannot be opened at all.
    """
    path = Path(path)
    limits = limits or Limits()
    check_regular_file(path, limits)
    document = READERS[sniff_format(path, limits=limits)](path, password, limits)
    check_tables(document, limits)
    document = dataclasses.replace(document, file=printable(document.file))  # the record's name: UTF-8
    return decode_document(document)  # legacy encodings decided by content, before the appendix


def check_regular_file(path: Path, limits: Limits) -> None:
    """A regular file within the size limit, checked before anything opens it.

    A missing or unreadable file stays an ``OSError`` (the batch runner reports it as
    ``file_error``); a folder, a FIFO (whose ``open`` would block the worker forever) or a
    device is refused as ``not_found``, the code the command line gives a non-file.
    """
    info = path.stat()
    if not stat.S_ISREG(info.st_mode):
        raise DocumentError(path.name, "not_found",
                            "không phải tệp thông thường (not a regular file)")
    check_file_size(path, info.st_size, limits)
