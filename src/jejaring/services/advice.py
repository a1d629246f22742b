"""Use case: advice for an actor, tied to the weakest component of its latest self-assessment."""

from __future__ import annotations

from dataclasses import dataclass

from jejaring.domain.accounts import User
from jejaring.domain.capability_advice import ADVICE, weakest
from jejaring.i18n import _, get_locale
from jejaring.io.instruments import current_instrument
from jejaring.services.bootstrap import Context
from jejaring.services.capability import scores

__all__ = ["ActorAdvice", "advise"]


@dataclass(frozen=True)
class ActorAdvice:
    """The weakest component (None: no component score defined) and the advice, translated."""

    actor: str
    round: str
    component: str | None
    component_name: str | None
    score: float | None
    text: str
    feature: str | None


def advise(ctx: Context, user: User | None, actor: str) -> ActorAdvice:
    """Advice on the actor's weakest component; visible as its scores are (NotFound otherwise)."""
    latest = scores(ctx, user, actor=actor)[0]
    inst = current_instrument()
    key = weakest(latest.components, inst.component_keys)
    if key is None:
        text = _("No component has enough answers for a score: ask more of your team to answer.")
        return ActorAdvice(actor, latest.round, None, None, None, text, None)
    advice = ADVICE[key]
    name = inst.component(key).name(get_locale())
    score = latest.components[key]
    return ActorAdvice(actor, latest.round, key, name, score, _(advice.text), _(advice.feature))
