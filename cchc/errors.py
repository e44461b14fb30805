"""The project's exception tree: bad input apart from our own defects.

``DocumentError`` and its subclasses mean "this file cannot be turned into a report" and
carry a stable ``code`` (``not_a_report``, ``no_appendix``, ``encrypted``…) and the file
name, so the command line and the batch runner can print one line and go on.
"""

from __future__ import annotations


class CchcError(Exception):
    """Base of every error cchc raises on purpose."""


class DocumentError(CchcError, ValueError):
    """A file that cannot be read as a report; ``code`` is stable, ``message`` is for people."""

    def __init__(self, file: str, code: str, message: str) -> None:
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
