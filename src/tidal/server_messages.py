"""The wire protocol from the server to the browser.

Owns every message the server sends (msgspec Structs, JSON on the wire) and their encoding:
the page's elements (``Element``) and the delta ops that place them, the run's progress
(``RunStarted``, ``Delta``, ``RunFinished``), and the answers and notices around it. Knows
nothing about sessions, scripts or sockets; what the browser sends, ``PROTOCOL_VERSION`` and
the shared ``JSONValue`` are ``protocol.py``'s.

Elements travel as ``Element`` structs addressed by a *path*: ``[root, i, j, ...]`` where
``root`` is 0 for the main area, 1 for the sidebar and 2 for the bar pinned below the main area,
and each further number is the index of a child inside its container. See ``docs/protocol.md``
for every element type and its props.

Server -> client: ``Welcome``, ``RunStarted``, ``Delta``, ``RunFinished``, ``Error``,
``SourceChanged``, ``StateWarning``, ``Pages``, ``Query``, ``Pong``, ``Rows``, ``Inspection``.
"""

from __future__ import annotations

from typing import Literal

import msgspec

from tidal.protocol import JSONValue


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


class AppendOp(msgspec.Struct, tag="append", tag_field="o"):
    """Append text ``s`` to the string prop ``k`` of the element at path ``p`` (a streaming
    ``st.write_stream``: each delta carries only the new text, not the whole message)."""

    p: list[int]
    k: str
    s: str


DeltaOp = SetOp | TrimOp | AppendOp


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
    inspector: bool = False
    """Whether the page may open the state inspector (``client.inspector``)."""


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
    ops: list[SetOp | TrimOp | AppendOp]
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
    hidden: bool = False
    """Reachable, but not listed in the menu."""
    help: str | None = None
    """A tooltip for the menu entry."""


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


class Rows(msgspec.Struct, tag="rows", tag_field="t", omit_defaults=True):
    """Answer to ``RowsRequest``: rows ``start``.. of ``total`` (rows after sort and search).

    ``pos`` is each row's position in the data (what selections and edits refer to); each
    row lists the index cells, then the data cells, as JSON. ``display``/``css`` are a pandas
    Styler's text and CSS per data cell (None where it sets nothing), only for styled frames.
    """

    req: int
    data: str
    start: int
    total: int
    pos: list[int]
    rows: list[list[JSONValue]]
    display: list[list[str | None]] | None = None
    css: list[list[str | None]] | None = None


class Redirect(msgspec.Struct, tag="redirect", tag_field="t"):
    """Load ``url`` in the tab (a same-origin path such as ``/auth/login?...``): the page
    leaves the app, as for signing in with ``st.login`` and out with ``st.logout``."""

    url: str


class Inspection(msgspec.Struct, tag="inspection", tag_field="t", omit_defaults=True):
    """What the state inspector shows of this tab's session (only while its panel is open):
    every visible key (``keys``: key, value summary, type, kind, widget, durable), the runs
    since the last ``Inspection`` (``runs``; all kept runs when ``reset``), and the exported
    session document when asked for (``doc``)."""

    keys: list[dict[str, JSONValue]]
    runs: list[dict[str, JSONValue]]
    reset: bool = False
    doc: dict[str, JSONValue] | None = None


Outbound = (
    Welcome
    | Inspection
    | RunStarted
    | Delta
    | RunFinished
    | Error
    | SourceChanged
    | StateWarning
    | Pages
    | Query
    | Redirect
    | Pong
    | Rows
)

_encoder = msgspec.json.Encoder()
_decoder = msgspec.json.Decoder(Outbound)


def encode(msg: Outbound) -> bytes:
    """Encode one outbound message as JSON bytes."""
    return _encoder.encode(msg)


def encode_json(value: JSONValue) -> bytes:
    """Encode any JSON value (parts of a message: the connection merges deltas' ops)."""
    return _encoder.encode(value)


def decode_outbound(frame: str | bytes) -> Outbound:
    """Decode a server message (used by tests and protocol-level clients)."""
    msg: Outbound = _decoder.decode(frame)
    return msg
