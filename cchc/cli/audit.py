"""``cchc audit FILE``: the unit officer's checklist of one report, before it is sent.

Exit status: 0 no error entry, 1 an error entry or a file that cannot be read (one line on
stderr — file, code, reason — as ``cchc extract`` gives).
"""

from __future__ import annotations

import argparse
import sys
import traceback
from pathlib import Path

from cchc.cli.reading import add_reading_arguments, options_from_args
from cchc.errors import DocumentError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, metavar="FILE")
    parser.add_argument("--json", action="store_true", help="print the audit entries as JSON")
    add_reading_arguments(parser)
    parser.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")


def run(args: argparse.Namespace) -> int:
    from cchc.read import load_settings, process_file
    from cchc.report.checklist import audit_json, checklist_text, has_errors

    path: Path = args.file
    options = options_from_args(args)
    settings = load_settings(options)
    try:
        if not path.is_file():
            raise DocumentError(path.name, "not_found", "không tìm thấy tệp (file not found)")
        record = process_file(path, settings, options)
    except DocumentError as e:
        print(f"cchc audit: {path}: {e.code}: {e.message}", file=sys.stderr)
        return 1
    except Exception as e:  # our defect, not the officer's: still one line
        if args.debug:
            traceback.print_exc()
        print(f"cchc audit: {path}: internal_error: {type(e).__name__}: {e} "
              "(lỗi nội bộ; chạy lại với --debug để xem chi tiết)", file=sys.stderr)
        return 1
    sys.stdout.write(audit_json(record) if args.json else checklist_text(record))
    return 1 if has_errors(record) else 0
