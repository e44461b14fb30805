"""What people read: the analysts' HTML page (data, HTML, charts) and the officer's checklist.

Nothing here parses arguments; the commands are :mod:`cchc.cli.report` and
:mod:`cchc.cli.audit`.
"""
