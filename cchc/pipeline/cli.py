"""The ``cchc`` command line: a thin layer over the library.

Exit status: 0 all files done, 1 some file failed (one line each on stderr: the file, the
error code and the reason), 2 usage errors.
"""

from __future__ import annotations

import argparse
import logging
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

from cchc.errors import CchcError, DocumentError
from cchc.output.audit_text import add_audit_command, run_audit
from cchc.output.export import add_export_command, run_export
from cchc.output.files import output_names, write_atomic
from cchc.output.report_html import add_report_command, run_report
from cchc.output.schema import report_schema_json
from cchc.output.tabular import record_to_json, records_to_csv, records_to_jsonl
from cchc.pipeline.batch import add_batch_command, run_batch
from cchc.pipeline.process import add_reading_arguments, load_settings, options_from_args, process_file
from cchc.record import ReportRecord

FORMATS = ("json", "csv", "jsonl")


def _formats(value: str) -> tuple[str, ...]:
    chosen = tuple(f.strip() for f in value.split(",") if f.strip())
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(f"unknown format {', '.join(unknown) or value!r}; "
                                         f"choose from {', '.join(FORMATS)}")
    return chosen


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cchc", description="Extract the PAR-index remediation "
                                     "appendix of CCHC reports (.docx, .pdf, .txt) into records.")
    sub = parser.add_subparsers(dest="command", required=True)
    ext = sub.add_parser("extract", help="read reports and write their records")
    ext.add_argument("files", nargs="+", type=Path, metavar="FILE")
    ext.add_argument("-o", "--output", type=Path, metavar="DIR",
                     help="write DIR/<stem>.<format> instead of printing to stdout")
    ext.add_argument("--format", type=_formats, default=("json",),
                     help="comma-separated: json, csv, jsonl (default json)")
    add_reading_arguments(ext)
    ext.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")
    sub.add_parser("schema", help="print the JSON Schema of the record")
    add_batch_command(sub)
    add_export_command(sub)
    add_report_command(sub)
    add_audit_command(sub)
    return parser


def _emit(record: ReportRecord, args: argparse.Namespace, name: str) -> None:
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


def _extract(args: argparse.Namespace) -> int:
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


def main(argv: Sequence[str] | None = None) -> int:
    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # its warnings are not our messages
    args = _parser().parse_args(argv)
    try:
        if args.command == "schema":
            sys.stdout.write(report_schema_json())
            return 0
        if args.command == "batch":
            return run_batch(args)
        if args.command == "export":
            return run_export(args)
        if args.command == "report":
            return run_report(args)
        if args.command == "audit":
            options = options_from_args(args)
            settings = load_settings(options)
            return run_audit(args, lambda path: process_file(path, settings, options))
        return _extract(args)
    except CchcError as e:
        print(f"cchc: {e}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
