"""Build the bad-input corpus: every broken, mislabelled or hostile file cchc must answer calmly.

Nothing here is committed as a binary: each file is made by code from the bundled samples
(``samples/stp_2023_q1.docx`` / ``.pdf`` / the seed ``.txt``) and the PDF fixtures of
``tests/pdf``, so the corpus can be rebuilt, read and reviewed.  Big files are streamed: the
ZIP bomb deflates a gigabyte of zeros from a generator, never holding it.

Usage::

    .venv/bin/python tests/bad_inputs/make_corpus.py OUT_DIR            # build the files
    .venv/bin/python tests/bad_inputs/make_corpus.py OUT_DIR --table    # + the docs table

``build_corpus(out)`` returns the :class:`Case` list the tests (``tests/test_bad_inputs.py``)
and the table in ``docs/bad-inputs.md`` are made from.
"""

from __future__ import annotations

import hashlib
import io
import os
import random
import shutil
import struct
import sys
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
PDF_FIXTURES = ROOT / "tests" / "pdf"
DOCX = SAMPLES / "stp_2023_q1.docx"
PDF = SAMPLES / "stp_2023_q1.pdf"
SEED = SAMPLES / "seed_stp_2023_q1.txt"
LISTS = SAMPLES / "ubnd_camxuyen_2023.docx"  # real Word lists (w:numPr with w:ilvl)
WORD97 = ROOT / "tests" / "doc" / "syt_2023_q2.doc"  # a Word 97 file as LibreOffice saves it
GOOD = (DOCX, SAMPLES / "syt_2023_q2.pdf", SEED, SAMPLES / "snv_2023_long.docx")  # distinct stems
PASSWORD = "cchc-2023"  # the password of tests/pdf/encrypted.pdf and of the encrypted appendix
#: A report's name in Latin-1 bytes, as a Windows USB stick gives it: not UTF-8, so Python holds
#: it with surrogates (``os.fsdecode``); every message and log must still be valid UTF-8.
LATIN1_NAME = os.fsdecode("báo cáo Sô Y tê.txt".encode("latin-1"))
NEWLINE_NAME = "x.txt\ncchc: stp.txt: loaded: ok\n.txt"  # would forge a stderr line printed raw
FORMULA_NAME = "a;=2+5+cmd|' -C calc'!A0;b.txt"  # a live formula in Excel with the ';' separator
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@dataclass(frozen=True)
class Case:
    """One corpus file and what cchc must answer for it.

    ``code`` is the expected error code, or ``None`` when the file must be read and give a
    record.  ``limits`` (fields of :class:`cchc.extract.limits.Limits`) and ``password``
    apply to this case only; ``cli`` says whether it belongs to the mixed CLI run, which
    uses the default limits and no password (a case with a password gets its own run with
    ``--password``).  ``soffice``: reading it needs LibreOffice (a Word 97 file), so without
    LibreOffice its answer is ``soffice_missing``.  ``batch``: what ``cchc batch`` logs for it
    (outcome, code) when that is not ``failed`` with ``code`` (or a load, for a readable file):
    entries a folder walk meets — a FIFO, a link out of the folder — are skipped with a reason
    before anything opens them, although ``extract`` given the same path answers ``code``.
    """

    id: str
    file: str
    code: str | None
    what: str
    limits: dict[str, int] = field(default_factory=dict)
    password: str | None = None
    cli: bool = True
    soffice: bool = False
    batch: tuple[str, str] | None = None


# -- helpers ----------------------------------------------------------------------------------


def rewrite_zip(src: Path, dst: Path, edits: dict[str, Callable[[bytes], bytes]] | None = None,
                extra: dict[str, bytes] | None = None,
                compression: int = zipfile.ZIP_DEFLATED) -> Path:
    """Copy a ZIP member by member, changing some members' bytes and adding others."""
    edits = edits or {}
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", compression) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            zout.writestr(info.filename, edits.get(info.filename, _same)(data))
        for name, data in (extra or {}).items():
            zout.writestr(name, data)
    return dst


def _same(data: bytes) -> bytes:
    return data


def _first(old: bytes, new: bytes) -> Callable[[bytes], bytes]:
    def edit(data: bytes) -> bytes:
        if old not in data:
            raise ValueError(f"{old!r} not in the part")
        return data.replace(old, new, 1)

    return edit


