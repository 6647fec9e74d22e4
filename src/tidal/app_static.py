"""The app's own static folder, served at ``/app/static/`` (``server.enableStaticServing``).

Owns ``AppStaticFiles``: the files of the ``static`` folder next to the app's script, as
Streamlit serves them. Files of a known safe kind (fonts, images, media, PDF, JSON, CSV and
text) keep their content type; any other file (HTML, JavaScript, SVG...) is served as plain
text, so a file in the folder can never run as a page or a script of the app's origin.
Knows nothing about sessions, scripts or the theme.
"""

from __future__ import annotations

from starlette.responses import Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

__all__ = ["SAFE_SUFFIXES", "AppStaticFiles"]

SAFE_SUFFIXES = frozenset(
    {
        ".woff", ".woff2", ".ttf", ".otf",  # fonts ([[theme.fontFaces]])
        ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".ico", ".bmp",
        ".mp3", ".wav", ".ogg", ".mp4", ".webm",
        ".pdf", ".json", ".csv", ".txt",
    }
)  # fmt: skip
"""Suffixes whose own content type is kept; every other file is ``text/plain``."""


class AppStaticFiles(StaticFiles):
    """``StaticFiles`` for the app's static folder, unsafe kinds served as plain text.

    Example:
        >>> Mount("/app/static", AppStaticFiles(directory=app_dir / "static", check_dir=False))
    """

    async def get_response(self, path: str, scope: Scope) -> Response:
        response = await super().get_response(path, scope)
        suffix = "." + path.rsplit(".", 1)[-1].lower() if "." in path else ""
        if response.status_code == 200 and suffix not in SAFE_SUFFIXES:
            response.headers["content-type"] = "text/plain; charset=utf-8"
        return response
