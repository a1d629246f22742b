"""``create_app(settings)``: the FastAPI application; nothing connects until a request needs it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from anyio import to_thread
from fastapi import FastAPI
from fastapi.responses import RedirectResponse

from jejaring import __version__
from jejaring.api import problems
from jejaring.api.kept import KeptFront
from jejaring.api.language import Language
from jejaring.api.post_upload import upload_limit
from jejaring.api.routers import (
    accounts,
    actors,
    analyses,
    assessments,
    auth,
    bookings,
    cooperations,
    customers,
    jobs,
    meta,
    partners,
    posts,
    projects,
    psi_jobs,
    referrals,
    resources,
    sharing,
    territories,
    ties,
    webhooks,
)
from jejaring.api.routers import capability as capability_routes
from jejaring.api.security import BodyLimit, SecurityHeaders
from jejaring.config import Settings
from jejaring.services.bootstrap import Context, bootstrap
from jejaring.services.jobs import JobRunner

__all__ = ["API_PREFIX", "create_app"]

API_PREFIX = "/api/v1"


def create_app(settings: Settings | None = None, *, context: Context | None = None) -> FastAPI:
    """The API (and, later, the pages) for one database."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        threads = app.state.context.settings.worker_threads
        to_thread.current_default_thread_limiter().total_tokens = threads
        yield
        # Jobs under way finish before the process goes: a job left running stays so.
        app.state.jobs.shutdown()
        # An app may be started again (a test client opened twice): its jobs then need a runner.
        app.state.jobs = JobRunner()

    app = FastAPI(
        lifespan=lifespan,
        title="Jejaring API",
        version=__version__,
        summary="Networks sharing cooperation (kerjasama berbagi jejaring).",
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url="/api/docs",
        redoc_url=None,
    )
    app.state.context = context or bootstrap(settings or Settings())
    app.state.jobs = JobRunner()
    problems.install(app)

    # Outermost last: the headers go on every answer, the 413 included.
    app.add_middleware(Language)
    app.add_middleware(KeptFront, context=app.state.context)
    limits = app.state.context.settings
    uploads = {f"{API_PREFIX}/{p}": limits.max_upload_bytes for p in ("imports", "assessments")}
    uploads[f"{API_PREFIX}/posts"] = upload_limit(limits)  # a post and its attached files
    app.add_middleware(BodyLimit, limit=limits.max_body_bytes, uploads=uploads)
    app.add_middleware(SecurityHeaders, docs_path="/api/docs")

    # Matched in this order, each route tried in turn until one fits (14 % of a post's CPU
    # went to trying the routes before its own): those asked most often under load first.
    routers = (
        posts, bookings, capability_routes, sharing, partners, actors,
        meta, auth, accounts, territories, assessments, analyses,
        ties, customers, cooperations, resources, projects, referrals, jobs,
        webhooks, psi_jobs,
    )  # fmt: skip
    for router in (module.router for module in routers):
        # Any route may answer with these problems; declared once here rather than per route.
        app.include_router(router, prefix=API_PREFIX, responses=problems.RESPONSES)

    @app.get("/", include_in_schema=False)
    def _home() -> RedirectResponse:
        # Until the web pages exist, the API's documentation is the front door.
        return RedirectResponse("/api/docs")

    return app
