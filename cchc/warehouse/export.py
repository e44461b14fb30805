"""Every warehouse table → Parquet files (for the data team) and one Excel workbook (for people).

Parquet keeps the warehouse's types exactly (an explicit Arrow schema per table, so even an
empty table has typed columns).  The workbook has one sheet per table; its text cells are
defused like the CSV output (:func:`cchc.output.tabular.defuse`), because openpyxl would
store ``=…`` as a live formula and Excel would run it.  Every file is written atomically
(:func:`cchc.output.files.write_atomic`): a reader never sees half a file.

CSV (``export_csv``) and the workbook are for people: list cells are joined with ``; ``,
``source_path`` keeps the file name only, and each sheet has a filter, widths and wrapped
long text.  The command ``cchc export --db TARGET [--parquet DIR] [--xlsx FILE] [--csv DIR]`` is
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
from cchc.warehouse.tables import (
    BOOLEAN,
    DATE,
    INTEGER,
    INTEGER_LIST,
    TEXT,
    TEXT_LIST,
    TIMESTAMP,
    Table,
    table,
)

#: Excel's limit on the characters in one cell; longer text makes Excel "repair" the file.
EXCEL_CELL_MAX = 32_767
_TRUNCATED = " …[cắt bớt]"


def arrow_schema(t: Table) -> Any:
    """The Arrow schema of a table (``Any``: pyarrow ships no type hints)."""
    import pyarrow as pa

    types = {TEXT: pa.string(), INTEGER: pa.int64(), BOOLEAN: pa.bool_(),
             DATE: pa.date32(), TIMESTAMP: pa.timestamp("us"),
             TEXT_LIST: pa.list_(pa.string()), INTEGER_LIST: pa.list_(pa.int64())}
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


#: Columns that hold a server's absolute path: an officer's workbook shows the file name only.
_PATH_COLUMNS = frozenset({"source_path"})
_WIDTH_MIN, _WIDTH_MAX = 8, 60


def flat(value: object) -> object:
    """A list cell as text for CSV and Excel (``3.2.1; 7.2.5``); other values as they are."""
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    return value


def _for_people(frame: pd.DataFrame, t: Table) -> pd.DataFrame:
    """Lists joined, and absolute paths cut to the file name (a workbook is mailed around)."""
    out = frame.copy()
    for column in t.columns:
        if column.type in (TEXT_LIST, INTEGER_LIST):
            out[column.name] = out[column.name].map(flat).astype("string")
        if column.name in _PATH_COLUMNS:
            out[column.name] = out[column.name].map(
                lambda v: Path(v).name if isinstance(v, str) else v)
    return out


def _for_excel(frame: pd.DataFrame, t: Table) -> pd.DataFrame:
    """The frame with every text column made safe for a spreadsheet."""
    safe = _for_people(frame, t)
    for column in t.columns:
        if column.type in (TEXT, TEXT_LIST, INTEGER_LIST):
            safe[column.name] = safe[column.name].map(
                lambda v: excel_text(v) if isinstance(v, str) else v)
    return safe


def _shape_sheet(sheet: Any, frame: pd.DataFrame) -> None:
    """What makes a sheet usable: a filter on the header, widths from the content, long text
    wrapped, and every text cell typed as text (a code ``3.2.1`` or ``1.10`` stays as
    written; Excel would take ``1.10`` for the number 1.1)."""
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    if sheet.max_row >= 1 and sheet.max_column >= 1:
        sheet.auto_filter.ref = sheet.dimensions
    wrap = Alignment(wrap_text=True, vertical="top")
    for index, name in enumerate(frame.columns, start=1):
        values = [str(name)] + [str(v) for v in frame[name].head(500).dropna()]
        longest = max((len(v) for v in values), default=len(str(name)))
        width = min(max(longest + 2, _WIDTH_MIN), _WIDTH_MAX)
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = width
        text_column = frame[name].dtype == "string" or frame[name].dtype == object
        for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
            if text_column and isinstance(cell.value, str):
                cell.number_format = "@"
                if longest > _WIDTH_MAX:
                    cell.alignment = wrap


def workbook_bytes(warehouse: Warehouse) -> bytes:
    """An .xlsx with one sheet per table (header frozen, filtered, sized), as bytes."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name in warehouse.table_names():
            frame = _for_excel(warehouse.read_table(name), table(name))
            frame.to_excel(writer, sheet_name=name, index=False, freeze_panes=(1, 0))
            _shape_sheet(writer.sheets[name], frame)
    return buffer.getvalue()


def export_csv(warehouse: Warehouse, out_dir: Path) -> list[Path]:
    """Write ``out_dir/<table>.csv`` for every table (UTF-8 with BOM for Excel, cells defused,
    lists joined with ``; ``); returns the paths written."""
    written = []
    for name in warehouse.table_names():
        t = table(name)
        frame = _for_people(warehouse.read_table(name), t)
        for column in t.columns:
            if column.type in (TEXT, TEXT_LIST, INTEGER_LIST):
                frame[column.name] = frame[column.name].map(
                    lambda v: defuse(v) if isinstance(v, str) else v)
        text = frame.to_csv(index=False, lineterminator="\r\n")
        path = out_dir / f"{name}.csv"
        write_atomic(path, "\ufeff" + text)
        written.append(path)
    return written


def export_xlsx(warehouse: Warehouse, path: Path) -> Path:
    """Write the workbook to ``path`` atomically; returns ``path``."""
    write_atomic(path, workbook_bytes(warehouse))
    return path

