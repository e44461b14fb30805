"""Write ``tests/pdf/unruled/``: the sample reports drawn without row rules, printed to PDF.

Usage: ``.venv/bin/python tests/pdf/make_unruled.py`` (needs LibreOffice).

Each sample spec of ``samples/samplegen`` (two-level headers with x-mark columns, group
rows, merged cells, rows cut by page breaks) is built with ``row_rules=False`` (columns
ruled, rows separated by whitespace only), its tracked changes accepted, and printed to
PDF by one LibreOffice call with a private profile.  Beside each PDF goes the expected
record from the generator's own truth (``samplegen.expected.build_record``), never from
the reader.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = Path(__file__).resolve().parent / "unruled"
sys.path.insert(0, str(ROOT / "samples"))

from render_pdfs import accepted_copy  # noqa: E402
from samplegen import camxuyen, snv, stp, stttt, syt  # noqa: E402
from samplegen.build import report_bytes  # noqa: E402
from samplegen.expected import build_record  # noqa: E402


def main() -> int:
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="cchc-unruled-") as tmp:
        work = Path(tmp)
        sources = []
        for module in (camxuyen, snv, stp, stttt, syt):
            spec = dataclasses.replace(module.SPEC, stem=f"{module.SPEC.stem}_unruled", row_rules=False)
            raw = work / "raw" / f"{spec.stem}.docx"
            raw.parent.mkdir(exist_ok=True)
            raw.write_bytes(report_bytes(spec))
            sources.append(accepted_copy(raw, work))
            record = build_record(spec, None)
            (OUT / f"{spec.stem}.json").write_text(
                json.dumps(record, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        subprocess.run(["soffice", f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(work), *map(str, sources)],
                       check=True, capture_output=True, timeout=600)
        for source in sources:
            shutil.move(str(source.with_suffix(".pdf")), OUT / f"{source.stem}.pdf")
            print(f"{source.stem}.pdf")
    return 0


if __name__ == "__main__":
    sys.exit(main())
