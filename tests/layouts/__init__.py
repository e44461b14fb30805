"""Random but realistic CCHC reports drawn from a seed, their truth, renderings and scores.

Issue 9: the readers are proven on generated layouts (group rows in every style, restarting
numbers, merges, bullets, mark columns, headers of many wordings, portrait or landscape) in
every rendering (.docx, .doc, PDF with and without row rules, TCVN3 / VNI PDFs, text export),
not on six hand-written samples.  The truth comes from what the generator chose, never from
running cchc.  The documents are written by ``samples/samplegen`` (imported from there).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
if str(SAMPLES) not in sys.path:
    sys.path.insert(0, str(SAMPLES))
