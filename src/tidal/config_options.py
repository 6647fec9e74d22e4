"""The option registry: every option tidal reads, with its type, default, doc and check.

Owns ``OPTIONS``, the one table that the ``Config`` object, the loaders, ``tidal config show``
and ``docs/config.md`` are all derived from, and the Streamlit options tidal knows but does not
use. The theme's options are in ``theme_options``; one option and its spellings (environment
variable, TOML) in ``config_option``, re-exported here. Knows nothing about where values are
read from, which layer wins, or the ``Config`` object.
"""

from __future__ import annotations

from collections.abc import Mapping

from tidal.config_option import (
    Check,
    Choices,
    Option,
    at_least,
    env_suffix,
    snake_case,
    toml_literal,
)
from tidal.theme_options import THEME_OPTIONS
from tidal.tiles import tile_url_problem

__all__ = [
    "OPTIONS",
    "OPTIONS_BY_NAME",
    "STREAMLIT_ONLY_OPTIONS",
    "Check",
    "Choices",
    "Option",
    "env_suffix",
    "snake_case",
    "toml_literal",
]


def _positive(v: float) -> str | None:
    return None if v > 0 else "a number of seconds above 0"


def _port(v: int) -> str | None:
    return None if 1 <= v <= 65535 else "a port number between 1 and 65535"


def _store_url(v: str) -> str | None:
    scheme, sep, _ = v.partition("://")
    if sep and scheme in ("memory", "sqlite", "redis", "rediss"):
        return None
    return 'a store URL: "memory://", "sqlite:///path/to/file.db" or "redis://host:6379/0"'


def _frame_sources(v: tuple[str, ...]) -> str | None:
    for source in v:
        if not source or any(c in source for c in ";,\r\n"):
            return "a list of CSP sources without ';' or ',' (\"'self'\", \"https://a.example\")"
    return None


