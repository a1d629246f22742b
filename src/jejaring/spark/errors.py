"""The Spark engine's errors, as domain errors so that every entry point translates them."""

from __future__ import annotations

from jejaring.domain.errors import N_, DomainError

__all__ = ["INSTALL_HINT", "SparkError", "SparkUnavailable"]

INSTALL_HINT = "pip install 'jejaring[spark]'"


class SparkError(DomainError):
    """A Spark job could not start or failed (the master is unreachable, Java is missing...)."""


class SparkUnavailable(SparkError):
    """PySpark is not installed: the Spark engine is an optional extra."""

    def __init__(self) -> None:
        super().__init__(
            N_(
                "the Spark engine needs PySpark, which is not installed: install it with "
                "{command} (Java 17 or later is needed too), or use --engine local"
            ),
            command=INSTALL_HINT,
        )
