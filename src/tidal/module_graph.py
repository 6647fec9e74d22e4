"""What each front-end module needs before it runs, so a lazy family loads in one round trip.

A module the page imports on first use (an element family such as ``elements/data.js``, a widget
family, the inspector) runs only once the browser has every module it imports statically, the
modules those import, and so on; it then links its stylesheet (``useStyles(new URL('data.css',
import.meta.url).href)``) and may import vendored scripts at its top level (``await import(new
URL('../vendor/plotly/plotly.js', import.meta.url).href)``). The browser discovers each level
only after the one above has arrived: a waterfall of round trips after the data is there.

This module reads ``static/`` once (no build step) and maps every module the page may import
later to the files it names directly, leaving out the page's own modules (``app.js`` and its
static imports, loaded with the page). The page carries the map (:func:`needs_script`), and
``static/lazy.js`` asks for a family's whole closure at once. Vendored files are read when a
module reaches them, for the relative imports they make in turn (mermaid's chunks). Knows
nothing about routes, elements or sessions.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from urllib.parse import urljoin

__all__ = [
    "NEEDS_ID",
    "PAGE_ENTRY",
    "closure",
    "direct_needs",
    "module_needs",
    "needs_script",
    "page_modules",
]

PAGE_ENTRY = "app.js"
"""The page's module script, under ``static/``; it and its static imports load with the page."""

NEEDS_ID = "tidal-needs"
"""The id of the page's ``<script type="application/json">`` that carries the map."""

_BASE = "http://static/"
"""A stand-in origin to resolve relative specifiers with URL semantics (``urljoin``)."""

# `import x from './a.js'`, `import {a, b} from "./a.js"`, `import * as m from './a.js'`,
# `import './a.js'`, minified `import{a as b}from"./a.mjs"`; not `import('./a.js')` (dynamic)
# nor `import.meta`. Relative specifiers only: bare names are not files under static/.
_IMPORT = re.compile(
    r"""import\s*(?:[\w$]+\s*,?\s*)?(?:\{[^}]*\}|\*\s*as\s+[\w$]+)?\s*(?:from\s*)?"""
    r"""(["'])(\.{1,2}/[^"'\s]+)\1"""
)
# `export {a} from './a.js'`, `export * from './a.js'`, `export * as m from './a.js'`
_EXPORT = re.compile(
    r"""export\s*(?:\{[^}]*\}|\*(?:\s*as\s+[\w$]+)?)\s*from\s*(["'])(\.{1,2}/[^"'\s]+)\1"""
)
# a stylesheet linked with a literal URL: `useStyles(new URL('data.css', import.meta.url)...`
_STYLES = re.compile(
    r"""useStyles\(\s*new URL\(\s*(["'])([^"'\s]+)\1\s*,\s*import\.meta\.url\s*\)"""
)
# a URL bound at the top level: `const VENDOR = new URL('../vendor/vega/', import.meta.url);`
_URL_CONST = re.compile(
    r"""^const\s+([\w$]+)\s*=\s*new URL\(\s*(["'])([^"'\s]+)\2\s*,\s*import\.meta\.url\s*\)""",
    re.MULTILINE,
)
# a vendored script imported at the top level, so when the module runs, every time:
# `await import(new URL('vega.js', VENDOR).href);` (a line of its own, not inside a function)
_TOP_IMPORT = re.compile(
    r"""^(?:(?:const|let)\s+[^=]+=\s*)?await import\(\s*new URL\(\s*(["'])([^"'\s]+)\1\s*,"""
    r"""\s*(import\.meta\.url|[\w$]+)\s*\)\.href\s*\)""",
    re.MULTILINE,
)


def _specifiers(source: str) -> Iterator[str]:
    """The relative specifiers ``source`` imports or re-exports statically."""
    for pattern in (_IMPORT, _EXPORT):
        for match in pattern.finditer(source):
            start = match.start()
            # `foo.import"./x"` or `reimport "./x"` are not import statements
            if start and (source[start - 1].isalnum() or source[start - 1] in "_$."):
                continue
            yield match.group(2)


