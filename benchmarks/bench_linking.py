"""Linking two reports of one unit and year: seconds for N findings each (issue 13 item 7).

Each report's findings are synthetic shortcomings.  ``mixed`` (the default) draws them from
common Vietnamese administrative words and rarer terms (names, numbers: made here by joining
two syllables), as real appendices do; ``common`` draws every word from the same sixty common
words, the case where a rare-token index prunes nothing.  The second report copies 80 % of the
first with one word changed and adds new ones.  ``right`` counts carried-over findings linked
to their original; ``brute`` (``--check``, small N) counts the links an all-pairs comparison
makes that the indexed one missed or added.  ``CPU s`` is the process's CPU time, which a
loaded machine disturbs less than the wall-clock ``seconds``.  Run:
``.venv/bin/python benchmarks/bench_linking.py [--common] [--check] 1000 2500 5000``.
"""

from __future__ import annotations

import random
import sys
import time
import tracemalloc

from cchc.warehouse.candidates import codes_compatible, jaccard
from cchc.warehouse.threads import (
    SIMILARITY_THRESHOLD,
    FindingRef,
    GroupDocument,
    Link,
    link_group,
    text_of,
)

WORDS = ("chưa công khai thủ tục hành chính đúng hạn hồ sơ trực tuyến tỷ lệ số hóa kết quả giải "
         "quyết cơ quan đơn vị cán bộ công chức viên chức đánh giá chỉ số cải cách tổ chức bộ "
         "máy tài chính công chính quyền điện tử người dân doanh nghiệp hài lòng phản ánh kiến "
         "nghị kiểm tra rà soát kế hoạch ban hành văn bản quy phạm pháp luật").split()
#: Real appendices use a few thousand distinct words per unit: the common ones above and
#: names, numbers and terms; made here by joining two syllables.
RARE = sorted({a + b for a in WORDS for b in WORDS})[:3000]


def text_mixed(rng: random.Random) -> str:
    return " ".join(rng.choices(WORDS, k=rng.randint(4, 10)) + rng.choices(RARE, k=rng.randint(6, 18)))


def text_common(rng: random.Random) -> str:
    return " ".join(rng.choices(WORDS, k=rng.randint(10, 28)))


def report(name: str, texts: list[str], month: int) -> GroupDocument:
    findings = tuple(FindingRef(name, i, text, (f"{1 + i % 8}.{1 + i % 5}",))
                     for i, text in enumerate(texts))
    return GroupDocument(name, (False, 2023, month, None, -1, name), findings)


def pair(n: int, common: bool, seed: int = 1) -> list[GroupDocument]:
    rng = random.Random(seed)
    make = text_common if common else text_mixed
    first = [make(rng) for _ in range(n)]
    second = []
    for text in first[: int(n * 0.8)]:
        words = text.split()
        words[rng.randrange(len(words))] = rng.choice(WORDS)
        second.append(" ".join(words))
    second += [make(rng) for _ in range(n - len(second))]
    return [report("q1", first, 3), report("q2", second, 6)]


def brute_force(docs: list[GroupDocument]) -> set[tuple[int, int]]:
    """The links of q2 to q1 when every pair is compared (best pairs first, each once)."""
    first = [(f.position, text_of(f)) for f in docs[0].findings]
    pairs = []
    for f in docs[1].findings:
        t = text_of(f)
        for position, other in first:
            if t.tokens and codes_compatible(t.codes, other.codes):
                score = jaccard(t.tokens, other.tokens)
                if score >= SIMILARITY_THRESHOLD:
                    pairs.append((score, f.position, position))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    chosen: set[tuple[int, int]] = set()
    used_new: set[int] = set()
    used_old: set[int] = set()
    for _, new, old in pairs:
        if new not in used_new and old not in used_old:
            chosen.add((new, old))
            used_new.add(new)
            used_old.add(old)
    return chosen


def links_of(links: list[Link]) -> set[tuple[int, int]]:
    return {(k.position, k.previous_position) for k in links
            if k.document_id == "q2" and k.previous_position is not None}


def main(args: list[str]) -> None:
    common, check = "--common" in args, "--check" in args
    sizes = [int(a) for a in args if not a.startswith("--")] or [1000, 2500, 5000]
    print(f"texts: {'common' if common else 'mixed'}")
    print("| findings per report | seconds | CPU s | peak MB | linked | right |"
          + (" brute missed/added |" if check else ""))
    print("|---|---|---|---|---|---|" + ("---|" if check else ""))
    for n in sizes:
        docs = pair(n, common)
        started, cpu = time.perf_counter(), time.process_time()
        _, links = link_group(docs)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        tracemalloc.start()  # a second run for the memory: tracing slows Python down
        link_group(docs)
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
        found = links_of(links)
        right = sum(1 for new, old in found if new == old and new < int(n * 0.8))
        line = f"| {n:,} | {seconds:.2f} | {cpu:.2f} | {peak:.0f} | {len(found):,} | {right:,} |"
        if check:
            expected = brute_force(docs)
            line += f" {len(expected - found)}/{len(found - expected)} |"
        print(line, flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
