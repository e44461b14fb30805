"""``cchc extract FILE…``: read reports and print or write their records.

Standard output holds one stream whatever the number of files, so that a pipe reads it
as one thing (``cchc extract *.docx --format csv | python -c "import pandas, sys;
pandas.read_csv(sys.stdin)"``):

- ``json``: one file prints its document; several print one JSON array of documents, or
  with ``--lines`` one compact document per line;
- ``csv``: one BOM and one header, then every report's findings;
- ``jsonl``: one finding per line, from every report.

``-o DIR`` writes ``DIR/<stem>.<format>`` atomically, for any number of formats; several
formats without ``-o`` are a usage error (they cannot share one stream).  A folder is a
usage error too, pointing to ``cchc batch``.  A bad file gives one line on stderr (the
file, the error code, the reason) and the others are still read.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

from cchc.cli.common import UsageError, say
from cchc.cli.reading import (
    add_debug_argument,
    add_reading_arguments,
    options_from_args,
    report_internal_error,
)
from cchc.errors import DocumentError, printable
from cchc.record import ReportRecord
from cchc.vocabulary import vn_decimal

FORMATS = ("json", "csv", "jsonl")


def _formats(value: str) -> tuple[str, ...]:
    chosen = tuple(f.strip() for f in value.split(",") if f.strip())
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(f"định dạng không hợp lệ {', '.join(unknown) or value!r}; "
                                         f"chọn trong {', '.join(FORMATS)} (unknown format)")
    return tuple(dict.fromkeys(chosen))


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE",
                        help="tệp báo cáo .docx, .doc, .pdf, .txt (report files; a folder: use cchc batch)")
    parser.add_argument("-o", "--output", type=Path, metavar="DIR",
                        help="ghi DIR/<tên>.<định dạng> thay vì in ra (write DIR/<stem>.<format> "
                             "instead of printing to stdout)")
    parser.add_argument("--format", type=_formats, default=("json",),
                        help="json, csv, jsonl, cách nhau bởi dấu phẩy; nhiều định dạng cần -o "
                             "(comma-separated; several need -o; default json)")
    parser.add_argument("--lines", action="store_true",
                        help="json: mỗi báo cáo một dòng thay vì một mảng "
                             "(json: one compact document per line instead of an array)")
    add_reading_arguments(parser)
    add_debug_argument(parser)


def check_usage(args: argparse.Namespace) -> None:
    """Refuse, before reading anything, what cannot work: folders, several formats on stdout."""
    folders = [str(p) for p in args.files if p.is_dir()]
    if folders:
        named = ", ".join(folders)
        raise UsageError(f"{named} là thư mục, không phải tệp báo cáo; đọc cả thư mục bằng "
                         f"`cchc batch {folders[0]}` hoặc chọn tệp: `cchc extract {folders[0]}/*.docx` "
                         "(a folder, not a report file: use `cchc batch` for folders)")
    if args.output is None and len(args.format) > 1:
        raise UsageError(f"nhiều định dạng ({','.join(args.format)}) chỉ ghi được vào thư mục: thêm "
                         "-o DIR (several formats cannot share standard output: add -o DIR)")


class StdoutStream:
    """The records of a run as one stream on stdout, in one format (see the module docstring)."""

    def __init__(self, fmt: str, *, several: bool, lines: bool) -> None:
        self.fmt, self.several, self.lines = fmt, several, lines
        self.count = 0

    @property
    def _array(self) -> bool:
        return self.fmt == "json" and self.several and not self.lines

    def start(self) -> None:
        """The opening: the CSV's BOM and header, or the array's bracket (valid even if no file reads)."""
        from cchc.output.tabular import csv_header

        if self.fmt == "csv":
            sys.stdout.write(csv_header())
        elif self._array:
            sys.stdout.write("[")

    def add(self, record: ReportRecord) -> None:
        from cchc.output.tabular import csv_rows, record_to_json, records_to_jsonl

        if self.fmt == "csv":
            text = csv_rows(record)
        elif self.fmt == "jsonl":
            text = records_to_jsonl([record])
        elif self._array:
            import textwrap

            text = ("," if self.count else "") + "\n" + textwrap.indent(record_to_json(record).rstrip("\n"),
                                                                       "  ")
        else:
            text = record_to_json(record, compact=self.lines)
        sys.stdout.write(text)
        sys.stdout.flush()  # each report as soon as it is read: a pipe sees progress
        self.count += 1

    def finish(self) -> None:
        if self._array:
            sys.stdout.write("\n]\n")


def _write_files(record: ReportRecord, args: argparse.Namespace, name: str) -> None:
    from cchc.output.files import write_atomic
    from cchc.output.tabular import record_to_json, records_to_csv, records_to_jsonl

    writers: dict[str, Callable[[ReportRecord], str]] = {
        "json": lambda r: record_to_json(r, compact=args.lines), "csv": lambda r: records_to_csv([r]),
        "jsonl": lambda r: records_to_jsonl([r])}
    for fmt in args.format:
        write_atomic(args.output / f"{name}.{fmt}", writers[fmt](record))


def run(args: argparse.Namespace) -> int:
    from cchc.output.files import output_names
    from cchc.read import load_settings, process_file

    check_usage(args)
    options = options_from_args(args)
    settings = load_settings(options)
    names = output_names(args.files)
    stream = None
    if args.output is None:
        stream = StdoutStream(args.format[0], several=len(args.files) > 1, lines=args.lines)
        stream.start()
    failed = 0
    for path in args.files:
        started = time.monotonic()
        shown = printable(str(path))  # a newline or a non-UTF-8 byte in a name stays one line
        try:
            if not path.is_file():
                raise DocumentError(path.name, "not_found", "không tìm thấy tệp (file not found)")
            record = process_file(path, settings, options)
            if args.output is not None:
                _write_files(record, args, names[path])
        except DocumentError as e:
            failed += 1
            print(f"cchc: {shown}: {e.code}: {e.message}", file=sys.stderr)
            continue
        except OSError as e:  # unreadable file or unwritable output: the user's to fix
            failed += 1
            print(f"cchc: {shown}: file_error: không đọc/ghi được tệp (cannot read or write: "
                  f"{e.strerror or e})", file=sys.stderr)
            continue
        except Exception as e:  # our defect, not the user's: still one line, and go on
            failed += 1
            report_internal_error(args, f"cchc: {shown}", e)
            continue
        if stream is not None:  # outside the try: a closed pipe ends the run (cchc.cli.main)
            stream.add(record)
        say(args, f"cchc: {shown}: {len(record.findings)} tồn tại, hạn chế (findings), "
                  f"{len(record.audit)} mục kiểm tra (audit entries), "
                  f"{vn_decimal(time.monotonic() - started)} giây (seconds)", level=1)
    if stream is not None:
        stream.finish()
    if args.output is not None:
        done = len(args.files) - failed
        say(args, f"cchc: đã đọc {done}/{len(args.files)} tệp, ghi vào {args.output}/ "
                  f"({done}/{len(args.files)} file(s) extracted into {args.output}/)")
    return 1 if failed else 0
