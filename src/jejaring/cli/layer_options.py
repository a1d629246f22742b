"""The options that choose a layer of the stored network (``analyze``, ``export --format``)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import typer

from jejaring.domain.analyses import Scope
from jejaring.i18n import _

__all__ = ["AtOption", "CoMembershipOption", "ScopeOption", "TieTypeOption"]

TieTypeOption = Annotated[
    list[str] | None,
    typer.Option(
        "--tie-type",
        metavar="TYPE",
        help=_("Keep ties of this type and its sub-types (repeatable; default every type)."),
    ),
]
AtOption = Annotated[
    datetime | None,
    typer.Option(
        "--at", formats=["%Y-%m-%d"], metavar="DATE", help=_("Keep ties valid on this day.")
    ),
]
CoMembershipOption = Annotated[
    bool,
    typer.Option(
        "--co-membership",
        help=_(
            "Replace member-of ties (actor to organisation or event) by ties between "
            "members, weighted by the number they share."
        ),
    ),
]
ScopeOption = Annotated[
    Scope,
    typer.Option(
        "--scope",
        help=_(
            "community: only ties and profiles the community sees (readable by every "
            "signed-in user); all: private ties too (administrators only)."
        ),
    ),
]
