"""One file through the three stages: extract → normalize → record."""

from __future__ import annotations

import argparse
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from cchc.extract import read_document
from cchc.extract.appendix import find_appendix
from cchc.extract.limits import Limits, megabytes, positive_int
from cchc.normalize.catalog import load_catalog
from cchc.normalize.records import Settings, appendix_to_record
from cchc.normalize.units import UnitRegistry
from cchc.record import ReportRecord


@dataclass(frozen=True)
class Options:
    """Per-run choices of the command line."""

    password: str | None = None
    units_file: Path | None = None
    catalog_file: Path | None = None
    limits: Limits = field(default_factory=Limits)  # what one file may cost before it is refused


def add_reading_arguments(parser: argparse.ArgumentParser) -> None:
    """The options every command that reads reports takes (one definition for all)."""
    parser.add_argument("--password", help="password of encrypted PDFs")
    parser.add_argument("--units", type=Path, help="units registry JSON of another province")
    parser.add_argument("--catalog", type=Path, help="criteria catalog JSON")
    parser.add_argument("--max-size", type=megabytes, metavar="MB",
                        help="refuse files larger than MB megabytes (default 100)")
    parser.add_argument("--max-pages", type=positive_int, metavar="N",
                        help="refuse PDFs with more than N pages (default 2000)")


def options_from_args(args: argparse.Namespace) -> Options:
    """:class:`Options` from the arguments :func:`add_reading_arguments` defines."""
    limits = Limits().overriding(max_file_size=getattr(args, "max_size", None),
                                 max_pages=getattr(args, "max_pages", None))
    return Options(password=getattr(args, "password", None), units_file=getattr(args, "units", None),
                   catalog_file=getattr(args, "catalog", None), limits=limits)


def load_settings(options: Options) -> Settings:
    return Settings(registry=UnitRegistry.load(options.units_file),
                    catalog=load_catalog(options.catalog_file))


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def process_file(path: Path, settings: Settings, options: Options = Options()) -> ReportRecord:
    """Read one report and return its record; raises ``DocumentError`` for bad input."""
    document = read_document(path, password=options.password, limits=options.limits)
    appendix = find_appendix(document)
    return appendix_to_record(document, appendix, file_sha256(path), settings)
