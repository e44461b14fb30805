"""Word 97 ``.doc`` read through LibreOffice: a private ``.docx`` copy for the Word reader.

Some units still send Word 97–2003 files.  ``soffice --headless --convert-to docx`` turns
one into a ``.docx`` that :mod:`cchc.extract.docx_reader` reads as it is; the record keeps
the ``.doc`` as its source.  Every command (``extract``, ``audit``, ``batch``) goes through
here, so a ``.doc`` gives the same record whichever one reads it.

- The conversion works on a copy in a private temporary folder, removed afterwards; the
  copy gets a fixed name (a user's file name may start with ``-`` or hold anything) and,
  when LibreOffice wrote the ``.doc`` itself, the repair of :mod:`cchc.extract.word97`.
- Each process has its own LibreOffice profile (``-env:UserInstallation``), created at its
  first conversion and reused: two ``soffice`` sharing a profile block each other, and only
  the first conversion pays LibreOffice's start-up.  The profile is removed at exit.
- LibreOffice runs in its own process group, killed whole when it outlives
  ``Limits.max_conversion_seconds`` (a killed LibreOffice leaves its profile locked, so the
  profile goes too and the next conversion makes a new one).
"""

from __future__ import annotations

import atexit
import multiprocessing.util
import os
import shutil
import signal
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from cchc.errors import DocumentError, UnreadableDocument
from cchc.extract.cfb import CfbError, CompoundFile
from cchc.extract.sniff import MSG_ENCRYPTED_DOCX
from cchc.extract.word97 import close_final_table, is_encrypted

SOFFICE_NAMES = ("soffice", "libreoffice")
MSG_SOFFICE_MISSING = ("tệp Word cũ (.doc) cần LibreOffice để đọc, máy này chưa cài; hãy cài gói "
                       "libreoffice-writer (sudo apt-get install libreoffice-writer) "
                       "(.doc needs LibreOffice: install the Debian package libreoffice-writer)")

_lock = threading.Lock()  # one conversion at a time per process: they share the profile
_profiles: dict[int, Path] = {}  # pid -> profile folder (a forked child makes its own)


def find_soffice() -> str | None:
    """The LibreOffice program on the PATH, or ``None``."""
    for name in SOFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def soffice_missing(name: str) -> DocumentError:
    return DocumentError(name, "soffice_missing", MSG_SOFFICE_MISSING)


def _profile() -> Path:
    pid = os.getpid()
    if pid not in _profiles:
        _profiles[pid] = Path(tempfile.mkdtemp(prefix="cchc-lo-profile-"))
        atexit.register(_drop_profile, pid)
        # A multiprocessing worker (the batch's) leaves through os._exit, which skips atexit
        # but runs these finalizers; only a worker killed outright leaves its profile behind.
        multiprocessing.util.Finalize(None, _drop_profile, args=(pid,), exitpriority=0)
    return _profiles[pid]


def _drop_profile(pid: int) -> None:
    if os.getpid() == pid and pid in _profiles:
        shutil.rmtree(_profiles.pop(pid), ignore_errors=True)


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait()


def _prepared_copy(path: Path, folder: Path) -> Path:
    """The ``.doc`` copied under a name of our own, with a final table LibreOffice can read.

    A password-protected one is refused here: headless LibreOffice would wait for a password.
    """
    data = bytearray(path.read_bytes())
    try:
        ole = CompoundFile(data)
        if is_encrypted(ole.read("WordDocument")[:32]):
            raise UnreadableDocument(path.name, "encrypted_docx", MSG_ENCRYPTED_DOCX)
        close_final_table(ole)
    except CfbError:
        pass  # damaged container: LibreOffice says what it makes of it
    copy = folder / "document.doc"
    copy.write_bytes(data)
    return copy


def _convert(source: Path, out_dir: Path, name: str, timeout: float) -> Path:
    """Run LibreOffice on ``source``; raises ``conversion_timeout`` / ``conversion_failed``."""
    soffice = find_soffice()
    if soffice is None:
        raise soffice_missing(name)
    with _lock:
        profile = _profile()
        command = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                   "--convert-to", "docx", "--outdir", str(out_dir), str(source)]
        with subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, start_new_session=True) as process:
            try:
                _, stderr = process.communicate(timeout=timeout)
            except subprocess.TimeoutExpired:
                _kill_group(process)
                _drop_profile(os.getpid())
                raise UnreadableDocument(name, "conversion_timeout",
                                         f"LibreOffice không đọc xong tệp .doc trong {timeout:g} giây "
                                         "(conversion timed out)") from None
    produced = out_dir / f"{source.stem}.docx"
    if process.returncode != 0 or not produced.is_file():
        reason = stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no output"]
        raise UnreadableDocument(name, "conversion_failed",
                                 "LibreOffice không chuyển được tệp .doc sang .docx, tệp có thể bị "
                                 f"hỏng (conversion failed: {reason[0]})")
    return produced


@contextmanager
def doc_as_docx(path: Path, timeout: float) -> Iterator[Path]:
    """A ``.docx`` rendering of the Word 97 file ``path``, valid inside the ``with`` block."""
    with tempfile.TemporaryDirectory(prefix="cchc-doc-") as tmp:
        folder = Path(tmp)
        copy = _prepared_copy(path, folder)
        yield _convert(copy, folder / "out", path.name, timeout)
