"""Plain entities, value objects and rules; standard library only, no I/O."""

__all__: list[str] = []
