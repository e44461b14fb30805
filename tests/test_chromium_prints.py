"""Reports printed to PDF by Chromium from HTML (issue 9 acceptance: "Chromium prints").

The five sample specs and a seeded set of generated reports are written as HTML
(tests/layouts/html_render.py: rowspan merges, colspan group rows, a repeated ``thead``,
landscape or portrait appendix, fonts and rules drawn per seed) and printed with headless
Chromium at test time; each print is scored field by field against the generator's truth
(tests/layouts/score.py).  Prints are cached by a hash of their HTML under
``$CCHC_LAYOUT_CACHE`` (default: the temp folder), so a rerun prints nothing.

Without Chromium the tests skip, except under ``CI=true`` where they fail.  The generated
seeds that the reader still gets wrong carry a strict ``xfail`` naming what goes wrong
(:data:`GENERATED_XFAIL`): fixing one makes it XPASS, which fails the run until the mark
goes.
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import os
import tempfile
from pathlib import Path

import pytest
from layouts.draw import draw_report
from layouts.html_render import HtmlStyle, find_chromium, print_pdf, report_html, style_for
from layouts.score import Score, score_file
from layouts.truth import expected_record
from samplegen.spec import ReportSpec

DOC_THRESHOLD = 0.90
CORPUS_THRESHOLD = 0.98
SAMPLES = ("stp", "syt", "camxuyen", "snv", "stttt")
SEEDS = range(40)
# Seeds below DOC_THRESHOLD today, with what goes wrong (strict: a fix must remove the mark).
GENERATED_XFAIL: dict[int, str] = {
    33: "table without row rules, cells centred: an owner cell merged over rows has its text "
        "centred across their boundary and is read as one row's (owner/deadline shift by a row)",
}


def _need_chromium() -> str:
    exe = find_chromium()
    if exe is None:
        if os.environ.get("CI") == "true":
            pytest.fail("Chromium is required under CI=true (Debian package chromium)")
        pytest.skip("Chromium is not installed")
    return exe


@functools.cache
def _folder() -> Path:
    root = Path(os.environ.get("CCHC_LAYOUT_CACHE") or Path(tempfile.gettempdir()) / "cchc-layouts")
    folder = root / "chromium"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@functools.cache
def _profile() -> Path:
    return Path(tempfile.mkdtemp(prefix="cchc-chromium-profile-"))


def _print(name: str, spec: ReportSpec, style: HtmlStyle) -> Path:
    """The Chromium print of ``spec`` (from the cache when its HTML is unchanged)."""
    html = report_html(spec, style)
    digest = hashlib.sha256(html.encode()).hexdigest()[:12]
    pdf = _folder() / f"{name}-{digest}.pdf"
    if not pdf.exists():
        source = _profile() / f"{name}-{digest}.html"
        source.write_text(html, encoding="utf-8")
        print_pdf(source, pdf, _profile() / "profile", _need_chromium())
    return pdf


def _sample_spec(stem: str) -> ReportSpec:
    spec: ReportSpec = importlib.import_module(f"samplegen.{stem}").SPEC
    return spec


@functools.cache
def _sample_score(stem: str) -> Score:
    spec = _sample_spec(stem)
    return score_file(expected_record(spec), _print(stem, spec, HtmlStyle()), "pdf")


@functools.cache
def _generated_score(seed: int) -> Score:
    spec = draw_report(seed)
    return score_file(expected_record(spec), _print(spec.stem, spec, style_for(seed)), "pdf")


def _describe(score: Score, limit: int = 8) -> str:
    refused = f", refused: {score.error}" if score.error else ""
    lines = [f"{score.right}/{score.total} fields right{refused}"]
    lines += [f"  {m.field}: expected {m.expected!r}, got {m.got!r}" for m in score.mismatches[:limit]]
    return "\n".join(lines)


@pytest.mark.parametrize("stem", SAMPLES)
def test_sample_print_matches_truth(stem: str) -> None:
    _need_chromium()
    score = _sample_score(stem)
    # The five hand-written samples read whole (every field, 2026-12-06): no 10% slack for them.
    assert score.right == score.total and not score.error, _describe(score)


def test_sample_prints_overall() -> None:
    _need_chromium()
    scores = [_sample_score(stem) for stem in SAMPLES]
    right, total = sum(s.right for s in scores), sum(s.total for s in scores)
    assert right / total >= CORPUS_THRESHOLD, f"{right}/{total}"


def _seed_cases() -> list[object]:
    def marks(seed: int) -> list[pytest.MarkDecorator]:
        reason = GENERATED_XFAIL.get(seed)
        return [pytest.mark.xfail(strict=True, reason=reason)] if reason else []

    return [pytest.param(seed, id=str(seed), marks=marks(seed)) for seed in SEEDS]


@pytest.mark.parametrize("seed", _seed_cases())
def test_generated_print_matches_truth(seed: int) -> None:
    _need_chromium()
    score = _generated_score(seed)
    assert score.ratio >= DOC_THRESHOLD, _describe(score)


def test_generated_prints_overall() -> None:
    _need_chromium()
    scores = [_generated_score(seed) for seed in SEEDS]
    right, total = sum(s.right for s in scores), sum(s.total for s in scores)
    worst = min(scores, key=lambda s: s.ratio)
    assert right / total >= CORPUS_THRESHOLD, f"{right}/{total}; worst:\n{_describe(worst)}"


def test_html_escapes_and_merges() -> None:
    """The HTML itself: text escaped, vertical merges as rowspan, group rows as colspan."""
    spec = draw_report(3)
    html = report_html(spec, style_for(3))
    assert "<thead>" in html or not spec.repeat_header
    assert "colspan=" in html and "border-collapse: collapse" in html
    if any(row.vmerge for part in spec.table.parts for row in part if hasattr(row, "vmerge")):
        assert "rowspan=" in html