def _with_doctype(doctype: bytes, reference: bytes) -> Callable[[bytes], bytes]:
    """Put a DOCTYPE after the XML declaration and an entity reference in the first text."""
    def edit(data: bytes) -> bytes:
        decl_end = data.index(b"?>") + 2
        data = data[:decl_end] + doctype + data[decl_end:]
        return _first(b"<w:t>", b"<w:t>" + reference)(data) if b"<w:t>" in data \
            else _first(b'<w:t xml:space="preserve">', b'<w:t xml:space="preserve">' + reference)(data)

    return edit


XXE = b'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
LAUGHS = b"<!DOCTYPE w:document [<!ENTITY lol0 \"lol\">" + b"".join(
    b'<!ENTITY lol%d "%s">' % (i, b"&lol%d;" % (i - 1) * 10) for i in range(1, 10)) + b"]>"


def _utf16_xxe(data: bytes) -> bytes:
    """The part re-encoded as UTF-16 (an encoding XML allows), with an external entity."""
    text = _with_doctype(XXE, b"&xxe;")(data).decode("utf-8")
    text = text.replace("encoding='UTF-8'", "encoding='UTF-16'").replace('encoding="UTF-8"',
                                                                        'encoding="UTF-16"')
    return text.encode("utf-16")


def _utf7_doctype(data: bytes) -> bytes:
    """A UTF-7 declaration with the DOCTYPE spelt ``+ADw-!DOCTYPE``: invisible to a byte search."""
    body = data[data.index(b"?>") + 2:]
    return (b'<?xml version="1.0" encoding="UTF-7"?>'
            b'+ADw-!DOCTYPE w:document +AFs-+ADw-!ENTITY xxe SYSTEM +ACI-file:///etc/passwd+ACI-+AD4-+AF0-+AD4-'
            + body)


def _drop_appendix_header(data: bytes) -> bytes:
    """The appendix (the third table) without its header row."""
    root = etree.fromstring(data)
    tables = root.findall(f".//{{{W_NS}}}tbl")
    header = tables[2].find(f"{{{W_NS}}}tr")
    assert header is not None
    tables[2].remove(header)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def _empty_table(data: bytes) -> bytes:
    """A table with a grid but no row at all, with the appendix caption before it."""
    empty = (f'<w:p xmlns:w="{W_NS}"><w:r><w:t>PHỤ LỤC: Kết quả khắc phục tồn tại</w:t></w:r></w:p>'
             f'<w:tbl xmlns:w="{W_NS}"><w:tblPr/><w:tblGrid><w:gridCol w:w="2000"/>'
             "<w:gridCol w:w=\"2000\"/></w:tblGrid></w:tbl>").encode()
    root = etree.fromstring(data)
    body = root.find(f"{{{W_NS}}}body")
    assert body is not None
    for tbl in body.findall(f"{{{W_NS}}}tbl"):
        body.remove(tbl)
    for node in etree.fromstring(b"<x>" + empty + b"</x>"):
        body.insert(0, node)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def _without_body(data: bytes) -> bytes:
    """The document part with its ``w:body`` removed (found by the fuzzer: was a TypeError)."""
    root = etree.fromstring(data)
    body = root.find(f"{{{W_NS}}}body")
    assert body is not None
    root.remove(body)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def _huge_list_start(data: bytes) -> bytes:
    """Every list level starts at 2,000,000,000 in lower-letter format (a 77-million-letter
    counter), and each list also defines a level 999,999,999 (walked level by level)."""
    root = etree.fromstring(data)
    w = f"{{{W_NS}}}"
    for abstract in root.iter(f"{w}abstractNum"):
        first = abstract.find(f"{w}lvl")
        if first is not None:
            deep = etree.fromstring(etree.tostring(first))
            deep.set(f"{w}ilvl", "999999999")
            abstract.append(deep)
    for node in root.iter(f"{w}start"):
        node.set(f"{w}val", "2000000000")
    for node in root.iter(f"{w}numFmt"):
        if node.get(f"{w}val") == "decimal":
            node.set(f"{w}val", "lowerLetter")
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def _deep_list_level(data: bytes) -> bytes:
    """The first list paragraph at level 999,999,999."""
    return _first(b'<w:ilvl w:val="0"/>', b'<w:ilvl w:val="999999999"/>')(data)


