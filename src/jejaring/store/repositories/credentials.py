"""What signs a user in besides the password: API tokens, browser sessions and tickets.

Every secret is kept only as its hash; the repositories look rows up by that hash.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select, update

from jejaring.domain.accounts import (
    ActorRole,
    ApiToken,
    Ticket,
    TicketPurpose,
    TokenScope,
    WebSession,
)
from jejaring.store.repositories.base import Repository, as_utc
from jejaring.store.tables import (
    AccountTicketRow,
    ActorRow,
    ApiTokenRow,
    UserRow,
    WebSessionRow,
)

__all__ = ["CredentialRepository"]


def _token(row: ApiTokenRow, email: str) -> ApiToken:
    return ApiToken(
        email,
        row.name,
        row.token_hash,
        tuple(TokenScope(s) for s in row.scopes),
        as_utc(row.created),
        as_utc(row.revoked) if row.revoked is not None else None,
        row.id,
    )


class CredentialRepository(Repository):
    """API tokens, web sessions and single-use tickets, found by the hash of their secret."""

    # API tokens

    def add_token(self, t: ApiToken) -> ApiToken:
        """Store the token; returns it with its id."""
        row = ApiTokenRow(
            user_id=self.user_id(t.user),
            name=t.name,
            token_hash=t.token_hash,
            scopes=[s.value for s in t.scopes],
            created=as_utc(t.created),
            revoked=None,
        )
        self.session.add(row)
        self._flush()
        return _token(row, t.user)

    def token_by_hash(self, token_hash: str) -> ApiToken | None:
        found = self.session.execute(
            select(ApiTokenRow, UserRow.email)
            .join(UserRow, ApiTokenRow.user_id == UserRow.id)
            .where(ApiTokenRow.token_hash == token_hash)
        ).first()
        return None if found is None else _token(found[0], found[1])

    def tokens_of(self, email: str) -> list[ApiToken]:
        """The user's tokens, revoked ones too, oldest first; NotFound for an unknown user."""
        rows = self.session.scalars(
            select(ApiTokenRow)
            .where(ApiTokenRow.user_id == self.user_id(email))
            .order_by(ApiTokenRow.id)
        )
        return [_token(row, email.casefold()) for row in rows]

    def revoke_token(self, token_id: int, email: str, at: datetime) -> bool:
        """Revoke the user's token ``token_id``; False when the user has no such live token."""
        result = self.session.execute(
            update(ApiTokenRow)
            .where(
                ApiTokenRow.id == token_id,
                ApiTokenRow.user_id == self.user_id(email),
                ApiTokenRow.revoked.is_(None),
            )
            .values(revoked=as_utc(at))
        )
        return bool(getattr(result, "rowcount", 0))

    # Web sessions

    def add_session(self, s: WebSession) -> None:
        self.session.add(
            WebSessionRow(
                user_id=self.user_id(s.user),
                token_hash=s.token_hash,
                created=as_utc(s.created),
                expires=as_utc(s.expires),
            )
        )
        self._flush()

    def session_by_hash(self, token_hash: str) -> WebSession | None:
        found = self.session.execute(
            select(WebSessionRow, UserRow.email)
            .join(UserRow, WebSessionRow.user_id == UserRow.id)
            .where(WebSessionRow.token_hash == token_hash)
        ).first()
        if found is None:
            return None
        row, email = found
        return WebSession(email, row.token_hash, as_utc(row.created), as_utc(row.expires), row.id)

    def end_session(self, token_hash: str) -> None:
        self.session.execute(delete(WebSessionRow).where(WebSessionRow.token_hash == token_hash))

    def end_expired_sessions(self, at: datetime) -> None:
        self.session.execute(delete(WebSessionRow).where(WebSessionRow.expires <= as_utc(at)))

    def end_sessions_of(self, email: str) -> None:
        """End every session of the user (after a password change or a deactivation)."""
        user_id = self.user_id(email)
        self.session.execute(delete(WebSessionRow).where(WebSessionRow.user_id == user_id))

    # Tickets

    def add_ticket(self, t: Ticket) -> None:
        self.session.add(
            AccountTicketRow(
                purpose=t.purpose.value,
                token_hash=t.token_hash,
                email=t.email,
                actor_id=self.actor_id(t.actor) if t.actor is not None else None,
                role=t.role.value if t.role is not None else None,
                created=as_utc(t.created),
                expires=as_utc(t.expires),
                used=None,
            )
        )
        self._flush()

    def ticket_by_hash(self, purpose: TicketPurpose, token_hash: str) -> Ticket | None:
        found = self.session.execute(
            select(AccountTicketRow, ActorRow.key)
            .outerjoin(ActorRow, AccountTicketRow.actor_id == ActorRow.id)
            .where(
                AccountTicketRow.token_hash == token_hash,
                AccountTicketRow.purpose == purpose.value,
            )
        ).first()
        if found is None:
            return None
        row, actor = found
        return Ticket(
            TicketPurpose(row.purpose),
            row.email,
            row.token_hash,
            as_utc(row.created),
            as_utc(row.expires),
            actor,
            ActorRole(row.role) if row.role is not None else None,
            as_utc(row.used) if row.used is not None else None,
            row.id,
        )

    def use_ticket(self, ticket_id: int, at: datetime) -> bool:
        """Mark the ticket used; False when it was used already (by a concurrent request)."""
        result = self.session.execute(
            update(AccountTicketRow)
            .where(AccountTicketRow.id == ticket_id, AccountTicketRow.used.is_(None))
            .values(used=as_utc(at))
        )
        return bool(getattr(result, "rowcount", 0))
