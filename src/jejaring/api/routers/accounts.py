"""Accounts: invitations, users (administrators; each user their own), an actor's members,
and a user's API tokens."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, Path, Query, status

from jejaring.api.deps import Ctx, CurrentUser
from jejaring.api.schemas.accounts import (
    ApiTokenPublic,
    InvitationCreate,
    InvitationPublic,
    MemberCreate,
    MemberPublic,
    MembersPublic,
    MemberUpdate,
    TokenCreate,
    TokenCreated,
    TokensPublic,
    UserPublic,
    UsersPublic,
    UserUpdate,
)
from jejaring.services import accounts, api_tokens, members, tickets
from jejaring.services.mail import send
from jejaring.services.pagination import MAX_LIMIT, paginate

__all__ = ["router"]

router = APIRouter()


@router.post(
    "/invitations",
    tags=["accounts"],
    response_model=InvitationPublic,
    status_code=status.HTTP_201_CREATED,
)
def invite(
    ctx: Ctx, user: CurrentUser, body: InvitationCreate, background: BackgroundTasks
) -> InvitationPublic:
    """Invite an address to act for an actor (its owners and managers, administrators)."""
    ticket, _secret, mail = tickets.invite(ctx, user, body.email, body.actor, body.role)
    background.add_task(send, ctx.settings, mail)
    return InvitationPublic(
        email=ticket.email, actor=body.actor, role=body.role, expires=ticket.expires
    )


@router.get("/users", tags=["accounts"], response_model=UsersPublic)
def list_users(
    ctx: Ctx,
    user: CurrentUser,
    cursor: Annotated[str | None, Query(max_length=400)] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
) -> UsersPublic:
    """Every account, by e-mail address: for administrators."""
    page = paginate(accounts.list_users(ctx, user), lambda u: u.email, cursor=cursor, limit=limit)
    return UsersPublic(items=[UserPublic.of(u) for u in page.items], next_cursor=page.next_cursor)


@router.get("/users/me", tags=["accounts"], response_model=UserPublic)
def get_me(ctx: Ctx, user: CurrentUser) -> UserPublic:
    return UserPublic.of(*accounts.get_user(ctx, user, user.email))


@router.patch("/users/me", tags=["accounts"], response_model=UserPublic)
def update_me(ctx: Ctx, user: CurrentUser, body: UserUpdate) -> UserPublic:
    """Change one's name, language (``id`` or ``en``) or password (with the current one)."""
    changed = accounts.update_self(
        ctx,
        user,
        display_name=body.display_name,
        locale=body.locale,
        password=body.password,
        current_password=body.current_password,
    )
    return UserPublic.of(changed)


@router.get("/users/{email}", tags=["accounts"], response_model=UserPublic)
def get_user(ctx: Ctx, user: CurrentUser, email: str) -> UserPublic:
    """One's own account, or any for administrators."""
    return UserPublic.of(*accounts.get_user(ctx, user, email))


@router.post("/users/{email}/deactivate", tags=["accounts"], response_model=UserPublic)
def deactivate_user(ctx: Ctx, user: CurrentUser, email: str) -> UserPublic:
    """Stop an account from signing in and end its sessions: for administrators."""
    return UserPublic.of(accounts.deactivate_user(ctx, user, email))


@router.get("/actors/{key}/members", tags=["accounts"], response_model=MembersPublic)
def list_members(ctx: Ctx, user: CurrentUser, key: str) -> MembersPublic:
    return MembersPublic(items=[MemberPublic.of(m) for m in members.list_members(ctx, user, key)])


@router.post(
    "/actors/{key}/members",
    tags=["accounts"],
    response_model=MemberPublic,
    status_code=status.HTTP_201_CREATED,
)
def add_member(ctx: Ctx, user: CurrentUser, key: str, body: MemberCreate) -> MemberPublic:
    """Give an existing user a role for the actor (new users are invited instead)."""
    return MemberPublic.of(members.set_member(ctx, user, key, body.email, body.role))


@router.patch("/actors/{key}/members/{email}", tags=["accounts"], response_model=MemberPublic)
def change_member(
    ctx: Ctx, user: CurrentUser, key: str, email: str, body: MemberUpdate
) -> MemberPublic:
    """Change the role of a user who acts for the actor (404 for one who does not)."""
    return MemberPublic.of(members.change_member(ctx, user, key, email, body.role))


@router.delete(
    "/actors/{key}/members/{email}", tags=["accounts"], status_code=status.HTTP_204_NO_CONTENT
)
def remove_member(ctx: Ctx, user: CurrentUser, key: str, email: str) -> None:
    """Take the user's role away; an actor keeps at least one owner."""
    members.remove_member(ctx, user, key, email)


@router.get("/tokens", tags=["tokens"], response_model=TokensPublic)
def list_tokens(ctx: Ctx, user: CurrentUser) -> TokensPublic:
    """One's own API tokens, revoked ones too (never their secrets)."""
    return TokensPublic(items=[ApiTokenPublic.of(t) for t in api_tokens.list_tokens(ctx, user)])


@router.post(
    "/tokens", tags=["tokens"], response_model=TokenCreated, status_code=status.HTTP_201_CREATED
)
def create_token(ctx: Ctx, user: CurrentUser, body: TokenCreate) -> TokenCreated:
    """A new API token; its secret is in this answer only."""
    token, secret = api_tokens.create_token(ctx, user, body.name, tuple(body.scopes))
    return TokenCreated(**ApiTokenPublic.of(token).model_dump(), token=secret)


@router.delete("/tokens/{token_id}", tags=["tokens"], status_code=status.HTTP_204_NO_CONTENT)
def revoke_token(
    ctx: Ctx, user: CurrentUser, token_id: Annotated[int, Path(ge=1, le=2**31 - 1)]
) -> None:
    api_tokens.revoke_token(ctx, user, token_id)
