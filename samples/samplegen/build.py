"""Turn a :class:`~samplegen.spec.ReportSpec` into a Word document (bytes)."""

from __future__ import annotations

import datetime as dt

import docx
from docx.document import Document

from . import layout, ooxml, pack
from .spec import ReportSpec


def new_document() -> Document:
    """A python-docx document with the Decree 30 page and font set up."""
    doc = docx.Document()
    body = doc.element.body
    for child in list(body):
        if not child.tag.endswith("}sectPr"):
            body.remove(child)
    layout.setup_document(doc)
    return doc


def report_document(spec: ReportSpec) -> Document:
    """The whole report: letterhead, title, body, signature, then the landscape appendix."""
    doc = new_document()
    layout.add_letterhead(doc, spec.letterhead, (70, 95))
    layout.add_title(doc, spec.doc_type, spec.subject)
    layout.add_body(doc, spec.body)
    layout.add_signature(doc, spec.signature)
    if spec.appendix_portrait:
        layout.start_portrait_section(doc)
    else:
        layout.start_landscape_section(doc)
    layout.add_appendix_heading(doc, spec.appendix_label, spec.appendix_title, spec.caption)
    lists = ooxml.ListDefinitions(doc.part.numbering_part.element)
    writer = layout.AppendixWriter(doc, spec.table.columns, lists, layout.Ids(),
                                   row_rules=spec.row_rules, font_pt=spec.table_pt,
                                   repeat_header=spec.repeat_header)
    writer.write(spec.table.header, spec.table.parts)
    created = dt.datetime.fromisoformat(spec.created).replace(tzinfo=dt.UTC)
    pack.set_core_properties(doc, spec.core_title, spec.author, created)
    return doc


def report_bytes(spec: ReportSpec) -> bytes:
    """The report as deterministic .docx bytes."""
    return pack.to_bytes(report_document(spec))
