"""Persistence: tables, migrations, repositories and the unit of work (SQLite or PostgreSQL)."""
