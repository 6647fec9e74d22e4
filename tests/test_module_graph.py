"""What each front-end module needs before it runs (module_graph.py): read from the sources under
static/ with no build step, checked here against an independent line-by-line reading of the same
files; the map every page carries (so that lazy.js asks for a family's whole closure at once)
stays small."""

from __future__ import annotations

import gzip
import json
import posixpath
import re

import httpx

from tests.fixtures.server import COUNTER, serve_app  # noqa: F401
from tidal.front_end import STATIC_DIR
from tidal.module_graph import closure, direct_needs, module_needs, needs_script, page_modules

NEEDS = module_needs(STATIC_DIR)
PAGE = page_modules(STATIC_DIR)


def test_static_imports_are_needs_in_every_form_they_are_written():
    source = """
import { a } from './a.js';
import {
  b,
  c,
} from "../b.js";
import * as ns from './ns.js';
import d, { e } from './d.js';
import './side.js';
export { f } from './f.js';
export * from './star.js';
import{g as h}from"./min.mjs";export*from"./min2.mjs";
"""
    assert direct_needs("elements/x.js", source) == (
        "elements/a.js",
        "b.js",
        "elements/ns.js",
        "elements/d.js",
        "elements/side.js",
        "elements/min.mjs",
        "elements/f.js",
        "elements/star.js",
        "elements/min2.mjs",
    )


def test_dynamic_imports_bare_names_and_import_meta_are_not_needs():
    source = """
const later = () => import('./later.js');
const url = new URL('x.css', import.meta.url);
import { marked } from 'marked';
function f() { return import(`./${name}.js`); }
"""
    assert direct_needs("a.js", source) == ()


def test_literal_stylesheets_and_top_level_vendored_imports_are_needs():
    source = """
useStyles(new URL('charts.css', import.meta.url).href);
const VENDOR = new URL('../vendor/vega/', import.meta.url);
await import(new URL('vega.js', VENDOR).href);
await import(new URL('../vendor/plotly/plotly.js', import.meta.url).href);
async function later() {
  await import(new URL('../vendor/not-at-load.js', import.meta.url).href);
}
"""
    assert direct_needs("elements/charts.js", source) == (
        "elements/charts.css",
        "vendor/vega/vega.js",
        "vendor/plotly/plotly.js",
    )


def test_a_closure_follows_needs_through_shared_files_and_cycles():
    needs = {"a.js": ["b.js", "c.js"], "b.js": ["c.js", "b.css"], "c.js": ["a.js"]}
    assert closure(needs, "b.js") == {"a.js", "b.js", "c.js", "b.css"}
    assert closure(needs, "missing.js") == set()


def test_every_file_in_the_map_exists_under_static():
    named = set(NEEDS) | {file for files in NEEDS.values() for file in files}
    assert named and all((STATIC_DIR / name).is_file() for name in named)


def test_the_pages_own_modules_are_left_out_of_the_map():
    assert {"app.js", "render.js", "lazy.js", "elements.js", "widgets/base.js"} <= PAGE
    named = set(NEEDS) | {file for files in NEEDS.values() for file in files}
    assert not named & PAGE


def test_the_data_family_needs_its_grid_modules_format_and_stylesheet():
    grid = {f"elements/grid_{part}.js" for part in ("buttons", "columns", "edit", "input", "rows")}
    assert closure(NEEDS, "elements/data.js") == {
        "elements/grid.js",
        "elements/cells.js",
        "format.js",
        "elements/data.css",
        *grid,
    }


def test_a_vendored_library_is_listed_with_its_relative_imports_under_its_entry():
    chunks = NEEDS["vendor/mermaid/mermaid.esm.min.mjs"]
    assert chunks and all(c.startswith("vendor/mermaid/chunks/") for c in chunks)
    assert not any(name.startswith("vendor/mermaid/chunks/") for name in NEEDS)
    vega = {f"vendor/vega/{name}.js" for name in ("vega", "vega-lite", "vega-embed")}
    assert vega <= closure(NEEDS, "elements/charts.js")


# An independent reading: our own modules write one import per statement, `from '...'` closing
# it (on its first line or, for a long list of names, on a line of its own); they link their
# stylesheet with a literal URL. Minified vendored files are read for `from"./x"`/`import"./x"`.
OWN_IMPORT = re.compile(
    r"""^(?:import|export|\}) .*?from '(\.{1,2}/[^']+)';$|^import '([^']+)';$"""
)
OWN_STYLES = re.compile(r"""useStyles\(new URL\('([^']+)', import\.meta\.url\)""")
VENDOR_IMPORT = re.compile(r"""(?:from|import)\s*"(\.{1,2}/[^"]+)\"""")


def _read_by_lines(name: str) -> set[str]:
    text = (STATIC_DIR / name).read_text("utf-8")
    here = posixpath.dirname(name)
    if name.startswith("vendor/"):
        found = VENDOR_IMPORT.findall(text)
    else:
        found = [
            m.group(1) or m.group(2) for line in text.splitlines() if (m := OWN_IMPORT.match(line))
        ]
        found += OWN_STYLES.findall(text)
    return {posixpath.normpath(posixpath.join(here, spec)) for spec in found}


def _closure_by_lines(name: str) -> set[str]:
    seen: set[str] = set()
    stack = [name]
    while stack:
        current = stack.pop()
        if not current.endswith((".js", ".mjs")):
            continue
        for file in _read_by_lines(current) - seen:
            seen.add(file)
            stack.append(file)
    return seen - PAGE


def test_every_own_modules_closure_is_complete_against_a_line_by_line_reading():
    own = [
        p.relative_to(STATIC_DIR).as_posix()
        for p in STATIC_DIR.rglob("*.js")
        if p.relative_to(STATIC_DIR).parts[0] != "vendor"
    ]
    later = [name for name in own if name not in PAGE]
    assert "elements/data.js" in later and "widgets/inputs.js" in later
    for name in later:
        by_lines = _closure_by_lines(name) - {name}
        assert by_lines <= closure(NEEDS, name), (name, by_lines - closure(NEEDS, name))


def test_the_map_costs_a_page_a_few_hundred_bytes_compressed():
    assert len(gzip.compress(needs_script(NEEDS).encode())) < 800


def test_the_page_carries_the_map_as_a_data_block(serve_app):  # noqa: F811
    page = httpx.get(serve_app(COUNTER).url + "/")
    block = re.search(
        r'<script type="application/json" id="tidal-needs">(.*?)</script>', page.text, re.S
    )
    assert block is not None  # a data block, with no nonce: it runs nothing
    assert json.loads(block.group(1)) == {k: list(v) for k, v in NEEDS.items()}
    assert page.text.index("tidal-needs") < page.text.index("</head>")
