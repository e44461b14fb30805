"""Format from the bytes, not the file name: reports arrive renamed and mislabelled."""

from __future__ import annotations

import zipfile
from pathlib import Path

from cchc.errors import UnsupportedFormat

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def sniff_format(path: str | Path) -> str:
    """``"docx"``, ``"pdf"`` or ``"txt"``; :class:`UnsupportedFormat` for anything else.

    Example: a ``.pdf`` file that holds a Word package → ``"docx"``.
    """
    path = Path(path)
    with open(path, "rb") as f:
        head = f.read(4096)
    if not head:
        raise UnsupportedFormat(path.name, "empty_file", "tệp rỗng (empty file)")
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(path)
    if head.startswith(_OLE):
        raise UnsupportedFormat(path.name, "legacy_doc",
                                "tệp Word cũ (.doc/OLE) chưa được hỗ trợ; hãy lưu lại dạng .docx "
                                "(legacy .doc is not supported)")
    if _looks_like_text(head):
        return "txt"
    raise UnsupportedFormat(path.name, "unknown_format",
                            "không phải tệp Word (.docx), PDF hay văn bản (not a report format)")


def _zip_kind(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
    except zipfile.BadZipFile as e:
        raise UnsupportedFormat(path.name, "damaged_zip", "tệp nén bị hỏng (damaged ZIP/DOCX)") from e
    if "word/document.xml" in names:
        return "docx"
    raise UnsupportedFormat(path.name, "not_a_word_document",
                            "tệp ZIP không phải văn bản Word (ZIP without word/document.xml)")


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return control <= len(head) // 100
