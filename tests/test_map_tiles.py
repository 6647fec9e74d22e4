"""Map tiles (``map.tileUrl``): a template is checked when the configuration loads, its origin
joins the page's Content-Security-Policy only when it is set, and st.map and st.pydeck_chart
send it to the browser (None: points on a plain base)."""

from __future__ import annotations

import pytest

from tidal.config import ConfigError, default_config
from tidal.context import RunOptions
from tidal.headers import content_security_policy
from tidal.tiles import tile_origin, tile_url_problem

OSM = "https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png"
POINTS = "import tidal as st\npts = {'lat': [38.72, 59.91], 'lon': [-9.14, 10.75]}\n"


def _directives(policy: str) -> dict[str, list[str]]:
    return {name: sources for name, *sources in (part.split() for part in policy.split(";"))}


def test_a_template_with_z_x_and_y_is_accepted():
    config = default_config().with_values({"map.tileUrl": OSM, "map.tileAttribution": "© OSM"})
    assert config.map.tile_url == OSM and config.map.tile_attribution == "© OSM"
    assert config.get("map.tileUrl") == OSM


def test_no_template_is_the_default_and_means_no_tiles():
    assert default_config().map.tile_url == ""
    assert tile_url_problem("") is None


def test_a_template_without_z_x_y_gets_an_error_that_names_what_is_missing():
    with pytest.raises(ConfigError) as err:
        default_config().with_values({"map.tileUrl": "https://tiles.example.com/{z}/tile.png"})
    message = str(err.value)
    assert 'Option "map.tileUrl"' in message
    assert "missing {x}, {y}" in message
    assert "https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png" in message  # what to write


@pytest.mark.parametrize(
    ("template", "words"),
    [
        ("ftp://tiles.example.com/{z}/{x}/{y}.png", "http:// or https://"),
        ("/tiles/{z}/{x}/{y}.png", "http:// or https://"),
        ("https://tiles.example.com/{z}/{x}/{y}.png?k={key}", "only placeholders"),
        ("https://tiles.example.com/{z}/{x}/{y}.png; script-src *", "without spaces"),
        ("https://tiles{s}.example.com/{z}/{x}/{y}.png", "whole first label"),
        ("https://a.{s}.example.com/{z}/{x}/{y}.png", "whole first label"),
        ("https://{z}.example.com/{x}/{y}.png", "not the host"),
    ],
)
def test_an_unusable_template_is_refused_with_what_to_write(template, words):
    with pytest.raises(ConfigError, match=r"map\.tileUrl") as err:
        default_config().with_values({"map.tileUrl": template})
    assert words in str(err.value)


def test_the_tile_origin_names_any_subdomain_for_s():
    assert tile_origin(OSM) == "https://*.tile.openstreetmap.org"
    assert tile_origin("http://127.0.0.1:8123/{z}/{x}/{y}.png") == "http://127.0.0.1:8123"


def test_the_policy_allows_the_tile_origin_only_when_tiles_are_configured():
    plain = _directives(content_security_policy(default_config()))
    assert plain["connect-src"] == ["'self'"]
    tiled = _directives(content_security_policy(default_config().with_values({"map.tileUrl": OSM})))
    assert tiled["connect-src"] == ["'self'", "https://*.tile.openstreetmap.org"]
    assert "https://*.tile.openstreetmap.org" in tiled["img-src"]
    assert tiled["script-src"] == plain["script-src"]


def _options(**values: str) -> RunOptions:
    return RunOptions.from_config(default_config().with_values(values))


def test_a_map_carries_the_configured_tiles(app_test):
    options = _options(**{"map.tileUrl": OSM, "map.tileAttribution": "© OSM"})
    at = app_test(POINTS + "st.map(pts)", options=options).run()
    assert not at.exception
    assert at.get("map")[0].props["tiles"] == {"url": OSM, "attribution": "© OSM"}


def test_a_map_without_configured_tiles_has_none(app_test):
    at = app_test(POINTS + "st.map(pts)", options=_options()).run()
    assert at.get("map")[0].props["tiles"] is None


def test_a_pydeck_chart_carries_the_configured_tiles(app_test):
    source = "import tidal as st\nst.pydeck_chart({'layers': [], 'mapProvider': 'carto'})"
    at = app_test(source, options=_options(**{"map.tileUrl": OSM})).run()
    assert not at.exception
    assert at.get("deck_gl_json_chart")[0].props["tiles"] == {"url": OSM, "attribution": ""}
