"""``cchc extract FILE…``: read reports and print or write their records.

One file without ``-o`` prints its JSON document; several print one compact document per
line; ``-o DIR`` writes ``DIR/<stem>.<format>`` atomically.  A bad file gives one line on
stderr (the file, the error code, the reason) and the others are still read.
"""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Callable
from pathlib import Path

from cchc.cli.reading import add_reading_arguments, options_from_args
from cchc.errors import DocumentError
from cchc.record import ReportRecord

FORMATS = ("json", "csv", "jsonl")


def _formats(value: str) -> tuple[str, ...]:
    chosen = tuple(f.strip() for f in value.split(",") if f.strip())
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(f"unknown format {', '.join(unknown) or value!r}; "
                                         f"choose from {', '.join(FORMATS)}")
    return chosen


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE")
    parser.add_argument("-o", "--output", type=Path, metavar="DIR",
                        help="write DIR/<stem>.<format> instead of printing to stdout")
    parser.add_argument("--format", type=_formats, default=("json",),
                        help="comma-separated: json, csv, jsonl (default json)")
    add_reading_arguments(parser)
    parser.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")


def _emit(record: ReportRecord, args: argparse.Namespace, name: str) -> None:
    from cchc.output.files import write_atomic
    from cchc.output.tabular import record_to_json, records_to_csv, records_to_jsonl

    writers: dict[str, Callable[[ReportRecord], str]] = {
        "json": record_to_json, "csv": lambda r: records_to_csv([r]),
        "jsonl": lambda r: records_to_jsonl([r])}
    for fmt in args.format:
        text = writers[fmt](record)
        if args.output is None:
            several_json = fmt == "json" and len(args.files) > 1  # one document per line
            sys.stdout.write(record_to_json(record, compact=True) if several_json else text)
        else:
            write_atomic(args.output / f"{name}.{fmt}", text)


def run(args: argparse.Namespace) -> int:
    from cchc.output.files import output_names
    from cchc.read import load_settings, process_file

    options = options_from_args(args)
    settings = load_settings(options)
    names = output_names(args.files)
    failed = 0
    for path in args.files:
        try:
            if not path.is_file():
                raise DocumentError(path.name, "not_found", "không tìm thấy tệp (file not found)")
            record = process_file(path, settings, options)
            _emit(record, args, names[path])
        except DocumentError as e:
            failed += 1
            print(f"cchc: {path}: {e.code}: {e.message}", file=sys.stderr)
        except OSError as e:  # unreadable file or unwritable output: the user's to fix
            failed += 1
            print(f"cchc: {path}: file_error: không đọc/ghi được tệp ({e.strerror or e})",
                  file=sys.stderr)
        except Exception as e:  # our defect, not the user's: still one line, and go on
            failed += 1
            if args.debug:
                traceback.print_exc()
            print(f"cchc: {path}: internal_error: {type(e).__name__}: {e} "
                  "(lỗi nội bộ; chạy lại với --debug để xem chi tiết)", file=sys.stderr)
    if args.output is not None:
        done = len(args.files) - failed
        print(f"cchc: {done}/{len(args.files)} file(s) extracted into {args.output}/", file=sys.stderr)
    return 1 if failed else 0
