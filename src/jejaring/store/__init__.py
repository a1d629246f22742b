"""Persistence: tables, migrations, repositories and the unit of work (SQLite or PostgreSQL)."""

__all__: list[str] = []
