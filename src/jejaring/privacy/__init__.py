"""Customer-record matching and private set intersection (DESIGN §6).

:mod:`jejaring.privacy.normalise` puts each field in one canonical form,
:mod:`jejaring.privacy.keys` turns a list into its exact keys, :mod:`jejaring.privacy.matching`
matches two lists (exact keys, then fuzzy names within a regency) and
:mod:`jejaring.privacy.psi` runs ECDH private set intersection on the exact keys.
"""

__all__: list[str] = []
