"""Use cases: each opens one transaction, decides who may see what, and returns plain values."""

__all__: list[str] = []
