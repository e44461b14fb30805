"""Builders for the sample CCHC reports in ``samples/``.

The samples are real Word documents written with python-docx plus raw WordprocessingML (lxml)
for what python-docx has no API for.  Each sample module keeps its rows as literal data: the
text that goes into the cells and, beside it, the values a person decided by reading the row
with the rules of ``docs/record-format.md``.  Nothing here calls the ``cchc`` package: the
expected records must not be produced by the program they test.
"""
