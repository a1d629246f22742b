"""Who a command acts as: ``--as EMAIL`` (a user, checked like on the API) and the actor acted for.

Without ``--as`` the command runs as the operator of the command line, who already holds the
database and is trusted like an administrator.
"""

from __future__ import annotations

from typing import Annotated

import typer

from jejaring.i18n import _

__all__ = ["ActorOption", "AsOption", "OptionalActorOption"]

AsOption = Annotated[
    str | None,
    typer.Option(
        "--as",
        metavar="EMAIL",
        help=_("Act as this user, with that user's roles (else as the trusted operator)."),
        show_default=False,
    ),
]
ActorOption = Annotated[
    str, typer.Option("--actor", metavar="KEY", help=_("The member actor acted for."))
]
OptionalActorOption = Annotated[
    str | None,
    typer.Option(
        "--actor",
        metavar="KEY",
        help=_("The member actor acted for (an administrator or the operator may omit it)."),
        show_default=False,
    ),
]
