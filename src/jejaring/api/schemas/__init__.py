"""Request and response shapes, one module per resource (``XPublic``, ``XsPublic`` lists)."""

__all__: list[str] = []