OPTIONS: tuple[Option, ...] = (
    Option("server.port", int, 8501, "Port the server listens on.", _port),
    Option(
        "server.address",
        str,
        "localhost",
        'Interface the server binds to: "localhost" accepts connections from this machine only, '
        '"0.0.0.0" from every network interface.',
    ),
    Option("server.headless", bool, False, "Do not open a browser tab when the server starts."),
    Option(
        "server.runOnSave",
        bool,
        False,
        "Rerun open sessions as soon as the app's source changes on disk, instead of offering "
        "a rerun.",
    ),
    Option(
        "server.maxUploadSize",
        int,
        200,
        "Largest file `st.file_uploader` accepts, in megabytes.",
        at_least(1),
    ),
    Option(
        "server.maxMessageSize",
        int,
        200,
        "Largest message the server sends to a browser, in megabytes.",
        at_least(1),
    ),
    Option(
        "server.secret",
        str,
        "",
        'Key that signs pickled session snapshots (`session.codec = "pickle"`): a process '
        "loads only snapshots signed with it. Session tokens are random and not signed. Give "
        "every replica the same one. Empty: tidal generates one and keeps it in "
        '`.tidal/secret` (which also signs `st.cache_data(persist="disk")` files).',
        secret=True,
    ),
    Option(
        "server.workers",
        int,
        1,
        "Server processes. More than one needs a store they can share (`session.store` "
        "`sqlite://` or `redis://`).",
        at_least(1),
    ),
    Option(
        "server.allowedOrigins",
        list,
        (),
        "Origins (`https://example.com`) allowed to open the websocket besides the server's own.",
    ),
    Option(
        "server.allowedFrameAncestors",
        list,
        ("'self'",),
        "Pages allowed to show the app in a frame: the `frame-ancestors` sources of the "
        "Content-Security-Policy header (`'self'`, `https://example.com`, `'none'`).",
        _frame_sources,
    ),
    Option(
        "server.metricsToken",
        str,
        "",
        "When set, `/metrics` answers only requests with the header `Authorization: Bearer "
        "<token>` (others get 401). Empty: `/metrics` is open to whoever reaches the server.",
        secret=True,
    ),
    Option(
        "server.headerTimeout",
        float,
        10.0,
        "Seconds a client has to send a whole request head after connecting (or after its "
        "previous response); a slower connection is closed.",
        _positive,
    ),
    Option(
        "server.keepAliveTimeout",
        float,
        5.0,
        "Seconds an idle kept-alive HTTP connection stays open.",
        _positive,
    ),
    Option(
        "server.maxConnections",
        int,
        2048,
        "Most connections (HTTP and websocket) one server process holds; further HTTP "
        "requests get 503 until some close.",
        at_least(1),
    ),
    Option(
        "server.maxIncomingMessageSize",
        int,
        1024,
        "Largest websocket message the server accepts from a browser, in kilobytes (at most "
        "1024); a larger one closes the connection.",
        lambda v: None if 1 <= v <= 1024 else "between 1 and 1024",
    ),
    Option(
        "server.enableStaticServing",
        bool,
        False,
        "Serve the files of the `static` folder next to the app's script at `/app/static/` "
        "(fonts, images, data; as Streamlit).",
    ),
    Option(
        "runner.enforceSerializableSessionState",
        bool,
        False,
        "Raise `UnserializableSessionStateError` when a value put in `st.session_state` cannot "
        "be pickled.",
    ),
    Option(
        "runner.magicEnabled",
        bool,
        True,
        "Write a bare expression on a line of its own (`x`, `'hello'`) to the app, as "
        "`st.write` would.",
    ),
    Option(
        "runner.postScriptGC",
        bool,
        False,
        "Run a full garbage collection after every script run, as Streamlit does. Off by "
        "default: it costs tens of milliseconds per rerun.",
    ),
    Option(
        "runner.maxRunSeconds",
        float,
        0.0,
        "Seconds a script run may take before it is stopped with a message in the app "
        "(a stuck script then frees its thread); `0` never stops a run, as Streamlit does.",
        at_least(0),
    ),
    Option(
        "runner.parallelMaxWorkers",
        int,
        4,
        "Most `st.fragment(parallel=True)` bodies of one session running at once during a full "
        "run; more wait for a free worker.",
        at_least(1),
    ),
    Option(
        "session.ttl",
        float,
        120.0,
        "Seconds a session's state is kept after its tab disconnects; a refresh or reconnect "
        "within it resumes the session.",
        _positive,
    ),
    Option(
        "session.store",
        str,
        "memory://",
        "Where session state is kept: `memory://` (this process), `sqlite:///path.db` "
        "(survives restarts, several processes on one host) or `redis://host:6379/0` "
        "(`rediss://` for TLS; several hosts).",
        _store_url,
    ),
    Option(
        "session.idleTimeout",
        float,
        300.0,
        "Seconds without events after which a connected session's live parts are released; "
        "its state stays in the store and comes back with the next event.",
        _positive,
    ),
    Option(
        "session.codec",
        ("safe", "pickle"),
        "safe",
        'How session state is encoded for the store: "safe" (plain data only) or "pickle" '
        "(any picklable value, HMAC-signed with `server.secret`).",
    ),
    Option(
        "session.maxEventsPerSecond",
        int,
        200,
        "Most events (widget changes, clicks, reruns) one session may send per second; "
        "faster senders are slowed down (their events wait), never dropped.",
        at_least(1),
    ),
    *THEME_OPTIONS,
    Option(
        "client.toolbarMode",
        ("auto", "developer", "viewer", "minimal"),
        "auto",
        'Items of the top-right menu: "developer" shows the developer options, "viewer" hides '
        'them, "minimal" shows only what the app set, "auto" is "developer" on localhost and '
        '"viewer" elsewhere.',
    ),
    Option(
        "client.showErrorDetails",
        ("full", "stacktrace", "type", "none"),
        "full",
        "What the browser shows of an uncaught script exception (as Streamlit): "
        '"full" its type, message and traceback; "stacktrace" its type and traceback with a '
        'generic message; "type" its type with a generic message; "none" a generic message '
        'only. `true` means "full" and `false` "stacktrace" (Streamlit\'s deprecated '
        "booleans). The full exception always goes to the server log.",
        from_bool=("full", "stacktrace"),
    ),
    Option(
        "client.inspector",
        ("auto", "on", "off"),
        "auto",
        "The state inspector (page menu, key I): every session-state key, the run timeline "
        'with triggers, diffs and explanations, rewind and export. "auto" is on when the '
        'server listens on localhost only and off otherwise; "on" enables it on any address '
        "(each tab sees only its own session; secrets are never shown).",
        from_bool=("on", "off"),
    ),
    Option(
        "map.tileUrl",
        str,
        "",
        "Raster map tiles under `st.map` and `st.pydeck_chart` maps (a tidal addition): a URL "
        "template with `{z}`, `{x}` and `{y}`, and optionally `{s}` (subdomains a, b, c) as the "
        "host's first label, e.g. `https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png`. The "
        "server must allow cross-origin requests (CORS), as public tile servers do; its origin "
        "is added to the page's Content-Security-Policy. Empty, or when tiles fail to load: "
        "points on a plain base, and a note that says so.",
        tile_url_problem,
    ),
    Option(
        "map.tileAttribution",
        str,
        "",
        "Credit shown under maps drawn over `map.tileUrl` tiles, as the tile provider asks "
        '(e.g. "© OpenStreetMap contributors").',
    ),
    Option(
        "global.disableWidgetStateDuplicationWarning",
        bool,
        False,
        "Do not warn when a widget gets a default value and its key was also set through "
        "`st.session_state`.",
    ),
    Option(
        "logger.level",
        ("error", "warning", "info", "debug"),
        "info",
        "Level of the server's log messages.",
    ),
)

