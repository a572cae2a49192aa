"""A sequence whose items are made when first read: listings of thousands that show forty."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TypeVar, overload

T = TypeVar("T")


class MadeOnRead(Sequence[T]):
    """Item ``i`` is made by :meth:`_make` the first time it is read, then kept.

    Subclasses give ``__len__`` and ``_make``; ``_keep`` bounds how many made items are kept
    (None: all of them). Slicing gives a plain list; equality is a list's.
    """

    _keep: int | None = None

    def __init__(self) -> None:
        self._made: dict[int, T] = {}

    def _make(self, index: int) -> T:
        """Make item ``index`` (0 <= index < len)."""
        raise NotImplementedError

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> list[T]: ...

    def __getitem__(self, index: int | slice) -> T | list[T]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        item = self._made.get(index)
        if item is None:
            if not 0 <= index < len(self):
                raise IndexError(f"{type(self).__name__} index out of range")
            if self._keep is not None and len(self._made) >= self._keep:
                self._made.clear()
            item = self._made[index] = self._make(index)
        return item

    def __iter__(self) -> Iterator[T]:
        return (self[i] for i in range(len(self)))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence) and not isinstance(other, str):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]
