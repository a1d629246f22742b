"""The command line imports a command's module only when that command is run."""

from __future__ import annotations

import importlib
import subprocess
import sys

import typer.main

from jejaring.cli.app import COMMAND_MODULES, app


def test_every_command_is_found_in_the_module_that_registers_it() -> None:
    for module in sorted(set(COMMAND_MODULES.values())):
        importlib.import_module(f"jejaring.cli.{module}")
    root = typer.main.get_command(app)
    assert sorted(root.commands) == sorted(COMMAND_MODULES)  # type: ignore[attr-defined]
    for name, command in root.commands.items():  # type: ignore[attr-defined]
        registered = command.callback or next(iter(command.commands.values())).callback
        assert registered.__module__ == f"jejaring.cli.{COMMAND_MODULES[name]}", name


_REPORT = """
import atexit, sys
atexit.register(lambda: print(*sorted(sys.modules), sep="\\n", file=sys.stderr))
sys.argv = ["jejaring", *sys.argv[1:]]
from jejaring.cli import main
main()
"""


def _imported(*arguments: str) -> set[str]:
    """The modules ``jejaring ARGUMENTS`` imported, as the console script runs it."""
    run = [sys.executable, "-c", _REPORT, *arguments]
    done = subprocess.run(run, capture_output=True, text=True, timeout=120, check=True)
    return set(done.stderr.split())


def test_psi_starts_without_the_database_layer_nor_other_commands() -> None:
    imported = _imported("psi", "--help")
    assert "jejaring.cli.psi" in imported
    heavy = {"sqlalchemy", "alembic", "jejaring.analytics", "jejaring.cli.metrics", "fpdf"}
    assert heavy.isdisjoint(imported)


def test_the_list_of_commands_loads_them_all() -> None:
    imported = _imported("--help")
    assert {f"jejaring.cli.{m}" for m in COMMAND_MODULES.values()} <= imported
