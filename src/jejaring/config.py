"""Typed settings, read from ``JEJARING_*`` environment variables; options override them."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

__all__ = ["DEFAULT_DATABASE_URL", "Settings"]

DEFAULT_DATABASE_URL = "sqlite:///jejaring.db"
_DEV_SECRET = "development-only-secret-change-me"


class Settings(BaseSettings):
    """Everything the composition root needs to build the application."""

    model_config = SettingsConfigDict(env_prefix="JEJARING_", extra="ignore")

    database_url: str = DEFAULT_DATABASE_URL
    environment: str = "development"
    secret_key: str = _DEV_SECRET
    locale: str = "id"
    sqlite_busy_timeout_ms: int = 30_000
    # Posts' attached files, named by their SHA-256 digest. None: beside a SQLite database
    # file ("<name>-attachments"), else "jejaring-attachments" in the working directory.
    attachments_dir: Path | None = None
    attachment_max_bytes: int = 10 * 1024 * 1024

    @field_validator("attachment_max_bytes")
    @classmethod
    def _positive_limit(cls, value: int) -> int:
        if value <= 0:
            raise ValueError("JEJARING_ATTACHMENT_MAX_BYTES must be a positive number of bytes")
        return value

    # Accounts (docs/accounts.md): browser sessions, request bodies, and the mail that carries
    # invitations and password resets. Without an SMTP host, mail is written to the log.
    session_lifetime_s: int = 12 * 3600
    max_body_bytes: int = 1024 * 1024
    max_upload_bytes: int = 256 * 1024 * 1024  # a bundle or a CSV of answers: POST only
    public_url: str = "http://localhost:8000"
    smtp_host: str = ""
    smtp_port: int = 587
    smtp_username: str = ""
    smtp_password: str = ""
    smtp_sender: str = "jejaring@localhost"
    smtp_starttls: bool = True

    # Threads of each server process answering requests at once (AnyIO's default is 40): past
    # a few, they only take the GIL from each other, and on SQLite the write lock's holder
    # waits for the GIL after each statement (docs/api.md, "Under load").
    worker_threads: Annotated[int, Field(ge=1, le=256)] = 8

    # Answers the API keeps between requests while what they read is unchanged (docs/api.md);
    # 0 keeps none.
    read_cache_size: int = 4096

    # PSI jobs (docs/matching.md) make this server send requests to the URL a user gives: only
    # to these hosts (names or addresses, as written in the URL), lest a user aim it at the
    # services of its network. A comma-separated list in JEJARING_PSI_ALLOWED_HOSTS.
    psi_allowed_hosts: Annotated[tuple[str, ...], NoDecode] = ("127.0.0.1", "localhost", "::1")

    @field_validator("psi_allowed_hosts", mode="before")
    @classmethod
    def _host_list(cls, value: object) -> object:
        if isinstance(value, str):
            value = value.split(",")
        if isinstance(value, list | tuple):
            hosts = tuple(str(h).strip().strip("[]").lower() for h in value)
            return tuple(h for h in hosts if h)
        return value

    @field_validator("locale")
    @classmethod
    def _known_locale(cls, value: str) -> str:
        if value not in ("id", "en"):
            raise ValueError("JEJARING_LOCALE must be 'id' or 'en'")
        return value

    @model_validator(mode="after")
    def _refuse_unsafe_secret(self) -> Settings:
        if self.environment != "development" and self.secret_key == _DEV_SECRET:
            raise ValueError("JEJARING_SECRET_KEY must be set outside development")
        return self
