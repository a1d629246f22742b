"""The ``jejaring`` command line: thin commands that parse, call a service and print."""

import jejaring.cli.metrics  # noqa: F401  (registers `jejaring metrics`)
from jejaring.cli import analyze as _analyze  # noqa: F401  (registers analyze, analyses)
from jejaring.cli import assess as _assess  # noqa: F401  (registers assess)
from jejaring.cli import audit as _audit  # noqa: F401  (registers audit)
from jejaring.cli import bundle as _bundle  # noqa: F401  (registers import, export)
from jejaring.cli import cooperations as _cooperations  # noqa: F401  (registers coop)
from jejaring.cli import demo, serve, setup, users  # noqa: F401  (they register their commands)
from jejaring.cli import kpis as _kpis  # noqa: F401  (registers kpis)
from jejaring.cli import mapping as _mapping  # noqa: F401  (registers map)
from jejaring.cli import match as _match  # noqa: F401  (registers `jejaring match`)
from jejaring.cli import partners as _partners  # noqa: F401  (registers partners)
from jejaring.cli import posts as _posts  # noqa: F401  (registers post)
from jejaring.cli import projects as _projects  # noqa: F401  (registers project)
from jejaring.cli import psi as _psi  # noqa: F401  (registers `jejaring psi serve|query`)
from jejaring.cli import reach as _reach  # noqa: F401  (registers reach)
from jejaring.cli import referrals as _referrals  # noqa: F401  (registers intro, referral)
from jejaring.cli import report as _report  # noqa: F401  (registers report)
from jejaring.cli import resources as _resources  # noqa: F401  (registers resource, settle)
from jejaring.cli import tokens as _tokens  # noqa: F401  (registers token)
from jejaring.cli import webhooks as _webhooks  # noqa: F401  (registers webhook)
from jejaring.cli.app import app, main

__all__ = ["app", "main"]
