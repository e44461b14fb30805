"""Word 97 (``.doc``) facts read from the File Information Block, and one repair.

The repair: LibreOffice (7.4 at least) saves a document whose body ends with a table — any
``.docx`` made by a program rather than by Word, which always adds a paragraph after a final
table — as a ``.doc`` whose main text ends with the table's row mark and no paragraph mark
after it.  Word's own files never end so, and LibreOffice's importer then drops that whole
table: the appendix, which is the last thing in most reports.  :func:`close_final_table`
adds the missing paragraph mark (an empty paragraph with default properties, as Word would
write) in a copy of the file, so the table comes back whole.

It only handles what LibreOffice writes — one text piece, the mark inserted into free bytes
after it — and leaves any other file untouched.  Structures ([MS-DOC] 2.5, 2.8, 2.9):
the FIB's ``ccpText``, the piece table (``Clx``), the section table (``PlcfSed``), the main
document's fields (``PlcfFldMom``) and the character and paragraph property pages (FKPs),
whose file offsets after the insertion move by the mark's width.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

from cchc.extract.cfb import CfbError, CompoundFile

_W_IDENT = 0xA5EC
_F_ENCRYPTED = 0x0100
_F_WHICH_TABLE = 0x0200
_PAGE = 512
# Indices of (fc, lcb) pairs in FibRgFcLcb97.
_SED, _BTE_CHPX, _BTE_PAPX, _FLD_MOM, _CLX = 6, 12, 13, 16, 33
_PLC_ELEMENT = {_SED: 12, _FLD_MOM: 2}
# ccpFtn, ccpAtn, ccpEdn, ccpTxbx, ccpHdrTxbx in FibRgLw97: stories whose CPs are not relative.
_OTHER_STORIES = (4, 7, 8, 9, 10)
_COMPRESSED = 0x40000000


class NotWord97(ValueError):
    """The WordDocument stream has no Word 97 FIB the repair can trust."""


@dataclass
class _Fib:
    flags: int
    ccp_text_at: int  # offset of ccpText in the WordDocument stream
    lw: tuple[int, ...]
    fclcb: list[tuple[int, int]]

    @property
    def ccp_text(self) -> int:
        return self.lw[3]


def _fib(word: bytes | bytearray) -> _Fib:
    if len(word) < 34 or struct.unpack_from("<H", word, 0)[0] != _W_IDENT:
        raise NotWord97("no Word FIB")
    flags = struct.unpack_from("<H", word, 0x0A)[0]
    at = 32
    csw = struct.unpack_from("<H", word, at)[0]
    at += 2 + csw * 2
    cslw = struct.unpack_from("<H", word, at)[0]
    if cslw < 11:
        raise NotWord97("short FibRgLw")
    lw = struct.unpack_from(f"<{cslw}i", word, at + 2)
    ccp_text_at = at + 2 + 3 * 4
    at += 2 + cslw * 4
    pairs = struct.unpack_from("<H", word, at)[0]
    if pairs <= _CLX:
        raise NotWord97("short FibRgFcLcb")
    flat = struct.unpack_from(f"<{pairs * 2}I", word, at + 2)
    return _Fib(flags, ccp_text_at, lw, [(flat[2 * i], flat[2 * i + 1]) for i in range(pairs)])


def is_encrypted(word: bytes | bytearray) -> bool:
    """Whether the document is password-protected (``fEncrypted`` in FibBase); ``False`` when
    the stream does not start with a Word FIB."""
    if len(word) < 12 or struct.unpack_from("<H", word, 0)[0] != _W_IDENT:
        return False
    return bool(struct.unpack_from("<H", word, 0x0A)[0] & _F_ENCRYPTED)


def close_final_table(ole: CompoundFile) -> bool:
    """Add the paragraph mark LibreOffice leaves out after a final table; ``True`` if added.

    Any file this does not recognise as that case is left as it was (``False``).
    """
    try:
        return _Repair(ole).run()
    except (NotWord97, CfbError, struct.error, IndexError, ValueError):
        return False


class _Repair:
    """One insertion of a paragraph mark at the end of the main text (CP ``ccpText``)."""

    def __init__(self, ole: CompoundFile) -> None:
        self.ole = ole
        self.word = ole.read("WordDocument")
        self.fib = _fib(self.word)
        self.table_name = "1Table" if self.fib.flags & _F_WHICH_TABLE else "0Table"
        self.table = ole.read(self.table_name)

    def _piece_table(self) -> tuple[int, int, int]:
        """Offset of the PlcPcd in the table stream, its number of pieces, and its first FC."""
        fc, lcb = self.fib.fclcb[_CLX]
        at, end = fc, fc + lcb
        while at < end and self.table[at] == 1:  # Prc entries before the Pcdt
            at += 3 + struct.unpack_from("<H", self.table, at + 1)[0]
        if at >= end or self.table[at] != 2:
            raise NotWord97("no piece table")
        size = struct.unpack_from("<I", self.table, at + 1)[0]
        pieces = (size - 4) // 12
        plc = at + 5
        return plc, pieces, struct.unpack_from("<I", self.table, plc + 4 * (pieces + 1) + 2)[0]

    def run(self) -> bool:
        if self.fib.flags & _F_ENCRYPTED or any(self.fib.lw[i] for i in _OTHER_STORIES):
            return False
        plc, pieces, fc = self._piece_table()
        if pieces != 1 or struct.unpack_from("<I", self.table, plc)[0] != 0:
            return False
        ccp, total = self.fib.ccp_text, struct.unpack_from("<I", self.table, plc + 4)[0]
        width = 1 if fc & _COMPRESSED else 2
        start = (fc & ~_COMPRESSED) // 2 if width == 1 else fc
        at, end = start + ccp * width, start + total * width
        if not 0 < ccp <= total or self.word[at - width] != 7 or not self._free(end, width):
            return False
        self.word[at:end + width] = (b"\r" if width == 1 else b"\r\x00") + self.word[at:end]
        struct.pack_into("<i", self.word, self.fib.ccp_text_at, ccp + 1)
        struct.pack_into("<I", self.table, plc + 4, total + 1)
        for index in (_SED, _FLD_MOM):
            self._shift_cps(index, ccp)
        self._shift_fkps(_BTE_CHPX, at, width, split=False)
        self._shift_fkps(_BTE_PAPX, at, width, split=True)
        self.ole.write("WordDocument", self.word)
        self.ole.write(self.table_name, self.table)
        return True

    def _free(self, end: int, width: int) -> bool:
        """Zero bytes after the text that no property page uses: room for the mark."""
        if end + width > len(self.word) or any(self.word[end:end + width]):
            return False
        pages = {pn for index in (_BTE_CHPX, _BTE_PAPX) for pn in self._bte(index)[1]}
        return all(end + width <= pn * _PAGE or end >= (pn + 1) * _PAGE for pn in pages)

    def _bte(self, index: int) -> tuple[list[int], list[int]]:
        fc, lcb = self.fib.fclcb[index]
        n = (lcb - 4) // 8
        values = struct.unpack_from(f"<{2 * n + 1}I", self.table, fc)
        return list(values[:n + 1]), list(values[n + 1:])

    def _shift_cps(self, index: int, ccp: int) -> None:
        fc, lcb = self.fib.fclcb[index]
        if lcb < 4:
            return
        n = (lcb - 4) // (4 + _PLC_ELEMENT[index])
        for i in range(n + 1):
            cp = struct.unpack_from("<I", self.table, fc + 4 * i)[0]
            if cp >= ccp:
                struct.pack_into("<I", self.table, fc + 4 * i, cp + 1)

    def _shift_fkps(self, index: int, at: int, width: int, *, split: bool) -> None:
        """Move every run boundary at or after ``at``; for paragraphs, give the new mark a
        run of its own with no properties (bx 0: "default paragraph", outside any table)."""
        fc, _ = self.fib.fclcb[index]
        firsts, pns = self._bte(index)
        for i, value in enumerate(firsts):
            if value >= at:
                struct.pack_into("<I", self.table, fc + 4 * i, value + width)
        split_done = not split
        for pn in pns:
            page = self.word[pn * _PAGE:(pn + 1) * _PAGE]
            crun = page[511]
            rgfc = [v + width if v >= at else v for v in struct.unpack_from(f"<{crun + 1}I", page)]
            entry, base = (13 if split else 1), 4 * (crun + 1)
            bx = [bytes(page[base + entry * k:base + entry * (k + 1)]) for k in range(crun)]
            if not split_done:
                for k in range(crun):
                    if rgfc[k] < at and rgfc[k + 1] == at + width:
                        rgfc.insert(k + 1, at)
                        bx.insert(k + 1, bytes(entry))
                        split_done = True
                        break
            self._write_page(pn, page, rgfc, bx)
        if not split_done:
            raise ValueError("no paragraph run ends at the table's last row mark")

    def _write_page(self, pn: int, page: bytearray, rgfc: list[int], bx: list[bytes]) -> None:
        crun = len(bx)
        head = struct.pack(f"<{crun + 1}I", *rgfc) + b"".join(bx)
        offsets = [b[0] * 2 for b in bx if b[0]]
        if len(head) > min(offsets, default=511):
            raise ValueError("no room in the property page")
        page[:len(head)] = head
        page[511] = crun
        self.word[pn * _PAGE:(pn + 1) * _PAGE] = page
