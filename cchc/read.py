"""One report file into its record: extract → normalize, the path every command shares.

``cchc extract``, ``cchc audit``, the batch workers and the Python API (:func:`read`, which
``cchc.read`` is) all read a file this way.  The imports of the stages are inside the
functions, and :class:`Options` builds its :class:`~cchc.extract.limits.Limits` only when
made: ``import cchc`` loads no reader, a batch worker unpickles :class:`Options` before it
sets its memory limit, and ``cchc --help`` imports nothing of this at all.

The commands' way, with settings loaded once for many files::

    settings = load_settings(Options())
    record = process_file(Path("bao_cao.docx"), settings)
"""

from __future__ import annotations

import functools
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cchc.extract.limits import Limits
    from cchc.normalize.records import Settings
    from cchc.record import ReportRecord

__all__ = ["Options", "file_sha256", "load_settings", "process_file", "read"]


def _default_limits() -> Limits:
    from cchc.extract.limits import Limits

    return Limits()


@dataclass(frozen=True)
class Options:
    """Per-run choices of the command line."""

    password: str | None = None
    units_file: Path | None = None
    catalog_file: Path | None = None
    limits: Limits = field(default_factory=_default_limits)  # what one file may cost before it is refused


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


def process_file(path: Path, settings: Settings, options: Options | None = None) -> ReportRecord:
    """Read one report and return its record; raises ``DocumentError`` for bad input."""
    from cchc.extract import read_document
    from cchc.extract.appendix import find_appendix
    from cchc.normalize.records import appendix_to_record

    options = options or Options()
    document = read_document(path, password=options.password, limits=options.limits)
    appendix = find_appendix(document)
    return appendix_to_record(document, appendix, file_sha256(path), settings)


# -- the Python API ----------------------------------------------------------------------------

def _file_key(path: Path | None) -> tuple[str, int] | None:
    """A settings file as a cache key: a file changed on disk is loaded again."""
    if path is None:
        return None
    resolved = path.resolve()
    return str(resolved), resolved.stat().st_mtime_ns


@functools.lru_cache(maxsize=8)
def _cached_settings(units: tuple[str, int] | None, catalog: tuple[str, int] | None) -> Settings:
    return load_settings(Options(units_file=Path(units[0]) if units else None,
                                 catalog_file=Path(catalog[0]) if catalog else None))


def read(path: str | os.PathLike[str], *, password: str | None = None,
         units: str | os.PathLike[str] | None = None, catalog: str | os.PathLike[str] | None = None,
         limits: Limits | None = None) -> ReportRecord:
    """Read one report (.docx, .doc, .pdf, .txt) into its record, :class:`cchc.Report`.

    ``password`` opens an encrypted PDF; ``units`` and ``catalog`` name another province's
    units registry or another criteria catalog (JSON; the packaged ones by default, loaded
    once per process); ``limits`` bounds what one file may cost
    (:class:`cchc.extract.limits.Limits`).  The format is sniffed from the bytes.

    Raises :class:`cchc.DocumentError` for a file that is not a readable report: its
    ``code`` (``no_appendix``, ``encrypted``, ``not_found``, …) and ``message`` say why.

    >>> import cchc
    >>> from pathlib import Path
    >>> sample = Path(cchc.__file__).parents[1] / "samples" / "syt_2023_q2.docx"
    >>> report = cchc.read(sample)
    >>> report.report.agency_code, report.report.date, len(report.findings)
    ('SYT', '2023-06-20', 10)
    >>> cchc.read(sample.with_name("khong_co.docx"))
    Traceback (most recent call last):
    cchc.errors.DocumentError: khong_co.docx: not_found: không tìm thấy tệp (file not found)
    """
    from cchc.errors import DocumentError

    file = Path(path)
    if not file.is_file():
        what = ("là thư mục, không phải tệp (a folder, not a file)" if file.is_dir()
                else "không tìm thấy tệp (file not found)")
        raise DocumentError(file.name, "is_folder" if file.is_dir() else "not_found", what)
    units_path = Path(units) if units is not None else None
    catalog_path = Path(catalog) if catalog is not None else None
    settings = _cached_settings(_file_key(units_path), _file_key(catalog_path))
    options = Options(password=password, units_file=units_path, catalog_file=catalog_path,
                      limits=limits if limits is not None else _default_limits())
    return process_file(file, settings, options)
