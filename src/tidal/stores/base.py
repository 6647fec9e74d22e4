"""The session store contract.

Owns :class:`SessionStore` (the Protocol every back end implements), :class:`Stored`,
:class:`StoreError` and the rules they share. Knows nothing about what the bytes mean: sessions,
snapshots and codecs live above it.

Rules every store follows (``tests/test_stores.py`` is the contract suite):

* **Leases.** :meth:`SessionStore.acquire` gives the caller the session's lease as a new
  *epoch*, greater than every epoch the store has handed out before, for any token (one
  store-wide counter, so a token whose records expired and came back can never get an old
  number again). :meth:`SessionStore.save` writes only while ``epoch`` is the current lease:
  once another process acquires, the old holder's saves return ``False`` and write nothing.
* **Expiry.** A session not saved or touched for ``ttl`` seconds is gone (``load`` returns
  None) and so is its lease: a save after that returns ``False``; acquire again to go on.
  ``acquire`` keeps a lease alive for at least :data:`LEASE_TTL` seconds so the first save
  can follow, however long the first run takes.
* **Presence.** :meth:`SessionStore.claim` records which page (its nonce) is connected to a
  session, for ``ttl`` seconds (renewed by claiming again): a claim with another nonce while
  the record lives is refused and names the holder, so that a duplicated tab gets a new
  session whichever process it reaches. :meth:`SessionStore.release` ends a claim.
* **Synchronous.** Stores block; call them from worker threads, never from the event loop.
  Every store is safe to share between threads.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Protocol

from tidal.errors import TidalError

__all__ = [
    "LEASE_TTL",
    "PRESENCE_TTL",
    "URL_FORMS",
    "SessionStore",
    "StoreError",
    "Stored",
    "check_ttl",
]

LEASE_TTL = 86_400.0
"""Seconds a lease taken by ``acquire`` lives before any save (saves then set the ttl)."""

PRESENCE_TTL = 20.0
"""Seconds a page's claim on a session lives unless renewed (a live server renews its pages'
claims every few seconds; a crashed one's lapse after this)."""

URL_FORMS = (
    "memory://, sqlite:///relative/path.db, sqlite:////absolute/path.db, "
    "redis://[:password@]host[:port][/db] or rediss://..."
)
"""The store URLs ``open_store`` accepts, for error messages."""


class StoreError(TidalError):
    """A session store cannot be opened or reached (bad URL, Redis down, disk error)."""


@dataclass(frozen=True, slots=True)
class Stored:
    """A session's bytes and the epoch of its current lease."""

    data: bytes
    epoch: int


class SessionStore(Protocol):
    """Where session snapshots live between runs, reconnects, restarts and replicas."""

    url: str
    """The store's URL, without any password."""

    def load(self, token: str) -> Stored | None:
        """The session's bytes, or None when it is missing or expired.

        Raises:
            StoreError: the store is unreachable.
        """
        ...

    def save(self, token: str, data: bytes, *, epoch: int, ttl: float) -> bool:
        """Write ``data`` and set the session to expire ``ttl`` seconds from now.

        Returns:
            True when written; False (nothing written) when ``epoch`` is not the current
            lease: another process took the session over, or the lease expired.

        Raises:
            StoreError: the store is unreachable.
            ValueError: ``ttl`` is not a positive finite number.
        """
        ...

    def acquire(self, token: str) -> int:
        """Take (or take over) the session's lease and return its new epoch.

        The epoch is greater than any the store handed out before; from now on saves with
        older epochs fail. The session's data, if any, is kept.

        Raises:
            StoreError: the store is unreachable.
        """
        ...

    def delete(self, token: str) -> None:
        """Forget the session and its lease (later saves with its epochs fail)."""
        ...

    def touch(self, token: str, *, ttl: float) -> None:
        """Set a live session to expire ``ttl`` seconds from now, without rewriting it."""
        ...

    def purge_expired(self) -> int:
        """Delete expired sessions now and return how many (Redis expires by itself: 0)."""
        ...

    def count(self) -> int:
        """How many live sessions the store holds (for metrics and tests)."""
        ...

    def claim(self, token: str, nonce: str, *, ttl: float) -> str | None:
        """Record that the page ``nonce`` is connected to the session, for ``ttl`` seconds.

        Returns:
            None when recorded (no live claim, an expired one, or this nonce's own); else the
            nonce of the page that holds the session now (nothing is recorded).

        Raises:
            StoreError: the store is unreachable.
        """
        ...

    def release(self, token: str, nonce: str) -> None:
        """End the claim of page ``nonce`` (another page's claim is left alone)."""
        ...

    def close(self) -> None:
        """Release connections; the store is not used afterwards."""
        ...


def check_ttl(ttl: float) -> float:
    """Return ``ttl`` if it is a positive finite number of seconds, else raise ValueError."""
    if not (ttl > 0 and math.isfinite(ttl)):
        raise ValueError(f"ttl={ttl!r}: a session's ttl must be a positive number of seconds.")
    return float(ttl)
