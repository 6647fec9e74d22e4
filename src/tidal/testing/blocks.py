"""``Block``: a part of the page to query inside, and the block kinds.

Owns ``Block`` (the main area, the sidebar, a column, a tab, a form...): its children, key,
``get(...)``, ``get_by_key(...)`` and the block queries (``.columns``, ``.tabs``,
``.expander``... returning ``BlockList``s), with the element and widget queries mixed in from
``queries.py``; and the block kinds (``Column``, ``Tab``, ``Expander``...) with Streamlit's
field names. ``AppTest`` is the whole-page block. Knows nothing about running the script or
staging values.
"""

from __future__ import annotations

from collections.abc import Iterator
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from tidal.testing.element_list import BlockList, ElementList
from tidal.testing.elements import Element, user_key
from tidal.testing.errors import AppTestError
from tidal.testing.queries import ElementQueries
from tidal.testing.wrappers import wrap

if TYPE_CHECKING:
    from tidal.testing.host import AppHost
    from tidal.tree import Node

_BLOCK_TYPES = {
    # tidal's node type -> Streamlit's block type, where they differ
    "container": "flex_container",
    "columns": "flex_container",
    "grid": "grid_container",
}

_GET_ALIASES = {
    # Streamlit's node type names -> tidal's, so at.get(<either>) works
    "date_time_input": "datetime_input",
    "help_info": "help",
    "grid_container": "grid",
    "columns": "column",
    "tabs": "tab",
    "expandable": "expander",
    "flex_container": "container",
}


