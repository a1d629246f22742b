"""Use case: PSI jobs — an actor's own customers against a partner's ``jejaring psi serve``.

The querying side of ``jejaring psi query``, run as a job on the actor's stored customers
instead of a file: the same exact keys, the same protocol, the same summary ("< 5" below the
minimum). Only blinded points leave; the job keeps the count in common and, when the server
reveals items, which of the actor's own keys they are — its users read it, nobody else. This
server contacts only the hosts of ``Settings.psi_allowed_hosts`` (a user-given URL is a way
into the server's own network otherwise), and every job is in the actor's audit trail.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from jejaring.domain.accounts import AuditEvent, User
from jejaring.domain.errors import N_, InvalidValue, NotFound
from jejaring.domain.jobs import Job, JobKind
from jejaring.privacy.counts import MIN_SHOWN_COUNT
from jejaring.privacy.keys import exact_keys
from jejaring.privacy.psi import REVEALS
from jejaring.services.access import Operation, allowed, authorize, principal
from jejaring.services.bootstrap import Context
from jejaring.services.jobs import JobRunner, get_job, job_missing
from jejaring.services.mapping import customer_frame
from jejaring.services.psi import query_keys, query_summary

__all__ = ["PSI_QUERIED", "get_psi_job", "list_psi_jobs", "psi_server_url", "start_psi_job"]

PSI_QUERIED = "psi.queried"


def psi_server_url(url: str, allowed_hosts: Sequence[str]) -> str:
    """``url`` reduced to a PSI server's address (scheme, host, port), when its host is one of
    ``allowed_hosts``; else InvalidValue saying what is wrong with it."""
    try:
        parts = urlsplit(url.strip())
        host, _port = parts.hostname, parts.port  # a bad port or IPv6 address raises here
    except ValueError:
        raise InvalidValue(N_("url: '{url}' is not a URL"), url=url) from None
    if parts.scheme not in ("http", "https") or not host:
        raise InvalidValue(N_("url: '{url}' is not an http:// or https:// address"), url=url)
    # The client adds /psi to the address: a path, query or user name has no place there.
    if parts.path not in ("", "/") or parts.query or parts.fragment or "@" in parts.netloc:
        raise InvalidValue(
            N_("url: give the server's address only (scheme, host, port), not '{url}'"), url=url
        )
    if host not in allowed_hosts:
        raise InvalidValue(
            N_("url: the host '{host}' is not allowed for PSI (allowed: {allowed})"),
            host=host,
            allowed=", ".join(allowed_hosts),
        )
    return f"{parts.scheme}://{parts.netloc}"


def _hidden(actor: str) -> NotFound:
    return NotFound(N_("actor '{key}' not found"), key=actor)


def start_psi_job(
    ctx: Context,
    runner: JobRunner,
    user: User,
    actor: str,
    url: str,
    *,
    reveal: str | None = None,
    minimum: int = MIN_SHOWN_COUNT,
) -> Job:
    """Queue a PSI query of ``actor``'s customers' exact keys against the server at ``url``.

    ``reveal`` (size or items), when given, is the mode the server must offer: another one
    fails the job before anything is sent. Below ``minimum`` keys in common the result shows
    "< N" and no keys, as ``jejaring psi query --min-count`` does.
    """
    with ctx.reader() as uow:
        p = principal(uow, user)
        if uow.actors.get(actor) is None:
            raise _hidden(actor)
        visible = allowed(p, Operation.PSI_READ, actor)
        authorize(p, Operation.PSI_RUN, actor, visible=visible, missing=_hidden(actor))
    if reveal is not None and reveal not in REVEALS:
        raise InvalidValue(N_("reveal: '{value}' is not size or items"), value=reveal)
    if minimum < 0:
        raise InvalidValue(N_("min_count: must be 0 or more"))
    base = psi_server_url(url, ctx.settings.psi_allowed_hosts)

    def work() -> dict[str, Any]:
        with ctx.reader() as uow:
            frame = customer_frame(uow.customers.find_for(actor))
        report = query_keys(exact_keys(frame), base, expect=reveal)
        result = {"url": base} | query_summary(report, minimum)
        if report.matches is not None and "records" in result:
            result["matches"] = report.matches.to_dicts()
        return result

    def audit(job_id: int) -> AuditEvent:
        detail = f"job {job_id}; {base}; reveal {reveal or 'as served'}"
        return AuditEvent(datetime.now(UTC), PSI_QUERIED, actor, p.email, actor, detail)

    return runner.submit(ctx, user, JobKind.PSI, work, actor=actor, audit=audit)


def list_psi_jobs(ctx: Context, user: User, actor: str) -> list[Job]:
    """``actor``'s PSI jobs, newest first, for its users."""
    with ctx.reader() as uow:
        if uow.actors.get(actor) is None:
            raise _hidden(actor)
        p = principal(uow, user)
        authorize(p, Operation.PSI_READ, actor, visible=False, missing=_hidden(actor))
        return uow.jobs.for_actor(actor, JobKind.PSI)


def get_psi_job(ctx: Context, user: User, job_id: int) -> Job:
    """A PSI job, for its actor's users; any other job is missing here."""
    job = get_job(ctx, user, job_id)
    if job.kind is not JobKind.PSI:
        raise job_missing(job_id)
    return job
