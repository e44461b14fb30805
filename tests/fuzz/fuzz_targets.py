"""Fuzz targets over the readers and the normalizers: only cchc's own errors may escape.

A target takes one input and runs it the way a user's file runs: bytes are written to a
file and go through :func:`cchc.read.process_file` (sniff → reader → appendix →
records); strings go through every normalizer.  :class:`~cchc.errors.CchcError` is the
expected answer to bad input; anything else escaping is a bug (:class:`Escape`).

Inputs are real samples changed by a list of :data:`Op` — ``(kind, position, payload)`` —
so Hypothesis (``tests/fuzz/test_fuzz.py``, short) can generate and shrink the list, and
``benchmarks/fuzz_long.py`` (long) can draw it from a seeded random generator.  Mutations
aim where parsers branch: numbers in XML attributes and PDF dictionaries, tag names, list
markers, Flate content streams (inflated, changed, deflated again), tabs and form feeds.
"""

from __future__ import annotations

import copy
import io
import re
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path

from lxml import etree

from cchc.errors import CchcError
from cchc.normalize.criteria import extract_criteria
from cchc.normalize.deadlines import parse_deadline
from cchc.normalize.metadata import parse_report_meta
from cchc.normalize.records import Settings
from cchc.normalize.status import status_from_text
from cchc.read import Options, load_settings, process_file
from cchc.text.encodings import to_unicode
from cchc.text.vietnamese import split_items

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
DOCX_SEEDS = tuple(sorted(SAMPLES.glob("*.docx")))
PDF_SEEDS = (SAMPLES / "stp_2023_q1.pdf", *sorted((ROOT / "tests" / "pdf").glob("*_rules.pdf")),
             ROOT / "tests" / "pdf" / "ruled_merges.pdf")
TXT_SEEDS = tuple(sorted(SAMPLES.glob("*.txt")))

#: (kind, position, payload): ``kind`` picks the mutation, ``position`` where (modulo the
#: length), ``payload`` the bytes or the choice among the interesting values.
Op = tuple[int, int, bytes]

NUMBERS = (b"0", b"-1", b"1", b"63", b"64", b"999999999", b"2147483648", b"99999999999999999999",
           b"1e309", b"-0", b"x", b"", b"\xd9\xa3", b"1.5", b"0x10")
TOKENS = (b"<", b">", b"&", b"&amp;", b"\"", b"'", b"/", b"(", b")", b"[", b"]", b"<<", b">>",
          b"\x00", b"\xff", b"\n", b"\r", b"\t", b"\x0c", b" 0 R", b"endstream", b"stream\n",
          b"%%EOF", b"obj", b"\xe1\xbb\x87", b"\xc3", b"- ", b"1. ", b"Ti\xc3\xaau ch\xc3\xad 3.2.1")
TAGS = (b"w:tbl", b"w:tr", b"w:tc", b"w:p", b"w:r", b"w:t", b"w:sdt", b"w:ins", b"w:del",
        b"w:gridSpan", b"w:vMerge", b"w:gridBefore", b"w:tblHeader", b"w:numPr", b"w:ilvl",
        b"w:numId", b"w:sym", b"w:br", b"w:tab", b"w:lvl", b"w:start", b"w:numFmt", b"w:basedOn")
PDF_OPS = (b" re f ", b" m 100 100 l S ", b" BT /F1 12 Tf (x) Tj ET ", b" q ", b" Q ",
           b" 1000000 0 0 1000000 0 0 cm ", b" 0 0 0 0 re S ", b" [(a) -999999 (b)] TJ ")
_NUMBER = re.compile(rb"-?\d+(?:\.\d+)?")
_TAG = re.compile(rb"w:[A-Za-z]+")
_FLATE = re.compile(rb"/FlateDecode[^>]*>>\s*stream\r?\n")


class Escape(Exception):
    """An exception other than CchcError escaped a target: a bug, with the input that did it."""

    def __init__(self, target: str, data: bytes, cause: BaseException) -> None:
        super().__init__(f"{target}: {type(cause).__name__}: {cause}")
        self.target = target
        self.data = data
        self.cause = cause


# -- byte mutations ------------------------------------------------------------------------------


def _pick(values: Sequence[bytes], payload: bytes) -> bytes:
    return values[payload[0] % len(values)] if payload else values[0]


