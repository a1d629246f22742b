"""Use cases: files attached to posts — checking them, reading one, removing orphaned files.

A file is checked before anything is stored: its size against ``attachment_max_bytes`` and its
type by its content (``domain.attachments``). Its bytes go to a content-addressed folder
(``attachments_dir``; by default beside a SQLite database file) before the post's records
commit, so a failed transaction can leave a file that no record refers to, never a record
without its file; :func:`clean_attachments` removes such files once they are an hour old.
Reading an attachment is reading its post: the same visibility, the same "not found".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from jejaring.domain.accounts import User
from jejaring.domain.attachments import Attachment, check_size, safe_name, sniff
from jejaring.domain.errors import N_, InvalidValue, NotFound
from jejaring.i18n import _
from jejaring.services.access import Forbidden, Operation, allowed, principal
from jejaring.services.bootstrap import Context
from jejaring.services.post_access import visible_post
from jejaring.store.blobs import BlobStore, digest_of

__all__ = [
    "MAX_FILES",
    "NewFile",
    "attachment_file",
    "attachment_root",
    "blob_store",
    "checked_files",
    "clean_attachments",
    "read_attachment",
]

MAX_FILES = 10
_GRACE_S = 3600.0  # a file younger than this may belong to a post being written right now


@dataclass(frozen=True)
class NewFile:
    """A file to attach: the name its user gave it and its bytes."""

    name: str
    data: bytes


def attachment_root(ctx: Context) -> Path:
    """Where attachments are kept: the setting, else beside a SQLite file, else ./."""
    if ctx.settings.attachments_dir is not None:
        return ctx.settings.attachments_dir
    url = ctx.engine.url
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        db = Path(url.database)
        return db.with_name(f"{db.stem}-attachments")
    return Path("jejaring-attachments")


def blob_store(ctx: Context) -> BlobStore:
    return BlobStore(attachment_root(ctx))


def checked_files(files: Sequence[NewFile], limit: int) -> list[tuple[Attachment, bytes]]:
    """Each file's record and bytes; InvalidValue naming the first file that does not pass."""
    if len(files) > MAX_FILES:
        raise InvalidValue(N_("attach: at most {count} files per post"), count=MAX_FILES)
    checked: list[tuple[Attachment, bytes]] = []
    for f in files:
        label = safe_name(f.name)
        check_size(label, len(f.data), limit)
        media = sniff(label, f.data)
        if any(a.name == label for a, _ in checked):
            raise InvalidValue(N_("{name}: a post holds one file of each name"), name=label)
        checked.append((Attachment(label, media, len(f.data), digest_of(f.data)), f.data))
    return checked


def read_attachment(
    ctx: Context, user: User | None, post_id: int, name: str
) -> tuple[Attachment, bytes]:
    """An attachment of a post the user may read, and its bytes."""
    missing = NotFound(N_("post {id} has no attachment '{name}'"), id=post_id, name=name)
    with ctx.reader() as uow:
        visible_post(uow, principal(uow, user), post_id)
        found = uow.attachments.get(post_id, name)
    if found is None:
        raise missing
    try:
        return found, blob_store(ctx).get(found.sha256)
    except NotFound:
        raise missing from None


def attachment_file(
    ctx: Context, user: User | None, post_id: int, sha256: str
) -> tuple[Attachment, Path]:
    """The attachment of a post the user may read whose content has this SHA-256 digest (the
    first by name, when the post holds the same content under two names), and the file that
    holds its bytes, for a caller that streams them."""
    missing = NotFound(N_("post {id} has no attachment '{name}'"), id=post_id, name=sha256)
    with ctx.reader() as uow:
        visible_post(uow, principal(uow, user), post_id)
        held = sorted(uow.attachments.of_posts([post_id]).get(post_id, []), key=lambda a: a.name)
    found = next((a for a in held if a.sha256 == sha256.lower()), None)
    if found is None:
        raise missing
    path = blob_store(ctx).path(found.sha256)
    if not path.is_file():
        raise missing
    return found, path


def clean_attachments(ctx: Context, user: User | None, older_than_s: float = _GRACE_S) -> list[str]:
    """Remove stored files no post refers to any more (administrators); their digests."""
    with ctx.reader() as uow:
        if not allowed(principal(uow, user), Operation.ATTACHMENTS_CLEAN):
            op = Operation.ATTACHMENTS_CLEAN
            raise Forbidden(N_("your role may not {operation}"), operation=_(op.value))
        referenced = uow.attachments.digests()
    return blob_store(ctx).remove_unreferenced(referenced, older_than_s)
