"""The OCR engine: Tesseract 5 with its Vietnamese model, one engine kept per process.

Why tesserocr and not pytesseract: pytesseract starts a ``tesseract`` process per call and
that process loads the ``vie`` model each time (about 0.15 s), while a page is read as a few
dozen cell crops.  tesserocr keeps one engine per worker and only sets the next image
(measured on cell crops of a scanned appendix page: see benchmarks/bench_ocr.py --engines).
tesserocr's wheel carries its own libtesseract; the model (``vie.traineddata``) comes from
Debian's ``tesseract-ocr-vie`` (or ``TESSDATA_PREFIX``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from cchc.errors import UnreadableDocument

LANGUAGE = "vie"
MSG_UNAVAILABLE = (
    "Tệp PDF là bản quét, cần Tesseract OCR tiếng Việt: apt-get install tesseract-ocr "
    "tesseract-ocr-vie / the PDF is a scan and needs Tesseract with Vietnamese: "
    "apt-get install tesseract-ocr tesseract-ocr-vie"
)
_TESSDATA_DIRS = (
    "/usr/share/tesseract-ocr/5/tessdata",
    "/usr/share/tesseract-ocr/4.00/tessdata",
    "/usr/share/tessdata",
    "/usr/local/share/tessdata",
    "/opt/homebrew/share/tessdata",
)
PSM_BLOCK = 6  # a uniform block of text: a cell's lines
PSM_LINE = 7  # one text line: a narrow cell Tesseract found nothing in as a block
PSM_AUTO = 3  # a page region with columns: the letterhead and captions


@dataclass(frozen=True, slots=True)
class OcrWord:
    """A recognized word in the image's pixels, with its text line's top and bottom."""

    text: str
    x0: int
    top: int
    x1: int
    bottom: int
    confidence: float  # Tesseract's word confidence, 0–100
    line: int  # index of its text line within the recognized image


@cache
def tessdata_dir() -> str | None:
    """The folder holding ``vie.traineddata``: ``TESSDATA_PREFIX``, the CLI's, or Debian's."""
    candidates = [os.environ.get("TESSDATA_PREFIX", "")]
    cli = shutil.which("tesseract")
    if cli:
        try:
            out = subprocess.run([cli, "--list-langs"], capture_output=True, text=True, timeout=20)
            first = (out.stdout or "").splitlines()[:1]
            if first and '"' in first[0]:
                candidates.append(first[0].split('"')[1])
        except (OSError, subprocess.SubprocessError):
            pass
    candidates.extend(_TESSDATA_DIRS)
    for folder in candidates:
        if folder and (Path(folder) / f"{LANGUAGE}.traineddata").is_file():
            return folder.rstrip("/") + "/"
    return None


def check_available(name: str) -> str:
    """The tessdata folder, or ``ocr_unavailable`` for the file ``name``."""
    folder = tessdata_dir()
    if folder is None or not _binding_loads():
        raise UnreadableDocument(name, "ocr_unavailable", MSG_UNAVAILABLE)
    return folder


@cache
def _binding_loads() -> bool:
    try:
        import tesserocr  # noqa: F401
    except ImportError:
        return False
    return True


class Engine:
    """One Tesseract engine (not thread-safe: one per thread, see :func:`engine`)."""

    def __init__(self, tessdata: str, lang: str = LANGUAGE) -> None:
        import tesserocr

        self._tesserocr = tesserocr
        self.lang = lang
        self._api = tesserocr.PyTessBaseAPI(path=tessdata, lang=lang,
                                            psm=tesserocr.PSM.SINGLE_BLOCK)

    def words(self, image: Any, psm: int = PSM_BLOCK) -> list[OcrWord]:
        """The words of a greyscale image (a PIL image), in reading order."""
        api, tess = self._api, self._tesserocr
        api.SetPageSegMode(psm)
        api.SetImage(image)
        api.Recognize()
        out: list[OcrWord] = []
        iterator = api.GetIterator()
        if iterator is None:
            return out
        level, line_level = tess.RIL.WORD, tess.RIL.TEXTLINE
        line = -1
        while True:
            if iterator.IsAtBeginningOf(line_level):
                line += 1
            try:
                text = iterator.GetUTF8Text(level)
            except RuntimeError:  # tesserocr raises on a word with no text (a speck, a rule)
                text = ""
            box = iterator.BoundingBox(level)
            line_box = iterator.BoundingBox(line_level)
            if text and text.strip() and box is not None:
                top, bottom = (line_box[1], line_box[3]) if line_box else (box[1], box[3])
                out.append(OcrWord(text.strip(), box[0], top, box[2], bottom,
                                   float(iterator.Confidence(level)), max(line, 0)))
            if not iterator.Next(level):
                break
        return out

    def close(self) -> None:
        self._api.End()


_LOCAL = threading.local()


def engine(tessdata: str, lang: str = LANGUAGE) -> Engine:
    """This thread's engine for ``lang``, made on first use and kept (loading takes ~0.2 s).

    ``eng`` reads the TT column: the Vietnamese model, trained on prose, often reads a lone
    number (``3.``, ``7.``) as a letter (``ả.``, ``VỀ``); English reads it right.
    """
    engines: dict[str, Engine] | None = getattr(_LOCAL, "engines", None)
    if engines is None:
        engines = _LOCAL.engines = {}
    found = engines.get(lang)
    if found is None:
        found = engines[lang] = Engine(tessdata, lang)
    return found
