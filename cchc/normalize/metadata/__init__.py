"""Report metadata: who issued the report, its number, symbol and date, and the assessed year.

:mod:`.header` reads the letterhead block, :mod:`.caption` the appendix title and caption,
:mod:`.parts` the symbol and date both write, and :mod:`.merge` merges the two places and
audits what is missing or disagrees.
"""

from cchc.normalize.metadata.merge import MetadataResult, parse_report_meta

__all__ = ["MetadataResult", "parse_report_meta"]
