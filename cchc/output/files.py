"""Writing output files safely: atomically, under names made safe from any input name."""

from __future__ import annotations

import os
import tempfile
import unicodedata
from pathlib import Path

import regex

_UNSAFE = regex.compile(r"[^\p{L}\p{N}._-]+")


def safe_stem(name: str) -> str:
    """A file stem that cannot leave the output folder or trouble a shell.

    Example: ``"../Báo cáo Sở Y tế.docx"`` → ``"Báo_cáo_Sở_Y_tế"``.
    """
    stem = Path(unicodedata.normalize("NFC", name).replace("\\", "/")).name
    stem = stem.rsplit(".", 1)[0] if "." in stem.lstrip(".") else stem
    cleaned = _UNSAFE.sub("_", stem).strip("._") or "report"
    return cleaned[:120]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it into place.

    A reader never sees half a file, and a crash leaves the old file whole.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; give the file normal permissions
        with os.fdopen(fd, "wb") as f:
            f.write(payload)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
