"""Random secrets handed out once (tokens, session cookies, tickets) and the hashes kept of them.

The secrets carry 256 random bits, so a plain SHA-256 is enough to keep them: unlike a
password, nobody can guess one to try against a stolen hash.
"""

from __future__ import annotations

import hashlib
import secrets

__all__ = ["new_secret", "secret_hash"]


def new_secret(prefix: str = "") -> tuple[str, str]:
    """A fresh secret (``prefix`` then 43 URL-safe characters) and the hash to store of it."""
    text = prefix + secrets.token_urlsafe(32)
    return text, secret_hash(text)


def secret_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
