"""Signing in over HTTP: a real tidal server, a fake OpenID Connect provider on loopback, and
the browser's part played by httpx (the browser test is tests/browser/test_auth.py).

st.login's button sends a ``redirect`` message; /auth/login sends the browser to the provider
with PKCE, state and nonce; /oauth2callback checks the answer and sets the identity cookie. A
wrong state, a forged or expired ID token, or a replayed nonce is refused with a clear message
and no cookie.
"""

from __future__ import annotations

import json

import httpx
import pytest
from joserfc.jwk import RSAKey
from websockets.sync.client import connect

from tests.fixtures.oidc_provider import ALICE, SIGNIN_APP, FakeProvider, oidc_provider  # noqa: F401
from tidal.api.identity import USER_COOKIE
from tidal.auth_routes import FLOW_COOKIE


@pytest.fixture
def signin(serve_app, oidc_provider, tmp_path):  # noqa: F811
    """``(server, provider)``: the app above, configured with the fake provider."""
    server = serve_app(SIGNIN_APP)
    (tmp_path / ".streamlit").mkdir()
    (tmp_path / ".streamlit" / "secrets.toml").write_text(oidc_provider.secrets_toml(server.url))
    yield server, oidc_provider
    for browser in BROWSERS:
        browser.close()
    BROWSERS.clear()


BROWSERS: list[httpx.Client] = []
"""The cookie jars a test opened (closed when it ends)."""


def login_redirect(server) -> str:
    """Click "Log in" over the websocket; the address the server tells the tab to load."""
    client = server.client()
    try:
        client.click("Log in", wait=False)
        for _ in range(50):
            msg = client.recv()
            if msg["t"] == "redirect":
                return str(msg["url"])
        raise AssertionError("no redirect message after clicking Log in")
    finally:
        client.close()


def to_callback(server, provider: FakeProvider) -> tuple[httpx.Client, str]:
    """Log in up to the provider's answer: (the browser's cookie jar, the callback URL)."""
    browser = httpx.Client(base_url=server.url, follow_redirects=False, timeout=10)
    BROWSERS.append(browser)
    start = browser.get(login_redirect(server))
    assert start.status_code == 302, start.text
    assert FLOW_COOKIE in start.cookies
    answer = browser.get(start.headers["location"])  # the provider signs Alice in at once
    assert answer.status_code == 302, answer.text
    return browser, answer.headers["location"]


def test_login_sends_the_browser_to_the_provider_with_pkce_state_and_nonce(signin):
    server, provider = signin
    url = login_redirect(server)
    assert url.startswith("/auth/login?provider=")
    start = httpx.get(server.url + url, follow_redirects=False)
    assert start.status_code == 302
    assert start.headers["location"].startswith(provider.url + "/authorize?")
    httpx.get(start.headers["location"], follow_redirects=False)
    sent = provider.authorized[-1]
    assert sent["response_type"] == "code" and sent["client_id"] == "tidal-test-client"
    assert sent["redirect_uri"] == server.url + "/oauth2callback"
    assert sent["code_challenge_method"] == "S256" and len(sent["code_challenge"]) == 43
    assert sent["scope"] == "openid profile email" and sent["prompt"] == "select_account"
    assert len(sent["state"]) > 30 and len(sent["nonce"]) > 30
    cookie = start.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie


def test_the_callback_keeps_the_identity_in_an_httponly_cookie_and_goes_home(signin):
    server, provider = signin
    browser, callback = to_callback(server, provider)
    done = browser.get(callback)
    assert done.status_code == 302 and done.headers["location"] == server.url + "/"
    set_cookies = done.headers.get_list("set-cookie")
    identity = next(c for c in set_cookies if c.startswith(f"{USER_COOKIE}="))
    assert "HttpOnly" in identity and "Max-Age=2592000" in identity
    assert any(c.startswith(f"{FLOW_COOKIE}=") and "Max-Age=0" in c for c in set_cookies)
    page = page_texts(server, {USER_COOKIE: browser.cookies[USER_COOKIE]})
    assert f"Hello {ALICE['name']} <{ALICE['email']}>" in page


def refused(server, provider) -> httpx.Response:
    """Log in with the provider's knobs set to break something: the callback's answer."""
    browser, callback = to_callback(server, provider)
    answer = browser.get(callback)
    assert answer.status_code == 400, answer.text
    assert not any(c.startswith(USER_COOKIE) for c in answer.headers.get_list("set-cookie"))
    return answer


def test_an_answer_with_another_state_is_refused(signin):
    server, provider = signin
    browser, callback = to_callback(server, provider)
    forged = callback.replace("state=", "state=x")
    answer = browser.get(forged)
    assert answer.status_code == 400
    assert "state mismatch" in answer.text
    assert USER_COOKIE not in answer.cookies


def test_an_id_token_signed_by_another_key_is_refused(signin):
    server, provider = signin
    provider.sign_with = RSAKey.generate_key(2048, {"kid": provider.kid})
    answer = refused(server, provider)
    assert "ID token is not valid" in answer.text and "signature" in answer.text.lower()


