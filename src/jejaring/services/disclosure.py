"""How counts drawn from a partner's customers are shown in the services' plain results.

The rule is ``privacy.counts``'s: a count below the minimum (5) is shown as "< 5", so that a
small overlap cannot single out a customer. Results keep larger counts as numbers (JSON
readers want numbers); ``privacy.counts.shown_count`` is the same rule as text.
"""

from __future__ import annotations

from jejaring.privacy.counts import MIN_SHOWN_COUNT

__all__ = ["MIN_COUNT", "shown_count"]

MIN_COUNT = MIN_SHOWN_COUNT


def shown_count(n: int, *, minimum: int = MIN_COUNT) -> int | str:
    """``n`` itself when at least ``minimum``, else ``"< minimum"`` (zero included)."""
    return n if n >= minimum else f"< {minimum}"
