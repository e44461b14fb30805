"""Linking two reports of one unit and year: seconds for N findings each (issue 13 item 7).

Each report's findings are synthetic shortcomings drawn from a vocabulary of Vietnamese
administrative words (so common words recur, as in real reports); the second report copies
80 % of the first with one word changed, and adds new ones.  Run:
``.venv/bin/python benchmarks/bench_linking.py 1000 2500 5000``.
"""

from __future__ import annotations

import random
import sys
import time
import tracemalloc

from cchc.warehouse.threads import FindingRef, GroupDocument, link_group

WORDS = ("chưa công khai thủ tục hành chính đúng hạn hồ sơ trực tuyến tỷ lệ số hóa kết quả giải "
         "quyết cơ quan đơn vị cán bộ công chức viên chức đánh giá chỉ số cải cách tổ chức bộ "
         "máy tài chính công chính quyền điện tử người dân doanh nghiệp hài lòng phản ánh kiến "
         "nghị kiểm tra rà soát kế hoạch ban hành văn bản quy phạm pháp luật").split()


#: Real appendices use a few thousand distinct words per unit: the common ones above and
#: names, numbers and terms; made here by joining two syllables.
RARE = sorted({a + b for a in WORDS for b in WORDS})[:3000]


def text_of(rng: random.Random) -> str:
    return " ".join(rng.choices(WORDS, k=rng.randint(4, 10)) + rng.choices(RARE, k=rng.randint(6, 18)))


def report(name: str, texts: list[str], month: int) -> GroupDocument:
    findings = tuple(FindingRef(name, i, text, (f"{1 + i % 8}.{1 + i % 5}",))
                     for i, text in enumerate(texts))
    return GroupDocument(name, (False, 2023, month, None, -1, name), findings)


def pair(n: int, seed: int = 1) -> list[GroupDocument]:
    rng = random.Random(seed)
    first = [text_of(rng) for _ in range(n)]
    second = []
    for text in first[: int(n * 0.8)]:
        words = text.split()
        words[rng.randrange(len(words))] = rng.choice(WORDS)
        second.append(" ".join(words))
    second += [text_of(rng) for _ in range(n - len(second))]
    return [report("q1", first, 3), report("q2", second, 6)]


def main(sizes: list[int]) -> None:
    print("| findings per report | seconds | peak MB | linked |")
    print("|---|---|---|---|")
    for n in sizes:
        docs = pair(n)
        started = time.perf_counter()
        _, links = link_group(docs)
        seconds = time.perf_counter() - started
        tracemalloc.start()  # a second run for the memory: tracing slows Python down
        link_group(docs)
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
        linked = sum(1 for k in links if k.previous_document_id is not None)
        print(f"| {n:,} | {seconds:.2f} | {peak:.0f} | {linked:,} |")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 2500, 5000])
