"""One report file into its record: extract → normalize, the path every command shares.

``cchc extract``, ``cchc audit`` and the batch workers all read a file this way.  The
imports of the stages are inside the functions: a batch worker unpickles :class:`Options`
before it sets its memory limit, and ``cchc --help`` imports nothing of this at all.

Example::

    settings = load_settings(Options())
    record = process_file(Path("bao_cao.docx"), settings)
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from cchc.extract.limits import Limits

if TYPE_CHECKING:
    from cchc.normalize.records import Settings
    from cchc.record import ReportRecord


@dataclass(frozen=True)
class Options:
    """Per-run choices of the command line."""

    password: str | None = None
    units_file: Path | None = None
    catalog_file: Path | None = None
    limits: Limits = field(default_factory=Limits)  # what one file may cost before it is refused


def load_settings(options: Options) -> Settings:
    """The unit registry and criteria catalog of the run (the packaged ones by default)."""
    from cchc.normalize.catalog import load_catalog
    from cchc.normalize.records import Settings
    from cchc.normalize.units import UnitRegistry

    return Settings(registry=UnitRegistry.load(options.units_file),
                    catalog=load_catalog(options.catalog_file))


def file_sha256(path: Path) -> str:
    """The SHA-256 of the file's bytes: the report's identity in the warehouse."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def process_file(path: Path, settings: Settings, options: Options = Options()) -> ReportRecord:
    """Read one report and return its record; raises ``DocumentError`` for bad input."""
    from cchc.extract import read_document
    from cchc.extract.appendix import find_appendix
    from cchc.normalize.records import appendix_to_record

    document = read_document(path, password=options.password, limits=options.limits)
    appendix = find_appendix(document)
    return appendix_to_record(document, appendix, file_sha256(path), settings)
