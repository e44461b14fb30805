"""Page images: render, deskew, clean, binarize — the picture the rest of the OCR reads.

Every page is rendered at :data:`DPI` (text at ~300 dpi is what Tesseract reads best,
whatever the scan's own resolution), turned upright by the angle its text lines show
(scans are fed askew by up to about 2°), and binarized with speckles removed.  Pixel
coordinates convert to PDF points by ``72 / DPI``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

DPI = 300
MAX_SKEW = 2.5  # degrees searched either way
Gray = npt.NDArray[np.uint8]


@dataclass(frozen=True)
class PageImage:
    """A page ready to read: upright grey and binary pictures (ink = 255 in ``ink``)."""

    number: int
    gray: Gray  # upright, cleaned: black text on white
    ink: Gray  # 255 where there is ink
    skew: float  # degrees the page was turned back

    @property
    def scale(self) -> float:
        """PDF points per pixel."""
        return 72 / DPI


def render_page(page: object, dpi: int = DPI) -> Gray:
    """A pypdfium2 page as a grey array at ``dpi``."""
    bitmap = page.render(scale=dpi / 72, grayscale=True)  # type: ignore[attr-defined]
    array = np.asarray(bitmap.to_numpy())
    if array.ndim == 3:
        array = array[..., 0]
    return np.ascontiguousarray(array, dtype=np.uint8)


def binarize(gray: Gray) -> Gray:
    """Ink mask by Otsu's threshold (scans have an even light ground; JPEG noise falls below)."""
    import cv2

    _, ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    return np.asarray(ink, dtype=np.uint8)


def skew_angle(ink: Gray, limit: float = MAX_SKEW) -> float:
    """The angle (degrees, counter-clockwise positive) that makes text rows horizontal.

    Projection profile: at the right angle the row sums of ink are sharpest (text lines and
    rules fall on few rows).  Searched coarse then fine on a quarter-size picture.
    """
    import cv2

    small = np.asarray(cv2.resize(ink, (ink.shape[1] // 4, ink.shape[0] // 4),
                                  interpolation=cv2.INTER_AREA), dtype=np.uint8)
    if not small.any():
        return 0.0

    def sharpness(angle: float) -> float:
        turned = _rotate(small, angle, 0)
        rows = turned.sum(axis=1, dtype=np.float64)
        return float(np.square(np.diff(rows)).sum())

    coarse = [float(a) for a in np.arange(-limit, limit + 1e-9, 0.25)]
    best = max(coarse, key=sharpness)
    fine = [float(a) for a in np.arange(best - 0.25, best + 0.25 + 1e-9, 0.05)]
    angle: float = max(fine, key=sharpness)
    return round(angle, 2)


def _rotate(image: Gray, angle: float, fill: int) -> Gray:
    import cv2

    height, width = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    turned = cv2.warpAffine(image, matrix, (width, height), flags=cv2.INTER_LINEAR,
                            borderMode=cv2.BORDER_CONSTANT, borderValue=fill)
    return np.asarray(turned, dtype=np.uint8)


def despeckle(ink: Gray, max_area: int = 6) -> Gray:
    """Ink with isolated specks of at most ``max_area`` pixels removed.

    At 300 dpi the smallest mark of the text (the dot of ``ạ`` at 11 pt) covers ~20 pixels;
    dust and JPEG noise that survive the threshold are a few pixels alone.
    """
    import cv2

    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    small = np.flatnonzero(stats[:, cv2.CC_STAT_AREA] <= max_area)
    small = small[small != 0]
    if not len(small):
        return ink
    cleaned = ink.copy()
    cleaned[np.isin(labels, small)] = 0
    return cleaned


def prepare(number: int, gray: Gray) -> PageImage:
    """Deskew, binarize and despeckle one rendered page."""
    ink = binarize(gray)
    angle = skew_angle(ink)
    if abs(angle) >= 0.05:
        gray = _rotate(gray, angle, 255)
        ink = binarize(gray)
    ink = despeckle(ink)
    clean = np.where(ink > 0, np.minimum(gray, 128), 255).astype(np.uint8)
    return PageImage(number, clean, ink, angle)