def _zeros(total: int, chunk: int = 1 << 20) -> Iterator[bytes]:
    block = bytes(chunk)
    for _ in range(total // chunk):
        yield block


def _zip_bomb(path: Path, inflated: int) -> Path:
    """A real Word package plus one member of ``inflated`` zero bytes, streamed into the ZIP."""
    rewrite_zip(DOCX, path)
    info = zipfile.ZipInfo("word/media/image1.png")
    info.compress_type = zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(path, "a") as z, z.open(info, "w", force_zip64=True) as member:
        for block in _zeros(inflated):
            member.write(block)
    return path


def _set_encrypted_flag(path: Path) -> None:
    """Mark every entry as encrypted (general purpose bit 0) in local and central headers."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as z:
        offsets = [i.header_offset for i in z.infolist()]
        start_dir = z.start_dir
    for offset in offsets:
        data[offset + 6] |= 1
    pos = start_dir
    while data[pos:pos + 4] == b"PK\x01\x02":
        data[pos + 8] |= 1
        n, m, k = struct.unpack_from("<3H", data, pos + 28)
        pos += 46 + n + m + k
    path.write_bytes(bytes(data))


# -- OLE (Compound File Binary) -----------------------------------------------------------------


def ole_file(entries: list[tuple[str, int]]) -> bytes:
    """A minimal valid CFB v3 file: a root storage and the given (name, type) entries, empty.

    Type 1 is a storage, 2 a stream.  Enough for any reader that lists the directory (as
    cchc's sniffer, olefile or Word's own "which file is this" check do).
    """
    free, end, fat_sector = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
    header = bytearray(512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIII", header, 0x2C, 1, 1, 0, 4096, end, 0, end, 0)
    struct.pack_into("<109I", header, 0x4C, 0, *([free] * 108))
    fat = struct.pack("<128I", fat_sector, end, *([free] * 126))
    names = [("Root Entry", 5), *entries]
    directory = bytearray()
    for i, (name, kind) in enumerate(names):
        entry = bytearray(128)
        raw = name.encode("utf-16-le") + b"\x00\x00"
        entry[0:len(raw)] = raw
        struct.pack_into("<HBB", entry, 64, len(raw), kind, 1)
        right = i + 1 if 0 < i < len(names) - 1 else free
        child = 1 if i == 0 and len(names) > 1 else free
        struct.pack_into("<III", entry, 68, free, right, child)
        struct.pack_into("<II", entry, 116, end, 0)
        directory += entry
    directory += bytes(-len(directory) % 512)
    assert len(directory) == 512, "one directory sector holds four entries"
    return bytes(header) + fat + bytes(directory)


# -- PDF ----------------------------------------------------------------------------------------


# A tiny PDF writer (no reportlab in CI): one Helvetica font, uncompressed page contents,
# optionally RC4-40 encrypted (PDF 1.7 §7.6.3, the Standard security handler, revision 2).

_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")
_ID = hashlib.md5(b"cchc bad-input corpus").digest()
_PERMISSIONS = -44  # print and copy allowed


def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out, i, j = bytearray(), 0, 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def _security(password: str) -> tuple[bytes, bytes]:
    """(file key, encryption dictionary) for a user and owner password ``password``."""
    padded = (password.encode("latin-1") + _PAD)[:32]
    owner = _rc4(hashlib.md5(padded).digest()[:5], padded)
    key = hashlib.md5(padded + owner + struct.pack("<i", _PERMISSIONS) + _ID).digest()[:5]
    user = _rc4(key, _PAD)
    return key, (b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P %d >>"
                 % (owner.hex().encode(), user.hex().encode(), _PERMISSIONS))


def pdf_file(contents: list[bytes], *, password: str | None = None,
             size: tuple[int, int] = (595, 842)) -> bytes:
    """A well-formed PDF with one page per content stream (``contents``)."""
    n = len(contents)
    kids = b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(n))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, n),
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"]
    key, encrypt = _security(password) if password else (b"", b"")
    for i, content in enumerate(contents):
        number = 5 + 2 * i
        if key:
            content = _rc4(hashlib.md5(key + number.to_bytes(3, "little") + b"\0\0").digest()[:10], content)
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents %d 0 R "
                       b"/Resources << /Font << /F1 3 0 R >> >> >>" % (*size, number))
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    if encrypt:
        objects.append(encrypt)
    return _assemble(objects, b" /Encrypt %d 0 R" % len(objects) if encrypt else b"")


def _assemble(objects: list[bytes], trailer: bytes = b"") -> bytes:
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /ID [<%s> <%s>]%s >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, _ID.hex().encode(), _ID.hex().encode(), trailer, xref)
    return bytes(out)


def _text(x: float, y: float, text: str, size: int = 9) -> bytes:
    escaped = text.encode("cp1252").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    return b"BT /F1 %d Tf %.1f %.1f Td (%s) Tj ET\n" % (size, x, y, escaped)


def pdf_bomb(inflated: int) -> bytes:
    """A well-formed one-page PDF whose content stream inflates to ``inflated`` bytes of spaces."""
    squeezer = zlib.compressobj()
    stream = b"".join(squeezer.compress(b" " * (1 << 20)) for _ in range(inflated >> 20)) + squeezer.flush()
    return _assemble([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ])


def many_pages(pages: int) -> bytes:
    """A real ``pages``-page PDF, one line of text per page."""
    return pdf_file([_text(72, 770, f"Trang {page} / {pages}", 12) for page in range(1, pages + 1)])


#: The appendix of the encrypted PDF, in plain ASCII (Helvetica has no Vietnamese letters; the
#: column mapper folds accents away, so "Ton tai, han che" is read as "Tồn tại, hạn chế").
APPENDIX = (
    ("TT", "Ton tai, han che", "Giai phap khac phuc", "Thoi han hoan thanh", "Tien do thuc hien"),
    ("1", "Chua cong khai TTHC (Tieu chi 3.1.2)", "Ra soat, cong khai", "Quy II/2023", "Da hoan thanh"),
    ("2", "So hoa ho so cham (Tieu chi 7.2.5)", "Day nhanh so hoa", "31/12/2023", "Dang thuc hien"),
)


def encrypted_appendix(password: str) -> bytes:
    """A ruled appendix table on an A4 landscape page that opens only with ``password``."""
    xs, top, row_h = (40.0, 70.0, 290.0, 470.0, 600.0, 800.0), 540.0, 24.0
    ops = [_text(40, 560, "PHU LUC: Ket qua khac phuc ton tai, han che (Kem theo Bao cao so 12/BC-STP)"),
           b"0.5 w\n"]
    ops += [b"%.1f %.1f m %.1f %.1f l S\n" % (xs[0], top - k * row_h, xs[-1], top - k * row_h)
            for k in range(len(APPENDIX) + 1)]
    ops += [b"%.1f %.1f m %.1f %.1f l S\n" % (x, top, x, top - len(APPENDIX) * row_h) for x in xs]
    ops += [_text(x + 3, top - k * row_h - 15, text)
            for k, row in enumerate(APPENDIX) for x, text in zip(xs, row, strict=False)]
    return pdf_file([b"".join(ops)], password=password, size=(842, 595))


# -- the corpus -----------------------------------------------------------------------------------

CASES: tuple[Case, ...] = (
    # the bytes are not what the name says
    Case("empty", "rong.docx", "empty_file", "empty file (0 bytes) named .docx"),
    Case("random", "ngau_nhien.pdf", "unknown_format", "64 KB of random bytes named .pdf"),
    Case("docx_as_pdf", "word_dat_ten_pdf.pdf", None, "a good .docx renamed .pdf (read as Word)"),
    Case("word97_as_docx", "word_cu.docx", None,
         "Word 97 .doc (OLE) renamed .docx: read through LibreOffice", soffice=True),
    Case("word97_damaged", "word_cu_hong.doc", "conversion_failed",
         "Word 97 .doc whose streams hold nothing (OLE directory only)", soffice=True),
    Case("word97_password", "word_cu_mat_khau.doc", "encrypted_docx",
         "Word 97 .doc with an open password (FIB fEncrypted): refused before LibreOffice"),
    Case("encrypted_docx", "word_mat_khau.docx", "encrypted_docx",
         "Word file with an open password (OLE with EncryptionInfo)"),
    Case("ole_not_word", "bang_tinh_cu.doc", "not_a_word_document", "old Excel .xls (OLE) named .doc"),
    Case("html_doc", "trang_web.doc", "html_document", "Word \"Save as Web Page\" HTML named .doc"),
    Case("mhtml_doc", "trang_web_mht.doc", "html_document", "single-file web page (MHTML) named .doc"),
    Case("rtf_doc", "van_ban.doc", "rtf_document", "RTF named .doc"),
    Case("word_xml", "word_2003.xml", "word_xml_document", "Word 2003 XML document"),
    Case("zip_not_word", "bang_tinh.docx", "not_a_word_document", "a ZIP (.xlsx-like) named .docx"),
    # downloads that broke off
    *(Case(f"truncated_pdf_{label}", f"cut_{label}.pdf", "damaged_pdf", f"{PDF.name} cut {where}")
      for label, where in (("dau", "after 200 bytes"), ("30", "at 30%"), ("60", "at 60%"),
                           ("cuoi", "10 bytes before the end"))),
    *(Case(f"truncated_docx_{label}", f"cut_{label}.docx", "damaged_docx", f"{DOCX.name} cut {where}")
      for label, where in (("dau", "after 200 bytes"), ("30", "at 30%"), ("60", "at 60%"),
                           ("cuoi", "10 bytes before the end"))),
    # PDF
    Case("encrypted_pdf", "ma_hoa.pdf", "encrypted", "encrypted PDF, no password given"),
    Case("encrypted_pdf_wrong", "ma_hoa.pdf", "wrong_password",
         "encrypted PDF, a password given but wrong (told apart from none given)",
         password="sai-mat-khau", cli=False),
    Case("encrypted_pdf_password", "ma_hoa_phu_luc.pdf", None,
         "encrypted PDF holding an appendix, right password", password=PASSWORD, cli=False),
    Case("scanned_pdf", "ban_quet.pdf", "no_text_layer", "PDF with no text layer (a scan)"),
    Case("pages_1000", "nghin_trang.pdf", "no_appendix",
         "a real 1,000-page PDF, default page limit 2,000: read in about a second, no appendix in it"),
    Case("pages_1000_limited", "nghin_trang.pdf", "too_many_pages",
         "the same 1,000-page PDF with max_pages=500: refused before any page is read",
         limits={"max_pages": 500}, cli=False),
    Case("pdf_bomb", "bom_nen.pdf", "pdf_bomb", "PDF whose 260 KB content stream inflates to 300 MB"),
    Case("too_large", "qua_lon.pdf", "too_large", "a good PDF with max_file_size=10 KB",
         limits={"max_file_size": 10_000}, cli=False),
    # Word packages
    Case("zip_bomb", "bom_zip.docx", "zip_bomb",
         "Word package with a 1 GB member of zeros (1 MB on disk): refused from the ZIP directory"),
    Case("zip_entries", "nhieu_muc.docx", "zip_bomb", "Word package with 10,016 members"),
    Case("xxe", "xxe.docx", "xml_entities_refused",
         "document.xml with an external entity on file:///etc/passwd (XXE)"),
    Case("billion_laughs", "billion_laughs.docx", "xml_entities_refused",
         "document.xml with nested entities (billion laughs)"),
    Case("xxe_utf16", "xxe_utf16.docx", "xml_entities_refused", "the XXE in a UTF-16 document.xml"),
    Case("xxe_utf7", "xxe_utf7.docx", "damaged_docx",
         "a DOCTYPE hidden in UTF-7 (an encoding OOXML forbids)"),
    Case("empty_table", "bang_rong.docx", "no_appendix", "appendix caption over a table with 0 rows"),
    Case("no_header", "khong_tieu_de.docx", "no_appendix", "the appendix table without its header row"),
    Case("gridspan", "gridspan.docx", "too_many_columns",
         "a cell with gridSpan=100,000,000 (was a hang of hours)"),
    Case("no_body", "khong_than.docx", "damaged_docx",
         "document.xml without w:body (found by the fuzzer: was a TypeError)"),
    Case("not_a_document_root", "goc_la.docx", "damaged_docx",
         "document.xml whose root element is a table, not w:document"),
    Case("bad_symbol", "ky_hieu.docx", None, "w:sym with char FFFFFFFF (was a crash): read"),
    Case("list_start", "danh_so.docx", None,
         "list levels starting at 2,000,000,000 in letters and a level 999,999,999 "
         "(was a memory blow-up and a hang): read, those markers left out"),
    Case("bzip2", "bzip2.docx", "damaged_docx", "Word package compressed with bzip2 (OOXML allows deflate)"),
    Case("zip_password", "zip_mat_khau.docx", "encrypted_docx", "Word package with ZIP-encrypted members"),
    # text exports
    Case("tab_row", "tab.txt", "too_many_columns", "a text row of 100,001 tab-separated cells"),
    Case("utf16_odd", "utf16_le.txt", None,
         "the seed export in UTF-16 with an odd byte at the end (was refused as unknown_format): read"),
    # what a folder can hold besides files (issue 13): names, FIFOs, links
    Case("latin1_name", LATIN1_NAME, None,
         "a report whose name is Latin-1 bytes, not UTF-8 (a Windows USB stick; was a crash of every "
         "batch): read, the name shown as \\xNN"),
    Case("newline_name", NEWLINE_NAME, "no_appendix",
         "a name holding newlines and a forged `cchc: stp.txt: loaded` line: shown as \\x0a, one line"),
    Case("formula_name", FORMULA_NAME, None,
         "a report whose file name is an Excel formula: read, the run-log cell defused"),
    Case("fifo", "ong.pdf", "not_found", "a FIFO named .pdf (opening it blocks for ever; was a hung batch)",
         batch=("skipped", "not_regular_file")),
    Case("device_link", "zero.docx", "not_found", "a symlink to /dev/zero named .docx (was a hung batch)",
         batch=("skipped", "not_regular_file")),
    Case("link_outside", "passwd.txt", "no_appendix",
         "a symlink to /etc/passwd: `extract` reads the path it is given, a batch does not follow a "
         "link out of its folder", batch=("skipped", "symlink_outside_folder")),
)


def _write(data: bytes) -> Callable[[Path], object]:
    return lambda path: path.write_bytes(data)


def _fresh(path: Path) -> Path:
    """``path`` with nothing at it: a FIFO or a link cannot be written over like a file."""
    if path.is_symlink() or path.exists():
        path.unlink()
    return path


def _fifo(path: Path) -> None:
    os.mkfifo(_fresh(path))


def _link(target: str) -> Callable[[Path], object]:
    return lambda path: os.symlink(target, _fresh(path))


def _copy(source: Path) -> Callable[[Path], object]:
    return lambda path: shutil.copyfile(source, path)


def _cut(source: Path, label: str) -> Callable[[Path], object]:
    def build(path: Path) -> None:
        data = source.read_bytes()
        cut = {"dau": 200, "30": len(data) * 3 // 10, "60": len(data) * 6 // 10, "cuoi": len(data) - 10}
        path.write_bytes(data[:cut[label]])

    return build


def _docx(edits: dict[str, Callable[[bytes], bytes]] | None = None, source: Path = DOCX,
          **kwargs: Any) -> Callable[[Path], object]:
    return lambda path: rewrite_zip(source, path, edits, **kwargs)


def _not_word_zip(path: Path) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")


def _word97_encrypted() -> bytes:
    """The Word 97 sample with its FIB's fEncrypted flag set (what a password gives it)."""
    from cchc.extract.cfb import CompoundFile

    ole = CompoundFile(bytearray(WORD97.read_bytes()))
    word = ole.read("WordDocument")
    word[0x0B] |= 0x01  # fEncrypted: bit 8 of the little-endian flags word at 0x0A
    ole.write("WordDocument", word)
    return bytes(ole.data)


def _encrypted_zip(path: Path) -> None:
    _set_encrypted_flag(rewrite_zip(DOCX, path))


_DOC = "word/document.xml"
HTML_DOC = (b'<html xmlns:o="urn:schemas-microsoft-com:office:office" '
            b'xmlns:w="urn:schemas-microsoft-com:office:word"><head><meta http-equiv=Content-Type '
            b'content="text/html; charset=utf-8"><meta name=ProgId content=Word.Document></head>'
            + "<body><p>BÁO CÁO cải cách hành chính</p></body></html>".encode())

BUILDERS: dict[str, Callable[[Path], object]] = {
    "rong.docx": _write(b""),
    "ngau_nhien.pdf": _write(random.Random(20231).randbytes(64 * 1024)),
    "word_dat_ten_pdf.pdf": _copy(DOCX),
    "word_cu.docx": _copy(WORD97),
    "word_cu_hong.doc": _write(ole_file([("WordDocument", 2), ("1Table", 2), ("\x05SummaryInformation", 2)])),
    "word_cu_mat_khau.doc": lambda path: path.write_bytes(_word97_encrypted()),
    "word_mat_khau.docx": _write(ole_file([("\x06DataSpaces", 1), ("EncryptionInfo", 2),
                                           ("EncryptedPackage", 2)])),
    "bang_tinh_cu.doc": _write(ole_file([("Workbook", 2), ("\x05SummaryInformation", 2)])),
    "trang_web.doc": _write(HTML_DOC),
    "trang_web_mht.doc": _write(b"MIME-Version: 1.0\r\nContent-Type: multipart/related; "
                                b"boundary=\"----=_NextPart\"\r\n\r\n"),
    "van_ban.doc": _write(b"{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Times;}} B\\'e1o c\\'e1o}"),
    "word_2003.xml": _write(b'<?xml version="1.0" encoding="UTF-8"?>'
                            b'<?mso-application progid="Word.Document"?><w:wordDocument xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml"/>'),
    "bang_tinh.docx": _not_word_zip,
    **{f"cut_{label}{src.suffix}": _cut(src, label) for src in (PDF, DOCX)
       for label in ("dau", "30", "60", "cuoi")},
    "ma_hoa.pdf": _copy(PDF_FIXTURES / "encrypted.pdf"),
    "ma_hoa_phu_luc.pdf": lambda path: path.write_bytes(encrypted_appendix(PASSWORD)),
    "ban_quet.pdf": _copy(PDF_FIXTURES / "scanned.pdf"),
    "nghin_trang.pdf": lambda path: path.write_bytes(many_pages(1000)),
    "bom_nen.pdf": lambda path: path.write_bytes(pdf_bomb(300 << 20)),
    "qua_lon.pdf": _copy(PDF),
    "bom_zip.docx": lambda path: _zip_bomb(path, 1 << 30),
    "nhieu_muc.docx": _docx(extra={f"customXml/m{i}.bin": b"" for i in range(10_001)}),
    "xxe.docx": _docx({_DOC: _with_doctype(XXE, b"&xxe;")}),
    "billion_laughs.docx": _docx({_DOC: _with_doctype(LAUGHS, b"&lol9;")}),
    "xxe_utf16.docx": _docx({_DOC: _utf16_xxe}),
    "xxe_utf7.docx": _docx({_DOC: _utf7_doctype}),
    "bang_rong.docx": _docx({_DOC: _empty_table}),
    "khong_tieu_de.docx": _docx({_DOC: _drop_appendix_header}),
    "gridspan.docx": _docx({_DOC: _first(b"<w:tcPr>", b'<w:tcPr><w:gridSpan w:val="100000000"/>')}),
    "khong_than.docx": _docx({_DOC: _without_body}),
    "goc_la.docx": _docx({_DOC: lambda d: d.replace(b"<w:document ", b"<w:tbl ", 1).replace(
        b"</w:document>", b"</w:tbl>")}),
    "ky_hieu.docx": _docx({_DOC: _first(b"<w:t>", b'<w:sym w:char="FFFFFFFF"/><w:t>')}),
    "danh_so.docx": _docx({"word/numbering.xml": _huge_list_start, _DOC: _deep_list_level}, source=LISTS),
    "bzip2.docx": _docx(compression=zipfile.ZIP_BZIP2),
    "zip_mat_khau.docx": _encrypted_zip,
    "tab.txt": _write(b"TT" + b"\t" * 100_000 + b"x\n"),
    "utf16_le.txt": _write(SEED.read_text(encoding="utf-8").encode("utf-16") + b"\x00"),
    # reports not among GOOD, so that a batch loads them rather than skipping a duplicate
    LATIN1_NAME: _copy(SAMPLES / "stttt_2023_q3.txt"),
    NEWLINE_NAME: _write(b"not a report\n"),
    FORMULA_NAME: _copy(SAMPLES / "ubnd_camxuyen_2023.txt"),
    "ong.pdf": _fifo,
    "zero.docx": _link("/dev/zero"),
    "passwd.txt": _link("/etc/passwd"),
}


def build_corpus(out: Path) -> list[Case]:
    """Write every corpus file into ``out`` (created) and return the cases, in table order."""
    out.mkdir(parents=True, exist_ok=True)
    for name, build in BUILDERS.items():
        build(out / name)
    missing = {c.file for c in CASES} - set(BUILDERS)
    assert not missing, f"cases without a builder: {missing}"
    return list(CASES)


# -- the docs table ------------------------------------------------------------------------------


def markdown_table(out: Path, cases: list[Case]) -> str:
    """Run every case through ``process_file``, the mixed CLI run and the mixed batch; the table."""
    import tempfile

    from cchc.errors import DocumentError, printable
    from cchc.extract.limits import Limits
    from cchc.read import Options, load_settings, process_file

    settings = load_settings(Options())
    went_on = cli_went_on(out, cases)
    with tempfile.TemporaryDirectory() as work:
        batch = batch_run(out, Path(work), cases)
    lines = ["| input | code | what cchc answers | batch went on |", "|---|---|---|---|"]
    for case in cases:
        options = Options(password=case.password, limits=Limits().overriding(**case.limits))
        try:
            record = process_file(out / case.file, settings, options)
            answer, code = f"read: {len(record.findings)} finding(s)", "—"
        except DocumentError as e:
            answer, code = e.message, f"`{e.code}`"
        on = f"{went_on}; {batch.went_on(case)}" if case.cli else _own_run(case)
        what = f"{case.what} (`{printable(case.file)}`)"
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in (what, code, answer, on)) + " |")
    return "\n".join(lines) + "\n"


