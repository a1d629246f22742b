"""The domain's exceptions: a message template (an English gettext msgid) and its parameters.

The template is marked with ``N_`` so that catalogues pick it up; entry points translate it.
"""

from __future__ import annotations

from typing import Any

__all__ = ["N_", "DomainError", "InvalidValue", "NotFound", "RuleViolation"]


def N_(message: str) -> str:
    """Mark a message for translation without translating it here."""
    return message


class DomainError(Exception):
    """Base of every error the domain raises."""

    def __init__(self, template: str, **params: Any) -> None:
        self.template = template
        self.params = params
        super().__init__(template.format(**params) if params else template)


class InvalidValue(DomainError):
    """A value does not fit its field (wrong vocabulary, negative weight, bad interval...)."""


class NotFound(DomainError):
    """A referenced object does not exist (or may not be seen by the caller)."""


class RuleViolation(DomainError):
    """An operation breaks a business rule (a state transition, an invariant)."""
