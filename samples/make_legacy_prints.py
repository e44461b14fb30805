"""Print legacy-encoded reports to PDF and text, as an old office would send them.

Usage: ``.venv/bin/python samples/make_legacy_prints.py`` (needs LibreOffice; CI uses the
committed files in ``samples/legacy/``).

A report typed in TCVN3 or VNI and printed to PDF keeps its legacy characters but not its
fonts: the printer embeds a substitute font (here LibreOffice has no ``.VnTime``, so
DejaVu), and nothing in the PDF says the text is not Latin-1.  In TCVN3 the letter ``ư`` is
the soft hyphen, which the PDF does not draw (or draws as a hyphen where a line broke).
Each print is made from a Word twin built by ``make_legacy_samples.py``'s machinery:

* ``stp_2023_q1_tcvn3`` and ``syt_2023_q2_vni``: the committed twins;
* ``ubnd_camxuyen_2023_vni``: a VNI twin of the UBND Cẩm Xuyên report;
* ``stttt_2023_q3_tcvn3``: a TCVN3 twin of the STTTT report typed with Caps Lock (plain
  letters of an all-capitals run stay capitals, the accented ones take TCVN3's lowercase
  codes in ``.VnTimeH``), the other way ABC typists write capitals.

All twins go through LibreOffice in one call (a throw-away profile), then
``export_text.py`` writes each PDF's text export.  The expected record of each print,
``legacy/expected/<stem>.json``, is the Unicode original's (``expected/<original>.json``)
with ``source`` and ``pages`` left out of the comparison, plus the generator's truth about
repairs: for a TCVN3 print, every record field whose text holds a toneless ``ư`` (the
letter TCVN3 stores as the soft hyphen) gets one ``text_repaired`` info entry.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from export_text import export  # noqa: E402
from make_legacy_samples import (  # noqa: E402
    TCVN3_CAPS_FONT,
    TCVN3_FONT,
    Piece,
    check_twin,
    make_twin,
    tcvn3_pieces,
    vni_pieces,
)

from cchc.text.encodings import encode_tcvn3  # noqa: E402

OUT = HERE / "legacy"
EXPECTED = OUT / "expected"
FINDING_FIELDS = ("section", "shortcoming", "criteria", "remedy", "owner", "deadline", "progress", "note")
REPORT_FIELDS = ("agency", "title")


def tcvn3_caps_lock_pieces(text: str) -> list[Piece]:
    """An all-capitals run typed with Caps Lock: plain capitals kept, in the H font."""
    letters = [c for c in text if c.isalpha()]
    if letters and text == text.upper() and any(not c.isascii() for c in letters):
        return [(encode_tcvn3(text), TCVN3_CAPS_FONT)]
    return tcvn3_pieces(text)


# (original stem, print stem, encoding, Word twin: committed file or how to make it)
PRINTS: list[tuple[str, str, str, Any]] = [
    ("stp_2023_q1", "stp_2023_q1_tcvn3", "tcvn3", "stp_2023_q1_tcvn3.docx"),
    ("syt_2023_q2", "syt_2023_q2_vni", "vni", "syt_2023_q2_vni.docx"),
    ("ubnd_camxuyen_2023", "ubnd_camxuyen_2023_vni", "vni", (vni_pieces, ["VNI-Times"])),
    ("stttt_2023_q3", "stttt_2023_q3_tcvn3", "tcvn3",
     (tcvn3_caps_lock_pieces, [TCVN3_FONT, TCVN3_CAPS_FONT])),
]


def _twin(folder: Path, stem: str, print_stem: str, how: Any) -> Path:
    target = folder / f"{print_stem}.docx"
    if isinstance(how, str):
        shutil.copy(HERE / how, target)
        return target
    pieces_of, fonts = how
    original = (HERE / f"{stem}.docx").read_bytes()
    twin = make_twin(original, pieces_of, fonts)
    check_twin(original, twin)
    target.write_bytes(twin)
    return target


def _soffice(docs: list[Path], folder: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("LibreOffice (soffice) is not installed")
    profile = (folder / "profile").as_uri()
    cmd = [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
           "--outdir", str(folder), *map(str, docs)]
    subprocess.run(cmd, check=True, capture_output=True, timeout=600)


def _has_lost_u(value: Any) -> bool:
    """Text holding a toneless ư, the letter TCVN3 keeps in the soft hyphen."""
    if isinstance(value, list):
        return any(_has_lost_u(v) for v in value)
    return isinstance(value, str) and "ư" in value.lower()


def expected_record(stem: str, print_stem: str, encoding: str) -> dict[str, Any]:
    record: dict[str, Any] = json.loads((HERE / "expected" / f"{stem}.json").read_text("utf-8"))
    record["source"] = {"file": f"{print_stem}.pdf", "format": "pdf", "from": f"{stem}.docx"}
    if encoding != "tcvn3":
        return record
    report_level = [a for a in record["audit"] if a["seq"] is None]
    rows = [a for a in record["audit"] if a["seq"] is not None]
    for name in REPORT_FIELDS:
        if _has_lost_u(record["report"].get(name)):
            report_level.append(_repair_entry(f"report.{name}", None))
    ordered: list[dict[str, Any]] = []
    for finding in record["findings"]:
        seq = finding["seq"]
        ordered += [a for a in rows if a["seq"] == seq and a not in ordered]
        ordered += [_repair_entry(name, seq) for name in FINDING_FIELDS if _has_lost_u(finding.get(name))]
    record["audit"] = report_level + ordered
    return record


def _repair_entry(field: str, seq: int | None) -> dict[str, Any]:
    return {"severity": "info", "code": "text_repaired", "field": field, "seq": seq,
            "message": "(generator truth: a toneless ư lost in TCVN3 is restored)"}


def main() -> int:
    OUT.mkdir(exist_ok=True)
    EXPECTED.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="cchc-legacy-") as tmp:
        folder = Path(tmp)
        docs = [_twin(folder, stem, print_stem, how) for stem, print_stem, _, how in PRINTS]
        _soffice(docs, folder)
        for stem, print_stem, encoding, _ in PRINTS:
            pdf = OUT / f"{print_stem}.pdf"
            shutil.copy(folder / f"{print_stem}.pdf", pdf)
            export(pdf)
            text = json.dumps(expected_record(stem, print_stem, encoding), ensure_ascii=False, indent=2)
            (EXPECTED / f"{print_stem}.json").write_text(text + "\n", encoding="utf-8")
            print(f"legacy/{print_stem}.pdf, .txt, expected/{print_stem}.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
