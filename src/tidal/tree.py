"""The element tree a run builds: nodes, blocks (where the next element goes) and paths.

Owns ``Node`` (an element or a container) and ``Block`` (a container plus the path to it).
Knows nothing about the wire, widgets' semantics or session state.
"""

from __future__ import annotations

from typing import Any

Path = tuple[int, ...]

MAIN, SIDEBAR, BOTTOM = 0, 1, 2
ROOT_NAMES = ("main", "sidebar", "bottom")
"""The roots: the main area, the sidebar, and the bar pinned below the main area (where a
``st.chat_input`` called in the main area goes, as in Streamlit)."""


class Node:
    """One element. ``children`` is a list for containers and None for leaves.

    ``props`` is what the browser receives; ``value`` and ``extra`` stay on the server
    (the widget's Python value and what the test harness needs, such as the options).
    """

    __slots__ = ("children", "extra", "props", "type", "value")

    def __init__(
        self,
        type: str,
        props: dict[str, Any],
        *,
        container: bool = False,
        value: Any = None,
        extra: Any = None,
    ) -> None:
        self.type = type
        self.props = props
        self.children: list[Node] | None = [] if container else None
        self.value = value
        self.extra = extra

    def __repr__(self) -> str:
        return f"Node({self.type!r}, {self.props!r})"


def new_roots() -> list[Node]:
    """Fresh roots: the main area, the sidebar and the bottom bar."""
    return [
        Node("main", {}, container=True),
        Node("sidebar", {}, container=True),
        Node("bottom", {}, container=True),
    ]


def node_at(roots: list[Node], path: Path) -> Node:
    """The node at ``path`` (IndexError if there is none)."""
    node = roots[path[0]]
    for i in path[1:]:
        assert node.children is not None
        node = node.children[i]
    return node


class Block:
    """A place elements go: a container node, its path and the form it belongs to.

    A block with a ``parent`` is a *slot*: the place of one element (an element handle, an
    ``st.empty`` placeholder). Adding to a slot replaces the element at ``path`` (a child of
    ``parent``) instead of appending to ``node``.
    """

    __slots__ = ("form", "node", "parent", "path")

    def __init__(self, node: Node, path: Path, form: str = "", parent: Node | None = None) -> None:
        self.node = node
        self.path = path
        self.form = form
        self.parent = parent

    @property
    def root(self) -> str:
        """``"main"`` or ``"sidebar"``: part of a keyless widget's identity (W-2)."""
        return ROOT_NAMES[self.path[0]]
