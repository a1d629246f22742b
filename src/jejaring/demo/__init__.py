"""A realistic, deterministic demo community on Indonesia's territories (``jejaring demo``).

:func:`jejaring.demo.community.generate` builds the community as frames (no database);
:func:`jejaring.demo.run.run_demo` writes it and creates the sign-in accounts. See docs/demo.md.
"""

__all__: list[str] = []
