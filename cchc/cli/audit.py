"""``cchc audit PATH…``: the unit officer's checklist of reports, before they are sent.

PATH is a file or a folder (its reports, as ``cchc batch`` finds them: .docx, .doc, .pdf,
.txt, Word's lock files and hidden files left out).  Each report gets its checklist; with
several, a closing line counts them.  ``-q`` prints one verdict line per report instead;
``--json`` prints one object for one report, an array for several.

Exit status: 0 no error entry, 1 an error entry or a file that cannot be read (one line on
stderr — file, code, reason — as ``cchc extract`` gives), 2 usage errors.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from cchc.cli.common import verbosity
from cchc.cli.reading import (
    add_debug_argument,
    add_reading_arguments,
    options_from_args,
    report_internal_error,
)
from cchc.errors import DocumentError, printable


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH",
                        help="tệp báo cáo hoặc thư mục chứa báo cáo (report files or folders)")
    parser.add_argument("--json", action="store_true",
                        help="in các mục kiểm tra dạng JSON (print the audit entries as JSON)")
    add_reading_arguments(parser)
    add_debug_argument(parser)


def report_files(paths: list[Path]) -> list[tuple[Path, str | None]]:
    """Each file to check with its problem before reading (``not_found``, ``no_report_in_folder``).

    A folder is walked as ``cchc batch`` walks it; a file is checked whatever its extension.
    """
    from cchc.batch.discover import DiscoveryError, discover

    found: list[tuple[Path, str | None]] = []
    for path in paths:
        if not path.is_dir():
            found.append((path, None if path.is_file() else "not_found"))
            continue
        try:
            candidates = discover([str(path)])
        except DiscoveryError:
            found.append((path, "no_report_in_folder"))
            continue
        found += [(_shown(c.path), None) for c in candidates if c.skip is None]
    return list(dict.fromkeys(found))


def _shown(path: Path) -> Path:
    """A found file as the officer would name it: relative to the current folder when inside it."""
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


_PROBLEMS = {
    "not_found": "không tìm thấy tệp (file not found)",
    "no_report_in_folder": "thư mục không có báo cáo .docx, .doc, .pdf, .txt (no report in the folder)",
}


def run(args: argparse.Namespace) -> int:
    from cchc.read import load_settings, process_file
    from cchc.report.checklist import (
        audit_payload,
        checklist_text,
        has_errors,
        run_summary,
        severity_counts,
        verdict_line,
    )

    options = options_from_args(args)
    settings = load_settings(options)
    files = report_files(args.paths)
    several = len(files) > 1
    payloads: list[dict[str, Any]] = []
    tally = {"passed": 0, "warned": 0, "failed": 0, "unreadable": 0}
    for number, (path, problem) in enumerate(files):
        try:
            if problem is not None:
                raise DocumentError(path.name, problem, _PROBLEMS[problem])
            record = process_file(path, settings, options)
        except DocumentError as e:
            tally["unreadable"] += 1
            print(f"cchc audit: {printable(str(path))}: {e.code}: {e.message}", file=sys.stderr)
            continue
        except OSError as e:  # an unreadable file is the officer's to fix, as in `cchc extract`
            tally["unreadable"] += 1
            print(f"cchc audit: {printable(str(path))}: file_error: không đọc được tệp "
                  f"(cannot read: {e.strerror or e})", file=sys.stderr)
            continue
        except Exception as e:  # our defect, not the officer's: still one line
            tally["unreadable"] += 1
            report_internal_error(args, f"cchc audit: {path}", e)
            continue
        counts = severity_counts(record.audit)
        tally["failed" if has_errors(record) else "warned" if counts["warning"] else "passed"] += 1
        shown = str(path) if several else None
        if args.json:
            payloads.append({**audit_payload(record), "path": str(path)} if several
                            else audit_payload(record))
        elif verbosity(args) < 0:
            sys.stdout.write(verdict_line(record, shown) + "\n")
        else:
            sys.stdout.write(("\n" if number else "") + checklist_text(record, shown))
    if args.json and (payloads or several):
        body = payloads if several else payloads[0]
        sys.stdout.write(json.dumps(body, ensure_ascii=False, indent=2) + "\n")
    elif several and not args.json and verbosity(args) >= 0:
        sys.stdout.write("\n" + run_summary(**tally) + "\n")
    return 1 if tally["failed"] or tally["unreadable"] else 0
