"""Single-use, expiring tickets sent by mail: invitations to sign up and password resets.

Only a ticket's hash is stored; redeeming one marks it used in the same transaction as its
effect. Asking for a password reset answers alike whether or not the account exists: the mail
is the only difference, and it goes to the account's owner.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

from jejaring.domain.accounts import (
    ActorMember,
    ActorRole,
    AuditEvent,
    Ticket,
    TicketPurpose,
    User,
)
from jejaring.domain.errors import N_, InvalidValue, RuleViolation
from jejaring.i18n import _, translate
from jejaring.services.access import principal
from jejaring.services.accounts import check_password, checked_email
from jejaring.services.bootstrap import Context
from jejaring.services.mail import Mail
from jejaring.services.members import MEMBER_INVITED, authorize_role_change
from jejaring.services.passwords import hash_password
from jejaring.services.secret_tokens import new_secret, secret_hash
from jejaring.store.unit_of_work import UnitOfWork

__all__ = [
    "INVITATION_LIFETIME",
    "RESET_LIFETIME",
    "confirm_reset",
    "invite",
    "request_reset",
    "sign_up",
]

INVITATION_LIFETIME = timedelta(days=7)
RESET_LIFETIME = timedelta(hours=1)


def _unusable() -> InvalidValue:
    return InvalidValue(N_("token: the link is invalid, used already or expired"))


def _redeem(uow: UnitOfWork, purpose: TicketPurpose, secret: str, at: datetime) -> Ticket:
    ticket = uow.credentials.ticket_by_hash(purpose, secret_hash(secret))
    if ticket is None or ticket.id is None or not ticket.usable(at):
        raise _unusable()
    if not uow.credentials.use_ticket(ticket.id, at):
        raise _unusable()
    return ticket


def invite(
    ctx: Context,
    user: User | None,
    email: str,
    actor: str,
    role: ActorRole,
    *,
    now: datetime | None = None,
) -> tuple[Ticket, str, Mail]:
    """An invitation of ``email`` to act for ``actor`` in ``role``: it, its secret, its mail.

    Checked like giving the role (services/members.py): the inviter must manage the actor.
    """
    at = now or datetime.now(UTC)
    email = checked_email(email)
    secret, hashed = new_secret()
    with ctx.uow() as uow:
        p = principal(uow, user)
        authorize_role_change(uow, p, actor, None, role)
        if uow.users.get(email) is not None:
            raise RuleViolation(N_("a user with e-mail {email} exists already"), email=email)
        ticket = Ticket(
            TicketPurpose.INVITATION, email, hashed, at, at + INVITATION_LIFETIME, actor, role
        )
        uow.credentials.add_ticket(ticket)
        uow.audit.record(AuditEvent(at, MEMBER_INVITED, actor, p.email, None, f"{email} {role}"))
        uow.commit()
    body = _(
        "You are invited to act for '{actor}' as {role} on Jejaring.\n"
        "Sign up within {days} days with this invitation token:\n\n{token}\n\n"
        "(POST {url}/api/v1/auth/signup with the token, a password and your name.)"
    ).format(
        actor=actor,
        role=role.value,
        days=INVITATION_LIFETIME.days,
        token=secret,
        url=ctx.settings.public_url.rstrip("/"),
    )
    return ticket, secret, Mail(email, _("Your invitation to Jejaring"), body)


def sign_up(
    ctx: Context, secret: str, password: str, display_name: str, *, now: datetime | None = None
) -> User:
    """Create the invited user with its role, and use the invitation up."""
    at = now or datetime.now(UTC)
    check_password(password)
    with ctx.uow() as uow:
        ticket = _redeem(uow, TicketPurpose.INVITATION, secret, at)
        if uow.users.get(ticket.email) is not None:
            raise _unusable()
        user = User(ticket.email, hash_password(password), display_name.strip()[:200])
        uow.users.save(user)
        if ticket.actor is not None and ticket.role is not None:
            uow.users.add_member(ActorMember(ticket.email, ticket.actor, ticket.role))
        uow.commit()
    return user


def request_reset(
    ctx: Context, email: str, *, now: datetime | None = None
) -> tuple[str, Mail] | None:
    """The reset secret and its mail for an active account with ``email``; else None."""
    at = now or datetime.now(UTC)
    email = email.strip().casefold()
    secret, hashed = new_secret()
    with ctx.uow() as uow:
        user = uow.users.get(email)
        if user is None or not user.active:
            return None
        ticket = Ticket(TicketPurpose.PASSWORD_RESET, email, hashed, at, at + RESET_LIFETIME)
        uow.credentials.add_ticket(ticket)
        uow.commit()
    # In the account's own language: whoever asked, the mail is for the account's owner.
    body = translate(
        N_(
            "Somebody asked to reset the password of your Jejaring account.\n"
            "If it was you, set a new password within {minutes} minutes with this token:\n\n"
            "{token}\n\n(POST {url}/api/v1/auth/password-reset/confirm with the token and the new "
            "password.) If it was not you, ignore this message."
        ),
        user.locale,
    ).format(
        minutes=int(RESET_LIFETIME.total_seconds() // 60),
        token=secret,
        url=ctx.settings.public_url.rstrip("/"),
    )
    subject = translate(N_("Resetting your Jejaring password"), user.locale)
    return secret, Mail(email, subject, body)


def confirm_reset(ctx: Context, secret: str, password: str, *, now: datetime | None = None) -> None:
    """Set the new password, use the ticket up and end the account's sessions."""
    at = now or datetime.now(UTC)
    check_password(password)
    with ctx.uow() as uow:
        ticket = _redeem(uow, TicketPurpose.PASSWORD_RESET, secret, at)
        user = uow.users.get(ticket.email)
        if user is None or not user.active:
            raise _unusable()
        uow.users.save(dataclasses.replace(user, password_hash=hash_password(password)))
        uow.credentials.end_sessions_of(user.email)
        uow.commit()
