"""Scanned PDFs read by OCR (Tesseract 5, Vietnamese) into the blocks every reader gives.

``image`` (render, deskew, clean) → ``lines`` (ruling lines by morphology, as PDF rules) →
``pdf_grid`` (cells, merges) → ``cells`` (one OCR per cell crop, word glyphs and
confidences) → ``pdf_reader.layout_to_blocks`` → the usual appendix search and stitching.
``engine`` holds the Tesseract binding and the ``ocr_unavailable`` check.
"""

from __future__ import annotations

from cchc.extract.ocr.reader import read_scanned_pdf

__all__ = ["read_scanned_pdf"]
