"""The ``jejaring`` command line: thin commands that parse, call a service and print.

Each command's module registers it on ``app`` when imported, which ``app``'s root group does
when the command is asked for (``cli.app.COMMAND_MODULES``).
"""

from jejaring.cli.app import app, main

__all__ = ["app", "main"]
