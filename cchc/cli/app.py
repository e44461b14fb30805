"""The ``cchc`` command's work, behind the thin entry :mod:`cchc.cli.main`.

One module per command, imported only when that command runs: ``cchc --help`` and the
parsing of a command's arguments import nothing of the program; ``cchc extract`` imports
the readers and never pandas, matplotlib or a database driver.  Each command module has
``add_arguments(parser)`` and ``run(args) -> int``; every command also takes ``-q`` / ``-v``
(:func:`cchc.cli.common.add_verbosity`).  Exit statuses: see :mod:`cchc.cli.main`.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from typing import Any, Protocol

from cchc.cli.common import Parser, UsageError, add_verbosity, verbosity, vietnamese_error
from cchc.errors import CchcError

#: command → (its module, its one-line help: Vietnamese, then the English gloss).
COMMANDS: dict[str, tuple[str, str]] = {
    "extract": ("cchc.cli.extract", "đọc báo cáo, in hoặc ghi bản ghi dữ liệu "
                                    "(read reports and print or write their records)"),
    "audit": ("cchc.cli.audit", "kiểm tra báo cáo trước khi gửi: danh sách việc cần sửa "
                                "(the unit officer's checklist before sending)"),
    "batch": ("cchc.cli.batch", "nạp mọi báo cáo trong thư mục vào kho dữ liệu, chạy lại được "
                                "(read every report under folders into the warehouse, resumable)"),
    "report": ("cchc.cli.report", "viết trang HTML tổng hợp các đơn vị "
                                  "(write the HTML summary across units, one self-contained page)"),
    "export": ("cchc.cli.export", "xuất các bảng của kho dữ liệu (Parquet, Excel, CSV) "
                                  "(write the warehouse tables out)"),
    "schema": ("cchc.cli.schema", "in JSON Schema của bản ghi (print the JSON Schema of the record)"),
}
DESCRIPTION = ("Đọc phụ lục kết quả khắc phục tồn tại, hạn chế (Chỉ số CCHC) trong báo cáo .docx, .doc, "
               ".pdf, .txt thành dữ liệu (extract the PAR-index remediation appendix of CCHC reports "
               "into records).")
EPILOG = "Xem thêm (see also): cchc LỆNH --help (COMMAND --help)"
EXIT_PIPE_CLOSED = 128 + 13  # SIGPIPE, as the shell reports a `cat` whose reader went away


class Command(Protocol):
    """What a command module provides."""

    def add_arguments(self, parser: argparse.ArgumentParser) -> None: ...

    def run(self, args: argparse.Namespace) -> int: ...


class _Version(argparse.Action):
    """``--version``: the installed package's version, looked up only when asked for."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS,
                         help="in số phiên bản rồi thoát (show the version and exit)")

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: Any, option_string: str | None = None) -> None:
        from cchc import __version__

        print(f"cchc {__version__}")
        parser.exit()


def _command(name: str) -> Command:
    module: Command = importlib.import_module(COMMANDS[name][0])
    return module


def _parser(chosen: str | None) -> tuple[argparse.ArgumentParser, argparse.ArgumentParser | None]:
    """The parser, and the chosen command's; only that command's module is imported."""
    parser = Parser(prog="cchc", description=DESCRIPTION, epilog=EPILOG)
    parser.add_argument("--version", action=_Version)
    sub = parser.add_subparsers(dest="command", required=True, metavar="LỆNH (COMMAND)",
                                title="các lệnh (commands)")
    chosen_parser = None
    for name, (_, help_text) in COMMANDS.items():
        cmd = sub.add_parser(name, help=help_text, description=help_text)
        if name == chosen:
            _command(name).add_arguments(cmd)
            add_verbosity(cmd)
            chosen_parser = cmd
    return parser, chosen_parser


def _configure_logging(level: int) -> None:
    import logging

    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # its warnings are not our messages
    logging.basicConfig(format="cchc: %(message)s", stream=sys.stderr,
                        level={-1: logging.ERROR, 0: logging.WARNING, 1: logging.INFO}.get(
                            level, logging.DEBUG if level > 1 else logging.ERROR))


def _silence_stdout() -> None:
    """After a closed pipe, point stdout at /dev/null so the final flush raises nothing."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # a test's captured stdout has no descriptor
        pass


def _check_target(args: argparse.Namespace) -> None:
    """An unknown ``--db`` scheme (``mysql://…``) is a usage error, exit 2, for every command
    that takes ``--db`` (batch, report, export), before the command opens anything."""
    target = getattr(args, "db", None)
    if target is None:
        return
    from cchc.warehouse.urls import TargetError, target_kind

    try:
        target_kind(target)
    except TargetError as e:  # its message shows the target with credentials redacted
        raise UsageError(str(e), usage=False) from None


def run(args_list: Sequence[str]) -> int:
    """The command line ``args_list`` run; KeyboardInterrupt goes up to :func:`cchc.cli.main.main`."""
    # The main parser has no option of its own but -h and --version, so the first word is the command.
    chosen = next((a for a in args_list if not a.startswith("-")), None)
    parser, command_parser = _parser(chosen if chosen in COMMANDS else None)
    args = parser.parse_args(args_list)
    _configure_logging(verbosity(args))
    try:
        _check_target(args)
        status = _command(args.command).run(args)
        sys.stdout.flush()  # a closed pipe shows here, not in the interpreter's last flush
        return status
    except UsageError as e:
        if e.usage:
            (command_parser or parser).print_usage(sys.stderr)
        print(f"cchc {args.command}: lỗi cú pháp lệnh (usage error): {vietnamese_error(str(e))}",
              file=sys.stderr)
        return 2
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_PIPE_CLOSED
    except CchcError as e:
        print(f"cchc {args.command}: {e}", file=sys.stderr)
        return 1
