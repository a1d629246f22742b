"""Translation of user-facing strings (gettext catalogues in ``locale/``, Bahasa Indonesia first).

Catalogues are read from the ``.po`` files themselves, so there is no compiled artefact to keep
in step. ``_`` translates into the current locale, held in a context variable so that each web
request or CLI run can have its own.
"""

from __future__ import annotations

import math
import os
from contextvars import ContextVar
from functools import cache
from importlib.resources import files

from babel.messages.pofile import read_po
from babel.numbers import (
    format_decimal,
    format_percent,
    get_group_symbol,
    get_minus_sign_symbol,
)

from jejaring.domain.errors import DomainError

__all__ = [
    "LOCALES",
    "_",
    "default_locale",
    "get_locale",
    "message",
    "number",
    "percent",
    "set_locale",
    "translate",
]

LOCALES = ("id", "en")
_current: ContextVar[str] = ContextVar("locale", default="id")


@cache
def catalogue(locale: str) -> dict[str, str]:
    """msgid -> translation for ``locale``; untranslated entries are left out."""
    path = files("jejaring") / "locale" / locale / "LC_MESSAGES" / "jejaring.po"
    if not path.is_file():
        return {}
    with path.open("rb") as handle:
        po = read_po(handle, locale=locale)
    return {str(m.id): str(m.string) for m in po if m.id and m.string and not m.fuzzy}


def default_locale() -> str:
    """JEJARING_LOCALE, else the system's language when it is one we speak, else Indonesian."""
    chosen = os.environ.get("JEJARING_LOCALE")
    if chosen in LOCALES:
        return chosen
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        language = os.environ.get(variable, "")[:2]
        if language in LOCALES:
            return language
    return "id"


def set_locale(locale: str) -> None:
    """Translate into ``locale`` from now on, in this context."""
    _current.set(locale if locale in LOCALES else "id")


def get_locale() -> str:
    return _current.get()


def _(text: str) -> str:
    """Translate ``text`` into the current locale (falls back to the English msgid)."""
    return catalogue(_current.get()).get(text, text)


def translate(text: str, locale: str) -> str:
    """``text`` in ``locale`` whatever the current one (e.g. a mail in its reader's language)."""
    return catalogue(locale if locale in LOCALES else "id").get(text, text)


def message(error: DomainError) -> str:
    """An error's message, translated, with its parameters filled in."""
    template = _(error.template)
    try:
        return template.format(**error.params)
    except (KeyError, IndexError, ValueError):
        return str(error)


def number(value: float, digits: int = 0, *, fixed: bool = False) -> str:
    """``value`` rounded to ``digits`` decimals, written as the current locale writes numbers.

    ``fixed`` keeps trailing zeros (``3,10`` rather than ``3,1`` in Bahasa Indonesia). Whole
    numbers are written as Babel writes them (a negative one rounding to zero as ``0``, not
    ``-0``), without Babel's cost per call: a partner answer writes a hundred.
    """
    locale = _current.get()
    if fixed and digits > 0:
        pattern = "#,##0." + "0" * digits
        return str(format_decimal(value, format=pattern, locale=locale))
    if digits == 0 and math.isfinite(value):
        group, minus = _symbols(locale)
        return f"{round(value):,}".replace(",", group).replace("-", minus)
    return str(format_decimal(round(value, digits), locale=locale))


@cache
def _symbols(locale: str) -> tuple[str, str]:
    """The locale's thousands separator and minus sign."""
    return get_group_symbol(locale), get_minus_sign_symbol(locale)


def percent(value: float, digits: int = 1) -> str:
    """``value`` (a fraction) as a percentage in the current locale: ``12,5%``."""
    pattern = "#,##0." + "0" * digits + "%" if digits > 0 else "#,##0%"
    return str(format_percent(value, format=pattern, locale=_current.get()))
