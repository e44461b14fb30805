"""The ``cchc`` command: one module per command, imported only when that command runs.

``cchc --help`` and the parsing of a command's arguments import nothing of the program;
``cchc extract`` imports the readers and never pandas, matplotlib or a database driver.
Each command module has ``add_arguments(parser)`` and ``run(args) -> int``.

Exit status: 0 all files done, 1 some file failed (one line each on stderr: the file, the
error code and the reason), 2 usage errors.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence
from typing import Protocol

from cchc.errors import CchcError

#: command → (its module, its one-line help).
COMMANDS: dict[str, tuple[str, str]] = {
    "extract": ("cchc.cli.extract", "read reports and write their records"),
    "audit": ("cchc.cli.audit", "kiểm tra một báo cáo trước khi gửi (checklist for the unit's officer)"),
    "batch": ("cchc.cli.batch", "read every report under folders/globs into the warehouse (resumable)"),
    "report": ("cchc.cli.report", "write the Vietnamese HTML summary across units (self-contained page)"),
    "export": ("cchc.cli.export", "write every warehouse table to Parquet files and/or an Excel workbook"),
    "schema": ("cchc.cli.schema", "print the JSON Schema of the record"),
}


class Command(Protocol):
    """What a command module provides."""

    def add_arguments(self, parser: argparse.ArgumentParser) -> None: ...

    def run(self, args: argparse.Namespace) -> int: ...


def _command(name: str) -> Command:
    module: Command = importlib.import_module(COMMANDS[name][0])
    return module


def _parser(chosen: str | None) -> argparse.ArgumentParser:
    """The parser; only the ``chosen`` command's module is imported for its arguments."""
    parser = argparse.ArgumentParser(prog="cchc", description="Extract the PAR-index remediation "
                                     "appendix of CCHC reports (.docx, .doc, .pdf, .txt) into records.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (_, help_text) in COMMANDS.items():
        cmd = sub.add_parser(name, help=help_text, description=help_text)
        if name == chosen:
            _command(name).add_arguments(cmd)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    # The main parser has no option of its own but -h, so the first word is the command.
    chosen = next((a for a in args_list if not a.startswith("-")), None)
    args = _parser(chosen if chosen in COMMANDS else None).parse_args(args_list)
    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # its warnings are not our messages
    try:
        return _command(args.command).run(args)
    except CchcError as e:
        print(f"cchc: {e}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
