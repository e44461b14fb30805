"""``cchc report --db TARGET -o FILE``: the analysts' Vietnamese HTML page across units.

Exit status: 0 written, 1 the warehouse cannot be read or the file not written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cchc.cli.common import add_db_argument, say
from cchc.errors import CchcError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_db_argument(parser)  # --db, else $CCHC_DB, else ./cchc.duckdb: the same for every command
    parser.add_argument("-o", "--output", type=Path, default=Path("report.html"), metavar="FILE",
                        help="the HTML file to write (default report.html)")


def run(args: argparse.Namespace) -> int:
    from cchc.output.files import write_atomic
    from cchc.report.html import build_report
    from cchc.warehouse.store import is_postgres_url

    target = str(args.db)
    if not is_postgres_url(target) and not Path(target).is_file():
        print(f"cchc report: không tìm thấy kho dữ liệu {target} (no such warehouse file)",
              file=sys.stderr)
        return 1
    try:
        page, data = build_report(target)
        write_atomic(args.output, page)
    except (CchcError, OSError) as exc:
        print(f"cchc report: {exc}", file=sys.stderr)
        return 1
    reports, units = len(data.documents), len(data.units)
    say(args, f"cchc: đã ghi {args.output} ({reports} báo cáo, {units} đơn vị) "
              f"(report written: {reports} report(s), {units} unit(s))")
    return 0
