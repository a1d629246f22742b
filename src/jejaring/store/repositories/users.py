"""Users and their roles for actors."""

from __future__ import annotations

from sqlalchemy import delete, func, select

from jejaring.domain.accounts import ActorMember, ActorRole, PlatformRole, User
from jejaring.store.repositories.base import Repository
from jejaring.store.tables import ActorMemberRow, ActorRow, UserRow

__all__ = ["UserRepository"]


def _user(row: UserRow) -> User:
    return User(
        row.email,
        row.password_hash,
        row.display_name,
        row.locale,
        tuple(PlatformRole(r) for r in row.platform_roles),
        row.active,
    )


class UserRepository(Repository):
    """Users by e-mail address (stored case-folded, found in any case)."""

    def get(self, email: str) -> User | None:
        row = self.session.scalar(select(UserRow).where(UserRow.email == email.casefold()))
        return None if row is None else _user(row)

    def every(self) -> list[User]:
        """Every user, ordered by e-mail address."""
        return [_user(row) for row in self.session.scalars(select(UserRow).order_by(UserRow.email))]

    def count(self) -> int:
        return self.session.scalar(select(func.count()).select_from(UserRow)) or 0

    def save(self, u: User) -> None:
        """Add the user, or replace every field of the one with the same address."""
        email = u.email.casefold()
        row = self.session.scalar(select(UserRow).where(UserRow.email == email))
        if row is None:
            row = UserRow(email=email)
            self.session.add(row)
        row.password_hash, row.display_name, row.locale = u.password_hash, u.display_name, u.locale
        row.platform_roles, row.active = [r.value for r in u.platform_roles], u.active
        self._flush()

    def add_member(self, m: ActorMember) -> None:
        """Give the user a role for the actor, or change it; NotFound for either unknown."""
        user_id, actor_id = self.user_id(m.user), self.actor_id(m.actor)
        row = self.session.get(ActorMemberRow, (user_id, actor_id))
        if row is None:
            row = ActorMemberRow(user_id=user_id, actor_id=actor_id)
            self.session.add(row)
        row.role = m.role.value
        self._flush()

    def memberships(self, email: str) -> list[ActorMember]:
        """The user's roles, ordered by actor key; NotFound for an unknown user."""
        # One statement, not the user's id first: asked on nearly every request.
        rows = self.session.execute(
            select(ActorMemberRow.role, ActorRow.key)
            .join(ActorRow, ActorMemberRow.actor_id == ActorRow.id)
            .join(UserRow, ActorMemberRow.user_id == UserRow.id)
            .where(UserRow.email == email.casefold())
            .order_by(ActorRow.key)
        ).all()
        if not rows:
            self.user_id(email)  # NotFound for an unknown user
        return [ActorMember(email, actor, ActorRole(role)) for role, actor in rows]

    def members(self, actor: str) -> list[ActorMember]:
        """The users acting for ``actor`` and their roles, by e-mail; NotFound for no actor."""
        rows = self.session.execute(
            select(UserRow.email, ActorMemberRow.role)
            .join(UserRow, ActorMemberRow.user_id == UserRow.id)
            .where(ActorMemberRow.actor_id == self.actor_id(actor))
            .order_by(UserRow.email)
        )
        return [ActorMember(email, actor, ActorRole(role)) for email, role in rows]

    def remove_member(self, m: ActorMember) -> None:
        """Take the user's role for the actor away (nothing when it has none)."""
        user_id, actor_id = self.user_id(m.user), self.actor_id(m.actor)
        self.session.execute(
            delete(ActorMemberRow).where(
                ActorMemberRow.user_id == user_id, ActorMemberRow.actor_id == actor_id
            )
        )
