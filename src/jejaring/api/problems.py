"""Errors as RFC 9457 problem details, translated into the request's language."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from jejaring.domain.errors import N_, DomainError, InvalidValue, NotFound, RuleViolation
from jejaring.i18n import _, message
from jejaring.services.access import Forbidden
from jejaring.services.bookings import CapacityRefused
from jejaring.services.sessions import NotAuthenticated
from jejaring.services.throttle import TooManyAttempts
from jejaring.store.errors import Conflict, SchemaOutOfDate, StoreError

__all__ = ["install", "problem", "problem_body"]

_STATUS: list[tuple[type[DomainError], int, str]] = [
    (NotFound, 404, N_("Not found")),
    (NotAuthenticated, 401, N_("Not signed in")),
    (TooManyAttempts, 429, N_("Too many attempts")),
    (Forbidden, 403, N_("Forbidden")),
    (InvalidValue, 422, N_("Invalid value")),
    (Conflict, 409, N_("Conflict")),
    (RuleViolation, 409, N_("Not allowed now")),
    (SchemaOutOfDate, 503, N_("Database not ready")),
    (StoreError, 503, N_("Database unavailable")),
]


def problem_body(status: int, title: str, detail: str, path: str, **extra: Any) -> dict[str, Any]:
    return {
        "type": "about:blank",
        "title": title,
        "status": status,
        "detail": detail,
        "instance": path,
        **extra,
    }


def problem(
    status: int,
    title: str,
    detail: str,
    request: Request,
    *,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> JSONResponse:
    body = problem_body(status, title, detail, request.url.path, **extra)
    sent = {"WWW-Authenticate": "Bearer"} if status == 401 else {}
    return JSONResponse(
        body,
        status_code=status,
        media_type="application/problem+json",
        headers=sent | (headers or {}),
    )


def _extra(error: DomainError) -> dict[str, Any]:
    """Members a client acts on without parsing the detail."""
    if isinstance(error, CapacityRefused):
        return {"free": error.params["free"], "booking": error.booking}
    return {}


async def _domain(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, DomainError)
    headers = {}
    if isinstance(error, TooManyAttempts):
        headers["Retry-After"] = str(error.retry_after)
    for kind, status, title in _STATUS:
        if isinstance(error, kind):
            return problem(
                status, _(title), message(error), request, headers=headers, **_extra(error)
            )
    return problem(400, _("Bad request"), message(error), request)


async def _validation(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    errors = [
        {"location": ".".join(str(p) for p in e.get("loc", ())), "reason": e.get("msg", "")}
        for e in error.errors()
    ]
    detail = "; ".join(f"{e['location']}: {e['reason']}" for e in errors)
    return problem(422, _("Invalid request"), detail, request, errors=errors)


async def _http(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, HTTPException)
    headers = dict(error.headers or {})
    return problem(
        error.status_code, str(error.detail), str(error.detail), request, headers=headers
    )


def install(app: FastAPI) -> None:
    app.add_exception_handler(DomainError, _domain)
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(HTTPException, _http)
