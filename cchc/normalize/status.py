"""Progress text or done/not-done marks → status, with the words that decided it.

The status feeds the "completed / in progress" counts of the provincial summary, so every
decision quotes its evidence: the matched words as written in the input (original case,
accents, even NFD), found on a :func:`fold` copy whose characters map back to the input.

Rules (``docs/record-format.md``), implemented as cue tables matched accent-insensitively:
a cue claims its words, and cues listed earlier in :data:`CUES` claim first, so
``chưa hoàn thành`` and ``hoàn thành 70%`` take their words before ``hoàn thành`` can.
Then, on the cues found (evidence = the first such cue in the text):

1. not-started cues and nothing under way and nothing done → ``not_started``;
2. any under-way cue → ``in_progress``;
3. not-started and done cues together (``Đã xây dựng dự thảo, chưa ban hành``) →
   ``in_progress``, evidence the span from the first to the last of the two;
4. done cues → ``completed``;
5. activity reported in the period without a status word (``Thường xuyên rà soát …``,
   ``Đã phân công …``, ``đã đăng ký …``, ``Đã áp dụng … giải pháp``, ``đã sửa đổi, bổ
   sung …``) → ``in_progress``: work on the remedy is going on, and nothing claims it is
   finished; a done cue anywhere in the text wins over it;
6. only a waiting cue (``đang chờ hướng dẫn``) → ``in_progress``;
7. anything else → ``unknown`` (the audit says ``status_undetermined``).

Decisions where the contract is silent:

- ``Không thực hiện được`` / ``không thực hiện`` → ``not_started``: nothing was done and
  the enum has no "cancelled"; the evidence lets an analyst find these rows.
- The contract's phrase lists are kept as they are; additions are only negations and
  plans, so that no completion is read where none is claimed: ``không/chưa thể hoàn
  thành``, ``chưa hoàn thiện``, ``dự kiến/phấn đấu/sẽ hoàn thành`` (a plan, not a result)
  and ``đã triển khai`` (the counterpart of ``chưa triển khai``) are under way;
  ``hoàn thành 100%``, ``hoàn tất``, ``đã xong`` are done.
- Activity verbs (rule 5, :data:`ACTIVITY_VERBS`) were added after reading the seed: 8 of
  its 15 progress texts report work done in the quarter with no status word, and a person
  reads each of them as "under way"; leaving them ``unknown`` would hide half of a real
  report from the counts.  They never make a row ``completed``.
- ``đã được …`` gives the evidence ``đã được`` (the words that decide, not the next one).
- ``đang chờ`` (waiting) does not count as under way for rule 1:
  ``Chưa thực hiện, đang chờ hướng dẫn`` → ``not_started``.
- Status is what the text says of the remedy, not whether the index metric reached its
  target (``Đã thực hiện các giải pháp …`` is completed).
- ``đang`` and ``đăng``/``dạng``/``dàng`` fold alike: a cue starting with ``dang`` counts
  only when the input wrote ``đang`` (or plain ``dang``, text typed without accents).
- Marks: a done mark wins over the text; a mark in both columns is a conflict
  (``unknown``); a not-done mark alone is ``in_progress`` unless the text says not started.
  Evidence for a mark is ``"<mark> (Đã hoàn thành)"`` / ``"<mark> (Chưa hoàn thành)"``.
- Evidence is the input's own slice (not re-normalized): NFD input gives NFD evidence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum

from cchc.record import Status
from cchc.text.vietnamese import fold, nfc


class Cue(Enum):
    """What a phrase says about the work."""

    NOT_STARTED = "not_started"
    UNDER_WAY = "under_way"
    WAITING = "waiting"
    DONE = "done"
    ACTIVITY = "activity"


# Data: two-syllable verbs that follow "đang" (folded), so the evidence is the whole verb
# ("Đang phối hợp", not "Đang phối"); any other word after "đang" counts as one syllable.
ONGOING_VERBS: tuple[str, ...] = (
    "tiep tuc", "thuc hien", "trien khai", "xay dung", "hoan thien", "phoi hop", "kiem tra",
    "ra soat", "tham muu", "to chuc", "chi dao", "theo doi", "dieu chinh", "bo sung", "sua doi",
    "cap nhat", "khao sat", "tong hop", "chuan bi", "xem xet", "tham dinh", "nghien cuu", "xu ly",
    "don doc", "huong dan", "tien hanh", "giai quyet",
)
# Data: verbs (folded) that report work done on a remedy in the period, not its completion.
ACTIVITY_VERBS: tuple[str, ...] = (
    "dang ky", "phan cong", "ap dung", "sua doi", "bo sung", "quan triet", "to chuc", "chi dao",
    "ra soat", "tang cuong", "trinh", "tham muu", "phoi hop", "giao", "cu", "dieu dong",
    "tuyen truyen", "kiem tra", "cap nhat", "don doc", "huong dan", "lam viec", "bo tri",
)
# Data: cue phrases on folded text, in claim order (a phrase claims its words before later ones).
CUES: tuple[tuple[Cue, str], ...] = (
    (Cue.UNDER_WAY, r"(?:chua|khong)(?: duoc| the)? hoan (?:thanh|thien)"),
    (Cue.UNDER_WAY, r"(?:da )?hoan thanh (?:duoc )?(?:khoang |gan |tren )?\d{1,2}(?:[.,]\d+)? ?%"),
    (Cue.UNDER_WAY, r"(?:du kien|phan dau|se) hoan thanh"),
    (Cue.NOT_STARTED, r"khong (?:the )?thuc hien(?: duoc)?"),
    (Cue.NOT_STARTED, r"chua (?:duoc )?(?:thuc hien|trien khai|bat dau|tien hanh)"),
    (Cue.NOT_STARTED, r"chua (?:duoc )?(?:xay dung|ban hanh)"),
    (Cue.WAITING, r"dang cho(?: doi)?"),
    (Cue.UNDER_WAY, rf"dang (?:{'|'.join(ONGOING_VERBS)}|[a-z]+)"),
    (Cue.UNDER_WAY, r"tiep tuc"),
    (Cue.UNDER_WAY, r"chua dat"),
    (Cue.UNDER_WAY, r"con gap(?: nhieu)? kho khan"),
    (Cue.UNDER_WAY, r"trong qua trinh"),
    (Cue.UNDER_WAY, r"da trien khai"),
    (Cue.DONE, r"(?:da )?hoan thanh(?: 100 ?%)?"),
    (Cue.DONE, r"hoan tat"),
    (Cue.DONE, r"da (?:ban hanh|thuc hien|xay dung|khac phuc|xong)"),
    (Cue.ACTIVITY, rf"(?:da |duoc |da duoc )(?:thuong xuyen )?(?:{'|'.join(ACTIVITY_VERBS)})"),
    (Cue.ACTIVITY, r"thuong xuyen(?= [a-z])"),
    (Cue.DONE, r"da duoc(?= [a-z])"),
)
# Folded first words that stand for several real words: the spellings that mean the cue.
ACCENT_GUARDS: dict[str, frozenset[str]] = {"dang": frozenset({"đang", "dang"})}
MARKS: frozenset[str] = frozenset({"x", "✓", "✔", "√"})
MARK_DONE_LABEL = "Đã hoàn thành"
MARK_NOT_DONE_LABEL = "Chưa hoàn thành"

_CUE_PATTERNS = tuple(
    (cue, re.compile(rf"(?<![a-z0-9])(?:{pattern})(?![a-z0-9])")) for cue, pattern in CUES
)
_MARK_PUNCTUATION = " \t\r\n.,;:()[]"


@dataclass(frozen=True)
class StatusDecision:
    """A status and the input words that decided it."""

    status: Status
    evidence: str | None  # as written in the input; None for unknown
    conflict: bool = False  # marks in both columns


@dataclass(frozen=True)
class _Hit:
    cue: Cue
    start: int  # offsets in the original text
    end: int


UNKNOWN = StatusDecision(Status.UNKNOWN, None)


def status_from_text(progress: str | None) -> StatusDecision:
    """The status a progress text states, with the words that say it.

    Example: ``status_from_text("Đang tiếp tục triển khai thực hiện.")`` →
    ``in_progress``, evidence ``"Đang tiếp tục"``.
    """
    if not progress or not progress.strip():
        return UNKNOWN
    hits = sorted(_find_cues(progress), key=lambda hit: hit.start)
    return _decide(progress, hits)


def status_from_marks(
    done_mark: str | None, not_done_mark: str | None, progress: str | None
) -> StatusDecision:
    """The status from the done / not-done mark columns, else from the progress text.

    Example: ``status_from_marks("x", None, None)`` → ``completed``,
    evidence ``"x (Đã hoàn thành)"``.
    """
    done, not_done = is_mark(done_mark), is_mark(not_done_mark)
    if done and not_done:
        return StatusDecision(Status.UNKNOWN, None, conflict=True)
    if done:
        return StatusDecision(Status.COMPLETED, f"{_mark_text(done_mark)} ({MARK_DONE_LABEL})")
    from_text = status_from_text(progress)
    if not not_done or from_text.status is Status.NOT_STARTED:
        return from_text
    evidence = f"{_mark_text(not_done_mark)} ({MARK_NOT_DONE_LABEL})"
    return StatusDecision(Status.IN_PROGRESS, evidence)


def is_mark(cell: str | None) -> bool:
    """Whether a mark-column cell holds a tick: ``x``, ``X``, ``✓``, ``✔``, ``√`` (also ``"x."``).

    Example: ``is_mark(" X ")`` → ``True``; ``is_mark("Đã hoàn thành")`` → ``False``.
    """
    return _mark_text(cell).lower() in MARKS


def _mark_text(cell: str | None) -> str:
    return (cell or "").strip(_MARK_PUNCTUATION)


def _decide(text: str, hits: list[_Hit]) -> StatusDecision:
    """Apply the rules of the module docstring to the cues found, in text order."""
    first = {cue: next((h for h in hits if h.cue is cue), None) for cue in Cue}
    not_started, under_way = first[Cue.NOT_STARTED], first[Cue.UNDER_WAY]
    done, waiting, activity = first[Cue.DONE], first[Cue.WAITING], first[Cue.ACTIVITY]
    if not_started and not under_way and not done:
        return _decision(Status.NOT_STARTED, text, not_started)
    if under_way:
        return _decision(Status.IN_PROGRESS, text, under_way)
    if not_started and done:
        return _decision(Status.IN_PROGRESS, text, not_started, done)
    if done:
        return _decision(Status.COMPLETED, text, done)
    if activity:
        return _decision(Status.IN_PROGRESS, text, activity)
    return _decision(Status.IN_PROGRESS, text, waiting) if waiting else UNKNOWN


def _decision(status: Status, text: str, *hits: _Hit) -> StatusDecision:
    start, end = min(h.start for h in hits), max(h.end for h in hits)
    return StatusDecision(status, text[start:end].strip())


def _find_cues(text: str) -> Iterator[_Hit]:
    """Every cue in the text; a cue's words are not reused by a cue later in :data:`CUES`."""
    folded, offsets = fold_with_offsets(text)
    claimed = [False] * len(folded)
    for cue, pattern in _CUE_PATTERNS:
        for match in pattern.finditer(folded):
            start, end = match.span()
            if any(claimed[start:end]) or not _spelled_as_cue(text, offsets, match):
                continue
            claimed[start:end] = [True] * (end - start)
            yield _Hit(cue, offsets[start], offsets[end])