def _replace_match(data: bytes, pattern: re.Pattern[bytes], pos: int, new: bytes) -> bytes:
    matches = list(pattern.finditer(data))
    if not matches:
        return data
    m = matches[pos % len(matches)]
    return data[:m.start()] + new + data[m.end():]


def mutate(data: bytes, ops: Sequence[Op]) -> bytes:
    """Apply each op in turn; every op keeps the result well defined for any input."""
    for kind, pos, payload in ops:
        data = _MUTATIONS[kind % len(_MUTATIONS)](data, pos, payload)
    return data


def _flip(data: bytes, pos: int, payload: bytes) -> bytes:
    if not data:
        return data
    i = pos % len(data)
    return data[:i] + bytes([data[i] ^ (1 << ((payload[0] if payload else 0) % 8))]) + data[i + 1:]


def _insert(data: bytes, pos: int, payload: bytes) -> bytes:
    i = pos % (len(data) + 1)
    return data[:i] + payload + data[i:]


def _token(data: bytes, pos: int, payload: bytes) -> bytes:
    return _insert(data, pos, _pick(TOKENS, payload))


def _delete(data: bytes, pos: int, payload: bytes) -> bytes:
    if not data:
        return data
    i = pos % len(data)
    return data[:i] + data[i + 1 + (payload[0] if payload else 0):]


def _duplicate(data: bytes, pos: int, payload: bytes) -> bytes:
    if not data:
        return data
    i = pos % len(data)
    size = 1 + int.from_bytes(payload[:2] or b"\x10", "little") % 512
    return data[:i + size] + data[i:i + size] + data[i + size:]


def _truncate(data: bytes, pos: int, payload: bytes) -> bytes:
    return data[:pos % (len(data) + 1)]


def _number(data: bytes, pos: int, payload: bytes) -> bytes:
    return _replace_match(data, _NUMBER, pos, _pick(NUMBERS, payload))


def _tag(data: bytes, pos: int, payload: bytes) -> bytes:
    return _replace_match(data, _TAG, pos, _pick(TAGS, payload))


_MUTATIONS: tuple[Callable[[bytes, int, bytes], bytes], ...] = (
    _flip, _insert, _token, _delete, _duplicate, _truncate, _number, _number, _tag, _tag,
)


# -- structured inputs ---------------------------------------------------------------------------


