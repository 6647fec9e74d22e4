"""The headers of every HTTP response (security policy, caching) and the metrics token."""

from __future__ import annotations

import re
import urllib.error
import urllib.request

import pytest

from tests.fixtures.server import COUNTER, serve_app  # noqa: F401
from tidal.config import default_config
from tidal.headers import content_security_policy


def get(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=5) as r:
            return r.status, {k.lower(): v for k, v in r.headers.items()}, r.read()
    except urllib.error.HTTPError as exc:
        return exc.code, {k.lower(): v for k, v in exc.headers.items()}, exc.read()


def directives(policy: str) -> dict[str, list[str]]:
    out = {}
    for part in policy.split(";"):
        name, *sources = part.split()
        out[name] = sources
    return out


@pytest.mark.parametrize("path", ["/", "/some/page", "/static/app.js", "/healthz", "/metrics"])
def test_every_response_carries_the_security_headers(serve_app, path):  # noqa: F811
    server = serve_app(COUNTER)
    status, headers, _ = get(server.url + path)
    assert status == 200
    csp = headers["content-security-policy"]
    nonce = re.search(r"'nonce-([\w-]+)'", csp)
    if path in ("/", "/some/page"):  # the page: its own nonce for the scripts it carries
        assert nonce is not None
        assert csp == content_security_policy(server.config, nonce.group(1))
    else:
        assert nonce is None and csp == content_security_policy(server.config)
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "strict-origin-when-cross-origin"


def test_the_policy_allows_no_inline_script_and_only_the_apps_own_frames_by_default():
    policy = directives(content_security_policy(default_config()))
    assert policy["script-src"] == ["'self'", "'wasm-unsafe-eval'"]  # WASM only: no eval
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert {"data:", "blob:"} <= set(policy["img-src"])
    assert policy["worker-src"] == ["'self'", "blob:"]


def test_the_page_has_no_inline_script(serve_app):  # noqa: F811
    _, headers, body = get(serve_app(COUNTER).url + "/")
    # (the map of what lazy modules need is a data block: JSON, never run)
    html = re.sub(
        r'<script type="application/json" id="tidal-needs">.*?</script>', "", body.decode()
    )
    scripts = re.findall(r"<script\b[^>]*>(.*?)</script>", html, flags=re.S)
    assert scripts and all(body.strip() == "" for body in scripts)  # every one has a src
    assert all('src="' in tag for tag in re.findall(r"<script\b[^>]*>", html))
    # each carries this load's nonce, and the policy names it
    nonce = re.search(r"'nonce-([\w-]+)'", headers["content-security-policy"]).group(1)
    assert html.count(f'nonce="{nonce}"') == len(scripts)


def test_each_page_load_gets_a_fresh_nonce(serve_app):  # noqa: F811
    server = serve_app(COUNTER)
    first = get(server.url + "/")[1]["content-security-policy"]
    second = get(server.url + "/")[1]["content-security-policy"]
    assert first != second


def test_frame_ancestors_come_from_the_option(serve_app):  # noqa: F811
    server = serve_app(COUNTER, server__allowedFrameAncestors="'self',https://portal.example.com")
    _, headers, _ = get(server.url + "/")
    policy = directives(headers["content-security-policy"])
    assert policy["frame-ancestors"] == ["'self'", "https://portal.example.com"]


def test_the_page_is_never_stored_and_static_files_are_revalidated(serve_app):  # noqa: F811
    server = serve_app(COUNTER)
    _, page, _ = get(server.url + "/")
    assert page["cache-control"] == "no-store"
    status, asset, _ = get(server.url + "/static/app.js")
    assert asset["cache-control"] == "no-cache"
    assert asset["etag"]
    status, _, body = get(server.url + "/static/app.js", {"If-None-Match": asset["etag"]})
    assert (status, body) == (304, b"")


def test_metrics_need_the_token_when_one_is_set(serve_app):  # noqa: F811
    server = serve_app(COUNTER, server__metricsToken="s3cret-token")
    status, headers, body = get(server.url + "/metrics")
    assert status == 401
    assert b"tidal_sessions" not in body
    assert headers["www-authenticate"].startswith("Bearer")
    assert get(server.url + "/metrics", {"Authorization": "Bearer wrong"})[0] == 401
    status, _, body = get(server.url + "/metrics", {"Authorization": "Bearer s3cret-token"})
    assert status == 200
    assert b"tidal_sessions " in body


def test_metrics_are_open_without_a_token(serve_app):  # noqa: F811
    status, _, body = get(serve_app(COUNTER).url + "/metrics")
    assert status == 200
    assert b"tidal_sessions " in body


def test_static_files_are_compressed_for_browsers_that_accept_it(serve_app):  # noqa: F811
    import httpx

    server = serve_app(COUNTER)
    zipped = httpx.get(server.url + "/static/style.css", headers={"Accept-Encoding": "gzip"})
    assert zipped.status_code == 200
    assert zipped.headers["content-encoding"] == "gzip"
    assert int(zipped.headers["content-length"]) < len(zipped.content) / 2  # decoded by httpx
    plain = httpx.get(server.url + "/static/style.css", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers and plain.content == zipped.content


def test_the_page_is_compressed_for_browsers_that_accept_it(serve_app):  # noqa: F811
    import httpx

    server = serve_app(COUNTER)
    zipped = httpx.get(server.url + "/", headers={"Accept-Encoding": "gzip"})
    assert zipped.headers["content-encoding"] == "gzip"
    assert zipped.headers["vary"] == "Accept-Encoding"
    assert int(zipped.headers["content-length"]) < len(zipped.content) / 2  # decoded by httpx
    plain = httpx.get(server.url + "/", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers and "<title>tidal</title>" in plain.text
