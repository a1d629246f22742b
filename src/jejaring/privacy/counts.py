"""Counts shown to a partner: below a minimum they read "< N", so that a small overlap cannot
single out one customer (DESIGN §5 uses the same rule of five for assessments).
"""

from __future__ import annotations

__all__ = ["MIN_SHOWN_COUNT", "shown_count"]

MIN_SHOWN_COUNT = 5


def shown_count(count: int, minimum: int = MIN_SHOWN_COUNT) -> str:
    """``count`` as a partner may see it: ``"12"``, or ``"< 5"`` when below ``minimum``.

    >>> shown_count(12), shown_count(3), shown_count(0, minimum=0)
    ('12', '< 5', '0')
    """
    if count < minimum:
        return f"< {minimum}"
    return f"{count:,}"