def mutate_docx(seed: bytes, member: int, ops: Sequence[Op], raw_ops: Sequence[Op] = ()) -> bytes:
    """One XML part of a Word package mutated, the package zipped again, then ``raw_ops``."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(seed)) as zin, zipfile.ZipFile(out, "w") as zout:
        names = [i.filename for i in zin.infolist() if i.filename.endswith((".xml", ".rels"))]
        chosen = _weighted_member(names, member)
        for info in zin.infolist():
            data = zin.read(info.filename)
            zout.writestr(info.filename, mutate_xml(data, ops) if info.filename == chosen else data)
    return mutate(out.getvalue(), raw_ops)


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_XML = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True)


def mutate_xml(data: bytes, ops: Sequence[Op]) -> bytes:
    """Mostly tree edits that keep the XML well formed (so the reader, not the parser, is
    tested): attribute values, renamed, dropped, copied and re-nested elements.  One op in
    five is a byte edit, which mostly tests that broken XML is a ``damaged_docx``."""
    try:
        root = etree.fromstring(data, _XML)
    except etree.XMLSyntaxError:
        return mutate(data, ops)
    byte_ops = [op for op in ops if op[0] % 5 == 0]
    for kind, pos, payload in ops:
        if kind % 5:
            try:
                _tree_edit(root, kind // 5, pos, payload)
            except ValueError:  # lxml refuses a control character in text: skip the edit
                pass
    return mutate(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True), byte_ops)


def _tree_edit(root: etree._Element, kind: int, pos: int, payload: bytes) -> None:
    nodes = [n for n in root.iter() if isinstance(n.tag, str)]
    node = nodes[pos % len(nodes)]
    other = nodes[(pos // 7 + (payload[0] if payload else 0)) % len(nodes)]
    tag = _W + _pick(TAGS, payload).decode()[2:]
    edit = kind % 6
    if edit == 0:  # an attribute value → an interesting number (or text)
        name = next(iter(node.attrib), f"{_W}val")
        node.set(name, _pick(NUMBERS, payload[1:]).decode("utf-8", "replace"))
    elif edit == 1 and node is not root:  # renamed, children kept
        node.tag = tag
    elif edit == 2 and node is not root and node.getparent() is not None:
        node.getparent().remove(node)
    elif edit == 3 and node is not root and node not in other.iterancestors() and node is not other:
        other.append(copy.deepcopy(node))  # a copy nested somewhere else (a row in a cell…)
    elif edit == 4:  # a new element with an interesting w:val
        etree.SubElement(node, tag, {f"{_W}val": _pick(NUMBERS, payload[1:]).decode("utf-8", "replace")})
    elif edit == 5:
        node.text = _pick(TOKENS, payload).decode("utf-8", "replace") + (node.text or "")


def _weighted_member(names: list[str], member: int) -> str:
    """Half the time the body, else any part (styles, numbering, rels, content types)."""
    if member % 2 == 0 and "word/document.xml" in names:
        return "word/document.xml"
    return names[(member // 2) % len(names)]


def mutate_pdf(seed: bytes, stream: int, ops: Sequence[Op], raw_ops: Sequence[Op] = ()) -> bytes:
    """A Flate content stream inflated, mutated (PDF operators too) and deflated; then ``raw_ops``."""
    streams = list(_FLATE.finditer(seed))
    if streams:
        m = streams[stream % len(streams)]
        end = seed.find(b"endstream", m.end())
        try:
            content = zlib.decompress(seed[m.end():end])
        except zlib.error:
            content = None
        if content is not None:
            changed = zlib.compress(mutate(content, [(k, p, _pdf_payload(k, pl)) for k, p, pl in ops]))
            seed = seed[:m.end()] + changed + b"\n" + seed[end:]
    return mutate(seed, raw_ops)


def _pdf_payload(kind: int, payload: bytes) -> bytes:
    """Inserted bytes in a content stream are PDF operators, not random bytes."""
    return _pick(PDF_OPS, payload) if kind % len(_MUTATIONS) == 1 else payload


def mutate_text(seed: bytes, ops: Sequence[Op], encoding: int = 0) -> bytes:
    """A text export with lines mutated, in UTF-8, UTF-16 or an 8-bit code page."""
    data = mutate(seed, ops)
    if encoding % 4 == 1:
        return data.decode("utf-8", "replace").encode("utf-16")
    if encoding % 4 == 2:
        return data.decode("utf-8", "replace").encode("cp1258", "replace")
    return data


# -- targets ---------------------------------------------------------------------------------------


@cache
def settings() -> Settings:
    return load_settings(Options())


def run_file(data: bytes, suffix: str, target: str) -> str:
    """Read ``data`` as a user's file; the outcome (``"ok"`` or the error code).

    Raises :class:`Escape` when anything but a :class:`CchcError` comes out.
    """
    with tempfile.TemporaryDirectory(prefix="cchc-fuzz-") as tmp:
        path = Path(tmp) / f"input{suffix}"
        path.write_bytes(data)
        try:
            process_file(path, settings())
        except CchcError as e:
            return getattr(e, "code", type(e).__name__)
        except Exception as e:
            raise Escape(target, data, e) from e
    return "ok"


def run_normalizers(text: str) -> None:
    """Every normalizer on one string (and as header and caption lines); raises :class:`Escape`."""
    calls: tuple[Callable[[], object], ...] = (
        lambda: extract_criteria(text),
        lambda: extract_criteria(text, bare_codes=True),
        lambda: parse_deadline(text),
        lambda: parse_deadline(text, default_year=2023),
        lambda: status_from_text(text),
        lambda: split_items(text),
        lambda: to_unicode(text),
        lambda: to_unicode(text, font_name=".VnTime"),
        lambda: to_unicode(text, font_name="VNI-Times"),
        lambda: parse_report_meta(text.splitlines() or [text], [text]),
    )
    for call in calls:
        try:
            call()
        except CchcError:
            pass
        except Exception as e:
            raise Escape("normalizers", text.encode("utf-8", "surrogatepass"), e) from e


@cache
def seed_bytes(path: Path) -> bytes:
    return path.read_bytes()


@cache
def seed_strings() -> tuple[str, ...]:
    """Real cell texts: every string of the samples' expected records, plus the seed lines."""
    import json

    found: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    for path in sorted((SAMPLES / "expected").glob("*.json")):
        walk(json.loads(path.read_text(encoding="utf-8")))
    for path in TXT_SEEDS:
        found.extend(path.read_text(encoding="utf-8").splitlines())
    return tuple(dict.fromkeys(s for s in found if s.strip()))
