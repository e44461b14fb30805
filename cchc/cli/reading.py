"""The reading options every command that reads reports takes (one definition for all)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from cchc.cli.common import UsageError
from cchc.errors import printable
from cchc.extract.limits import Limits, megabytes, positive_int
from cchc.read import Options

#: The PDF password from the environment: unlike ``--password``, not shown by ``ps``.
PDF_PASSWORD_ENV = "CCHC_PDF_PASSWORD"


def add_reading_arguments(parser: argparse.ArgumentParser) -> None:
    """``--password``, ``--units``, ``--catalog``, ``--max-size``, ``--max-pages``."""
    parser.add_argument("--password", help="mật khẩu mở tệp PDF; nên dùng biến môi trường "
                        f"{PDF_PASSWORD_ENV} hoặc --password-file (password of encrypted PDFs: the "
                        f"process list shows it; prefer ${PDF_PASSWORD_ENV} or --password-file)")
    parser.add_argument("--password-file", type=Path, metavar="FILE",
                        help="tệp chứa mật khẩu PDF, dòng đầu (the PDF password, first line of FILE)")
    parser.add_argument("--units", type=Path, metavar="FILE",
                        help="danh mục đơn vị JSON của tỉnh khác (units registry JSON of another province)")
    parser.add_argument("--catalog", type=Path, metavar="FILE",
                        help="bộ tiêu chí JSON (criteria catalog JSON)")
    parser.add_argument("--max-size", type=megabytes, metavar="MB",
                        help="không đọc tệp lớn hơn MB megabyte, mặc định 100 "
                             "(refuse files larger than MB megabytes; default 100)")
    parser.add_argument("--max-pages", type=positive_int, metavar="N",
                        help="không đọc PDF quá N trang, mặc định 2000 "
                             "(refuse PDFs with more than N pages; default 2000)")


def add_debug_argument(parser: argparse.ArgumentParser) -> None:
    """``--debug``: a traceback for our own defects (bad input never gets one)."""
    parser.add_argument("--debug", action="store_true",
                        help="in chi tiết lỗi nội bộ (show tracebacks of internal errors)")


def report_internal_error(args: argparse.Namespace, where: str, error: Exception) -> None:
    """Our own defect on one file, said in one line on stderr (after its traceback under
    ``--debug``), so the run goes on to the next file."""
    if args.debug:
        import traceback

        traceback.print_exc()
    print(f"{where}: internal_error: {type(error).__name__}: {error} "
          "(lỗi nội bộ; chạy lại với --debug để xem chi tiết / internal error, rerun with "
          "--debug)", file=sys.stderr)


def read_password_file(path: Path) -> str:
    """The first line of ``path``; a file that cannot be read is a usage error (exit 2) in one
    line naming it, never a traceback (and never its content: it may be the wrong file)."""
    try:
        lines = path.read_bytes().decode("utf-8-sig").splitlines()
    except OSError as e:
        raise UsageError(f"không đọc được tệp mật khẩu {printable(str(path))} (cannot read "
                         f"--password-file: {e.strerror or type(e).__name__})", usage=False) from None
    except UnicodeDecodeError:
        raise UsageError(f"tệp mật khẩu {printable(str(path))} không phải văn bản UTF-8 "
                         "(--password-file is not UTF-8 text)", usage=False) from None
    return lines[0] if lines else ""


def options_from_args(args: argparse.Namespace) -> Options:
    """:class:`Options` from the arguments :func:`add_reading_arguments` defines."""
    limits = Limits().overriding(max_file_size=getattr(args, "max_size", None),
                                 max_pages=getattr(args, "max_pages", None))
    password = getattr(args, "password", None)
    if password is None and getattr(args, "password_file", None) is not None:
        password = read_password_file(args.password_file)
    if password is None:
        password = os.environ.get(PDF_PASSWORD_ENV) or None
    return Options(password=password, units_file=getattr(args, "units", None),
                   catalog_file=getattr(args, "catalog", None), limits=limits)
