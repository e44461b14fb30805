"""How much one input file may cost before cchc refuses it, with defaults that are safe.

Reports arrive from dozens of offices, some of them from unknown senders, so every reader
is bounded before it starts: a file that is too big, a PDF with too many pages, a ZIP bomb
named ``.docx`` or a table a million columns wide is refused with a clear code
(:class:`cchc.errors.RefusedDocument`) instead of eating the machine's memory or time.

The defaults sit far above any real report (a big Word report is a few MB, a few hundred
pages, under a hundred entries in its package, tables of at most 63 columns — Word's own
limit) and far below what would hurt a desktop.  Anyone can raise them for one run::

    Limits(max_file_size=500 * MiB, max_pages=10_000)
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from typing import Any

MiB = 1024 * 1024

#: Entries (ZIP members, PDF streams) smaller than this are never called a bomb for their
#: compression ratio alone: a tiny all-blank part compresses a thousandfold and harms no one.
RATIO_MIN_SIZE = 1 * MiB


@dataclass(frozen=True)
class Limits:
    """Ceilings on one input file; each is checked before the work it bounds is done."""

    max_file_size: int = 100 * MiB  # bytes on disk, any format
    max_pages: int = 2_000  # PDF pages, counted before any page is read
    max_zip_entries: int = 10_000  # members of a .docx package (Word writes 10–100)
    max_unpacked_size: int = 256 * MiB  # sum of a package's declared uncompressed sizes;
    # also the most one PDF stream may inflate to
    max_compression_ratio: float = 100.0  # uncompressed / compressed, per member or stream
    # (Apache POI's ZipSecureFile refuses the same 1:100)
    max_xml_part_size: int = 32 * MiB  # one XML part of a .docx, uncompressed
    max_table_columns: int = 1_000  # grid columns of one table (Word allows 63)
    max_cells: int = 1_000_000  # table cells in one document (about 150 MB once read)
    max_conversion_seconds: float = 120.0  # LibreOffice reading one .doc (it takes 1-3 s)

    def __post_init__(self) -> None:
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if f.name in ("max_compression_ratio", "max_conversion_seconds"):
                least = 1 if f.name == "max_compression_ratio" else 0.01
                if isinstance(value, bool) or not isinstance(value, int | float) \
                        or not math.isfinite(value) or value < least:
                    raise ValueError(f"Limits.{f.name} must be a finite number >= {least}: {value!r}")
            elif isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError(f"Limits.{f.name} must be a whole number >= 1: {value!r}")

    def overriding(self, **changes: int | float | None) -> Limits:
        """A copy with the given fields changed; ``None`` keeps the current value.

        Lets the command line pass its optional flags straight through:
        ``Limits().overriding(max_file_size=args.max_size, max_pages=args.max_pages)``.
        """
        given: dict[str, Any] = {name: value for name, value in changes.items() if value is not None}
        return dataclasses.replace(self, **given)


def megabytes(text: str) -> int:
    """A size given in MB (MiB) on the command line, as bytes; ``ValueError`` if not > 0.

    Example: ``"100"`` → ``104857600``; ``"0.5"`` → ``524288``.
    """
    value = float(text)
    if not math.isfinite(value) or value <= 0 or value * MiB >= 2**63:
        raise ValueError(f"not a positive size in MB: {text!r}")
    return max(1, int(value * MiB))


def positive_int(text: str) -> int:
    """A count given on the command line (pages, entries); ``ValueError`` if not >= 1."""
    value = int(text)
    if value < 1:
        raise ValueError(f"not a positive whole number: {text!r}")
    return value
