"""Files attached to posts: what they are (sniffed from their content), their safe name, limits.

A file's type is decided by its first bytes, never by the name the user gave it: PDF, PNG,
JPEG, Office Open XML workbooks and documents (zip packages holding ``xl/`` or ``word/``), and
UTF-8 text (CSV when the name says so). Anything else is refused. The user's name is kept only
as a label, reduced to its last path part with separators, control characters and leading dots
removed, so that it can never name a place on disk.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field

from jejaring.domain.errors import N_, InvalidValue

__all__ = ["ALLOWED_TYPES", "Attachment", "check_size", "safe_name", "sniff"]

PDF, PNG, JPEG = "application/pdf", "image/png", "image/jpeg"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CSV, TEXT = "text/csv", "text/plain"
ALLOWED_TYPES = (PDF, PNG, JPEG, XLSX, DOCX, CSV, TEXT)
_MAX_NAME = 200
_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|]+")


@dataclass(frozen=True, slots=True)
class Attachment:
    """A file attached to a post: its label, sniffed type, size in bytes and SHA-256 digest."""

    name: str
    media_type: str
    size: int
    sha256: str
    id: int | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if self.media_type not in ALLOWED_TYPES:
            raise InvalidValue(N_("{name}: files of type {type} are not accepted"),
                               name=self.name, type=self.media_type)  # fmt: skip
        if not re.fullmatch(r"[0-9a-f]{64}", self.sha256):
            raise InvalidValue(N_("{name}: not a SHA-256 digest"), name=self.name)


def safe_name(name: str) -> str:
    """The label kept for a file named ``name`` by its user: no directories, no odd characters."""
    base = unicodedata.normalize("NFC", name).replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = _UNSAFE.sub("_", base).strip().lstrip(".").strip()
    if len(cleaned) > _MAX_NAME:
        _stem, dot, ext = cleaned.rpartition(".")
        keep = ext if dot and len(ext) <= 10 else ""
        cleaned = cleaned[: _MAX_NAME - len(keep) - 1].rstrip() + ("." + keep if keep else "")
    return cleaned or "file"


def check_size(name: str, size: int, limit: int) -> None:
    """Raise unless a file of ``size`` bytes fits the ``limit``; the message names both."""
    if size > limit:
        raise InvalidValue(
            N_("{name}: the file has {size} bytes, more than the limit of {limit} bytes"),
            name=name, size=size, limit=limit,
        )  # fmt: skip
    if size == 0:
        raise InvalidValue(N_("{name}: the file is empty"), name=name)


def _office(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = set(package.namelist())
    except (zipfile.BadZipFile, ValueError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    if any(n.startswith("xl/") for n in names):
        return XLSX
    if any(n.startswith("word/") for n in names):
        return DOCX
    return None


def _text(name: str, data: bytes) -> str | None:
    if b"\x00" in data:
        return None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return CSV if name.lower().endswith(".csv") else TEXT


def sniff(name: str, data: bytes) -> str:
    """The media type of ``data`` judged by its content; InvalidValue naming ``name`` if refused."""
    found: str | None
    if data.startswith(b"%PDF-"):
        found = PDF
    elif data.startswith(b"\x89PNG\r\n\x1a\n"):
        found = PNG
    elif data.startswith(b"\xff\xd8\xff"):
        found = JPEG
    elif data.startswith(b"PK\x03\x04"):
        found = _office(data)
    else:
        found = _text(name, data)
    if found is None:
        raise InvalidValue(
            N_("{name}: not an accepted kind of file (PDF, PNG, JPEG, XLSX, DOCX, CSV or text)"),
            name=name,
        )
    return found
