"""Every module of the package declares its public names in ``__all__``, and they exist."""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType

import pytest

import jejaring

# Alembic scripts run only inside Alembic (env.py reads its context at import), and
# ``__main__`` would run the command line: neither is a module anyone imports.
SKIPPED = (
    "jejaring.store.migrations.env",
    "jejaring.store.migrations.versions",
    "jejaring.__main__",
)


def _module_names() -> list[str]:
    names = [jejaring.__name__]
    for info in pkgutil.walk_packages(jejaring.__path__, prefix="jejaring."):
        if not info.name.startswith(SKIPPED):
            names.append(info.name)
    return sorted(names)


MODULES = _module_names()


def test_the_walk_finds_every_layer() -> None:
    # Guards the test itself: an import error or a wrong prefix would leave nothing to check.
    for layer in ("domain", "store", "services", "cli", "io"):
        assert f"jejaring.{layer}" in MODULES
    assert "jejaring.store.repositories.actors" in MODULES
    assert not any(name.startswith(SKIPPED) for name in MODULES)


@pytest.mark.parametrize("name", MODULES)
def test_a_module_declares_all_and_every_name_in_it_exists(name: str) -> None:
    module: ModuleType = importlib.import_module(name)
    exported = getattr(module, "__all__", None)
    assert exported is not None, f"{name} declares no __all__"
    assert isinstance(exported, list | tuple), f"{name}.__all__ is not a list"
    assert len(exported) == len(set(exported)), f"{name}.__all__ repeats a name"
    missing = [n for n in exported if not hasattr(module, n)]
    assert not missing, f"{name}.__all__ names what it does not define: {missing}"