def _own_run(case: Case) -> str:
    if case.limits:
        return f"library call with `Limits({_kwargs(case.limits)})` (CLI flag to come)"
    return "yes: its own `cchc extract --password …` and `cchc batch --password-file …` runs"


def _kwargs(values: dict[str, int]) -> str:
    return ", ".join(f"{k}={v:_}" for k, v in values.items())


def cli_went_on(out: Path, cases: list[Case]) -> str:
    """Run ``cchc extract`` on the good samples and every CLI case at once; summarize."""
    import contextlib

    from cchc.cli.main import main

    files = [str(p) for p in GOOD] + sorted({str(out / c.file) for c in cases if c.cli})
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        status = main(["extract", *files, "-o", str(out / "_cli_out")])
    written = sum((out / "_cli_out" / f"{p.stem}.json").is_file() for p in GOOD)
    return f"yes: exit {status}, {written}/{len(GOOD)} good samples written"


LOADED = ("loaded", "replaced", "unchanged")


@dataclass
class BatchRun:
    """One ``cchc batch`` over the corpus: its exit status, stderr, and each file's log row."""

    status: int
    stderr: str
    rows: dict[str, tuple[str, str]]  # printable file name → (outcome, error_code)

    def row(self, case: Case) -> tuple[str, str] | None:
        """The case's log row: its name as the log writes it, escaped and formula-defused."""
        from cchc.errors import printable
        from cchc.output.tabular import defuse_csv

        return self.rows.get(defuse_csv(printable(case.file)))

    def good_read(self) -> int:
        """Good samples loaded, or skipped as the copy of a corpus file the run loaded
        (``word_dat_ten_pdf.pdf`` is ``stp_2023_q1.docx``'s bytes)."""
        return sum(self.rows.get(p.name, ("", ""))[0] in LOADED
                   or self.rows.get(p.name) == ("skipped", "duplicate_content") for p in GOOD)

    def went_on(self, case: Case) -> str:
        outcome, code = self.row(case) or ("not logged", "")
        shown = f"{outcome} `{code}`" if code else outcome
        return f"batch {shown}, exit {self.status}, {self.good_read()}/{len(GOOD)} good samples read"


