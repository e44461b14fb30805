"""``cchc export --db TARGET [--parquet DIR] [--xlsx FILE]``: every warehouse table out.

Exit status: 0 done, 1 the warehouse cannot be read or a file not written, 2 nothing asked for.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cchc.errors import CchcError

DEFAULT_TARGET = "cchc.duckdb"  # cchc.warehouse.store.DEFAULT_TARGET, not imported for --help


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", default=DEFAULT_TARGET, metavar="TARGET",
                        help=f"DuckDB file or postgresql:// URL (default {DEFAULT_TARGET})")
    parser.add_argument("--parquet", type=Path, metavar="DIR",
                        help="write DIR/<table>.parquet for every table")
    parser.add_argument("--xlsx", type=Path, metavar="FILE",
                        help="write one workbook with a sheet per table")


def run(args: argparse.Namespace) -> int:
    from cchc.warehouse.export import export_parquet, export_xlsx
    from cchc.warehouse.store import connect, is_postgres_url, redact

    if args.parquet is None and args.xlsx is None:
        print("cchc export: cần --parquet DIR và/hoặc --xlsx FILE "
              "(give --parquet DIR and/or --xlsx FILE)", file=sys.stderr)
        return 2
    target = args.db
    if not is_postgres_url(target) and not Path(target).is_file():
        print(f"cchc export: không tìm thấy kho dữ liệu {target} (no such warehouse file)",
              file=sys.stderr)
        return 1
    try:
        with connect(target, read_only=True) as warehouse:
            warehouse.check_schema()
            if args.parquet is not None:
                export_parquet(warehouse, args.parquet)
            if args.xlsx is not None:
                export_xlsx(warehouse, args.xlsx)
            tables = len(warehouse.table_names())
    except (CchcError, OSError) as exc:  # a bad target or an unwritable output: one line
        print(f"cchc export: {exc}", file=sys.stderr)
        return 1
    outputs = " and ".join(str(p) for p in (args.parquet, args.xlsx) if p is not None)
    print(f"cchc: exported {tables} table(s) from {redact(target)} to {outputs}", file=sys.stderr)
    return 0
