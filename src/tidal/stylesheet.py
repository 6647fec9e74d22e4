"""The page's stylesheet, ``/_tidal/page.css``: the CSS every page needs, in one response.

Owns the list of always-needed sheets under ``static/`` and the ``[theme]`` CSS, joined in
cascade order (``style.css``, ``text.css``, the theme, ``widgets/widgets.css``) with their
relative ``url(...)``\\ s made absolute, so the first load costs one request instead of four.
It is built once per server from the files on disk and revalidated by ETag, as ``/static/``
files are. Lazily loaded families keep their own sheets. Knows nothing about the theme's
options or the page's markup.
"""

from __future__ import annotations

import gzip
import hashlib
import re
from pathlib import Path

from starlette.requests import Request
from starlette.responses import Response

__all__ = ["PAGE_SHEETS", "THEME", "PageStylesheet"]

THEME = "<theme>"
"""Where the ``[theme]`` CSS goes among :data:`PAGE_SHEETS`."""
PAGE_SHEETS = ("style.css", "text.css", THEME, "widgets/widgets.css")
"""The sheets of every page, in cascade order, relative to ``static/``."""
_RELATIVE_URL = re.compile(r"""url\(\s*(['"]?)(?![a-zA-Z][\w+.-]*:|/|#)""")


def _absolute_urls(css: str, folder: str) -> str:
    """``url(x.woff2)`` in ``static/<folder>/`` -> ``url(/static/<folder>/x.woff2)``."""
    base = f"/static/{folder}/" if folder else "/static/"
    return _RELATIVE_URL.sub(lambda m: f"url({m.group(1)}{base}", css)


class PageStylesheet:
    """The endpoint serving the joined sheets (gzipped when the browser accepts it).

    Example:
        >>> sheet = PageStylesheet(STATIC_DIR, theme_css(config.theme))
        >>> Route("/_tidal/page.css", sheet.respond)
    """

    def __init__(self, static_dir: Path, theme: str) -> None:
        # @import rules (the theme's font stylesheets) count only at the top of a sheet
        imports = [line for line in theme.splitlines() if line.startswith("@import ")]
        parts = ["\n".join(imports)] if imports else []
        for name in PAGE_SHEETS:
            if name == THEME:
                parts.append(f"/* [theme] */\n{theme}")
                continue
            css = (static_dir / name).read_text("utf-8")
            parts.append(f"/* {name} */\n{_absolute_urls(css, str(Path(name).parent).strip('.'))}")
        self.body = "\n".join(parts).encode()
        self.zipped = gzip.compress(self.body, mtime=0)
        self.etag = '"' + hashlib.sha256(self.body).hexdigest()[:20] + '"'

    async def respond(self, request: Request) -> Response:
        """The sheets, or 304 when the browser's copy (its ETag) is current."""
        headers = {"ETag": self.etag, "Cache-Control": "no-cache", "Vary": "Accept-Encoding"}
        if request.headers.get("if-none-match") == self.etag:
            return Response(status_code=304, headers=headers)
        body = self.body
        if "gzip" in request.headers.get("accept-encoding", ""):
            body = self.zipped
            headers["Content-Encoding"] = "gzip"
        return Response(body, media_type="text/css", headers=headers)
