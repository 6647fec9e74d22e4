"""``Page``: the whole page as a block to query, the part of ``AppTest`` a test reads.

Owns the page-level accessors: ``main``, ``sidebar``, ``children`` by position,
``session_state``, and the walk over every root of the page, on top of the element and block
queries every ``Block`` has (``.button``, ``.chat_input``, ``.columns``..., ``get``,
``get_by_key``). Reads the session's delta mirror through the ``AppHost``; knows nothing about
running the script or staging values (``apptest.py``, ``staging.py``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from tidal.testing.blocks import Block
from tidal.testing.elements import Element
from tidal.testing.session_state_view import SessionStateView

if TYPE_CHECKING:
    from tidal.tree import Node


class Page(Block):
    """The whole page (main area, sidebar, tidal's bottom area and page-level elements)."""

    @property
    def session_state(self) -> SessionStateView:
        """The session's state (read, write, ``in``, attribute access)."""
        return SessionStateView(self._app)

    @property
    def main(self) -> Block:
        """The main area only (not the sidebar)."""
        return Block(self._app._session.writer.client[0], self._app)

    @property
    def sidebar(self) -> Block:
        """The sidebar."""
        return Block(self._app._session.writer.client[1], self._app)

    @property
    def children(self) -> dict[int, Element | Block]:
        """The page's parts by position, as Streamlit's: 0 the main area, 1 the sidebar, then
        tidal's bottom area and page-level elements."""
        return {
            i: Block(root, self._app) for i, root in enumerate(self._app._session.writer.client)
        }

    def __len__(self) -> int:
        """How many parts the page has (main area, sidebar...)."""
        return len(self._app._session.writer.client)

    def _walk(self) -> Iterator[Node]:
        for root in self._app._session.writer.client:
            yield from Block(root, self._app)._walk()
