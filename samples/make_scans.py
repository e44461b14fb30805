"""Scanned renderings of PDF reports: what a unit uploads after signing and stamping on paper.

Each page is rasterized at 200 dpi in grey, turned by a small angle (as a page fed askew),
given sensor noise, JPEG-compressed and written as an image-only PDF (no text layer), so
``cchc`` must read it by OCR.  The angle and noise are drawn from a seed per file, so the
bytes are the same on every run.

    .venv/bin/python samples/make_scans.py                 # the sample PDFs → samples/scans/
    .venv/bin/python samples/make_scans.py a.pdf -o DIR    # any PDFs
"""

from __future__ import annotations

import argparse
import hashlib
import io
import random
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image

HERE = Path(__file__).resolve().parent
SAMPLES = ("stp_2023_q1", "syt_2023_q2", "stttt_2023_q3", "ubnd_camxuyen_2023")
DPI = 200
MAX_ANGLE = 1.5  # degrees, either way
NOISE = 2.0  # grey levels (standard deviation of the sensor noise, per pixel)
PAPER = 5.0  # grey levels of the paper's uneven tone (smooth, over ~8 pixels)
SPECKLES = 0.0002  # share of pixels that are a dark speck of dust
JPEG_QUALITY = 40  # a page of text near 250 KB; noise costs little more than the text


def scan_page(page: pdfium.PdfPage, rng: random.Random) -> bytes:
    """One page as a skewed, noisy grey JPEG at ``DPI``."""
    image = page.render(scale=DPI / 72, grayscale=True).to_pil().convert("L")
    angle = rng.uniform(0.3, MAX_ANGLE) * rng.choice((-1, 1))
    image = image.rotate(angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)
    pixels = np.asarray(image, dtype=np.float32)
    draw = np.random.default_rng(rng.randrange(1 << 30))
    height, width = pixels.shape
    tone = draw.normal(0.0, PAPER, (height // 8 + 1, width // 8 + 1)).astype(np.float32)
    tone_image = Image.fromarray(tone, mode="F").resize((width, height), Image.Resampling.BILINEAR)
    paper = 235 + 10 * rng.random()  # paper is never quite white
    pixels = pixels * (paper / 255) + np.asarray(tone_image) + draw.normal(0.0, NOISE, pixels.shape)
    pixels[draw.random(pixels.shape) < SPECKLES] = 60
    out = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), "L")
    buffer = io.BytesIO()
    out.save(buffer, "JPEG", quality=JPEG_QUALITY)
    return buffer.getvalue()


def scan_pdf(source: Path, target: Path, seed: int | None = None) -> Path:
    """Write ``target``: every page of ``source`` scanned; the seed defaults to the name's hash."""
    if seed is None:
        seed = int(hashlib.sha256(source.stem.encode()).hexdigest()[:8], 16)
    rng = random.Random(seed)
    document = pdfium.PdfDocument(source)
    scan = pdfium.PdfDocument.new()
    try:
        for i in range(len(document)):
            width, height = document[i].get_size()
            _image_page(scan, scan_page(document[i], rng), width, height)
        target.parent.mkdir(parents=True, exist_ok=True)
        scan.save(target)
    finally:
        document.close()
        scan.close()
    return target


def _image_page(scan: pdfium.PdfDocument, jpeg: bytes, width: float, height: float) -> None:
    """A page of ``width`` × ``height`` points showing the JPEG (its bytes kept as they are)."""
    page = scan.new_page(width, height)
    image = pdfium.PdfImage.new(scan)
    image.load_jpeg(io.BytesIO(jpeg), inline=False)
    image.set_matrix(pdfium.PdfMatrix().scale(width, height))
    page.insert_obj(image)
    page.gen_content()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdfs", nargs="*", type=Path)
    parser.add_argument("-o", "--out", type=Path, default=HERE / "scans")
    args = parser.parse_args()
    sources = args.pdfs or [HERE / f"{stem}.pdf" for stem in SAMPLES]
    for source in sources:
        made = scan_pdf(source, args.out / f"{source.stem}.pdf")
        print(f"{made} ({made.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
