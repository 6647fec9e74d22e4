"""What every query returns: ``ElementList`` (and ``WidgetList``) of elements, ``BlockList``
of blocks, with Streamlit's names.

Indexable (a slice gives a list of the same kind), ``len()``-able and ``.len``, iterable,
callable with a user key (``at.slider(key="size")``), equal to a plain list of the same
items. Knows nothing about what is inside.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, Generic, TypeVar, overload

E = TypeVar("E")


class _Items(Generic[E]):
    """The shared sequence behaviour."""

    __slots__ = ("_items",)

    def __init__(self, items: Sequence[E]) -> None:
        self._items: list[E] = list(items)

    def __len__(self) -> int:
        return len(self._items)

    @property
    def len(self) -> int:
        """How many items (same as ``len()``)."""
        return len(self._items)

    def __iter__(self) -> Iterator[E]:
        return iter(self._items)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, _Items):
            return self._items == other._items
        return self._items == other

    def __hash__(self) -> int:
        return hash(tuple(id(i) for i in self._items))

    def __call__(self, key: str) -> E:
        """The first item with this user key.

        Raises:
            KeyError: no item has it.
        """
        for item in self._items:
            if getattr(item, "key", None) == key:
                return item
        raise KeyError(key)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._items!r})"


class ElementList(_Items[E]):
    """Elements of one kind in page order.

    Example:
        >>> at.text_input(key="name").input("Ada").run()
        >>> at.markdown.values
        ['Hello, Ada']
    """

    __slots__ = ()

    @overload
    def __getitem__(self, i: int) -> E: ...
    @overload
    def __getitem__(self, i: slice) -> ElementList[E]: ...
    def __getitem__(self, i: int | slice) -> E | ElementList[E]:
        if isinstance(i, slice):
            return type(self)(self._items[i])
        return self._items[i]

    @property
    def values(self) -> list[Any]:
        """Every element's ``value``."""
        return [getattr(item, "value", None) for item in self._items]


class WidgetList(ElementList[E]):
    """An ``ElementList`` of widgets (Streamlit's name for the widget queries' lists)."""

    __slots__ = ()


class BlockList(_Items[E]):
    """Blocks of one kind (columns, tabs, expanders...) in page order."""

    __slots__ = ()

    @overload
    def __getitem__(self, i: int) -> E: ...
    @overload
    def __getitem__(self, i: slice) -> BlockList[E]: ...
    def __getitem__(self, i: int | slice) -> E | BlockList[E]:
        if isinstance(i, slice):
            return BlockList(self._items[i])
        return self._items[i]
