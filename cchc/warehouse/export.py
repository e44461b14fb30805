"""Every warehouse table → Parquet files (for the data team) and one Excel workbook (for people).

Parquet keeps the warehouse's types exactly (an explicit Arrow schema per table, so even an
empty table has typed columns).  The workbook has one sheet per table; its text cells are
defused like the CSV output (:func:`cchc.output.tabular.defuse`), because openpyxl would
store ``=…`` as a live formula and Excel would run it.  Every file is written atomically
(:func:`cchc.output.files.write_atomic`): a reader never sees half a file.

The command ``cchc export --db TARGET [--parquet DIR] [--xlsx FILE]`` is
:mod:`cchc.cli.export`.  pandas stays here because a DataFrame is what ``to_parquet`` and
``ExcelWriter`` take; nothing else on the way to a record needs it.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pandas as pd

from cchc.output.files import write_atomic
from cchc.output.tabular import defuse
from cchc.warehouse.store import Warehouse
from cchc.warehouse.tables import BOOLEAN, DATE, INTEGER, TEXT, TIMESTAMP, Table, table

#: Excel's limit on the characters in one cell; longer text makes Excel "repair" the file.
EXCEL_CELL_MAX = 32_767
_TRUNCATED = " …[cắt bớt]"


def arrow_schema(t: Table) -> Any:
    """The Arrow schema of a table (``Any``: pyarrow ships no type hints)."""
    import pyarrow as pa

    types = {TEXT: pa.string(), INTEGER: pa.int64(), BOOLEAN: pa.bool_(),
             DATE: pa.date32(), TIMESTAMP: pa.timestamp("us")}
    return pa.schema([pa.field(c.name, types[c.type], nullable=c.nullable) for c in t.columns])


def table_to_parquet(frame: pd.DataFrame, t: Table) -> bytes:
    """One table as Parquet bytes, typed by the warehouse schema."""
    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False, schema=arrow_schema(t))
    return buffer.getvalue()


def export_parquet(warehouse: Warehouse, out_dir: Path) -> list[Path]:
    """Write ``out_dir/<table>.parquet`` for every table; returns the paths written."""
    written = []
    for name in warehouse.table_names():
        path = out_dir / f"{name}.parquet"
        write_atomic(path, table_to_parquet(warehouse.read_table(name), table(name)))
        written.append(path)
    return written


def excel_text(value: str) -> str:
    """A text cell Excel shows as written and never runs.

    Example: ``"=HYPERLINK(…)"`` → ``"'=HYPERLINK(…)"``; control characters (which openpyxl
    refuses) are dropped; text past Excel's cell limit is cut, with a marker.
    """
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    text = defuse(ILLEGAL_CHARACTERS_RE.sub("", value))
    if len(text) > EXCEL_CELL_MAX:
        text = text[: EXCEL_CELL_MAX - len(_TRUNCATED)] + _TRUNCATED
    return text


def _for_excel(frame: pd.DataFrame, t: Table) -> pd.DataFrame:
    """The frame with every TEXT column made safe for a spreadsheet."""
    safe = frame.copy()
    for column in t.columns:
        if column.type == TEXT:
            safe[column.name] = safe[column.name].map(
                lambda v: excel_text(v) if isinstance(v, str) else v)
    return safe


def workbook_bytes(warehouse: Warehouse) -> bytes:
    """An .xlsx with one sheet per table (header frozen), as bytes."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name in warehouse.table_names():
            frame = _for_excel(warehouse.read_table(name), table(name))
            frame.to_excel(writer, sheet_name=name, index=False, freeze_panes=(1, 0))
    return buffer.getvalue()


def export_xlsx(warehouse: Warehouse, path: Path) -> Path:
    """Write the workbook to ``path`` atomically; returns ``path``."""
    write_atomic(path, workbook_bytes(warehouse))
    return path

