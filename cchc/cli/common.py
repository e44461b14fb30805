"""What every command shares: the warehouse target, -q/-v, usage errors, the Vietnamese parser.

One place decides the default warehouse so that ``cchc batch`` writes where ``cchc report``
and ``cchc export`` read: ``--db`` when given, else the ``CCHC_DB`` environment variable,
else :data:`DEFAULT_DB` in the current folder.

The parser speaks the language policy of docs/language.md (Vietnamese first, an English
gloss after it): argparse's own words — ``usage:``, the section titles, ``-h`` and its
errors — are replaced here, so every command's help reads the same way.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from typing import NoReturn

from cchc.errors import CchcError

#: The warehouse every command uses when neither ``--db`` nor ``CCHC_DB`` names one
#: (``cchc.warehouse.store.DEFAULT_TARGET``, not imported: ``--help`` stays light).
DEFAULT_DB = "cchc.duckdb"
#: The environment variable that names the warehouse for every command.
DB_ENV = "CCHC_DB"

USAGE_PREFIX = "cách dùng (usage): "


class UsageError(CchcError):
    """The command was used wrongly (not a bad document): exit status 2, with the usage line
    unless ``usage`` is false (a wrong value, such as a ``--db`` of no known kind, is said in
    one line: the usage line would not help)."""

    def __init__(self, message: str, *, usage: bool = True) -> None:
        super().__init__(message)
        self.usage = usage


def default_db() -> str:
    """``$CCHC_DB`` when set and not blank, else :data:`DEFAULT_DB`."""
    return os.environ.get(DB_ENV, "").strip() or DEFAULT_DB


def add_db_argument(parser: argparse.ArgumentParser) -> None:
    """``--db TARGET``, defaulting to :func:`default_db` (read when the command line is parsed)."""
    parser.add_argument(
        "--db", default=default_db(), metavar="TARGET",
        help=f"kho dữ liệu: tệp DuckDB hoặc địa chỉ postgresql:// (mặc định: biến môi trường {DB_ENV}, "
             f"nếu không có thì {DEFAULT_DB}) (warehouse: DuckDB file or postgresql:// URL; "
             f"default ${DB_ENV}, else ./{DEFAULT_DB})")


def add_verbosity(parser: argparse.ArgumentParser) -> None:
    """``-q`` / ``-v`` (repeatable), stored as ``args.verbosity``: -1 quiet, 0 normal, 1+ more."""
    group = parser.add_mutually_exclusive_group()
    group.add_argument("-q", "--quiet", dest="verbosity", action="store_const", const=-1, default=0,
                       help="chỉ báo lỗi, không in tóm tắt, tiến độ (only errors on stderr)")
    group.add_argument("-v", "--verbose", dest="verbosity", action="count",
                       help="in thêm chi tiết từng tệp; -vv để gỡ lỗi (more detail per file; -vv debug)")


def verbosity(args: argparse.Namespace) -> int:
    """-1 quiet, 0 normal, 1 verbose, 2 debug (a Namespace built without the flags is normal)."""
    value = getattr(args, "verbosity", 0)
    return int(value or 0)


def say(args: argparse.Namespace, text: str, *, level: int = 0) -> None:
    """A message for people on stderr, shown when the verbosity reaches ``level``."""
    if verbosity(args) >= level:
        print(text, file=sys.stderr)


# -- argparse in Vietnamese ------------------------------------------------------------------

_ARGPARSE_ERRORS = (
    (re.compile(r"the following arguments are required: (.*)"),
     r"thiếu đối số bắt buộc: \1 (the following arguments are required)"),
    (re.compile(r"unrecognized arguments: (.*)"), r"không hiểu đối số: \1 (unrecognized arguments)"),
    (re.compile(r"argument (\S+): expected one argument"),
     r"đối số \1 cần một giá trị (expected one argument)"),
    (re.compile(r"argument (\S+): invalid choice: (.*)"),
     r"đối số \1: lựa chọn không hợp lệ (invalid choice): \2"),
    (re.compile(r"argument (\S+): not allowed with argument (\S+)"),
     r"không dùng \1 cùng với \2 (not allowed together)"),
    (re.compile(r"argument (\S+): invalid (\S+) value: (.*)"),
     r"đối số \1: giá trị không hợp lệ \3 (invalid value)"),
    (re.compile(r"argument (\S+): (.*)"), r"đối số \1: \2"),
)


def vietnamese_error(message: str) -> str:
    """argparse's English error as the policy says: Vietnamese first, the English kept as gloss.

    >>> vietnamese_error("the following arguments are required: FILE")
    'thiếu đối số bắt buộc: FILE (the following arguments are required)'
    """
    for pattern, replacement in _ARGPARSE_ERRORS:
        if pattern.fullmatch(message):
            return pattern.sub(replacement, message)
    return message


class HelpFormatter(argparse.HelpFormatter):
    """argparse's formatter with the usage line introduced in Vietnamese."""

    def add_usage(self, usage: str | None, actions: object, groups: object,
                  prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, USAGE_PREFIX if prefix is None else prefix)  # type: ignore[arg-type]


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose help and errors follow docs/language.md.

    Usage errors exit with status 2, as argparse's do, after one line naming the command.
    """

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._positionals.title = "đối số (arguments)"
        self._optionals.title = "tùy chọn (options)"
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                          help="in hướng dẫn này rồi thoát (show this help and exit)")

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: lỗi cú pháp lệnh (usage error): {vietnamese_error(message)}\n")
