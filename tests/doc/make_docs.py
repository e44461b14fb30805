"""Write ``tests/doc/<stem>.doc``: every sample Word report saved as Word 97 by LibreOffice.

Usage: ``.venv/bin/python tests/doc/make_docs.py`` (needs ``soffice``; the tests use the
committed files, so they never convert a ``.docx`` at run time).

One ``soffice --convert-to doc`` call for all samples, with a throw-away profile.  These are
``.doc`` files as LibreOffice writes them — and it writes a document whose body ends with a
table (each sample: the appendix comes last) without the final paragraph mark Word always
writes, which is why :mod:`cchc.extract.word97` exists.  Their expected records are the
samples' own (``samples/expected/<stem>.json``) on every field but ``source`` and ``pages``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SAMPLES = HERE.parents[1] / "samples"


def sources() -> list[Path]:
    """The sample reports that have an expected record."""
    return [SAMPLES / f"{e.stem}.docx" for e in sorted((SAMPLES / "expected").glob("*.json"))
            if (SAMPLES / f"{e.stem}.docx").is_file()]


def main() -> int:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        print("make_docs: LibreOffice (soffice) is not installed", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="cchc-make-docs-") as tmp:
        out = Path(tmp) / "out"
        subprocess.run([soffice, f"-env:UserInstallation={(Path(tmp) / 'profile').as_uri()}",
                        "--headless", "--norestore", "--convert-to", "doc", "--outdir", str(out),
                        *map(str, sources())], check=True, capture_output=True, timeout=600)
        for made in sorted(out.glob("*.doc")):
            shutil.copyfile(made, HERE / made.name)
            print(f"{made.name}: {made.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