def direct_needs(name: str, source: str) -> tuple[str, ...]:
    """The files module ``name`` (a path under ``static/``) names directly in ``source``: its
    static imports and re-exports, the stylesheets it links with ``useStyles(new URL(...,
    import.meta.url))``, and the scripts it imports at its top level with ``await import(new
    URL(...).href)``, as paths under ``static/``, in order, without repeats. Whether they
    exist is not checked here.

    Example:
        >>> direct_needs("elements/data.js", "import { Grid } from './grid.js';")
        ('elements/grid.js',)
    """
    here = _BASE + name
    found = [urljoin(here, spec) for spec in _specifiers(source)]
    if "useStyles(" in source:  # (a quick test first: vendored files run to megabytes)
        found += [urljoin(here, m.group(2)) for m in _STYLES.finditer(source)]
    if "await import(" in source:
        bases = {m.group(1): urljoin(here, m.group(3)) for m in _URL_CONST.finditer(source)}
        for match in _TOP_IMPORT.finditer(source):
            base = here if match.group(3) == "import.meta.url" else bases.get(match.group(3))
            if base is not None:
                found.append(urljoin(base, match.group(2)))
    inside = (url.removeprefix(_BASE) for url in found if url.startswith(_BASE))
    return tuple(dict.fromkeys(inside))


def closure(needs: Mapping[str, Sequence[str]], name: str) -> set[str]:
    """Every file module ``name`` needs, directly or through the files it needs (not itself,
    unless a cycle leads back to it).

    Example:
        >>> sorted(closure({"a.js": ["b.js"], "b.js": ["c.css"]}, "a.js"))
        ['b.js', 'c.css']
    """
    return _walk(lambda file: needs.get(file, ()), [name])


def _walk(direct: Callable[[str], Iterable[str]], names: Iterable[str]) -> set[str]:
    """Everything reached from ``names`` through ``direct`` (``names`` only when reached)."""
    seen: set[str] = set()
    stack = list(names)
    while stack:
        for file in direct(stack.pop()):
            if file not in seen:
                seen.add(file)
                stack.append(file)
    return seen


class _Reader:
    """Reads the modules under one ``static/`` folder once each, for their direct needs."""

    def __init__(self, static_dir: Path) -> None:
        self.static_dir = static_dir
        self.needs: dict[str, tuple[str, ...]] = {}

    def exists(self, name: str) -> bool:
        return (self.static_dir / name).is_file()

    def read(self, name: str) -> tuple[str, ...]:
        """``name``'s direct needs that exist (a stylesheet needs nothing: not read)."""
        if name not in self.needs:
            source = ""
            if name.endswith((".js", ".mjs")):
                source = (self.static_dir / name).read_text("utf-8", errors="replace")
            self.needs[name] = tuple(n for n in direct_needs(name, source) if self.exists(n))
        return self.needs[name]

    def reach(self, names: Sequence[str]) -> set[str]:
        """``names`` and everything they need, read as they are reached."""
        return set(names) | _walk(self.read, names)


def page_modules(static_dir: Path, entry: str = PAGE_ENTRY) -> frozenset[str]:
    """The page's own modules: ``entry`` and everything it needs, as paths under ``static/``.

    Example:
        >>> "render.js" in page_modules(STATIC_DIR)
        True
    """
    return frozenset(_Reader(static_dir).reach([entry]))


@functools.cache
def module_needs(static_dir: Path, entry: str = PAGE_ENTRY) -> dict[str, tuple[str, ...]]:
    """What each module the page may import later needs, outside the page's own modules:
    path under ``static/`` -> sorted paths under ``static/`` (modules and stylesheets), only for
    the modules that need something. The page may import later any module of its own under
    ``static/`` (not ``vendor/``) that it has not loaded: those map to what they need directly.
    A vendored file they name maps to everything it needs in turn (its whole closure: a
    library's internal chunks are listed once, under its entry). Read once per folder.

    Example:
        >>> module_needs(STATIC_DIR)["elements/data.js"]
        ('elements/cells.js', 'elements/data.css', 'elements/grid.js')
    """
    reader = _Reader(static_dir)
    page = reader.reach([entry])
    own = sorted(
        path.relative_to(static_dir).as_posix()
        for path in static_dir.rglob("*.js")
        if not _vendored(path.relative_to(static_dir).as_posix())
    )
    needs = {name: set(reader.read(name)) - page for name in own if name not in page}
    vendored = sorted({file for files in needs.values() for file in files if _vendored(file)})
    needs.update({name: reader.reach([name]) - page - {name} for name in vendored})
    return {name: tuple(sorted(files)) for name, files in sorted(needs.items()) if files}


def _vendored(name: str) -> bool:
    return name.startswith("vendor/")


def needs_script(needs: Mapping[str, Sequence[str]]) -> str:
    """The ``<script type="application/json">`` that gives the page the map (``lazy.js`` reads
    it on a family's first import). A data block, never run, so the page's CSP allows it.

    Example:
        >>> needs_script({"elements/data.js": ["elements/grid.js"]})
        '<script type="application/json" id="tidal-needs">{"elements/data.js":[...]}</script>'
    """
    body = json.dumps(needs, separators=(",", ":")).replace("<", "\\u003c")
    return f'<script type="application/json" id="{NEEDS_ID}">{body}</script>'
