"""Streams of a Compound File (OLE, [MS-CFB]) read and rewritten in place, in memory.

Why our own: the Word 97 repair (:mod:`cchc.extract.word97`) changes a few bytes of two
streams of a ``.doc`` before LibreOffice reads it, never their length, so it needs only the
sector chains of named streams — not a general OLE library.  Every chain is bounded and
loop-checked and every sector must lie inside the file, so a damaged file raises
:class:`CfbError` instead of running long.
"""

from __future__ import annotations

import struct

_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_FREE, _END = 0xFFFFFFFF, 0xFFFFFFFE
_DIR_ENTRY = 128
_STREAM, _ROOT = 2, 5


class CfbError(ValueError):
    """The container is damaged or not what its header says."""


class CompoundFile:
    """A Compound File held in a ``bytearray``; :meth:`write` changes it in place."""

    def __init__(self, data: bytearray) -> None:
        if len(data) < 512 or not data.startswith(_MAGIC):
            raise CfbError("not a compound file")
        self.data = data
        shift, mini_shift = struct.unpack_from("<HH", data, 0x1E)
        if shift not in (9, 12) or mini_shift != 6:
            raise CfbError("bad sector size")
        self.size, self.mini_size = 1 << shift, 1 << mini_shift
        self.cutoff = struct.unpack_from("<I", data, 0x38)[0]
        self.fat = self._fat(*struct.unpack_from("<II", data, 0x44))
        first_dir = struct.unpack_from("<I", data, 0x30)[0]
        first_minifat = struct.unpack_from("<I", data, 0x3C)[0]
        self.entries = self._directory(first_dir)
        root_start, root_size = self.entries.get("Root Entry", (_END, 0))
        self.mini_sectors = self._chain(root_start, self.fat) if root_size else []
        minifat_bytes = b"".join(self._sector(s) for s in self._chain(first_minifat, self.fat))
        self.minifat = list(struct.unpack(f"<{len(minifat_bytes) // 4}I", minifat_bytes))

    def _sector(self, sector: int) -> bytes:
        start = (sector + 1) * self.size
        if start + self.size > len(self.data):
            raise CfbError("sector past the end of the file")
        return bytes(self.data[start:start + self.size])

    def _fat(self, first_difat: int, n_difat: int) -> list[int]:
        ids = list(struct.unpack_from("<109I", self.data, 0x4C))
        sector, seen, per = first_difat, set[int](), self.size // 4 - 1
        while sector not in (_FREE, _END) and len(seen) < n_difat:
            if sector in seen:
                raise CfbError("DIFAT loop")
            seen.add(sector)
            block = self._sector(sector)
            ids.extend(struct.unpack_from(f"<{per}I", block))
            sector = struct.unpack_from("<I", block, per * 4)[0]
        fat: list[int] = []
        for s in ids:
            if s not in (_FREE, _END):
                fat.extend(struct.unpack(f"<{self.size // 4}I", self._sector(s)))
        return fat

    def _chain(self, start: int, table: list[int]) -> list[int]:
        chain: list[int] = []
        sector = start
        while sector not in (_FREE, _END):
            if sector >= len(table) or len(chain) > len(table):
                raise CfbError("broken sector chain")
            chain.append(sector)
            sector = table[sector]
        return chain

    def _directory(self, first: int) -> dict[str, tuple[int, int]]:
        entries: dict[str, tuple[int, int]] = {}
        for sector in self._chain(first, self.fat):
            block = self._sector(sector)
            for at in range(0, self.size, _DIR_ENTRY):
                length, kind = struct.unpack_from("<HB", block, at + 64)
                if kind in (_STREAM, _ROOT) and 2 <= length <= 64:
                    name = block[at:at + length - 2].decode("utf-16-le", "replace")
                    start, size = struct.unpack_from("<IQ", block, at + 0x74)
                    entries.setdefault(name, (start, size & 0xFFFFFFFF if self.size == 512 else size))
        return entries

    def _spans(self, name: str) -> list[tuple[int, int]]:
        """(file offset, length) of each piece of the stream, in order."""
        if name not in self.entries:
            raise CfbError(f"no stream {name}")
        start, size = self.entries[name]
        if size < self.cutoff:
            spans = []
            for mini in self._chain(start, self.minifat):
                big, within = divmod(mini * self.mini_size, self.size)
                if big >= len(self.mini_sectors):
                    raise CfbError("mini sector outside the mini stream")
                spans.append(((self.mini_sectors[big] + 1) * self.size + within, self.mini_size))
        else:
            spans = [((s + 1) * self.size, self.size) for s in self._chain(start, self.fat)]
        out, left = [], size
        for offset, length in spans:
            if left <= 0:
                break
            take = min(length, left)
            if offset + take > len(self.data):
                raise CfbError("stream past the end of the file")
            out.append((offset, take))
            left -= take
        if left > 0:
            raise CfbError(f"stream {name} shorter than its size")
        return out

    def read(self, name: str) -> bytearray:
        return bytearray(b"".join(self.data[o:o + n] for o, n in self._spans(name)))

    def write(self, name: str, content: bytes | bytearray) -> None:
        """Put ``content`` (the stream's own length) back where the stream lies."""
        at = 0
        spans = self._spans(name)
        if sum(n for _, n in spans) != len(content):
            raise CfbError("a stream rewritten in place keeps its length")
        for offset, length in spans:
            self.data[offset:offset + length] = content[at:at + length]
            at += length
