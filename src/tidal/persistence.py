"""One session's document in the store: saved after each run, and what the saves report.

``Persistence`` encodes the document after a run and hands it to the store's writer thread
(write-behind: neither the browser, which already has the run's output, nor the next run waits
for the store; at most the last runs are lost if the process dies). It reads each save's
outcome: a fenced save means another process took the session over (the page is told, and
saving stops); a failed one warns the page once, until saving works again. Knows nothing about
runs, the event queue or sockets; ``tidal.durability`` owns the store itself.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Protocol

from tidal.delta import DeltaWriter
from tidal.durability import Durability, SaveResult
from tidal.server_messages import Error, Outbound, StateWarning
from tidal.state import SessionState

log = logging.getLogger("tidal.session")  # the session's lines, under the session's name

SUPERSEDED = (
    "This session is now open in another tab or window: what you do here is no longer "
    "saved. Reload this page to start a new session here."
)
"""What a page is told when another page took its session over (its events would be lost)."""


class Persisted(Protocol):
    """What saving reads and records on its session (``tidal.session.Session`` is one)."""

    epoch: int
    """The lease the session holds on its document in the store."""
    superseded: bool
    """Whether another process took the session over."""
    not_durable: tuple[str, ...]
    """The keys the last save left out (values no codec stores)."""

    @property
    def page(self) -> str: ...


class Persistence:
    """Saving one session's document (see module docstring)."""

    __slots__ = (
        "_durability",
        "_emit",
        "_failed",
        "_host",
        "_published",
        "_state",
        "_token",
        "_writer",
    )

    def __init__(
        self,
        host: Persisted,
        state: SessionState,
        token: str,
        writer: DeltaWriter,
        durability: Durability,
        emit: Callable[[Outbound], None],
    ) -> None:
        self._host = host
        self._state = state
        self._token = token
        self._writer = writer
        self._durability = durability
        self._emit = emit
        self._failed = False
        """Whether the last save failed (the page was warned)."""
        self._published: set[str] = set()
        """Media ids already put in the store for other replicas (durable stores)."""

    def save(self, seq: int) -> None:
        """Encode the document (``seq``: the last event it has seen) and hand it to the
        store's writer thread; nothing while the store is not durable or another process
        holds the session."""
        durability, host = self._durability, self._host
        if not durability.durable or host.superseded:
            return
        encoded = durability.encode(self._state, page=host.page, seq=seq, token=self._token)
        host.not_durable = encoded.not_durable
        durability.saver.submit(self._token, encoded.data, self._lease, self._saved)

    def _lease(self) -> int:
        return self._host.epoch

    def _saved(self, result: SaveResult) -> None:
        """What became of a save (on the writer's thread): warn the browser when saving
        stops and starts again; stop saving once another process took the session over."""
        host, token = self._host, self._token
        outcome, error = result.outcome, result.error
        if outcome == "fenced":
            if result.epoch == host.epoch and not host.superseded:  # not a lease taken since
                host.superseded = True
                log.info("session %s moved to another process", token[:8])
                self._emit(Error(message=SUPERSEDED, fatal=True))
            return
        if outcome == "saved" and result.epoch > host.epoch:
            host.epoch = result.epoch  # a lease taken by the save itself
        if outcome == "failed" and not self._failed:
            self._failed = True
            log.error("session %s: state not saved: %s", token[:8], error)
            self._emit(
                StateWarning(
                    message="State not saved: the session store is unreachable. The app keeps "
                    "working; your state is kept in this server's memory."
                )
            )
        if outcome == "saved":  # on the writer's thread
            self._durability.publish_media(token, self._writer.client, self._published)
        if outcome == "saved" and self._failed:
            self._failed = False
            log.info("session %s: saving resumed", token[:8])
            self._emit(StateWarning(message="State saved again.", ok=True))
