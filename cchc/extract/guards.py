"""Refuse a hostile or oversized file before a parser touches it.

Every check here reads only what it must, with bounded memory, and raises
:class:`~cchc.errors.RefusedDocument` (a limit of :class:`~cchc.extract.limits.Limits`, or an
attack) or :class:`~cchc.errors.UnreadableDocument` (damaged).  They run before python-docx,
lxml and pdfminer, because those libraries inflate and parse whole parts in memory:

- ZIP (.docx): the size of the central directory from its end record (so a directory of a
  million entries is never listed), then from that directory — never by inflating — the
  entry count, the declared uncompressed sizes and compression ratios (ZIP bomb), encrypted
  entries and compression methods Word never writes.  Python's ``zipfile`` stops inflating
  at the declared size, so a member that lies about its size cannot get past this either.
- XML parts: no ``<!DOCTYPE`` / ``<!ENTITY`` anywhere (no XXE, no billion laughs), in
  UTF-8 or UTF-16 only (the encodings OOXML allows; UTF-7 or EBCDIC could hide a DOCTYPE).
- PDF: a truncated file (no ``%%EOF`` near the end) and FlateDecode streams that inflate
  a hundredfold past 1 MiB (a PDF bomb), scanned in bounded chunks.
- Any document: table width and cell count once read, before the column mapper runs.
"""

from __future__ import annotations

import codecs
import itertools
import mmap
import re
import struct
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, BinaryIO

from cchc.errors import DocumentError, RefusedDocument, UnreadableDocument
from cchc.extract.limits import RATIO_MIN_SIZE, Limits
from cchc.extract.model import ExtractedDocument, RawTable

if TYPE_CHECKING:  # zipfile is imported where a .docx is checked: a PDF's start-up does not pay for it
    import zipfile

_CHUNK = 64 * 1024
_DIRECTORY_BYTES_PER_ENTRY = 512  # a Word package's directory entry is ~100 bytes
_EOCD = struct.Struct("<4s4H2LH")
_EOCD64_LOCATOR = struct.Struct("<4sLQL")
_EOCD64 = struct.Struct("<4sQ2H2L4Q")
_XML_NAMES = (".xml", ".rels", ".vml")
_ENTITY_MARKERS = (b"<!doctype", b"<!entity")
_UTF16_32_STARTS = (b"\xff\xfe", b"\xfe\xff", b"<\x00", b"\x00<", b"\x00\x00\x00<",
                    b"\x00\x00<\x00", b"\x00\x00\xfe\xff")
_UTF32 = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff", b"<\x00\x00\x00", b"\x00\x00\x00<",
          b"\x00\x00<\x00", b"\x00<\x00\x00")
_ASCII_ENCODINGS = (b"utf-8", b"utf8", b"us-ascii", b"ascii")
_XML_DECL_ENCODING = re.compile(rb"^<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']")


def _damaged_docx(name: str, why: str) -> UnreadableDocument:
    return UnreadableDocument(name, "damaged_docx",
                              f"tệp Word bị hỏng hoặc tải về không đầy đủ (damaged .docx: {why})")


def _zip_bomb(name: str, why: str) -> RefusedDocument:
    return RefusedDocument(name, "zip_bomb",
                           f"tệp nén bất thường, có thể là “bom ZIP”; không giải nén (ZIP bomb "
                           f"refused before inflating: {why})")


def _too_large(name: str, what: str, limit: int) -> RefusedDocument:
    return RefusedDocument(name, "too_large",
                           f"tệp vượt giới hạn, không đọc (over the limit: {what} > {limit:,})")


# -- ZIP: the central directory ---------------------------------------------------------------


