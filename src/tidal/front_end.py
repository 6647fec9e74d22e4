"""The front end's routes: the page at ``/`` and every page path, its files under ``/static``,
its one stylesheet at ``/_tidal/page.css`` and the configured theme at ``/_tidal/theme.css``.

Every page load gets ``static/index.html`` with a fresh nonce on its scripts and a
Content-Security-Policy allowing that nonce (``headers.py``), and the map of what each lazily
loaded module needs (``module_graph.py``), so that a family's modules load in one round trip;
the page, its modules and the vendored libraries are served compressed. Knows nothing about
sessions or runs: the page opens the websocket and everything else comes from there.
"""

from __future__ import annotations

import gzip
import secrets
from pathlib import Path

from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from tidal.config import Config
from tidal.headers import content_security_policy
from tidal.module_graph import module_needs, needs_script
from tidal.stylesheet import PageStylesheet
from tidal.theme import theme_css

STATIC_DIR = Path(__file__).resolve().parent / "static"


class FrontEndRoutes:
    """The page, its static files and its theme stylesheet, for one app's ``config``."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.theme = theme_css(config.theme)
        self.page_html = (STATIC_DIR / "index.html").read_text("utf-8")
        # what each lazily loaded module needs (a data block, not a script: it gets no nonce)
        self.needs = f"{needs_script(module_needs(STATIC_DIR))}\n</head>"
        self.page_css = PageStylesheet(STATIC_DIR, self.theme)

    def routes(self) -> list[BaseRoute]:
        """The routes to mount, after every other route: ``/{page:path}`` matches any path.

        Example:
            >>> Starlette(routes=[*other_routes, *FrontEndRoutes(config).routes()])
        """
        return [
            Route("/_tidal/theme.css", self.theme_stylesheet),
            # the page's stylesheets and the theme in one response (one request at first load)
            Route("/_tidal/page.css", self.page_css.respond),
            # compressed: the page's modules and the vendored libraries are text (a page of
            # charts fetches megabytes of JavaScript); media and uploads are not
            Mount(
                "/static",
                GZipMiddleware(StaticFiles(directory=STATIC_DIR), minimum_size=1024),
                name="static",
            ),
            Route("/", self.page),
            Route("/{page:path}", self.page),
        ]

    async def theme_stylesheet(self, request: Request) -> Response:
        """``GET /_tidal/theme.css``: the ``[theme]`` options as CSS variables."""
        return PlainTextResponse(
            self.theme, media_type="text/css", headers={"Cache-Control": "no-cache"}
        )

    async def page(self, request: Request) -> Response:
        """``GET /`` and every page path: the front end, with a nonce of its own."""
        # a fresh nonce per page load: the scripts an app shows on purpose (st.html with
        # unsafe_allow_javascript) run with it; no other inline script does
        nonce = secrets.token_urlsafe(16)
        html = self.page_html.replace("<script ", f'<script nonce="{nonce}" ')
        html = html.replace("</head>", self.needs, 1)
        headers = {"Content-Security-Policy": content_security_policy(self.config, nonce)}
        body = html.encode()
        if "gzip" in request.headers.get("accept-encoding", ""):
            # 70% smaller. Safe to compress: the page echoes nothing from the request (BREACH
            # needs a secret and text the attacker chose in the same compressed response)
            body = gzip.compress(body, compresslevel=6, mtime=0)
            headers["Content-Encoding"] = "gzip"
        headers["Vary"] = "Accept-Encoding"
        return HTMLResponse(body, headers=headers)
