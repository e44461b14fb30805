"""The project's exception tree: bad input apart from our own defects.

``DocumentError`` and its subclasses mean "this file cannot be turned into a report" and
carry a stable ``code`` (``not_a_report``, ``no_appendix``, ``encrypted``…) and the file
name, so the command line and the batch runner can print one line and go on.
"""

from __future__ import annotations

import re

#: What a name must not carry into a message or a log line: control characters (a newline
#: would forge a line of its own), Unicode line breaks and bidirectional overrides, and the
#: lone surrogates by which Python holds the bytes of a non-UTF-8 file name.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else (
        f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def printable(text: str) -> str:
    r"""``text`` (a file name, a path) fit for a message, a log line or an output name: valid
    UTF-8, one line, shown as written.  A byte that is not UTF-8 (a Latin-1 name from a
    Windows USB stick, held by Python as a surrogate) shows as ``\xNN``, a control
    character as ``\xNN`` or ``\uNNNN``.

    >>> print(printable("b\udce1o c\udce1o.docx"), printable("a\nb: failed.txt"))
    b\xe1o c\xe1o.docx a\x0ab: failed.txt
    """
    return _UNPRINTABLE.sub(_escape, text)


class CchcError(Exception):
    """Base of every error cchc raises on purpose."""


class DocumentError(CchcError, ValueError):
    """A file that cannot be read as a report; ``code`` is stable, ``message`` is for people."""

    def __init__(self, file: str, code: str, message: str) -> None:
        file = printable(file)  # a name with a newline or non-UTF-8 bytes stays one line
        super().__init__(f"{file}: {code}: {message}")
        self.file = file
        self.code = code
        self.message = message


class UnsupportedFormat(DocumentError):
    """The bytes are not a format cchc reads (or not the one the name claims)."""


class UnreadableDocument(DocumentError):
    """The format is known but the file is damaged, encrypted or has no text."""


class RefusedDocument(DocumentError):
    """The file was refused on purpose before it was read: it is over a limit of
    :class:`cchc.extract.limits.Limits` (``too_large``, ``too_many_pages``…) or carries a
    construct that attacks the reader (``zip_bomb``, ``pdf_bomb``, ``xml_entities_refused``)."""


class AppendixNotFound(DocumentError):
    """The document was read but holds no table that looks like the remediation appendix."""