def check_zip_directory(path: Path, limits: Limits) -> None:
    """Refuse a ZIP whose central directory is too big to list, before ``zipfile`` lists it.

    ``zipfile`` reads the whole directory into memory and builds one object per entry,
    whatever entry count the end record claims; so the directory's byte size is bounded
    here, from the end record (ZIP64 included).  Damaged end records are left to
    ``zipfile``, which refuses them.
    """
    with open(path, "rb") as f:
        extent = _directory_extent(f)
    if extent is None:
        return
    entries, size = extent
    if entries > limits.max_zip_entries or size > limits.max_zip_entries * _DIRECTORY_BYTES_PER_ENTRY:
        raise _zip_bomb(path.name, f"{entries:,} entries / {size:,} directory bytes, "
                                   f"limit {limits.max_zip_entries:,} entries")


def _directory_extent(f: BinaryIO) -> tuple[int, int] | None:
    """(entry count, directory size) from the end of central directory record, or None."""
    f.seek(0, 2)
    file_size = f.tell()
    tail_size = min(file_size, _EOCD.size + 65535)
    f.seek(file_size - tail_size)
    tail = f.read(tail_size)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or at + _EOCD.size > len(tail):
        return None
    _, _, _, _, entries, size, _, _ = _EOCD.unpack_from(tail, at)
    locator = at - _EOCD64_LOCATOR.size
    if locator >= 0 and tail[locator:locator + 4] == b"PK\x06\x07":
        _, _, offset, _ = _EOCD64_LOCATOR.unpack_from(tail, locator)
        f.seek(min(offset, file_size))
        record = f.read(_EOCD64.size)
        if len(record) == _EOCD64.size and record.startswith(b"PK\x06\x06"):
            fields = _EOCD64.unpack(record)
            entries, size = max(entries, fields[7]), max(size, fields[8])
    return int(entries), int(size)


# -- ZIP: the whole package -------------------------------------------------------------------


def check_zip_package(path: Path, limits: Limits) -> None:
    """Refuse a .docx package that is a ZIP bomb, too large, encrypted or has XML entities.

    Sizes and ratios come from the central directory, so nothing is inflated to find a
    bomb; only the XML parts are then streamed (each at most ``max_xml_part_size``) to look
    for entity declarations.
    """
    import zipfile

    check_zip_directory(path, limits)
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
            check_zip_entries(path.name, infos, path.stat().st_size, limits)
            for info in infos:
                _check_member(z, info, path.name, limits)
    except DocumentError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, struct.error, OSError) as e:
        raise _damaged_docx(path.name, type(e).__name__) from e


def check_zip_entries(name: str, infos: list[zipfile.ZipInfo], archive_size: int, limits: Limits) -> None:
    """Count, sizes, ratios, encryption and methods of the entries, as the directory declares."""
    import zipfile

    if len(infos) > limits.max_zip_entries:
        raise _zip_bomb(name, f"{len(infos):,} entries > {limits.max_zip_entries:,}")
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise UnreadableDocument(name, "encrypted_docx",
                                     "tệp nén có mật khẩu (a password-protected ZIP, "
                                     f"entry {info.filename!r})")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise _damaged_docx(name, f"compression method {info.compress_type} in {info.filename!r}")
        if info.file_size > RATIO_MIN_SIZE \
                and info.file_size > limits.max_compression_ratio * max(info.compress_size, 1):
            raise _zip_bomb(name, f"{info.filename!r} inflates {info.file_size:,} bytes from "
                                  f"{info.compress_size:,}")
        total += info.file_size
    if total > RATIO_MIN_SIZE and total > limits.max_compression_ratio * max(archive_size, 1):
        raise _zip_bomb(name, f"{total:,} bytes from a {archive_size:,}-byte file")
    if total > limits.max_unpacked_size:
        raise _too_large(name, "uncompressed size", limits.max_unpacked_size)


