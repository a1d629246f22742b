"""Reading and writing files: territories, bundles, exports."""

__all__: list[str] = []