class Block(ElementQueries):
    """A part of the page (main area, sidebar, a column, a form...) to query inside."""

    def __init__(self, node: Node, app: AppHost) -> None:
        self.node = node
        self.type = _BLOCK_TYPES.get(node.type, node.type)
        """Streamlit's name for the block's kind (``"flex_container"`` for ``st.container``
        and the row of ``st.columns``, ``"grid_container"``, ``"column"``, ``"form"``...)."""
        self.props = node.props
        self._app = app

    @property
    def label(self) -> str | None:
        """The block's label (tabs, expanders), if it has one."""
        label = self.props.get("label")
        return None if label is None else str(label)

    @property
    def key(self) -> str | None:
        """The user key of a keyed container (a form's: its key), else None."""
        key = user_key(self.props.get("id"))
        if key is not None:
            return key
        if self.type == "form":
            return str(self.props.get("id"))
        css = self.props.get("key")  # `st-key-<key>`, the CSS class a keyed container gets
        return css.removeprefix("st-key-") if isinstance(css, str) else None

    @property
    def proto(self) -> Any:
        """The block's props as attributes (Streamlit tests read ``.proto``)."""
        return SimpleNamespace(**self.props)

    @property
    def root(self) -> Any:
        """The ``AppTest`` the block belongs to."""
        return self._app

    @property
    def children(self) -> dict[int, Element | Block]:
        """The block's direct children by position, in page order: elements, and blocks for
        containers (a dict, as Streamlit's ``Block.children``)."""
        return {
            i: block_of(n, self._app) if n.children is not None else wrap(n, self._app)
            for i, n in enumerate(self.node.children or [])
        }

    def __iter__(self) -> Iterator[Element | Block]:
        """This block, then everything inside it, depth first in page order (as Streamlit's
        ``for e in at.main``)."""
        yield self
        for child in self.children.values():
            if isinstance(child, Block):
                yield from child
            else:
                yield child

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Block) and other.node is self.node

    def __hash__(self) -> int:
        return id(self.node)

    def __len__(self) -> int:
        """How many direct children the block has."""
        return len(self.node.children or [])

    def __getitem__(self, index: int) -> Element | Block:
        """The direct child at ``index``."""
        return self.children[index]

    def _walk(self) -> Iterator[Node]:
        stack = list(reversed(self.node.children or []))
        while stack:
            n = stack.pop()
            yield n
            if n.children:
                stack.extend(reversed(n.children))

    def run(self, *, timeout: float | None = None) -> Any:
        """Run the app with the staged values (same as ``at.run()``); returns the AppTest."""
        return self._app.run(timeout=timeout)

    def get(self, element_type: str) -> list[Element | Block]:
        """Every element (or block) of one type inside this block, in page order.

        Takes a query name (``"button"``, ``"columns"``, ``"form_submit_button"``...) or an
        element type, tidal's or Streamlit's (``"date_time_input"``, ``"grid_container"``).

        Example:
            >>> at.get("selectbox")[0].value
        """
        query = getattr(type(self), element_type, None)
        if isinstance(query, property) and element_type not in ("key", "label", "children"):
            found = query.fget(self) if query.fget is not None else None
            if isinstance(found, ElementList | BlockList):
                return list(found)
        wanted = _GET_ALIASES.get(element_type, element_type)
        return [
            block_of(n, self._app) if n.children is not None else wrap(n, self._app)
            for n in self._walk()
            if n.type == wanted
        ]

    def _blocks(self, type_: str) -> BlockList[Any]:
        cls = BLOCK_CLASSES.get(type_, Block)
        return BlockList([cls(n, self._app) for n in self._walk() if n.type == type_])

    def get_by_key(self, key: str) -> Element | Block:
        """The one element, widget or container inside this block with this user key.

        Raises:
            KeyError: nothing has it.
            AppTestError: more than one thing has it (query a typed list instead,
                ``at.text_input(key=...)``).
        """
        found = [e for e in self if e is not self and getattr(e, "key", None) == key]
        if not found:
            raise KeyError(key)
        if len(found) > 1:
            raise AppTestError(
                f"Multiple elements have key {key!r}. Scope the query to a container or use "
                "a typed collection such as at.text_input(key=...)."
            )
        return found[0]

    # element lists, Streamlit's names
    @property
    def columns(self) -> BlockList[Column]:
        """Columns (each a block to query inside, with ``weight``, ``gap`` and
        ``vertical_alignment``)."""
        return self._blocks("column")

    @property
    def expander(self) -> BlockList[Expander]:
        """Expanders (each a block to query inside, with ``label``, ``icon``, ``expanded``)."""
        return self._blocks("expander")

    @property
    def tabs(self) -> BlockList[Tab]:
        """Tabs (each a block to query inside, with a ``label`` and ``open``)."""
        return self._blocks("tab")

    @property
    def popover(self) -> BlockList[Popover]:
        """Popovers (each a block to query inside, with ``label`` and ``open``)."""
        return self._blocks("popover")

    @property
    def dialog(self) -> BlockList[Dialog]:
        """Open dialogs (each a block to query inside, with ``label``, its title; ``dismiss()``)."""
        return self._blocks("dialog")

    @property
    def grid(self) -> BlockList[Grid]:
        """Grids (each a block to query inside)."""
        return self._blocks("grid")

    @property
    def form(self) -> BlockList[Block]:
        """Forms (each a block to query inside)."""
        return self._blocks("form")

    @property
    def container(self) -> BlockList[Block]:
        """Containers (each a block to query inside)."""
        return self._blocks("container")

    @property
    def chat_message(self) -> BlockList[ChatMessage]:
        """Chat messages (each a block to query inside, with ``name`` and ``avatar``)."""
        return self._blocks("chat_message")

    @property
    def status(self) -> BlockList[Status]:
        """Status containers (each a block to query inside, with ``label`` and ``state``)."""
        return self._blocks("status")


class Column(Block):
    """A column of ``st.columns``: its share of the row's width and the row's layout."""

    @property
    def weight(self) -> float:
        """The column's share of the row's width (the weights sum to 1)."""
        return float(self.props["weight"])

    @property
    def gap(self) -> str | None:
        """The space between the row's columns (``"small"``...; None: none)."""
        gap = self.props.get("gap", "small")
        return None if gap is None else str(gap)

    @property
    def vertical_alignment(self) -> str:
        """How the row aligns its columns: ``"top"``, ``"center"`` or ``"bottom"``."""
        return str(self._row().props.get("align", "top"))

    @property
    def border(self) -> bool:
        """Whether the column has a border."""
        return bool(self.props.get("border"))

    def _row(self) -> Node:
        for root in self._app._session.writer.client:
            for n in Block(root, self._app)._walk():
                if n.children and any(c is self.node for c in n.children):
                    return n
        return self.node


