"""The headers tidal adds to every HTTP response: security policy and caching.

Owns the Content-Security-Policy (:data:`CSP_DIRECTIVES`, :func:`content_security_policy`),
the other security headers (:func:`security_headers`) and :class:`ResponseHeaders`, a pure
ASGI middleware that adds them to each HTTP response (a header the route set itself wins) with
a ``Cache-Control`` by path:
``/static/`` assets are revalidated on each use (``no-cache``: the browser keeps them and asks
with their ETag, the server answers 304 while they are unchanged, so a new tidal version is
picked up at once), every other response (the page, health, metrics) is never stored.
Knows nothing about routes or sessions.
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlsplit

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tidal.config import Config
from tidal.theme_options import font_stylesheets
from tidal.tiles import tile_origin

__all__ = [
    "CSP_DIRECTIVES",
    "STATIC_CACHE",
    "UNCACHED",
    "ResponseHeaders",
    "content_security_policy",
    "security_headers",
]

STATIC_CACHE = "no-cache"
"""``Cache-Control`` of ``/static/`` files: kept by the browser, revalidated by ETag."""
UNCACHED = "no-store"
"""``Cache-Control`` of everything else (the page, /healthz, /readyz, /metrics)."""

CSP_DIRECTIVES: dict[str, tuple[str, ...]] = {
    "default-src": ("'self'",),
    # st.graphviz_chart runs Graphviz compiled to WebAssembly (vendor/viz): compiling WASM
    # needs 'wasm-unsafe-eval', which allows no JavaScript eval
    "script-src": ("'self'", "'wasm-unsafe-eval'"),
    # st.markdown(unsafe_allow_html=True) may carry style attributes and <style> elements
    "style-src": ("'self'", "'unsafe-inline'"),
    # images and media may come from anywhere the script points to, or be made in the page
    "img-src": ("*", "data:", "blob:"),
    "media-src": ("*", "data:", "blob:"),
    "font-src": ("'self'", "data:"),
    "connect-src": ("'self'",),
    "worker-src": ("'self'", "blob:"),
    "frame-src": ("'self'",),
    "object-src": ("'none'",),
    "base-uri": ("'self'",),
    "form-action": ("'self'",),
}
"""The Content-Security-Policy of every response, by directive. A feature that needs more
(a vendored library, a component's iframe) adds its sources here, next to its reason;
``frame-ancestors`` comes from ``server.allowedFrameAncestors``."""


def content_security_policy(config: Config, nonce: str | None = None) -> str:
    """The Content-Security-Policy header of every response: :data:`CSP_DIRECTIVES` and
    ``frame-ancestors`` from ``server.allowedFrameAncestors``, and the origin of
    ``map.tileUrl`` when set. The page itself also allows
    scripts with its per-response ``nonce``: the ones ``st.html(...,
    unsafe_allow_javascript=True)`` puts in the page, which the front end gives that nonce.

    Example:
        >>> content_security_policy(default_config())
        "default-src 'self'; script-src 'self'; ... frame-ancestors 'self'"
    """
    directives = {**CSP_DIRECTIVES, "frame-ancestors": config.server.allowed_frame_ancestors}
    if config.map.tile_url:  # map tiles: images for st.map, fetched by deck.gl's TileLayer
        tiles = tile_origin(config.map.tile_url)
        for name in ("img-src", "connect-src"):
            directives[name] = (*directives[name], tiles)
    # [[theme.fontFaces]] may load fonts from other servers: their origins, and only theirs
    origins = sorted({_origin(face.url) for face in config.theme.font_faces} - {""})
    if origins:
        directives["font-src"] = (*directives["font-src"], *origins)
    # a font named with its stylesheet ("Inter:https://.../inter.css"): that stylesheet's
    # origin for the sheet and the fonts it loads (Google's sheets load from fonts.gstatic.com)
    sheets = sorted({_origin(url) for url in font_stylesheets(config.theme)} - {""})
    if sheets:
        directives["style-src"] = (*directives["style-src"], *sheets)
        fonts = [_FONT_HOSTS.get(origin, origin) for origin in sheets]
        directives["font-src"] = (*directives["font-src"], *dict.fromkeys(fonts))
    if nonce is not None:  # the page: scripts the app shows on purpose carry its nonce
        directives["script-src"] = (*directives["script-src"], f"'nonce-{nonce}'")
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


_FONT_HOSTS = {"https://fonts.googleapis.com": "https://fonts.gstatic.com"}
"""Stylesheet origins whose fonts come from another origin."""


def _origin(url: str) -> str:
    """``https://fonts.example/a.woff2`` -> ``https://fonts.example``; "" for a local path."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https") else ""


def security_headers(config: Config) -> list[tuple[str, str]]:
    """The headers every HTTP response carries (``Cache-Control`` is set by path)."""
    return [
        ("Content-Security-Policy", content_security_policy(config)),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "strict-origin-when-cross-origin"),
    ]


class ResponseHeaders:
    """Adds ``headers`` and a ``Cache-Control`` to every HTTP response of ``app``.

    Example:
        >>> app = ResponseHeaders(app, [("X-Content-Type-Options", "nosniff")])
    """

    def __init__(self, app: ASGIApp, headers: Sequence[tuple[str, str]]) -> None:
        self.app = app
        self._headers = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        static = str(scope.get("path", "")).startswith("/static/")
        cache = (STATIC_CACHE if static else UNCACHED).encode()

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers += [(k, v) for k, v in self._headers if k not in present]
                if b"cache-control" not in present:
                    headers.append((b"cache-control", cache))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)
