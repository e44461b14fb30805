"""A short fuzz run in the test suite (about 15 s): mutated samples and random strings
through the readers and normalizers; only cchc's own errors may come out.

The long run (``benchmarks/fuzz_long.py --minutes N``) explores; this one is derandomized,
so it is a fixed regression net that fails only when the code changes, never by luck.
"""

from __future__ import annotations

from pathlib import Path

from fuzz_targets import (
    DOCX_SEEDS,
    PDF_SEEDS,
    TXT_SEEDS,
    Op,
    mutate_docx,
    mutate_pdf,
    mutate_text,
    run_file,
    run_normalizers,
    seed_bytes,
    seed_strings,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

OPS = st.lists(st.tuples(st.integers(0, 999), st.integers(0, 2**31), st.binary(max_size=6)),
               min_size=1, max_size=6)
RAW_OPS = st.lists(st.tuples(st.integers(0, 999), st.integers(0, 2**31), st.binary(max_size=6)),
                   max_size=1)
FUZZ = settings(deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
PIECES = [*"0123456789./-;:,() \t\n\u00a0\u200bTtQqIVXđĐươƯƠáàảãạệếềểễắằẳẵặúùủũụ",
          "Tiêu chí ", "TC ", "Quý ", "ngày ", "tháng ", "năm ", "Đã hoàn thành", "Chưa", "\u0301",
          "\ud800", "\U0001f600", "Sở ", "UBND ", "Số: ", "/BC-", "2023", "99999999999"]
VIETNAMESE = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)


@settings(FUZZ, max_examples=150)
@given(seed=st.sampled_from(DOCX_SEEDS), member=st.integers(0, 999), ops=OPS, raw=RAW_OPS)
def test_docx_reader_lets_only_cchc_errors_out(seed: Path, member: int, ops: list[Op], raw: list[Op]) -> None:
    run_file(mutate_docx(seed_bytes(seed), member, ops, raw), ".docx", "docx")


@settings(FUZZ, max_examples=40)
@given(seed=st.sampled_from(PDF_SEEDS), stream=st.integers(0, 99), ops=OPS, raw=RAW_OPS)
def test_pdf_reader_lets_only_cchc_errors_out(seed: Path, stream: int, ops: list[Op], raw: list[Op]) -> None:
    run_file(mutate_pdf(seed_bytes(seed), stream, ops, raw), ".pdf", "pdf")


@settings(FUZZ, max_examples=150)
@given(seed=st.sampled_from(TXT_SEEDS), ops=OPS, encoding=st.integers(0, 3))
def test_text_reader_lets_only_cchc_errors_out(seed: Path, ops: list[Op], encoding: int) -> None:
    run_file(mutate_text(seed_bytes(seed), ops, encoding), ".txt", "txt")


@settings(FUZZ, max_examples=500)
@given(base=st.sampled_from(seed_strings()), inserted=VIETNAMESE, where=st.integers(0, 10_000))
def test_normalizers_let_only_cchc_errors_out(base: str, inserted: str, where: int) -> None:
    at = where % (len(base) + 1)
    run_normalizers(base[:at] + inserted + base[at:])


@settings(FUZZ, max_examples=300)
@given(text=st.text(max_size=200))
def test_normalizers_take_any_string(text: str) -> None:
    run_normalizers(text)
