"""The wire protocol between the browser and the server.

Owns every message shape (msgspec Structs, JSON on the wire), ``PROTOCOL_VERSION`` and the
decoding of inbound frames with their size and shape checks. Knows nothing about sessions,
scripts or widgets: whether a widget id exists and whether a value fits it is checked by the
session with ``widgets.py``.

Elements travel as ``Element`` structs addressed by a *path*: ``[root, i, j, ...]`` where
``root`` is 0 for the main area and 1 for the sidebar, and each further number is the index of
a child inside its container. See ``docs/protocol.md`` for every element type and its props.

Client -> server: ``Hello``, ``Change``, ``Submit``, ``Sync``, ``Rerun``, ``Navigate``, ``Ping``.
Server -> client: ``Welcome``, ``RunStarted``, ``Delta``, ``RunFinished``, ``Error``,
``SourceChanged``, ``StateWarning``, ``Pages``, ``Query``, ``Pong``.

Query strings (``hello``, ``navigate``, ``query``) are read, spelled and bounded by
``querystring.py``.
"""

from __future__ import annotations

from typing import Any, Literal

import msgspec

from tidal.querystring import MAX_QUERY_CHARS

PROTOCOL_VERSION = 1
MAX_INBOUND_BYTES = 1 << 20
"""Largest frame the server accepts from a browser (1 MiB); bigger frames close the socket."""

JSONValue = Any
"""A value as JSON carries it: None, bool, int, float, str, list or dict."""


class Element(msgspec.Struct, omit_defaults=True):
    """One element of the page: ``t`` is its type, ``p`` its props.

    Widgets carry their widget id in ``p["id"]`` and their current value in ``p["value"]``.
    Containers (``columns``, ``column``, ``form``, ``container``, ``expander``) have children
    addressed by longer paths; their own props never list the children.
    """

    t: str
    p: dict[str, JSONValue] = {}


# ----------------------------------------------------------------------------- delta ops
class SetOp(msgspec.Struct, tag="set", tag_field="o"):
    """Put ``e`` at path ``p``: append it, or replace what is there (dropping its children
    when the element type changes)."""

    p: list[int]
    e: Element


class TrimOp(msgspec.Struct, tag="trim", tag_field="o"):
    """Keep only the first ``n`` children of the container (or root) at path ``p``."""

    p: list[int]
    n: int


DeltaOp = SetOp | TrimOp


# ----------------------------------------------------------------------------- client -> server
class Hello(msgspec.Struct, tag="hello", tag_field="t"):
    """First frame on every connection.

    ``token`` is the tab's session token from sessionStorage (None on a first visit);
    ``nonce`` is random per page load, so a duplicated tab (same token, other nonce, while the
    first is still connected) is told apart from a reconnect of the same page. ``query`` is the
    address's query string without ``?``: the session's ``st.query_params``.
    """

    v: int
    nonce: str
    token: str | None = None
    page: str = ""
    query: str = ""


class Change(msgspec.Struct, tag="change", tag_field="t"):
    """One committed widget change; a button click is ``v=True``.

    ``seq`` increases by one per event from a page load; the server processes events in
    ``seq`` order and drops duplicates.
    """

    seq: int
    id: str
    v: JSONValue = None


class Submit(msgspec.Struct, tag="submit", tag_field="t"):
    """A form submit: the form's pending values plus the submit button that was pressed."""

    seq: int
    form: str
    button: str
    values: dict[str, JSONValue] = {}


class Sync(msgspec.Struct, tag="sync", tag_field="t"):
    """Values the browser changed without asking for a rerun (a form cleared after submit).

    They join the changes of the next run.
    """

    seq: int
    values: dict[str, JSONValue] = {}


class Rerun(msgspec.Struct, tag="rerun", tag_field="t"):
    """Ask for a plain rerun (the "Rerun" menu entry, or "source changed: rerun")."""

    seq: int


class Navigate(msgspec.Struct, tag="navigate", tag_field="t"):
    """The person went to another page of the app (menu, page link, back/forward).

    ``page`` is the page's url path without the leading ``/`` (``""``: the main page);
    ``query`` is the query string the address shows now (without ``?``): it replaces the
    session's ``st.query_params`` (going to a page clears them; back/forward restores them).
    """

    seq: int
    page: str = ""
    query: str = ""


class Ping(msgspec.Struct, tag="ping", tag_field="t"):
    """Keep-alive; answered with ``Pong``."""


Inbound = Hello | Change | Submit | Sync | Rerun | Navigate | Ping
Event = Change | Submit | Sync | Rerun | Navigate
"""Inbound messages that carry a ``seq`` and go to the session in order."""


# ----------------------------------------------------------------------------- server -> client
class Welcome(msgspec.Struct, tag="welcome", tag_field="t"):
    """Answer to ``Hello``: the token to keep, and whether the session is new or resumed."""

    v: int
    token: str
    resumed: bool
    title: str = "tidal"
    theme: str | None = None
    """``"light"`` or ``"dark"`` to force a theme; None follows the browser."""
    media: str = ""
    """The session's name in media URLs (``/_tidal/media/<media>/<id>``), not its token."""


