"""Saving a python-docx document so that the same script gives the same bytes.

Why: the expected record carries the file's sha256.  python-docx stamps the zip entries with
the current time and ``docProps/core.xml`` with "now"; it also copies its template's
``docProps/app.xml`` (which claims ``<Pages>1</Pages>`` whatever the length) and thumbnail.
So: fixed core properties, the stale app.xml and thumbnail dropped (the page count of a Word
file written without a layout engine is unknown: the record's ``source.pages`` is null), and
the zip rewritten with fixed entry dates.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT

ZIP_DATE = (2023, 1, 1, 0, 0, 0)


def set_core_properties(doc: Document, title: str, author: str, created: dt.datetime) -> None:
    """Fixed author, title and dates (otherwise ``modified`` is the time of the run)."""
    props = doc.core_properties
    props.title = title
    props.author = author
    props.last_modified_by = author
    props.comments = ""
    props.revision = 1
    props.created = created
    props.modified = created


def drop_template_leftovers(doc: Document) -> None:
    """Remove the template's app.xml (wrong page count) and thumbnail from the package."""
    rels = doc.part.package.rels
    for r_id, rel in list(rels.items()):
        if rel.reltype in (RT.EXTENDED_PROPERTIES, RT.THUMBNAIL):
            del rels[r_id]


def rezip(raw: bytes) -> bytes:
    """The same zip members in the same order, with fixed dates and attributes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.create_system = 0
            fixed.external_attr = 0
            dst.writestr(fixed, src.read(info.filename), compresslevel=6)
    return out.getvalue()


def to_bytes(doc: Document) -> bytes:
    """The document as deterministic .docx bytes."""
    drop_template_leftovers(doc)
    buffer = io.BytesIO()
    doc.save(buffer)
    return rezip(buffer.getvalue())
