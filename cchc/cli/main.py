"""The ``cchc`` command (the console script and ``python -m cchc``): a thin entry.

This module imports nothing but ``sys`` before :func:`main` runs, and :func:`main` imports
the command line (:mod:`cchc.cli.app`) inside its own guard, so Ctrl-C ends with one line
and exit status 130 wherever it lands: in the imports, the parsing, a command's imports or
its work.  (Before this module runs, Python's start and ``import cchc`` take about a tenth
of a second that no code of ours can guard.)

Exit status: 0 all files done, 1 some file failed (one line each on stderr: the file, the
error code and the reason), 2 usage errors, 130 interrupted (Ctrl-C), 141 the reader of
standard output went away (``cchc extract … | head``: quietly, as ``cat`` or ``yes`` end on
SIGPIPE, 128 + 13).  Help and messages follow docs/language.md: Vietnamese first, with an
English gloss.  ``COMMANDS`` and the parser live in :mod:`cchc.cli.app` (also reachable here).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

EXIT_INTERRUPTED = 130
INTERRUPTED = "đã dừng theo yêu cầu (interrupted)"


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``cchc`` with ``argv`` (default: the process's arguments); return the exit status."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        from cchc.gc_policy import collect_in_batches

        collect_in_batches()
        from cchc.cli.app import run

        return run(args)
    except KeyboardInterrupt:
        return interrupted(next((a for a in args if not a.startswith("-")), None))


def interrupted(command: str | None) -> int:
    """One line for Ctrl-C (a second Ctrl-C while it prints changes nothing); the exit status."""
    name = f"cchc {command}" if command and command.isidentifier() else "cchc"
    try:
        print(f"\n{name}: {INTERRUPTED}", file=sys.stderr, flush=True)
    except (KeyboardInterrupt, OSError, ValueError):
        pass
    return EXIT_INTERRUPTED


def __getattr__(name: str) -> Any:
    """``COMMANDS``, ``EXIT_PIPE_CLOSED``… of :mod:`cchc.cli.app`, imported when first asked for."""
    if name.startswith("__"):
        raise AttributeError(name)
    from cchc.cli import app

    return getattr(app, name)


if __name__ == "__main__":
    sys.exit(main())