def test_an_expired_id_token_is_refused(signin):
    server, provider = signin
    provider.lifetime = -3600
    answer = refused(server, provider)
    assert "ID token is not valid" in answer.text and "expired" in answer.text.lower()


def test_an_id_token_for_another_sign_in_is_refused(signin):
    server, provider = signin
    provider.nonce = "a-nonce-from-another-sign-in"
    answer = refused(server, provider)
    assert "ID token is not valid" in answer.text and "nonce" in answer.text


def test_an_answer_without_the_browsers_flow_cookie_is_refused(signin):
    server, provider = signin
    _, callback = to_callback(server, provider)
    answer = httpx.get(callback, follow_redirects=False)  # another browser: no flow cookie
    assert answer.status_code == 400
    assert "no sign-in in progress" in answer.text


def test_a_provider_error_is_shown_and_nobody_signs_in(signin):
    server, provider = signin
    browser, callback = to_callback(server, provider)
    state = httpx.URL(callback).params["state"]
    answer = browser.get("/oauth2callback", params={"error": "access_denied", "state": state})
    assert answer.status_code == 400
    assert "The identity provider refused the sign-in: access_denied" in answer.text


def test_a_forged_login_link_is_refused(signin):
    server, _ = signin
    answer = httpx.get(server.url + "/auth/login?provider=default", follow_redirects=False)
    assert answer.status_code == 400 and "not valid or has expired" in answer.text


def test_logout_deletes_the_identity_cookie_and_goes_home(signin):
    server, provider = signin
    browser, callback = to_callback(server, provider)
    browser.get(callback)
    out = browser.get("/auth/logout")
    assert out.status_code == 302 and out.headers["location"] == server.url + "/"
    assert any(
        c.startswith(f"{USER_COOKIE}=") and "Max-Age=0" in c
        for c in out.headers.get_list("set-cookie")
    )


def test_logout_goes_through_the_providers_end_session_endpoint(signin):
    server, provider = signin
    provider.end_session = True
    browser, callback = to_callback(server, provider)
    browser.get(callback)
    out = browser.get("/auth/logout")
    target = httpx.URL(out.headers["location"])
    assert str(target).startswith(provider.url + "/logout?")
    assert target.params["client_id"] == "tidal-test-client"
    assert target.params["post_logout_redirect_uri"] == server.url + "/"


def test_port_in_the_redirect_uri_is_this_servers_port(signin, tmp_path):
    server, provider = signin
    secrets = tmp_path / ".streamlit" / "secrets.toml"
    secrets.write_text(secrets.read_text().replace(f":{server.port}/", ":{port}/"))
    browser, callback = to_callback(server, provider)
    assert provider.authorized[-1]["redirect_uri"] == server.url + "/oauth2callback"
    done = browser.get(callback)
    assert done.status_code == 302 and USER_COOKIE in done.cookies


def test_a_tampered_identity_cookie_is_nobody(signin):
    server, provider = signin
    browser, callback = to_callback(server, provider)
    browser.get(callback)
    good = browser.cookies[USER_COOKIE]
    payload, expires, mac = good.split(".")
    assert "Not logged in" in page_texts(server, {USER_COOKIE: f"{payload}x.{expires}.{mac}"})


def test_expose_tokens_keeps_the_providers_tokens_for_st_user_tokens(signin, tmp_path):
    server, provider = signin
    secrets = tmp_path / ".streamlit" / "secrets.toml"
    secrets.write_text(
        secrets.read_text().replace("[auth]\n", '[auth]\nexpose_tokens = ["id", "access"]\n')
    )
    (tmp_path / "app.py").write_text(
        "import tidal as st\n"
        "st.text(f\"{sorted(st.user.tokens)} {st.user.tokens.get('access', '')[:3]}\")\n"
        "st.button('Log in', on_click=st.login)\n"
    )
    browser, callback = to_callback(server, provider)
    browser.get(callback)
    cookies = {k: v for k, v in browser.cookies.items() if k.startswith(USER_COOKIE)}
    assert set(cookies) == {USER_COOKIE, f"{USER_COOKIE}_tokens"}
    assert "['access', 'id'] at-" in page_texts(server, cookies)


def page_texts(server, cookies: dict[str, str]) -> str:
    """The texts of the app's first run for a tab whose handshake carries ``cookies``."""
    header = "; ".join(f"{k}={v}" for k, v in cookies.items())
    texts: list[str] = []
    with connect(server.ws_url, additional_headers={"Cookie": header}, open_timeout=5) as ws:
        ws.send(json.dumps({"t": "hello", "v": 1, "nonce": "n", "token": None, "page": ""}))
        while True:
            msg = json.loads(ws.recv(timeout=10))
            for op in msg.get("ops", []):
                body = op.get("e", {}).get("p", {}).get("body")
                if body:
                    texts.append(body)
            if msg["t"] == "end":
                return "\n".join(texts)
