"""Serving custom components' front ends: ``/component/<name>/<file>``, and ``/_tidal/frame``.

Owns the HTTP endpoint that serves a declared component's built files, only from the folder
its package declared (no path leaves it), with a correct, non-sniffable content type. The
component iframe runs in an opaque origin (sandboxed without ``allow-same-origin``), so the
files carry ``Access-Control-Allow-Origin: *``: module scripts and fonts load from an opaque
origin only with CORS. Knows nothing about sessions or runs; which components exist is
``api/components.py``'s registry.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, PlainTextResponse, Response
from starlette.routing import Route

from tidal.api.components import REGISTRY

_TYPES = {
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".css": "text/css",
    ".html": "text/html",
    ".json": "application/json",
    ".map": "application/json",
    ".svg": "image/svg+xml",
    ".wasm": "application/wasm",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".ttf": "font/ttf",
}
_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-cache",
    # A component's own document is third-party code in an opaque-origin sandbox: the page's
    # strict policy (no inline scripts, no eval) would break most component builds, so it
    # gets only the framing rule. It cannot reach the page whatever it runs.
    "Content-Security-Policy": "frame-ancestors 'self'",
}


def resolve(name: str, relative: str) -> Path | None:
    """The file of component ``name`` at ``relative`` inside its folder, or None when there is
    no such component, no such file, or the path would leave the folder."""
    component = REGISTRY.get(name)
    if component is None or component.path is None:
        return None
    root = component.path
    target = (root / (relative or "index.html")).resolve()
    if not target.is_relative_to(root) or not target.is_file():
        return None
    return target


def content_type(path: Path) -> str:
    """The Content-Type a component file is served with."""
    suffix = path.suffix.lower()
    if suffix in _TYPES:
        return _TYPES[suffix]
    guessed, _ = mimetypes.guess_type(path.name)
    return guessed or "application/octet-stream"


FRAME_SHELL = """<!doctype html>
<html><head><meta charset="utf-8"></head><body><script>
  // tidal's iframe shell: writes the one document its parent page hands it (see frames.js)
  addEventListener('message', function take(e) {
    if (e.source !== parent || !e.data || e.data.type !== 'tidal:document') return;
    removeEventListener('message', take);
    document.open();
    document.write(String(e.data.html));
    document.close();
    setTimeout(function () { parent.postMessage({ type: 'tidal:frameShown' }, '*'); }, 0);
  });
  parent.postMessage({ type: 'tidal:frameReady' }, '*');
</script></body></html>
"""


async def frame_shell(request: Request) -> Response:
    """``GET /_tidal/frame``: the blank document an HTML iframe loads before its content
    (``components.html``, ``st.iframe`` of HTML), under the components' framing-only policy."""
    return HTMLResponse(FRAME_SHELL, headers=_HEADERS)


async def component_file(request: Request) -> Response:
    """``GET /component/{name}/{path}``: a file of a declared component's front end."""
    name = request.path_params["name"]
    path = resolve(name, request.path_params.get("path", ""))
    if path is None:
        return PlainTextResponse("Not found", status_code=404, headers=_HEADERS)
    return FileResponse(path, media_type=content_type(path), headers=_HEADERS)


def component_file_routes() -> list[Route]:
    """The routes to mount: ``/component/{name}/{path}`` and ``/_tidal/frame``.

    Example:
        >>> Starlette(routes=[*component_file_routes()])
    """
    return [
        Route("/component/{name}/{path:path}", component_file),
        Route("/_tidal/frame", frame_shell),
    ]
