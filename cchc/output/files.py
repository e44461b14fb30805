"""Writing output files safely: atomically, under names made safe from any input name."""

from __future__ import annotations

import os
import tempfile
import unicodedata
from collections.abc import Sequence
from pathlib import Path

import regex

_UNSAFE = regex.compile(r"[^\p{L}\p{N}._-]+")
#: Names Windows keeps for devices, with any extension: ``CON.json`` cannot be created there.
_RESERVED = regex.compile(r"(?i)(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])")
#: Room for ``.jsonl`` and write_atomic's ``.<name>.XXXXXXXX.tmp`` in a 255-byte file name.
MAX_STEM_BYTES = 150


def safe_stem(name: str) -> str:
    """A file stem that cannot leave the output folder, trouble a shell or fail to be created.

    Only letters, digits, ``.``, ``_`` and ``-`` stay (Vietnamese letters NFC-composed); no
    leading dot or dash, at most :data:`MAX_STEM_BYTES` bytes of UTF-8 (Linux allows 255
    per name, and a Vietnamese letter takes up to 3), and never a Windows device name.
    >>> safe_stem("../Báo cáo Sở Y tế.docx")
    'Báo_cáo_Sở_Y_tế'
    >>> safe_stem("CON.docx"), safe_stem("-rf .pdf"), safe_stem("\\x00.docx")
    ('_CON', 'rf', 'report')
    """
    stem = Path(unicodedata.normalize("NFC", name).replace("\\", "/")).name
    stem = stem.rsplit(".", 1)[0] if "." in stem.lstrip(".") else stem
    cleaned = _trim(_UNSAFE.sub("_", stem))
    cleaned = _trim(cleaned.encode("utf-8")[:MAX_STEM_BYTES].decode("utf-8", "ignore"))
    if _RESERVED.fullmatch(cleaned.split(".")[0]):
        cleaned = "_" + cleaned
    return cleaned or "report"


def _trim(stem: str) -> str:
    return stem.strip("._-")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it into place.

    A reader never sees half a file, and a crash leaves the old file whole.
    Every ``OSError`` names ``path`` (a full disk says which file it could not write).
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise _naming(exc, path) from exc
    try:
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; give the file normal permissions
        with os.fdopen(fd, "wb") as f:
            f.write(payload)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise _naming(exc, path) from exc
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _naming(exc: OSError, path: Path) -> OSError:
    """The error with ``path`` as its file name (``write`` on a full disk names none)."""
    return type(exc)(exc.errno, exc.strerror or str(exc), str(path)) if exc.errno else exc


def output_names(paths: Sequence[Path]) -> dict[Path, str]:
    """A safe output stem per input file, unique within one run (case-insensitively, for
    the disks that are).

    Files sharing a stem keep their extension (``a_pdf``, ``a_docx``); if that still
    collides (``q1/bc.docx``, ``q2/bc.docx``) the parent folder is added (``q1_bc_docx``),
    and as a last resort the position in the run.
    >>> list(output_names([Path("a.pdf"), Path("a.docx"), Path("b.txt")]).values())
    ['a_pdf', 'a_docx', 'b']
    """
    stems = [safe_stem(p.name) for p in paths]
    with_ext = [safe_stem(p.name.replace(".", "_")) for p in paths]
    with_dir = [safe_stem(f"{p.parent.name}_{p.name.replace('.', '_')}") for p in paths]
    chosen: dict[Path, str] = {}
    for i, path in enumerate(paths):
        for option in (stems, with_ext, with_dir):
            folded = [name.casefold() for name in option]
            if folded.count(folded[i]) == 1:
                chosen[path] = option[i]
                break
        else:
            chosen[path] = f"{with_dir[i]}_{i}"
    return chosen


def record_stem(source: str | Path, sha256: str) -> str:
    """The output stem of one report in a batch: its safe name and the start of its content
    hash, so ``batch q1 -o out`` then ``batch q2 -o out`` never overwrite each other's
    ``stp.json`` (same content, same name: a rerun rewrites its own file only).

    >>> record_stem("/in/q1/Sở Tư pháp.docx", "3f9a0c" + "0" * 58)
    'Sở_Tư_pháp_3f9a0c000000'
    """
    return f"{safe_stem(Path(source).name)}_{sha256[:12]}"
