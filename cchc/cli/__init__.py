"""The ``cchc`` command line: :mod:`cchc.cli.main` and one module per command.

Nothing imports this package; it drives the others (extract → normalize → output /
warehouse → report, and the batch runner).
"""
