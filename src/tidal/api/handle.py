"""Element handles: what every ``st.*`` element function returns.

Owns ``ElementHandle``, Streamlit's ``DeltaGenerator`` in spirit. A handle is a place in the
page: a container to write into (``with col:`` / ``col.button(...)``) or the slot of one
element, where writing replaces that element (``x = st.text("a"); x.text("b")``, or an
``st.empty()`` placeholder). Knows nothing about what the elements are.
"""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType
from typing import Any

from tidal.context import API, RunContext, get_run
from tidal.families import LAZY, load
from tidal.tree import Block, Node


class ElementHandle:
    """A place on the page: enter it with ``with`` or call ``st.*`` functions on it.

    Example:
        >>> left, right = st.columns(2)
        >>> with left:
        ...     st.write("on the left")
        >>> right.button("on the right")
        >>> note = st.text("working...")
        >>> note.text("done")  # replaces the text in place
    """

    # "__dict__": packages keep their own attributes on a handle, as on Streamlit's
    # DeltaGenerator (streamlit-extras' stateful_chat keeps the history on its container)
    __slots__ = ("__dict__", "_block", "_ctx")

    def __init__(self, ctx: RunContext, block: Block) -> None:
        self._ctx = ctx
        self._block = block

    def __enter__(self) -> ElementHandle:
        self._ctx.blocks.append(self._block)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._ctx.blocks.pop()

    def __getattr__(self, name: str) -> Callable[..., Any]:
        fn: Callable[..., Any] | None = API.get(name)
        if fn is None and name in LAZY:  # a family not loaded yet (col.dataframe(...))
            fn = load(name)
        if fn is None or not callable(fn):
            raise AttributeError(f"{type(self).__name__} has no attribute {name!r}")
        ctx, block = self._ctx, self._block

        def call_inside(*args: Any, **kwargs: Any) -> Any:
            with ctx.inside(block):
                return fn(*args, **kwargs)

        call_inside.__name__ = name
        return call_inside

    def __repr__(self) -> str:
        return f"ElementHandle({self._block.node.type!r}, path={list(self._block.path)})"


def add_element(
    type_: str,
    props: dict[str, Any],
    *,
    container: bool = False,
    value: Any = None,
    extra: Any = None,
) -> ElementHandle:
    """Add an element to the current block of the calling run and return its handle."""
    ctx = get_run()
    node = Node(type_, props, container=container, value=value, extra=extra)
    return ElementHandle(ctx, ctx.add(node))
