"""Errors as RFC 9457 problem details, translated into the request's language.

:data:`RESPONSES` declares them in the OpenAPI document for every route at once (the app
includes each router with it); :func:`declared` gives a route's own description of one.
"""

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

__all__ = ["PROBLEM_SCHEMA", "RESPONSES", "declared", "install", "problem", "problem_body"]

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


_MEDIA_TYPE, _REF = "application/problem+json", "#/components/schemas/Problem"
PROBLEM_SCHEMA: dict[str, Any] = {
    "title": "Problem",
    "description": "RFC 9457 problem details; some problems carry more members.",
    "type": "object",
    "required": ["type", "title", "status", "detail", "instance"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
        "errors": {
            "description": "Each invalid part of the request (422 of a malformed request)",
            "type": "array",
            "items": {
                "type": "object",
                "required": ["location", "reason"],
                "properties": {"location": {"type": "string"}, "reason": {"type": "string"}},
            },
        },
    },
}


def declared(description: str) -> dict[str, Any]:
    """An OpenAPI response answered with a problem, described as ``description``."""
    return {"description": description, "content": {_MEDIA_TYPE: {"schema": {"$ref": _REF}}}}


RESPONSES: dict[int | str, dict[str, Any]] = {
    400: declared("Bad request"),
    401: declared("Not signed in (no valid token or session)"),
    403: declared("Forbidden: signed in, but not allowed this"),
    404: declared("Not found, or not visible to the signed-in user"),
    409: declared("Conflict with the stored state, or not allowed now"),
    413: declared("Request body too large"),
    422: declared("Invalid request or value (``errors`` names each invalid part)"),
    503: declared("Database unavailable or not ready"),
}


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
        media_type=_MEDIA_TYPE,
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
    """Answer errors with problems, and put the problem's schema in the OpenAPI document."""
    app.add_exception_handler(DomainError, _domain)
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(HTTPException, _http)
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            components = generate().setdefault("components", {})
            components.setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
        return app.openapi_schema or {}

    app.openapi = openapi  # type: ignore[method-assign]
