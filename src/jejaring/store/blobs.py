"""Files kept on disk under their SHA-256 digest: written once, atomically, never by a user's name.

A file's path is ``ROOT/ab/cd/abcd...`` from its digest alone, so no name a user gives can
reach outside ``ROOT``. Writing goes to a temporary file in the same folder, flushed to disk,
then renamed into place: a reader never sees half a file. The same content is stored once.
Files no record refers to (left by a transaction that failed after the write, or by posts
deleted since) are removed by :meth:`BlobStore.remove_unreferenced`.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import time
from collections.abc import Collection
from pathlib import Path

from jejaring.domain.errors import N_, NotFound

__all__ = ["BlobStore", "digest_of"]

_DIGEST = re.compile(r"[0-9a-f]{64}")


def digest_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class BlobStore:
    """Content-addressed files under ``root`` (created when first written to)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, digest: str) -> Path:
        if not _DIGEST.fullmatch(digest):
            raise NotFound(N_("file {digest} not found"), digest=digest)
        return self.root / digest[:2] / digest[2:4] / digest

    def put(self, data: bytes) -> str:
        """Store ``data`` (once) and return its digest."""
        digest = digest_of(data)
        target = self.path(digest)
        if target.exists():
            # Refreshed, so that a clean-up racing this write sees a young file and keeps it.
            os.utime(target)
            return digest
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return digest

    def get(self, digest: str) -> bytes:
        """The stored bytes; NotFound when the file is gone or no longer matches its digest."""
        try:
            data = self.path(digest).read_bytes()
        except FileNotFoundError:
            raise NotFound(N_("file {digest} not found"), digest=digest) from None
        if digest_of(data) != digest:
            raise NotFound(N_("file {digest} not found"), digest=digest)
        return data

    def remove_unreferenced(self, referenced: Collection[str], older_than_s: float) -> list[str]:
        """Remove stored files not in ``referenced`` and older than ``older_than_s`` seconds.

        The age guards a post being written right now: its file is on disk before its record
        commits. Returns the digests removed, sorted.
        """
        if not self.root.is_dir():
            return []
        keep, cutoff, removed = set(referenced), time.time() - older_than_s, []
        for path in self.root.glob("*/*/*"):
            name = path.name
            stale = path.stat().st_mtime < cutoff
            if stale and (
                name.startswith(".incoming-") or (_DIGEST.fullmatch(name) and name not in keep)
            ):
                path.unlink(missing_ok=True)
                if not name.startswith("."):
                    removed.append(name)
        return sorted(removed)