def _check_member(z: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, limits: Limits) -> None:
    """Stream one member's start; an XML part is then scanned whole for entity declarations."""
    if info.is_dir():
        return
    with z.open(info) as member:
        head = member.read(_CHUNK)
        if not (info.filename.lower().endswith(_XML_NAMES) or looks_like_xml(head)):
            return
        if info.file_size > limits.max_xml_part_size:
            raise _too_large(name, f"XML part {info.filename}", limits.max_xml_part_size)
        if has_entity_declaration(_chunks(head, member), info.filename, name):
            raise RefusedDocument(name, "xml_entities_refused",
                                  "tệp Word chứa khai báo thực thể XML (DOCTYPE/ENTITY), có thể "
                                  "nhằm đọc tệp của máy hoặc làm treo máy; không đọc (XML entity "
                                  f"declarations refused in {info.filename})")


def _chunks(head: bytes, member: IO[bytes]) -> Iterator[bytes]:
    yield head
    while chunk := member.read(_CHUNK):
        yield chunk


def looks_like_xml(head: bytes) -> bool:
    """Whether a part's first bytes could be XML (images and fonts cannot)."""
    if head.startswith(_UTF16_32_STARTS):
        return True
    body = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    return not body or body.startswith(b"<")


def has_entity_declaration(chunks: Iterator[bytes], part: str, name: str) -> bool:
    """``<!DOCTYPE`` or ``<!ENTITY`` anywhere in an XML part given as byte chunks.

    UTF-16 parts are decoded first; any encoding other than UTF-8 and UTF-16 is refused as
    damaged (OOXML allows only those two; others could spell ``<!DOCTYPE`` unseen).
    """
    first = next(chunks, b"")
    encoding = _xml_encoding(first)
    if encoding is None:
        raise _damaged_docx(name, f"XML part {part} is not UTF-8 or UTF-16")
    whole = itertools.chain([first], chunks)
    return _scan(_decoded(whole, encoding) if encoding != "utf-8" else (c.lower() for c in whole))


def _xml_encoding(head: bytes) -> str | None:
    """``"utf-8"``, ``"utf-16"`` or None (anything else), from the BOM and the declaration."""
    if head.startswith(_UTF32):
        return None
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if head.startswith(b"<\x00"):
        return "utf-16-le"
    if head.startswith(b"\x00<"):
        return "utf-16-be"
    declared = _XML_DECL_ENCODING.match(head.removeprefix(b"\xef\xbb\xbf"))
    if declared and declared.group(1).lower().replace(b"_", b"-") not in _ASCII_ENCODINGS:
        return None
    return "utf-8"


def _decoded(chunks: Iterator[bytes], encoding: str) -> Iterator[bytes]:
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    for chunk in chunks:
        yield decoder.decode(chunk).lower().encode("utf-8", "replace")
    yield decoder.decode(b"", final=True).lower().encode("utf-8", "replace")


def _scan(chunks: Iterator[bytes]) -> bool:
    """Find a marker in lower-cased chunks, including one cut across two chunks."""
    keep = max(len(m) for m in _ENTITY_MARKERS) - 1
    tail = b""
    for chunk in chunks:
        window = tail + chunk
        if any(m in window for m in _ENTITY_MARKERS):
            return True
        tail = window[-keep:]
    return False


# -- PDF --------------------------------------------------------------------------------------

_STREAM = re.compile(rb"(?<!end)stream(?:\r\n|\n|\r)")
_IMAGE = re.compile(rb"/Subtype\s*/Image\b")
_PDF_TAIL = 1024  # readers accept %%EOF within the last 1 KB (PDF 1.7, implementation note)


def check_pdf_complete(path: Path, message: str) -> None:
    """Refuse a PDF cut short (a truncated download): no ``%%EOF`` in its last kilobyte.

    pdfminer would rebuild such a file from whatever objects survive and silently drop the
    pages that did not, and a record missing the appendix's last rows is worse than an error.
    """
    with open(path, "rb") as f:
        f.seek(0, 2)
        size = f.tell()
        f.seek(max(0, size - _PDF_TAIL))
        tail = f.read()
    if b"%%EOF" not in tail:
        raise UnreadableDocument(path.name, "damaged_pdf",
                                 f"{message} (thiếu %%EOF ở cuối tệp: tải về không đầy đủ? / "
                                 "no %%EOF at the end: truncated?)")


