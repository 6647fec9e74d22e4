"""``AppHost``: what an element or block wrapper may ask of the ``AppTest`` that made it.

A wrapper stages values on its app (``_staged``), reads the session the app drives
(``_session``: widget metadata, the uploaded-file store, the page tree) and reruns it
(``run``). Wrappers type against this Protocol instead of importing ``AppTest``, so the
testing package imports in one direction only: ``apptest`` -> ``blocks`` -> ``wrappers`` ->
the element modules -> ``host``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from tidal.session import Session


class AppHost(Protocol):
    """The ``AppTest`` as its element and block wrappers see it."""

    _staged: dict[str, Any]
    """Widget id -> the value staged for the next run."""

    @property
    def _session(self) -> Session:
        """The session the app drives."""

    def run(self, *, timeout: float | None = None) -> Any:
        """Run the app with the staged values; returns the ``AppTest`` (typed ``Any`` here so
        this module need not import it)."""
