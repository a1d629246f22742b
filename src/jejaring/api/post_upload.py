"""Reading a new post from a request: JSON, or ``multipart/form-data`` carrying files.

One route takes both, so that a post without files is plain JSON like every other write, and
a post with files is one request (the service stores files and post in one go). The multipart
form's ``post`` part holds the same JSON; each ``files`` part is one file. A file's size is
checked before its bytes are read; the body as a whole is bounded by ``BodyLimit``
(``upload_limit`` gives the bound for this path).
"""

from __future__ import annotations

from typing import Any

from fastapi import HTTPException, Request
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError
from starlette.datastructures import UploadFile

from jejaring.api.schemas.posts import PostCreate
from jejaring.config import Settings
from jejaring.domain.attachments import check_size, safe_name
from jejaring.i18n import _
from jejaring.services.attachment_files import MAX_FILES, NewFile

__all__ = ["CREATE_BODY", "read_post", "upload_limit"]

_MULTIPART, _JSON = "multipart/form-data", "application/json"


def upload_limit(settings: Settings) -> int:
    """The largest body a new post may have: every file at its largest, and the post."""
    return MAX_FILES * settings.attachment_max_bytes + settings.max_body_bytes


def _inlined(schema: dict[str, Any]) -> dict[str, Any]:
    # The request body is described by hand (one route, two media types), so the model's
    # local definitions are inlined: "#/$defs/..." would point into the whole document.
    definitions = schema.pop("$defs", {})

    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref", "")
            if ref.startswith("#/$defs/"):
                return walk(definitions[ref.removeprefix("#/$defs/")])
            return {k: walk(v) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v) for v in node]
        return node

    inlined: dict[str, Any] = walk(schema)
    return inlined


_POST_SCHEMA = _inlined(PostCreate.model_json_schema())
CREATE_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            _JSON: {"schema": _POST_SCHEMA},
            _MULTIPART: {
                "schema": {
                    "type": "object",
                    "required": ["post"],
                    "properties": {
                        "post": _POST_SCHEMA,
                        "files": {
                            "type": "array",
                            "maxItems": MAX_FILES,
                            "items": {"type": "string", "format": "binary"},
                        },
                    },
                },
                "encoding": {"post": {"contentType": _JSON}},
            },
        },
    }
}


def _parsed(text: str | bytes, *where: str) -> PostCreate:
    try:
        return PostCreate.model_validate_json(text)
    except ValidationError as error:
        raise RequestValidationError(
            [{**e, "loc": ("body", *where, *e["loc"])} for e in error.errors()]
        ) from None


def _invalid(location: tuple[str, ...], reason: str) -> RequestValidationError:
    return RequestValidationError([{"loc": location, "msg": reason, "type": "value_error"}])


async def _post_part(part: str | UploadFile | None, settings: Settings) -> PostCreate:
    if part is None:
        raise _invalid(("body", "post"), _("the post's JSON is missing"))
    if isinstance(part, str):
        return _parsed(part, "post")
    # Sent as a file (curl -F 'post=@post.json'): bounded like any JSON body.
    if part.size is not None and part.size > settings.max_body_bytes:
        raise _invalid(("body", "post"), _("the post's JSON is too large"))
    return _parsed(await part.read(), "post")


async def _multipart(request: Request, settings: Settings) -> tuple[PostCreate, list[NewFile]]:
    # One file more than allowed reaches the service, which refuses it with its own message.
    form = await request.form(max_files=MAX_FILES + 1, max_fields=MAX_FILES + 2)
    try:
        body = await _post_part(form.get("post"), settings)
        files: list[NewFile] = []
        for number, part in enumerate(form.getlist("files")):
            if not isinstance(part, UploadFile):
                raise _invalid(("body", "files", str(number)), _("each part must be a file"))
            name = part.filename or "file"
            # Refuse a large file before reading it into memory; the service checks again.
            check_size(safe_name(name), part.size or 0, settings.attachment_max_bytes)
            files.append(NewFile(name, await part.read()))
        return body, files
    finally:
        await form.close()


async def read_post(request: Request, settings: Settings) -> tuple[PostCreate, list[NewFile]]:
    """The post and its files; 422 for a bad post or part, 415 for another kind of body."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == _MULTIPART:
        return await _multipart(request, settings)
    if kind != _JSON:
        raise HTTPException(
            415, _("send the post as {json}, or as {multipart} with files").format(
                json=_JSON, multipart=_MULTIPART
            ),
        )  # fmt: skip
    data = await request.body()
    if len(data) > settings.max_body_bytes:
        detail = _("the request body is larger than {limit} bytes")
        raise HTTPException(413, detail.format(limit=settings.max_body_bytes))
    return _parsed(data), []
