"""``cchc batch``: a quarter's folder of reports into the warehouse, in one command.

    cchc batch PATH... [--db TARGET] [-o DIR] [--workers N] [--timeout SECONDS] [--log FILE]
                       [--password P] [--units F] [--catalog F] [--debug]

This module is the command's surface only — arguments, messages, the summary in
Vietnamese, the exit status; the work is the batch runner, :func:`cchc.batch.runner.execute`,
imported when the command runs.

Exit status: 0 every file loaded, unchanged or skipped on purpose; 1 some file failed (or
the warehouse could not be used); 2 usage errors (a path that names nothing, a bad
``--units`` file); 130 interrupted with Ctrl-C (rerun the same command to go on).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from cchc.batch.runlog import Outcome
from cchc.batch.worker import DEFAULT_MEMORY_LIMIT
from cchc.cli.common import add_db_argument, verbosity
from cchc.cli.reading import add_reading_arguments, options_from_args
from cchc.errors import CchcError, printable
from cchc.extract.limits import megabytes
from cchc.vocabulary import vn_decimal
from cchc.warehouse.urls import PgTimeouts, target_kind

if TYPE_CHECKING:
    from cchc.batch.runner import BatchConfig, BatchSummary

DEFAULT_TIMEOUT = 120.0
RUN_LOG_NAME = "run_log.csv"
_LABELS = (
    (Outcome.LOADED, "Nạp mới (loaded)"),
    (Outcome.REPLACED, "Thay thế bản cũ (replaced)"),
    (Outcome.UNCHANGED, "Không đổi (unchanged)"),
    (Outcome.SKIPPED, "Bỏ qua (skipped)"),
    (Outcome.FAILED, "Lỗi (failed)"),
)


def _positive_int(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"phải là số nguyên dương (must be ≥ 1): {value}")
    return number


def _positive_float(value: str) -> float:
    number = float(value)
    if not number > 0:
        raise argparse.ArgumentTypeError(f"phải là số dương (must be > 0): {value}")
    return number


def _seconds_or_off(value: str) -> float | None:
    number = float(value)
    if not number >= 0:
        raise argparse.ArgumentTypeError(f"phải là số giây ≥ 0 (seconds, 0 = no limit): {value}")
    return number or None


def add_arguments(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("paths", nargs="+", metavar="PATH",
                     help="tệp báo cáo, thư mục hoặc mẫu tên như *.docx (report files, folders, globs)")
    add_db_argument(cmd)
    cmd.add_argument("-o", "--output", type=Path, metavar="DIR",
                     help=f"ghi thêm DIR/<tên>_<sha256[:12]>.json cho mỗi báo cáo và DIR/{RUN_LOG_NAME} "
                          f"(also write one JSON per report, and the run log, into DIR)")
    cmd.add_argument("--workers", type=_positive_int, default=None, metavar="N",
                     help="số tiến trình đọc song song, mặc định bằng số lõi CPU "
                          "(worker processes; default: all cores)")
    cmd.add_argument("--timeout", type=_positive_float, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                     help=f"thời gian tối đa cho mỗi tệp, mặc định {DEFAULT_TIMEOUT:g} giây "
                          f"(time limit per file)")
    cmd.add_argument("--log", type=Path, metavar="FILE",
                     help=f"nhật ký từng tệp (CSV), mặc định DIR/{RUN_LOG_NAME}, nếu không có -o thì "
                          f"./{RUN_LOG_NAME} (run log CSV, appended with a run id)")
    add_reading_arguments(cmd)
    cmd.add_argument("--max-memory", type=megabytes, default=DEFAULT_MEMORY_LIMIT, metavar="MB",
                     help="bộ nhớ tối đa mỗi tiến trình đọc được dùng, mặc định 2048 MB; tệp cần nhiều "
                          "hơn báo lỗi memory_limit (address space per worker)")
    cmd.add_argument("--debug", action="store_true",
                     help="in chi tiết lỗi nội bộ (show tracebacks of internal errors)")
    defaults = PgTimeouts()
    for name, default, what, gloss in (
            ("connect", defaults.connect, "để kết nối tới PostgreSQL", "connecting to PostgreSQL"),
            ("statement", defaults.statement, "cho một câu lệnh SQL", "one SQL statement"),
            ("lock", defaults.lock, "để chờ khóa do phiên khác giữ", "a lock held by another session")):
        cmd.add_argument(f"--pg-{name}-timeout", type=_seconds_or_off, default=default, metavar="SECONDS",
                         help=f"thời gian tối đa {what}, mặc định {default:g} giây, 0 là không giới hạn "
                              f"(time limit for {gloss}; 0: none)")


class OutputPathError(CchcError):
    """``-o`` or ``--log`` names a place no file can be written: a usage error (exit 2)."""


def _usable_folder(folder: Path) -> None:
    """Create an output folder now, so a wrong ``-o``/``--log`` stops the run before it starts."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if not os.access(folder, os.W_OK | os.X_OK):
            raise PermissionError(13, "không có quyền ghi (permission denied)", str(folder))
    except OSError as exc:
        raise OutputPathError(f"không ghi được vào thư mục kết quả {printable(str(folder))} "
                              f"(output folder unusable: {exc.strerror or exc})") from exc


