"""How counts drawn from a partner's customers are shown: small ones only as "< 5".

A count of 1 to 4 could single out a customer, so it is shown as a bound; zero singles out
nobody and is shown as it is.
"""

from __future__ import annotations

__all__ = ["MIN_COUNT", "shown_count"]

MIN_COUNT = 5


def shown_count(n: int, *, minimum: int = MIN_COUNT) -> int | str:
    """``n`` itself when 0 or at least ``minimum``, else ``"< minimum"``."""
    return n if n == 0 or n >= minimum else f"< {minimum}"
