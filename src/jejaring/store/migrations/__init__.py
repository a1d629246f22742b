"""Alembic revisions shipped in the package; ``env.py`` runs them on the caller's connection."""

__all__: list[str] = []
