"""``cchc export --db TARGET [--parquet DIR] [--xlsx FILE] [--csv DIR]``: every warehouse table out.

Exit status: 0 done, 1 the warehouse cannot be read or a file not written, 2 nothing asked for.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cchc.cli.common import add_db_argument, say
from cchc.errors import CchcError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_db_argument(parser)  # --db, else $CCHC_DB, else ./cchc.duckdb: the same for every command
    parser.add_argument("--parquet", type=Path, metavar="DIR",
                        help="write DIR/<table>.parquet for every table")
    parser.add_argument("--xlsx", type=Path, metavar="FILE",
                        help="write one workbook with a sheet per table")
    parser.add_argument("--csv", type=Path, metavar="DIR",
                        help="write DIR/<table>.csv for every table")


def run(args: argparse.Namespace) -> int:
    from cchc.warehouse.export import export_csv, export_parquet, export_xlsx
    from cchc.warehouse.store import connect, is_postgres_url, redact

    if args.parquet is None and args.xlsx is None and args.csv is None:
        print("cchc export: cần --parquet DIR, --xlsx FILE hoặc --csv DIR "
              "(give --parquet DIR, --xlsx FILE or --csv DIR)", file=sys.stderr)
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
            if args.csv is not None:
                export_csv(warehouse, args.csv)
            tables = len(warehouse.table_names())
    except (CchcError, OSError) as exc:  # a bad target or an unwritable output: one line
        print(f"cchc export: {exc}", file=sys.stderr)
        return 1
    outputs = " and ".join(str(p) for p in (args.parquet, args.xlsx, args.csv) if p is not None)
    say(args, f"cchc: đã xuất {tables} bảng từ {redact(target)} ra {outputs} "
              f"(exported {tables} table(s))")
    return 0
