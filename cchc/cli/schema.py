"""``cchc schema``: print the JSON Schema of the record (generated from the record types)."""

from __future__ import annotations

import argparse
import sys


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command takes no arguments."""


def run(args: argparse.Namespace) -> int:
    from cchc.output.schema import report_schema_json

    sys.stdout.write(report_schema_json())
    return 0
