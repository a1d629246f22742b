"""What can be wrong with a bundle: a problem at a place (file, line, column), or a file at all.

A row problem keeps its message as a template (an English msgid marked with ``N_``) and its
parameters, like the domain's exceptions, so that it is translated where it is shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from jejaring.domain.errors import DomainError
from jejaring.i18n import _

__all__ = ["BundleError", "BundleUnreadable", "RowError", "UnknownFormat"]


@dataclass(frozen=True)
class RowError:
    """One problem of a bundle: where it is (``line`` None: the whole file) and why."""

    file: str
    line: int | None
    column: str
    template: str
    params: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def reason(self) -> str:
        """The problem, in the current locale."""
        try:
            return _(self.template).format(**self.params)
        except (KeyError, IndexError, ValueError):
            return self.template.format(**self.params)

    def as_dict(self) -> dict[str, Any]:
        """``{file, line, column, reason}``, for JSON."""
        return {"file": self.file, "line": self.line, "column": self.column, "reason": self.reason}

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return (
            f"{where}: {self.column}: {self.reason}" if self.column else f"{where}: {self.reason}"
        )


class BundleError(DomainError):
    """A bundle cannot be read or written."""


class UnknownFormat(BundleError):
    """The path is neither a folder, nor a ``.xlsx`` workbook, nor a ``.zip`` archive."""


class BundleUnreadable(BundleError):
    """A file of the bundle is not a table that can be read (encoding, quoting, cell counts)."""

    def __init__(self, errors: list[RowError]) -> None:
        self.errors = errors
        first = errors[0] if errors else None
        super().__init__(
            "{file}: {reason}",
            file=first.file if first else "",
            reason=first.reason if first else "",
        )
