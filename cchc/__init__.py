"""cchc: the remediation appendix of CCHC reports (.docx, .doc, .pdf, .txt) as records.

The Python API, in five lines::

    import cchc

    report = cchc.read("samples/syt_2023_q2.docx")     # a Report (raises cchc.DocumentError)
    print(report.report.agency, len(report.findings))
    frame = report.findings_frame()                     # pandas, one row per finding

:func:`read` reads one file; :class:`Report` is the record (``to_dict()``, the JSON
document; ``findings_frame()``, a DataFrame); :class:`Warehouse` is the DuckDB / PostgreSQL
warehouse that ``cchc batch`` fills (``Warehouse(url).current_findings()``).

``import cchc`` stays light: no reader, no pandas, no database driver is imported until used
(:class:`Warehouse` is looked up on first access).  ``cchc.read`` is the function; the module
that defines it is ``cchc.read`` in ``sys.modules`` too, imported here first so that the
function, bound after it, is what the package attribute names.

>>> import cchc
>>> cchc.read.__module__, cchc.Report.__name__
('cchc.read', 'ReportRecord')
>>> cchc.__version__ == __import__("importlib.metadata").metadata.version("cchc")
True
"""

from __future__ import annotations

from typing import Any

from cchc.errors import CchcError, DocumentError

# Importing the submodule binds ``cchc.read`` to the module; the function imported from it
# takes the name back (a later ``import cchc.read`` finds it loaded and binds nothing).
from cchc.read import Options, read
from cchc.record import AuditEntry, Finding, Report, ReportMeta, ReportRecord, Source

__all__ = ["AuditEntry", "CchcError", "DocumentError", "Finding", "Options", "Report", "ReportMeta",
           "ReportRecord", "Source", "Warehouse", "__version__", "read"]


def _version() -> str:
    """The installed distribution's version (pyproject.toml), else ``0+unknown`` (a bare checkout)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("cchc")
    except PackageNotFoundError:
        return "0+unknown"


def __getattr__(name: str) -> Any:
    """``Warehouse`` (the database drivers stay unloaded until it is used) and ``__version__``."""
    if name == "Warehouse":
        import importlib

        warehouse = importlib.import_module("cchc.warehouse")
        value = getattr(warehouse, "Warehouse", None)
        if value is None:
            value = importlib.import_module("cchc.warehouse.store").Warehouse
    elif name == "__version__":
        value = _version()
    else:
        raise AttributeError(f"module 'cchc' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | {"Warehouse", "__version__"})