def batch_run(out: Path, work: Path, cases: list[Case], *extra: str) -> BatchRun:
    """``cchc batch`` over the corpus folder, walked as an analyst's quarter folder is (so its
    FIFO and links are met as folder entries), and the good samples; a case file whose
    extension a walk does not pick up (``.xml``) is named.  Database and log go into ``work``."""
    import contextlib

    from cchc.batch.discover import REPORT_SUFFIXES
    from cchc.batch.runlog import read_run_log
    from cchc.cli.main import main

    named = sorted({str(out / c.file) for c in cases
                    if c.cli and Path(c.file).suffix.lower() not in REPORT_SUFFIXES})
    log = work / "run_log.csv"
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        status = main(["batch", *map(str, GOOD), str(out), *named, "--db", str(work / "kho.duckdb"),
                       "--log", str(log), "--workers", "2", *extra])
    rows = {Path(r["path"]).name: (r["outcome"], r["error_code"]) for r in read_run_log(log)}
    return BatchRun(status, err.getvalue(), rows)


def main(argv: list[str]) -> int:
    if not argv or argv[0].startswith("-"):
        print(__doc__, file=sys.stderr)
        return 2
    out = Path(argv[0])
    cases = build_corpus(out)
    print(f"{len(cases)} cases, {len({c.file for c in cases})} files in {out}", file=sys.stderr)
    if "--table" in argv[1:]:
        sys.stdout.write(markdown_table(out, cases))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
