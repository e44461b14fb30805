"""Format from the bytes, not the file name: reports arrive renamed and mislabelled.

What offices send besides .docx, .pdf and .txt, and what each gets (one stable code each,
so a user knows what to ask the sender for):

==========================================  ======================  ===================
bytes                                       typical name            code
==========================================  ======================  ===================
nothing                                     any                     ``empty_file``
OLE container with ``WordDocument``         ``.doc`` / ``.docx``    read (``"doc"``)
OLE with ``EncryptionInfo`` (Word password) ``.docx``               ``encrypted_docx``
other OLE (Excel, Outlook…)                 any                     ``not_a_word_document``
ZIP without ``word/document.xml``           ``.docx`` (xlsx, odt…)  ``not_a_word_document``
ZIP that cannot be opened                   ``.docx``               ``damaged_docx``
``{\\rtf``                                  ``.doc``                ``rtf_document``
HTML / MHTML ("Save as Web Page")           ``.doc``                ``html_document``
Word 2003 XML / Flat OPC                    ``.doc`` / ``.xml``     ``word_xml_document``
binary that is none of these                any                     ``unknown_format``
==========================================  ======================  ===================
"""

from __future__ import annotations

import re
import struct
from pathlib import Path
from typing import BinaryIO

from cchc.errors import UnreadableDocument, UnsupportedFormat
from cchc.extract.guards import check_zip_directory
from cchc.extract.limits import Limits

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
_HTML = re.compile(rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta[\s>]")
_WORD_XML = re.compile(rb"<w:wordDocument[\s>]|<pkg:package[\s>]|progid=\"word\.document\"",
                       re.IGNORECASE)

MSG_ENCRYPTED_DOCX = ("tệp Word được đặt mật khẩu mở; hãy đề nghị đơn vị gửi bản không mật khẩu "
                      "(the Word file is password-protected)")
MSG_OLE_NOT_WORD = ("tệp Office cũ không phải văn bản Word (an old Office file that is not a Word "
                    "document: Excel, Outlook…)")
MSG_ZIP_NOT_WORD = ("tệp nén (ZIP) không phải văn bản Word: không có word/document.xml "
                    "(a ZIP that is not a Word document: .xlsx, .odt, an archive…)")
MSG_DAMAGED_DOCX = "tệp Word bị hỏng hoặc tải về không đầy đủ (damaged or truncated .docx)"


def sniff_format(path: str | Path, *, limits: Limits | None = None) -> str:
    """``"docx"``, ``"doc"``, ``"pdf"`` or ``"txt"``; a :class:`~cchc.errors.DocumentError` for
    anything else.

    Example: a ``.pdf`` file that holds a Word package → ``"docx"``; an old Word 97 file
    renamed ``.docx`` → ``"doc"``.
    """
    path = Path(path)
    with open(path, "rb") as f:
        head = f.read(4096)
        if not head:
            raise UnsupportedFormat(path.name, "empty_file", "tệp rỗng, 0 byte (empty file)")
        if b"%PDF-" in head[:1024]:
            return "pdf"
        if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
            return _zip_kind(path, limits or Limits())
        if head.startswith(_OLE):
            return _ole_kind(f, path.name)
    return _text_kind(head, path.name)


def _zip_kind(path: Path, limits: Limits) -> str:
    """``"docx"`` for a Word package; the ZIP's directory is bounded before it is read."""
    import zipfile  # here, not at the top: reading a PDF or a text export never needs it

    check_zip_directory(path, limits)
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
    except (zipfile.BadZipFile, EOFError, ValueError, struct.error) as e:
        raise UnreadableDocument(path.name, "damaged_docx", MSG_DAMAGED_DOCX) from e
    if "word/document.xml" in names:
        return "docx"
    raise UnsupportedFormat(path.name, "not_a_word_document", MSG_ZIP_NOT_WORD)


def _ole_kind(f: BinaryIO, name: str) -> str:
    """``"doc"`` for Word 97 (read through LibreOffice); say which other Office file it is."""
    streams = ole_stream_names(f)
    if {"EncryptionInfo", "EncryptedPackage"} <= streams:
        raise UnreadableDocument(name, "encrypted_docx", MSG_ENCRYPTED_DOCX)
    if streams and "WordDocument" not in streams:
        raise UnsupportedFormat(name, "not_a_word_document", MSG_OLE_NOT_WORD)
    return "doc"


def _text_kind(head: bytes, name: str) -> str:
    """``"txt"`` for a text export; RTF, HTML and Word XML saved under a Word name are named."""
    body = head
    for bom in _BOMS:
        body = body.removeprefix(bom)
    lowered = body.lstrip().lower()
    if lowered.startswith(b"{\\rtf"):
        raise UnsupportedFormat(name, "rtf_document",
                                "tệp RTF chưa được hỗ trợ; hãy lưu lại dạng .docx "
                                "(RTF is not supported; save it as .docx)")
    # Markup must open the file: a text export may carry HTML debris (``<ul style=…>``) in a cell.
    if lowered.startswith(b"mime-version:") or (lowered.startswith(b"<") and _HTML.search(lowered[:2048])):
        raise UnsupportedFormat(name, "html_document",
                                "tệp HTML (trang web) mang tên tệp Word; hãy mở bằng Word và lưu "
                                "lại dạng .docx (HTML saved as .doc; save it as .docx)")
    if lowered.startswith(b"<") and _WORD_XML.search(head):
        raise UnsupportedFormat(name, "word_xml_document",
                                "tệp Word dạng XML (Word 2003 XML); hãy lưu lại dạng .docx "
                                "(Word XML is not supported; save it as .docx)")
    if _looks_like_text(head):
        return "txt"
    raise UnsupportedFormat(name, "unknown_format",
                            "không phải tệp Word (.docx), PDF hay văn bản (.txt) "
                            "(not a report format)")


def _looks_like_text(head: bytes) -> bool:
    """Almost no control characters, counted in the decoded text for UTF-16 (whose every
    other byte is NUL for Vietnamese too: the text reader reads it, so must the sniffer)."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        chars = [ord(c) for c in head[: len(head) // 2 * 2].decode("utf-16", "replace")]
    elif b"\x00" in head:
        return False
    else:
        chars = list(head)
    control = sum(1 for c in chars if c < 32 and c not in (9, 10, 12, 13))
    return control <= len(chars) // 100


# -- OLE (Compound File Binary) directory --------------------------------------------------

_FREE = 0xFFFFFFFF
_END = 0xFFFFFFFE
_MAX_SECTORS_FOLLOWED = 20_000  # a directory of 80k entries: far beyond any Office file


def ole_stream_names(f: BinaryIO) -> set[str]:
    """Names of the storages and streams of a Compound File; an empty set if unreadable.

    Reads only the header, the sector allocation table entries it needs and the
    directory sectors ([MS-CFB] 2.2–2.6), every chain bounded and loop-checked, so a
    damaged or hostile file cannot make it run long.
    """
    try:
        return _OleReader(f).names()
    except (struct.error, ValueError, OSError):
        return set()


class _OleReader:
    """Follows the FAT chain of the directory stream of a CFB file."""

    def __init__(self, f: BinaryIO) -> None:
        f.seek(0)
        header = f.read(512)
        self.f = f
        shift = struct.unpack_from("<H", header, 0x1E)[0]
        if shift not in (9, 12):
            raise ValueError("bad sector size")
        self.size = 1 << shift
        self.first_dir = struct.unpack_from("<I", header, 0x30)[0]
        first_difat, n_difat = struct.unpack_from("<II", header, 0x44)
        self.fat_sectors = self._fat_sector_ids(header, first_difat, n_difat)

    def _fat_sector_ids(self, header: bytes, first_difat: int, n_difat: int) -> list[int]:
        ids = list(struct.unpack_from("<109I", header, 0x4C))
        sector, seen = first_difat, set[int]()
        per = self.size // 4 - 1
        while sector not in (_FREE, _END) and sector not in seen and len(seen) < min(n_difat, 10_000):
            seen.add(sector)
            block = self._sector(sector)
            ids.extend(struct.unpack_from(f"<{per}I", block))
            sector = struct.unpack_from("<I", block, per * 4)[0]
        return [s for s in ids if s not in (_FREE, _END)]

    def _sector(self, sector: int) -> bytes:
        self.f.seek((sector + 1) * self.size)
        block = self.f.read(self.size)
        if len(block) < self.size:
            raise ValueError("sector past the end of the file")
        return block

    def _next(self, sector: int) -> int:
        per = self.size // 4
        fat_index = sector // per
        if fat_index >= len(self.fat_sectors):
            return _END
        block = self._sector(self.fat_sectors[fat_index])
        return int(struct.unpack_from("<I", block, (sector % per) * 4)[0])

    def names(self) -> set[str]:
        names: set[str] = set()
        sector, seen = self.first_dir, set[int]()
        while sector not in (_FREE, _END) and sector not in seen and len(seen) < _MAX_SECTORS_FOLLOWED:
            seen.add(sector)
            block = self._sector(sector)
            for at in range(0, self.size, 128):
                length = struct.unpack_from("<H", block, at + 64)[0]
                if block[at + 66] in (1, 2, 5) and 2 <= length <= 64:
                    names.add(block[at:at + length - 2].decode("utf-16-le", "replace"))
            sector = self._next(sector)
        return names
