"""The unit of work: one transaction, the repositories that work inside it, errors translated."""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from jejaring.store.repositories import (
    ActivityRepository,
    ActorRepository,
    AnalysisRepository,
    AssessmentRepository,
    AttachmentRepository,
    AuditRepository,
    BookingRepository,
    CooperationRepository,
    CredentialRepository,
    CustomerRepository,
    ForwardRepository,
    JobRepository,
    PostRepository,
    PostSearchRepository,
    ProjectRepository,
    ReferralRepository,
    ResourceRepository,
    TerritoryRepository,
    TieRepository,
    TieTypeRepository,
    UserRepository,
    WebhookRepository,
)
from jejaring.store.repositories.base import translate_errors

__all__ = ["SessionFactory", "UnitOfWork", "session_factory", "translate_errors"]

SessionFactory = Callable[[], Session]


def session_factory(engine: Engine) -> SessionFactory:
    """Sessions on ``engine`` that keep loaded values after commit."""
    return sessionmaker(engine, expire_on_commit=False)


class UnitOfWork:
    """``with uow: ...; uow.commit()`` — anything not committed is rolled back on exit."""

    session: Session

    def __init__(self, factory: SessionFactory, *, read_only: bool = False) -> None:
        self._factory = factory
        self.read_only = read_only

    def __enter__(self) -> UnitOfWork:
        self.session = self._factory()
        s = self.session
        self.territories = TerritoryRepository(s)
        self.tie_types = TieTypeRepository(s)
        self.actors = ActorRepository(s)
        self.ties = TieRepository(s)
        self.customers = CustomerRepository(s)
        self.cooperations = CooperationRepository(s)
        self.resources = ResourceRepository(s)
        self.bookings = BookingRepository(s)
        self.projects = ProjectRepository(s)
        self.posts = PostRepository(s)
        self.post_search = PostSearchRepository(s)
        self.attachments = AttachmentRepository(s)
        self.forwards = ForwardRepository(s)
        self.referrals = ReferralRepository(s)
        self.assessments = AssessmentRepository(s)
        self.users = UserRepository(s)
        self.credentials = CredentialRepository(s)
        self.audit = AuditRepository(s)
        self.analyses = AnalysisRepository(s)
        self.activity = ActivityRepository(s)
        self.jobs = JobRepository(s)
        self.webhooks = WebhookRepository(s)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.session.rollback()
        self.session.close()
        if isinstance(exc, DBAPIError):
            # Raised by a read (writes are translated where they flush or commit): translated
            # too, so that a value the database refuses, such as a NUL character in PostgreSQL
            # text, is the caller's error and not the server's.
            with translate_errors():
                raise exc

    def flush(self) -> None:
        """Send pending writes (to learn ids) without ending the transaction."""
        with translate_errors():
            self.session.flush()

    def commit(self) -> None:
        """Make every write of this unit durable at once."""
        if self.read_only:
            raise RuntimeError("a reader's unit of work cannot commit")
        with translate_errors():
            self.session.commit()

    def rollback(self) -> None:
        """Forget every write of this unit."""
        self.session.rollback()
