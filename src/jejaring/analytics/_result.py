"""Results keyed by actor key: a read-only mapping over a NumPy column.

Values come out as Python ``float``/``int`` (``None`` where undefined), never NumPy scalars,
while whole-column consumers read ``.array`` without a per-actor loop.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import numpy as np
from numpy.typing import NDArray

__all__ = ["ActorFloats", "ActorInts"]


class _ActorValues(Mapping[str, Any]):
    def __init__(self, keys: list[str], array: NDArray[Any]) -> None:
        if len(keys) != array.shape[0]:
            raise ValueError("one value per actor is needed")
        self.keys_list = keys
        self.array = array
        self._index: dict[str, int] | None = None

    def _position(self, key: str) -> int:
        if self._index is None:
            self._index = {k: i for i, k in enumerate(self.keys_list)}
        return self._index[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.keys_list)

    def __len__(self) -> int:
        return len(self.keys_list)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({dict(self)!r})"


class ActorFloats(_ActorValues):
    """Actor key -> float, or ``None`` where the measure is undefined (stored as NaN)."""

    def __getitem__(self, key: str) -> float | None:
        value = float(self.array[self._position(key)])
        return None if np.isnan(value) else value

    def to_list(self) -> list[float | None]:
        """The values in actor-key order."""
        return [None if v != v else v for v in self.array.tolist()]


class ActorInts(_ActorValues):
    """Actor key -> int."""

    def __getitem__(self, key: str) -> int:
        return int(self.array[self._position(key)])

    def to_list(self) -> list[int]:
        return [int(v) for v in self.array.tolist()]
