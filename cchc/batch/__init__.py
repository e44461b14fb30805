"""The batch runner behind ``cchc batch``: a quarter's folder into the warehouse, resumable.

:mod:`.discover` finds the files, :mod:`.runner` triages, reads and loads them, :mod:`.pool`
runs the worker processes (which start in :mod:`.worker` and read with :mod:`.work`),
:mod:`.runlog` writes one CSV line per file and :mod:`.progress` the progress line.
"""
