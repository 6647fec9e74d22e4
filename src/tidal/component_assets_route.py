"""Serving ``components.v2`` components' files: ``/_tidal/components/<name>/<path>`` and
``/_tidal/component-js/<name>/<digest>.js``.

Owns the HTTP endpoints that serve a v2 component's files, only from the ``asset_dir`` its
package's manifest declared (no path leaves it), and the inline JS a component registered,
as an ES module addressed by its content digest: the page's policy runs scripts from its own
origin but never ``eval`` or ``blob:``, so inline code is served rather than evaluated. Types
are exact and not sniffable. Knows nothing about sessions or runs; which components exist is
``api/components_v2.py``'s registry.
"""

from __future__ import annotations

from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, Response
from starlette.routing import Route

from tidal.api.components_v2 import BIDI_REGISTRY
from tidal.component_files import content_type

_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-cache",
}


def resolve_asset_file(name: str, relative: str) -> Path | None:
    """The file at ``relative`` inside component ``name``'s ``asset_dir``, or None when there
    is no such component, no asset folder, no such file, or the path would leave it."""
    definition = BIDI_REGISTRY.get(name)
    if definition is None or definition.asset_dir is None or not relative:
        return None
    root = definition.asset_dir.resolve()
    target = (root / relative).resolve()
    if not target.is_relative_to(root) or not target.is_file():
        return None
    return target


async def component_asset(request: Request) -> Response:
    """``GET /_tidal/components/{name}/{path}``: a file of a v2 component's ``asset_dir``."""
    path = resolve_asset_file(request.path_params["name"], request.path_params.get("path", ""))
    if path is None:
        return PlainTextResponse("Not found", status_code=404, headers=_HEADERS)
    return FileResponse(path, media_type=content_type(path), headers=_HEADERS)


async def component_inline_js(request: Request) -> Response:
    """``GET /_tidal/component-js/{name}/{digest}.js``: a v2 component's inline ``js``."""
    code = BIDI_REGISTRY.inline_js(request.path_params["name"], request.path_params["digest"])
    if code is None:
        return PlainTextResponse("Not found", status_code=404, headers=_HEADERS)
    return Response(code, media_type="text/javascript", headers=_HEADERS)


def component_asset_routes() -> list[Route]:
    """The routes to mount: ``/_tidal/components/{name}/{path}`` and
    ``/_tidal/component-js/{name}/{digest}.js``.

    Example:
        >>> Starlette(routes=[*component_asset_routes()])
    """
    return [
        Route("/_tidal/components/{name}/{path:path}", component_asset),
        Route("/_tidal/component-js/{name}/{digest}.js", component_inline_js),
    ]
