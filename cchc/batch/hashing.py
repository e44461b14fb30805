"""The parent's one read of each file, its content hash, bounded in kind and in time.

The parent hashes every file before any worker sees it (the hash decides ``unchanged`` and
``duplicate_content``), so this is the one place where a batch folder can stop the parent
itself.  A FIFO put in place of a report after the folder was walked would block ``open``
for ever, and a file on a hung network share blocks ``read``: the file is opened without
blocking and without following a link, refused unless it is a regular file, and read in a
helper thread the parent waits for at most the per-file time limit.  A read that never
returns leaves only that thread behind (a daemon, gone with the process); the batch goes on.
"""

from __future__ import annotations

import hashlib
import os
import stat
import threading
from pathlib import Path

_BLOCK = 1 << 20


class NotRegularFile(OSError):
    """The path is no longer a regular file (a FIFO, a device, a link put in its place)."""


class HashTimeout(OSError):
    """Reading the file took longer than the time limit."""


def _digest(fd: int) -> str:
    digest = hashlib.sha256()
    with os.fdopen(fd, "rb", closefd=True) as f:
        for block in iter(lambda: f.read(_BLOCK), b""):
            digest.update(block)
    return digest.hexdigest()


def open_regular(path: Path) -> int:
    """A read-only descriptor of ``path``, which must be a regular file (not a link to one)."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0))
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise NotRegularFile(f"không phải tệp thông thường (not a regular file): {path}")
    os.set_blocking(fd, True)
    return fd


def sha256_within(path: Path, seconds: float) -> str:
    """The SHA-256 of a regular file's bytes, read in at most ``seconds``.

    Raises :class:`NotRegularFile`, :class:`HashTimeout` or the ``OSError`` of the read.
    """
    fd = open_regular(path)
    outcome: list[str | OSError] = []

    def work() -> None:
        try:
            outcome.append(_digest(fd))
        except OSError as exc:
            outcome.append(exc)

    thread = threading.Thread(target=work, name="cchc-hash", daemon=True)
    thread.start()
    thread.join(seconds)
    if not outcome:
        raise HashTimeout(f"đọc tệp quá {seconds:g} giây (reading took over {seconds:g} s)")
    if isinstance(outcome[0], OSError):
        raise outcome[0]
    return outcome[0]