def check_pdf_streams(path: Path, limits: Limits) -> None:
    """Refuse a PDF bomb: a Flate stream that inflates past the ratio or the size limit.

    pdfminer inflates a stream whole in memory when it reads it.  Here every stream is
    inflated in 64 KiB steps and only counted.  Images (``/Subtype /Image``, which pdfminer
    does not inflate) are held only to ``max_unpacked_size``, since a blank scan compresses
    a hundredfold.  Streams behind another filter or encrypted are not seen: the batch
    worker's memory limit is the backstop for those.
    """
    if path.stat().st_size == 0:
        return
    with open(path, "rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as data:
        pos = 0
        while (m := _STREAM.search(data, pos)) is not None:
            used, produced = _inflate_count(data, m.end(), limits.max_unpacked_size)
            image = _IMAGE.search(data, max(0, m.start() - 4096), m.start()) is not None
            ratio_exceeded = produced > RATIO_MIN_SIZE \
                and produced > limits.max_compression_ratio * max(used, 1)
            if produced > limits.max_unpacked_size or (ratio_exceeded and not image):
                raise RefusedDocument(path.name, "pdf_bomb",
                                      "tệp PDF có luồng dữ liệu nén bất thường (“bom nén”); không đọc "
                                      f"(PDF bomb refused: a stream at byte {m.end():,} inflates "
                                      f"{produced:,}+ bytes from {used:,})")
            pos = m.end() + max(used, 0)


def _inflate_count(data: mmap.mmap, start: int, cap: int) -> tuple[int, int]:
    """(compressed bytes used, inflated bytes) of a zlib stream at ``start``, stopping past ``cap``."""
    inflater = zlib.decompressobj()
    used = produced = 0
    pos = start
    try:
        while not inflater.eof and produced <= cap:
            chunk = data[pos:pos + _CHUNK]
            if not chunk:
                break
            pos += len(chunk)
            while chunk and produced <= cap:
                produced += len(inflater.decompress(chunk, _CHUNK * 16))
                chunk = inflater.unconsumed_tail
            used = pos - start - len(inflater.unused_data) - len(chunk)
    except zlib.error:
        pass
    return used, produced


def count_pdf_pages(pages: Iterator[object], limit: int) -> int:
    """Pages in a PDF's page tree, walking no further than ``limit + 1`` pages."""
    count = 0
    for _ in pages:
        count += 1
        if count > limit:
            break
    return count


# -- any document, once read ------------------------------------------------------------------


def check_tables(document: ExtractedDocument, limits: Limits) -> None:
    """Refuse a table too wide to be a report's, or more cells than a report could hold.

    The column mapper works per grid column, so a crafted ``gridSpan="100000000"`` (or a
    text row of a million tabs) would otherwise run for hours.
    """
    cells = 0
    for block in document.blocks:
        if isinstance(block, RawTable):
            check_table_width(document.file, block.n_cols, limits)
            cells += sum(len(r.cells) for r in block.rows)
    check_cell_count(document.file, cells, limits)


def check_table_width(name: str, n_cols: int, limits: Limits) -> None:
    if n_cols > limits.max_table_columns:
        raise RefusedDocument(name, "too_many_columns",
                              f"bảng có quá nhiều cột: {n_cols:,} > {limits.max_table_columns:,} "
                              "(a table too wide to be a report's)")


def check_cell_count(name: str, cells: int, limits: Limits) -> None:
    if cells > limits.max_cells:
        raise _too_large(name, "table cells", limits.max_cells)


def check_file_size(path: Path, size: int, limits: Limits) -> None:
    if size > limits.max_file_size:
        raise _too_large(path.name, f"{size:,} bytes", limits.max_file_size)
