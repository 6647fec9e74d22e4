"""What the first page load fetches: one stylesheet (``/_tidal/page.css``) joining the sheets
every page needs with the theme, revalidated by ETag; modules whose imports all exist; and
widget families loaded on first use whose table in render.js names exactly their kinds."""

from __future__ import annotations

import re
from pathlib import Path

import httpx

from tests.fixtures.server import COUNTER, serve_app  # noqa: F401
from tidal.stylesheet import PAGE_SHEETS, THEME

STATIC = Path(__file__).resolve().parent.parent / "src" / "tidal" / "static"
IMPORT = re.compile(r"""(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+'(\.{1,2}/[^']+)'""")


def test_the_page_links_one_stylesheet_and_preloads_only_modules_that_exist():
    html = (STATIC / "index.html").read_text()
    assert re.findall(r'rel="stylesheet" href="([^"]+)"', html) == ["/_tidal/page.css"]
    preloaded = re.findall(r'rel="modulepreload" href="/static/([^"]+)"', html)
    assert preloaded and all((STATIC / name).is_file() for name in preloaded)


def test_every_static_import_names_a_file_that_exists():
    missing = []
    for module in STATIC.rglob("*.js"):
        if "vendor" in module.parts:
            continue
        for target in IMPORT.findall(module.read_text()):
            if not (module.parent / target).resolve().is_file():
                missing.append(f"{module.relative_to(STATIC)} imports {target}")
    assert missing == []


def test_every_front_end_module_stays_under_the_hard_size_limit():
    # CONVENTIONS.md: ~400 lines a module, 500 at most; a module past it has a second noun
    # to move out (into a family fetched on first use when most pages do not need it)
    sizes = {
        str(module.relative_to(STATIC)): len(module.read_text().splitlines())
        for module in STATIC.rglob("*.js")
        if "vendor" not in module.parts
    }
    assert {name: n for name, n in sizes.items() if n > 500} == {}


def test_the_lazy_widget_table_names_exactly_the_kinds_of_each_family():
    render = (STATIC / "render.js").read_text()
    table = render.split("const WIDGET_FAMILIES = {")[1].split("};")[0]
    families = {
        url: re.findall(r"'([a-z_]+)'", types)
        for url, types in re.findall(r"'(widgets/\w+\.js)': \[([^\]]*)\]", table)
    }
    assert len(families) == 4
    for url, types in families.items():
        source = (STATIC / url).read_text()
        kinds = source.split("export const kinds = {")[1].split("\n};")[0]
        assert sorted(types) == sorted(re.findall(r"^  ([a-z_]+):", kinds, re.M)), url


def test_page_css_joins_the_sheets_in_cascade_order_with_the_theme(serve_app):  # noqa: F811
    server = serve_app(COUNTER, theme__primaryColor="#ff4b4b")
    response = httpx.get(server.url + "/_tidal/page.css", headers={"Accept-Encoding": "identity"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/css")
    css = response.text
    marks = [css.index(f"/* {'[theme]' if name == THEME else name} */") for name in PAGE_SHEETS]
    assert marks == sorted(marks)
    assert "--accent: #ff4b4b" in css[marks[2] : marks[3]]
    assert (STATIC / "widgets" / "widgets.css").read_text() in css
    # the Material Symbols font of text.css, now served from another path
    assert "url(/static/vendor/material-symbols-rounded.woff2)" in css


def test_page_css_is_gzipped_and_revalidated_by_its_etag(serve_app):  # noqa: F811
    server = serve_app(COUNTER)
    url = server.url + "/_tidal/page.css"
    zipped = httpx.get(url, headers={"Accept-Encoding": "gzip"})
    assert zipped.headers["content-encoding"] == "gzip"
    assert zipped.headers["cache-control"] == "no-cache"
    plain = httpx.get(url, headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers
    assert zipped.content == plain.content  # httpx decodes it
    assert int(zipped.headers["content-length"]) < len(plain.content) / 3
    again = httpx.get(url, headers={"If-None-Match": plain.headers["etag"]})
    assert again.status_code == 304 and again.content == b""