class Expander(Block):
    """An ``st.expander``."""

    @property
    def label(self) -> str:
        """The expander's header."""
        return str(self.props.get("label", ""))

    @property
    def icon(self) -> str:
        """Its icon (``""`` for none)."""
        return str(self.props.get("icon") or "")

    @property
    def expanded(self) -> bool:
        """Whether it is open: its tracked state, or ``expanded=`` when the browser keeps it."""
        if "value" in self.props:
            return bool(self.props["value"])
        return bool(self.props.get("expanded"))

    @property
    def open(self) -> bool | None:
        """Its tracked open state (None when only the browser knows, ``on_change="ignore"``)."""
        return bool(self.props["value"]) if "value" in self.props else None


class Tab(Block):
    """One tab of ``st.tabs``."""

    @property
    def label(self) -> str:
        """The tab's label."""
        return str(self.props.get("label", ""))


class Popover(Block):
    """An ``st.popover``."""

    @property
    def label(self) -> str:
        """The popover button's label."""
        return str(self.props.get("label", ""))

    @property
    def open(self) -> bool | None:
        """Its tracked open state (None when only the browser knows)."""
        return bool(self.props["value"]) if "value" in self.props else None


class Dialog(Block):
    """A dialog an ``@st.dialog`` function opened in the last run."""

    @property
    def label(self) -> str:
        """The dialog's title (``.title`` queries ``st.title`` elements, as on every block)."""
        return str(self.props.get("title", ""))

    def dismiss(self) -> Dialog:
        """Stage closing the dialog as the person would (for ``on_dismiss``); then ``run()``."""
        wid = self.props.get("id")
        if not isinstance(wid, str):
            raise ValueError(
                "This dialog has on_dismiss='ignore': dismissing it only closes it in the "
                "browser. Give st.dialog on_dismiss='rerun' or a function to test it."
            )
        self._app._staged[wid] = True
        return self


class Grid(Block):
    """An ``st.grid``, with Streamlit's field names."""

    @property
    def column_count(self) -> int | None:
        """How many columns (None: as many as fit)."""
        weights = self.props.get("weights") or []
        return len(weights) or None

    def __getattr__(self, name: str) -> Any:
        aliases = {"vertical_alignment": "align"}
        key = aliases.get(name, name)
        if key in (
            "wrap",
            "border",
            "row_height",
            "min_column_width",
            "gap",
            "align",
            "dense",
            "width",
            "height",
        ):
            return self.props.get(key)
        raise AttributeError(name)


class ChatMessage(Block):
    """An ``st.chat_message`` container."""

    @property
    def name(self) -> str:
        """The author's name (``"user"``, ``"assistant"``...)."""
        return str(self.props["name"])

    @property
    def avatar(self) -> str:
        """The avatar: ``"user"``/``"assistant"``, an emoji, an icon, an image URL, or ""
        (the first letter of the name is shown)."""
        return str(self.props.get("avatar", ""))


class Status(Block):
    """An ``st.status`` container."""

    @property
    def state(self) -> str:
        """``"running"``, ``"complete"`` or ``"error"``."""
        return str(self.props["state"])

    @property
    def icon(self) -> str:
        """The icon shown for the state."""
        return str(self.props.get("icon", ""))


BLOCK_CLASSES: dict[str, type[Block]] = {
    "column": Column,
    "expander": Expander,
    "tab": Tab,
    "popover": Popover,
    "dialog": Dialog,
    "grid": Grid,
    "chat_message": ChatMessage,
    "status": Status,
}
"""The block class of each container type (others are plain ``Block``s)."""


def block_of(node: Node, app: AppHost) -> Block:
    """The block wrapper for a container node (``Column``, ``ChatMessage``... or ``Block``)."""
    return BLOCK_CLASSES.get(node.type, Block)(node, app)