def _spelled_as_cue(text: str, offsets: list[int], match: re.Match[str]) -> bool:
    """Whether an ambiguous folded first word (``dang``) is written as the cue's word."""
    first = match.group().split(" ", 1)[0]
    allowed = ACCENT_GUARDS.get(first)
    if allowed is None:
        return True
    written = text[offsets[match.start()] : offsets[match.start() + len(first)]]
    return nfc(written).lower() in allowed


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """:func:`fold` one character at a time, with each folded character's offset in ``text``.

    Whitespace runs become one space (as :func:`fold` does); the list has one extra
    entry, ``len(text)``, so ``text[offsets[i]:offsets[j]]`` is the input behind
    ``folded[i:j]`` (combining marks after the last letter included).
    Example: ``fold_with_offsets("Đã  xong")`` → ``("da xong", [0, 1, 2, 4, 5, 6, 7, 8])``.
    """
    chars: list[str] = []
    offsets: list[int] = []
    for index, char in enumerate(text):
        piece = fold(f"a{char}a")[1:-1]  # between letters, so fold keeps a space as a space
        if piece == " " and (not chars or chars[-1] == " "):
            continue
        chars.extend(piece)
        offsets.extend([index] * len(piece))
    offsets.append(len(text))
    return "".join(chars), offsets
