"""Legacy Word ``.doc`` files, converted to ``.docx`` by LibreOffice when it is installed.

Some units still send Word 97–2003 files.  The readers only know ``.docx``, so a worker
asks ``soffice --headless --convert-to docx`` for a copy and reads that.  Why here and not
in ``extract/``: conversion runs an outside program with its own time limit and temporary
folders, which is the batch's business; the reader stays a pure function of the bytes.

Each worker gives LibreOffice its own profile folder (``-env:UserInstallation``): two
``soffice`` processes sharing the default profile block each other, and a worker reuses
its profile so only its first conversion pays LibreOffice's start-up.  LibreOffice runs in
its own process group, killed whole when it outlives the time limit.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
from pathlib import Path

from cchc.errors import DocumentError, UnreadableDocument

SOFFICE_NAMES = ("soffice", "libreoffice")


def find_soffice() -> str | None:
    """The LibreOffice program on the PATH, or ``None``."""
    for name in SOFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def soffice_missing(path: Path) -> DocumentError:
    return DocumentError(path.name, "soffice_missing",
                         "tệp Word cũ (.doc) cần LibreOffice (soffice) để chuyển sang .docx, "
                         "máy này chưa cài (legacy .doc skipped: LibreOffice not installed)")


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait()


def convert_to_docx(path: Path, soffice: str, workdir: Path, timeout: float) -> Path:
    """Convert ``path`` into ``workdir/out/<stem>.docx`` and return that path.

    Raises :class:`UnreadableDocument` (``conversion_failed``, ``conversion_timeout``).
    """
    out_dir = workdir / "out"
    profile = workdir / "profile"
    out_dir.mkdir(parents=True, exist_ok=True)
    command = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
               "--convert-to", "docx", "--outdir", str(out_dir), str(path)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               start_new_session=True)
    try:
        _, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(process)
        shutil.rmtree(profile, ignore_errors=True)  # a killed LibreOffice leaves its lock behind
        raise UnreadableDocument(path.name, "conversion_timeout",
                                 f"LibreOffice không chuyển xong tệp .doc trong {timeout:g} giây "
                                 "(conversion timed out)") from None
    produced = out_dir / f"{path.stem}.docx"
    if process.returncode != 0 or not produced.is_file():
        reason = stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no output"]
        raise UnreadableDocument(path.name, "conversion_failed",
                                 f"LibreOffice không chuyển được tệp .doc sang .docx "
                                 f"(conversion failed: {reason[0]})")
    return produced
