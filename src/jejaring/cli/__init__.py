"""The ``jejaring`` command line: thin commands that parse, call a service and print."""

from jejaring.cli import setup  # noqa: F401  (registers its commands)
from jejaring.cli.app import app, main

__all__ = ["app", "main"]