def _config(args: argparse.Namespace) -> BatchConfig:
    from cchc.batch.runner import BatchConfig
    from cchc.extract.libreoffice import find_soffice

    target_kind(args.db)  # an unknown URL scheme is a usage error, never a DuckDB file name
    log = args.log or (args.output / RUN_LOG_NAME if args.output else Path(RUN_LOG_NAME))
    for folder in ([args.output] if args.output else []) + [log.parent]:
        _usable_folder(folder)
    return BatchConfig(
        target=str(args.db), log_path=log.resolve(), workers=args.workers or os.cpu_count() or 1,
        timeout=args.timeout, output_dir=args.output, memory_limit=args.max_memory,
        options=options_from_args(args),
        soffice=find_soffice(), debug=args.debug, quiet=verbosity(args) < 0,
        pg_timeouts=PgTimeouts(args.pg_connect_timeout, args.pg_statement_timeout,
                               args.pg_lock_timeout))


def summary_text(summary: BatchSummary, log_path: Path) -> str:
    """The closing summary for people: counts per outcome, with the codes behind them."""
    total = len(summary.results)
    lines = [f"Kết quả xử lý: {total} tệp trong {vn_decimal(summary.elapsed)} giây"]
    findings_label = "Tồn tại, hạn chế đã nạp (findings)"
    width = max(len(label) for label in [findings_label, *(label for _, label in _LABELS)])
    for outcome, label in _LABELS:
        codes = summary.codes(outcome)
        detail = ", ".join(f"{code}: {n}" for code, n in codes.items())
        lines.append(f"  {label:<{width}} {summary.count(outcome):>6}"
                     + (f"   ({detail})" if detail else ""))
    lines.append(f"  {findings_label:<{width}} {summary.findings:>6}")
    if summary.totals:  # the warehouse counts reports: one report sent as .docx, .pdf, .txt is one
        t = summary.totals
        lines.append(f"Trong kho (in the warehouse): {t['reports']} báo cáo (reports) của {t['units']} "
                     f"đơn vị (units), {t['current_findings']} tồn tại, hạn chế trong báo cáo mới "
                     "nhất (current findings)")
    lines.append(f"Nhật ký từng tệp (run log): {log_path}")
    lines.append(f"Kho dữ liệu (warehouse): {summary.target}")
    if summary.count(Outcome.FAILED):
        lines.append("Có tệp lỗi: xem cột error_code và message trong nhật ký; sửa tệp rồi chạy "
                     "lại cùng lệnh (các tệp đã nạp sẽ không đọc lại).")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """``cchc batch``: see the module docstring for the exit status."""
    from cchc.batch.discover import DiscoveryError, discover
    from cchc.batch.runner import execute
    from cchc.read import load_settings

    try:
        candidates = discover([str(p) for p in args.paths])
        config = _config(args)
        load_settings(config.options)  # a bad --units/--catalog file is a usage error
    except (DiscoveryError, CchcError, OSError, ValueError) as exc:
        print(f"cchc batch: {exc}", file=sys.stderr)
        return 2
    try:
        summary = execute(config, candidates)
    except KeyboardInterrupt:
        print("\ncchc batch: đã dừng theo yêu cầu (interrupted); các tệp đã nạp được giữ nguyên, "
              "chạy lại cùng lệnh để làm tiếp.", file=sys.stderr)
        return 130
    except (CchcError, OSError) as exc:  # the warehouse, the run log or the workers
        print(f"cchc batch: {exc}", file=sys.stderr)
        return 1
    if verbosity(args) >= 0:
        print(summary_text(summary, config.log_path))
    return 1 if summary.count(Outcome.FAILED) else 0

