"""Shapes shared by every resource."""

from __future__ import annotations

from pydantic import BaseModel, Field

__all__ = ["Health"]


class Health(BaseModel):
    """The service answers and knows its database's schema state."""

    status: str = Field(examples=["ok"])
    version: str
    database: str = Field(description="'ready', or 'not initialised' until `jejaring init`")
