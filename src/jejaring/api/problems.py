"""Errors as RFC 9457 problem details, translated into the request's language."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from jejaring.domain.errors import DomainError, InvalidValue, NotFound, RuleViolation
from jejaring.i18n import _, message
from jejaring.services.access import Forbidden
from jejaring.services.bookings import CapacityRefused
from jejaring.services.sessions import NotAuthenticated
from jejaring.store.errors import Conflict, SchemaOutOfDate, StoreError

__all__ = ["install", "problem"]

_STATUS: list[tuple[type[DomainError], int, str]] = [
    (NotFound, 404, "Not found"),
    (NotAuthenticated, 401, "Not signed in"),
    (Forbidden, 403, "Forbidden"),
    (InvalidValue, 422, "Invalid value"),
    (Conflict, 409, "Conflict"),
    (RuleViolation, 409, "Not allowed now"),
    (SchemaOutOfDate, 503, "Database not ready"),
    (StoreError, 503, "Database unavailable"),
]


def problem(status: int, title: str, detail: str, request: Request, **extra: Any) -> JSONResponse:
    body = {
        "type": "about:blank",
        "title": title,
        "status": status,
        "detail": detail,
        "instance": request.url.path,
        **extra,
    }
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse(
        body, status_code=status, media_type="application/problem+json", headers=headers
    )


def _extra(error: DomainError) -> dict[str, Any]:
    """Members a client acts on without parsing the detail."""
    if isinstance(error, CapacityRefused):
        return {"free": error.params["free"], "booking": error.booking}
    return {}


async def _domain(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, DomainError)
    for kind, status, title in _STATUS:
        if isinstance(error, kind):
            return problem(status, _(title), message(error), request, **_extra(error))
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
    return problem(error.status_code, str(error.detail), str(error.detail), request)


def install(app: FastAPI) -> None:
    app.add_exception_handler(DomainError, _domain)
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(HTTPException, _http)
