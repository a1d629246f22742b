"""Numbers as each locale writes them: whole numbers without Babel match Babel."""

from __future__ import annotations

import math
import random

import pytest
from babel.numbers import format_decimal

from jejaring.i18n import LOCALES, number, set_locale

EDGES = [0, 0.5, 1.5, 2.5, 7, 999.5, 1000, 1234.5, -1, -1.5, -1234.5, 123456789.49, 1e15, -3e20]


@pytest.mark.parametrize("locale", LOCALES)
def test_whole_numbers_are_written_as_babel_writes_them(locale: str) -> None:
    rng = random.Random(7)
    values = EDGES + [rng.uniform(-1e9, 1e9) for _ in range(2000)]
    set_locale(locale)
    try:
        for value in values:
            assert number(value) == format_decimal(round(value, 0), locale=locale), value
        assert number(-0.4) == "0"  # Babel writes -0
        assert number(math.inf) == format_decimal(math.inf, locale=locale)
        assert number(2.345, 2) == format_decimal(round(2.345, 2), locale=locale)
        assert number(3.1, 2, fixed=True) == ("3,10" if locale == "id" else "3.10")
    finally:
        set_locale("id")
    assert number(1234567) == "1.234.567"
