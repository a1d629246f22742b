"""Any valid actor or customer reads back equal, on SQLite and PostgreSQL (Hypothesis)."""

from __future__ import annotations

from hypothesis import HealthCheck, find, given, reject, settings
from hypothesis import strategies as st

from jejaring.domain.actors import Actor, ActorKind, Visibility
from jejaring.domain.customers import Customer, CustomerStatus
from jejaring.domain.errors import InvalidValue
from jejaring.services.bootstrap import Context

# Text as people type it, in any script; surrogates cannot be encoded at all.
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
KEYS = TEXT.filter(lambda k: k.strip() and not set(";,\t\r\n") & set(k))
CODES = st.sampled_from(["ID", "32", "32.04", "33", "31"])
AMOUNTS = st.none() | st.floats(min_value=0, max_value=1e15, allow_nan=False)

# Each example commits to the test's own database and removes what it wrote; the database
# is the fixture's, so Hypothesis is told that reusing it across examples is intended.
DB = settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _actor(draw: st.DrawFn) -> Actor | None:
    try:
        return Actor(
            draw(KEYS),
            draw(TEXT),
            draw(st.sampled_from(ActorKind)),
            tuple(draw(st.lists(TEXT.filter(str.strip), max_size=3))),
            draw(st.none() | CODES),
            tuple(draw(st.lists(CODES, max_size=4))),
            draw(TEXT),
            draw(st.sampled_from(Visibility)),
        )
    except InvalidValue:
        return None


@st.composite
def actors(draw: st.DrawFn) -> Actor:
    found = _actor(draw)
    if found is None:
        reject()  # the domain refused the drawn values: not a valid actor
    return found


@DB
@given(a=actors())
def test_any_valid_actor_reads_back_equal(ctx: Context, a: Actor) -> None:
    with ctx.uow() as uow:
        uow.actors.save(a)
        uow.commit()
    try:
        with ctx.uow() as uow:
            assert uow.actors.get(a.key) == a
    finally:
        with ctx.uow() as uow:
            uow.actors.delete(a.key)
            uow.commit()


@DB
@given(
    key=KEYS,
    name=TEXT.filter(str.strip),
    status=st.sampled_from(CustomerStatus),
    email=st.none() | st.emails(),
    phone=st.none() | st.from_regex(r"\+62 ?[0-9]{2,4}[ -]?[0-9]{5,8}", fullmatch=True),
    segment=st.none() | TEXT,
    value=AMOUNTS,
)
def test_any_valid_customer_reads_back_equal(
    ctx: Context,
    key: str,
    name: str,
    status: CustomerStatus,
    email: str | None,
    phone: str | None,
    segment: str | None,
    value: float | None,
) -> None:
    try:
        c = Customer("owner", key, name, status, email, phone, None, "32.04", segment, value)
    except InvalidValue:
        reject()
    with ctx.uow() as uow:
        uow.actors.save(Actor("owner", "Owner", ActorKind.COMPANY))
        uow.customers.save(c)
        uow.commit()
    with ctx.uow() as uow:
        assert uow.customers.get("owner", c.key) == c
        uow.customers.delete("owner", c.key)
        uow.commit()


def test_the_strategies_make_valid_objects() -> None:
    # Guards the property tests: a strategy that always fails would make them vacuous.
    assert find(actors(), lambda a: len(a.sectors) >= 2 and len(a.coverage) >= 2)
