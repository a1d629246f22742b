"""Storage errors, translated from the driver's at the store boundary."""

from __future__ import annotations

from jejaring.domain.errors import DomainError

__all__ = ["Conflict", "SchemaOutOfDate", "StoreError"]


class StoreError(DomainError):
    """The database cannot be reached, or refused an operation."""


class Conflict(StoreError):
    """A write clashes with existing data (a duplicate key, a missing reference)."""


class SchemaOutOfDate(StoreError):
    """The database was not initialised, or needs ``jejaring init`` to upgrade."""