class RunStarted(msgspec.Struct, tag="start", tag_field="t", omit_defaults=True):
    """A run began; the browser shows its running indicator and may fade old elements.

    ``scope`` is the path of the container a fragment-only run redraws (the rest of the page
    is not part of the run and must not fade); empty for a run of the whole page."""

    run: int
    scope: list[int] = msgspec.field(default_factory=list)


class Delta(msgspec.Struct, tag="delta", tag_field="t"):
    """Element changes of run ``run``, in document order; ``at`` is the path of the last
    element the run has produced so far (everything before it in document order is current)."""

    run: int
    ops: list[SetOp | TrimOp]
    at: list[int] = []


RunStatus = Literal["ok", "stopped", "error", "rerun", "interrupted"]


class RunFinished(msgspec.Struct, tag="end", tag_field="t"):
    """The run ended. After ``ok``, ``stopped`` and ``error`` the page is exactly the run's
    output (the last ``Delta`` carried the trims). ``rerun``/``interrupted`` mean another run
    follows at once, so stale elements stay until it ends."""

    run: int
    status: RunStatus
    ack: int = 0
    """The highest event ``seq`` this run has taken into account."""


class Error(msgspec.Struct, tag="error", tag_field="t"):
    """A message the server refused, or a problem the user should see (not a script error)."""

    message: str
    fatal: bool = False


class SourceChanged(msgspec.Struct, tag="source_changed", tag_field="t"):
    """The app's source files changed on disk."""


class StateWarning(msgspec.Struct, tag="state_warning", tag_field="t"):
    """The session's state could not be saved to the store (or is saved again: ``ok``)."""

    message: str
    ok: bool = False


class PageEntry(msgspec.Struct, omit_defaults=True):
    """One page in the navigation menu: ``url`` is its url path (``""``: the main page)."""

    url: str
    title: str
    icon: str | None = None
    section: str | None = None


class Pages(msgspec.Struct, tag="pages", tag_field="t"):
    """The app's pages and the current one (multipage apps), sent when either changes.

    ``switched``: the script moved to ``current`` with ``st.switch_page`` (the browser adds a
    history entry; otherwise it replaces its address when it differs, e.g. an unknown page).
    ``ack`` is the highest event ``seq`` taken into account: an older ``Pages`` must not undo
    a navigation the browser sent since.
    """

    pages: list[PageEntry]
    current: str
    position: Literal["sidebar", "hidden"] = "sidebar"
    switched: bool = False
    ack: int = 0


class Query(msgspec.Struct, tag="query", tag_field="t"):
    """The script changed ``st.query_params``: the browser shows ``query`` (without ``?``) in
    its address, in place (no new history entry, no reload).

    ``ack`` is the highest event ``seq`` taken into account: the browser ignores a ``Query``
    older than a ``navigate`` it sent since (that navigation replaced the params).
    """

    query: str
    ack: int = 0


class Pong(msgspec.Struct, tag="pong", tag_field="t"):
    """Answer to ``Ping``."""


Outbound = (
    Welcome
    | RunStarted
    | Delta
    | RunFinished
    | Error
    | SourceChanged
    | StateWarning
    | Pages
    | Query
    | Pong
)

_decoder = msgspec.json.Decoder(Inbound)
_encoder = msgspec.json.Encoder()


class ProtocolError(ValueError):
    """An inbound frame that is too large or not one of the ``Inbound`` shapes."""


def decode_inbound(frame: str | bytes) -> Inbound:
    """Decode and shape-check one frame from a browser.

    Raises:
        ProtocolError: the frame is larger than ``MAX_INBOUND_BYTES``, has the wrong shape, or
            carries a query string longer than ``MAX_QUERY_CHARS``.
    """
    if len(frame) > MAX_INBOUND_BYTES:
        raise ProtocolError(f"frame of {len(frame)} bytes exceeds {MAX_INBOUND_BYTES}")
    try:
        msg: Inbound = _decoder.decode(frame)
    except (msgspec.DecodeError, msgspec.ValidationError) as exc:
        raise ProtocolError(str(exc)) from None
    if isinstance(msg, Change | Submit | Sync | Rerun | Navigate) and msg.seq < 0:
        raise ProtocolError("seq must be >= 0")
    if isinstance(msg, Hello | Navigate) and len(msg.query) > MAX_QUERY_CHARS:
        raise ProtocolError(
            f"query string of {len(msg.query)} characters exceeds {MAX_QUERY_CHARS}"
        )
    return msg


def encode(msg: Outbound) -> bytes:
    """Encode one outbound message as JSON bytes."""
    return _encoder.encode(msg)


def encode_inbound(msg: Inbound) -> bytes:
    """Encode a client message (used by tests and protocol-level benchmark clients)."""
    return _encoder.encode(msg)


_out_decoder = msgspec.json.Decoder(Outbound)


def decode_outbound(frame: str | bytes) -> Outbound:
    """Decode a server message (used by tests and protocol-level clients)."""
    msg: Outbound = _out_decoder.decode(frame)
    return msg
