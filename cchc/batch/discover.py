"""Which files a batch reads: folders walked, globs expanded, every file named once.

Analysts point ``cchc batch`` at a quarter's folder as it came in by mail and USB stick,
so besides the reports it holds Word's lock files (``~$bao_cao.docx``), macOS metadata
twins (``._bao_cao.docx``) and subfolders per department.  Those junk files are kept in
the list with a skip reason (they appear in the run log, so nothing vanishes silently);
every other file with a report extension is read, and the format is decided later from its
bytes, not from this extension.  A file named explicitly is read whatever its extension.

Only regular files are read: a FIFO (whose ``open`` blocks for ever), a device or a socket
is skipped as ``not_regular_file``; a symbolic link is followed only when it resolves to a
regular file inside the folder being walked (``passwd.txt → /etc/passwd`` is
``symlink_outside_folder``, a dangling one ``broken_symlink``).  Names are taken as the
operating system gives them: bytes that are not UTF-8 stay in the path (Python holds them
as surrogates), so the file can still be opened; messages show them escaped.
"""

from __future__ import annotations

import glob
import os
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from cchc.errors import CchcError

#: Extensions a folder walk picks up (compared lower-case); ``.doc`` needs LibreOffice.
REPORT_SUFFIXES = (".docx", ".pdf", ".txt", ".doc")
_GLOB_CHARS = frozenset("*?[")


class DiscoveryError(CchcError):
    """An argument names nothing: a usage error (exit status 2)."""


@dataclass(frozen=True)
class Candidate:
    """One file of the batch: its resolved path, and why it is skipped unread (or ``None``)."""

    path: Path
    skip: str | None = None


def skip_reason(path: Path) -> str | None:
    """``office_lock_file`` for ``~$…``, ``hidden_file`` for ``.…`` names, else ``None``."""
    if path.name.startswith("~$"):
        return "office_lock_file"
    if path.name.startswith("."):
        return "hidden_file"
    return None


def entry_skip(path: Path, inside: Path | None) -> str | None:
    """Why ``path`` is not read although its name looks like a report, or ``None``.

    ``inside``: the resolved folder a symbolic link must stay in (``None``: a file named
    on the command line, whose link may point anywhere).  Decided on ``lstat`` and the
    resolved target's ``stat``, which never open the file.
    """
    try:
        info = path.lstat()
        outside = False
        if stat.S_ISLNK(info.st_mode):
            target = path.resolve(strict=True)
            outside = inside is not None and not target.is_relative_to(inside)
            info = target.stat()
    except (OSError, RuntimeError):  # dangling link, a loop, or gone since the walk
        return "broken_symlink"
    if not stat.S_ISREG(info.st_mode):
        return "not_regular_file"
    return "symlink_outside_folder" if outside else None


def _walk(folder: Path) -> Iterable[tuple[Path, str | None]]:
    """Files with a report extension under ``folder``, recursively, each with its skip reason;
    hidden folders (``.git``, ``.Trash``) and linked folders are not entered."""
    inside = folder.resolve()
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if Path(name).suffix.lower() in REPORT_SUFFIXES:
                path = Path(root) / name
                yield path, entry_skip(path, inside)


def _expand(argument: str) -> list[Path]:
    """An argument → the paths it names; a glob only when no such path exists."""
    path = Path(argument)
    if path.exists():
        return [path]
    if _GLOB_CHARS & set(argument):
        matches = sorted(glob.glob(argument, recursive=True))
        if matches:
            return [Path(m) for m in matches]
        raise DiscoveryError(f"không có tệp nào khớp mẫu {argument} (no file matches)")
    raise DiscoveryError(f"không tìm thấy {argument} (no such file or folder)")


def _files_of(path: Path, *, explicit: bool) -> Iterable[tuple[Path, str | None]]:
    if path.is_dir():
        yield from _walk(path)
    elif explicit or path.suffix.lower() in REPORT_SUFFIXES:
        yield path, entry_skip(path, None)


def discover(arguments: Sequence[str]) -> list[Candidate]:
    """Every file the arguments name, sorted and deduplicated by resolved path.

    Raises :class:`DiscoveryError` when an argument names nothing or no report is found.
    A file given by name is read whatever its extension; a glob's matches are treated
    like files found in a folder (only report extensions).
    """
    found: dict[Path, Candidate] = {}
    for argument in arguments:
        explicit = not (_GLOB_CHARS & set(argument)) or Path(argument).exists()
        for path in _expand(argument):
            for file, skip in _files_of(path, explicit=explicit):
                resolved = file.resolve() if skip is None else file.absolute()
                found.setdefault(resolved, Candidate(resolved, skip or skip_reason(file)))
    if not found:
        raise DiscoveryError(f"không tìm thấy báo cáo nào (.docx, .pdf, .txt, .doc) trong "
                             f"{', '.join(arguments)} (no report found)")
    return [found[p] for p in sorted(found, key=str)]