OPTIONS_BY_NAME: Mapping[str, Option] = {o.name: o for o in OPTIONS}


# Streamlit options that tidal does not use. A `.streamlit/config.toml` may hold them (tidal
# skips them there and lists them in `tidal config show`); anywhere else they are errors.
STREAMLIT_ONLY_OPTIONS = frozenset(
    f"{section}.{name}"
    for section, names in {
        "global": "developmentMode logLevel e2eTest unitTest appTest suppressDeprecationWarnings "
        "minCachedMessageSize maxCachedMessageAge storeCachedForwardMessagesInMemory "
        "includeFragmentRunsInForwardMessageCacheCount dataFrameSerialization "
        "showWarningOnDirectExecution disableWatchdogWarning",
        "logger": "messageFormat enableRich",
        "client": "caching displayEnabled showSidebarNavigation",
        "runner": "installTracer fixMatplotlib fastReruns enumCoercion",
        "server": "folderWatchBlacklist folderWatchList fileWatcherType allowRunOnSave liveSave "
        "scriptHealthCheckEnabled baseUrlPath enableCORS corsAllowedOrigins enableXsrfProtection "
        "enableArrowTruncation enableWebsocketCompression "
        "disconnectedSessionTTL trustXForwardedFor cookieSecret sslCertFile sslKeyFile "
        "showEmailPrompt websocketPingInterval",
        "browser": "serverAddress gatherUsageStats serverPort",
        "ui": "hideTopBar hideSidebarNav",
        "mapbox": "token",
        "magic": "displayRootDocString displayLastExprIfNoSemicolon",
        "deprecation": "showfileUploaderEncoding showImageFormat showPyplotGlobalUse",
        "secrets": "files",
        "theme": "name setAsDefault secondaryColor "
        "showWidgetBorder showSidebarBorder "
        "headingFontSizes headingFontWeights dataframeBorderColor "
        "dataframeHeaderBackgroundColor",
    }.items()
    for name in names.split()
)
