"""Advice tied to an actor's weakest capability component, pointing to the feature that trains it.

The weakest component is the one with the lowest defined score; equal scores go to the one
first in the instrument's order. Texts are gettext msgids (``N_``), translated where shown.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from jejaring.domain.errors import N_

__all__ = ["ADVICE", "Advice", "weakest"]


@dataclass(frozen=True, slots=True)
class Advice:
    """What to do about a component, and where on the platform to do it."""

    component: str
    text: str
    feature: str


ADVICE = {
    "coordination": Advice(
        "coordination",
        N_(
            "Coordination is your weakest component: agree what you want from each partner and "
            "who looks after it. Start or join a cooperation, book a partner's resources through "
            "its calendar, and run a joint project with milestones you review together."
        ),
        N_("Cooperations: members and policy, resources and calendar, joint projects"),
    ),
    "relational_skills": Advice(
        "relational_skills",
        N_(
            "Relational skills are your weakest component: partners judge you by how you answer "
            "them. Answer introduction requests quickly, accept the ones you can make, and keep "
            "your ties to partners alive and up to date."
        ),
        N_("Referrals (the pipeline of introductions) and your network of ties"),
    ),
    "partner_knowledge": Advice(
        "partner_knowledge",
        N_(
            "Partner knowledge is your weakest component: learn your partners' markets, products "
            "and strengths. Read their posts in the cooperation's channel, study their profiles "
            "and compare customer lists through the account map."
        ),
        N_("The cooperation's channel, partner profiles and the account map"),
    ),
    "internal_communication": Advice(
        "internal_communication",
        N_(
            "Internal communication is your weakest component: what one of you learns from a "
            "partner should reach the others. Give your team members their own accounts, share "
            "channel posts with them and go through the digest together."
        ),
        N_("Team accounts, the channel's posts and its digest"),
    ),
}


def weakest(scores: Mapping[str, float | None], order: Sequence[str]) -> str | None:
    """The component with the lowest defined score (first in ``order`` on ties); None if none."""
    defined = [(v, i, k) for i, k in enumerate(order) if (v := scores.get(k)) is not None]
    return min(defined)[2] if defined else None
