"""st.login / st.logout / st.user without a server: the [auth] checks (Streamlit's messages),
AppTest's user, and the signed identity cookie."""

from __future__ import annotations

import time

import pytest

from tidal.api.auth_config import auth_settings
from tidal.api.identity import USER_COOKIE, identity_cookies, read_identity
from tidal.errors import TidalAPIError
from tidal.signed_cookie import join_chunks, sign, split_chunks, verify

SHARED = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "s3cret"}
CLIENT = {
    "client_id": "id",
    "client_secret": "secret",
    "server_metadata_url": "https://accounts.example.com/.well-known/openid-configuration",
}
LOGIN = "import tidal as st\nst.login({provider})\nst.write('after login')\n"


def run_login(app_test, auth, provider=None):
    at = app_test(LOGIN.format(provider=repr(provider) if provider else ""))
    at.secrets["auth"] = auth
    return at.run()


def test_login_with_a_complete_default_provider_raises_nothing(app_test):
    at = run_login(app_test, {**SHARED, **CLIENT})
    assert not at.exception
    assert at.markdown[0].value == "after login"


def test_login_with_a_named_provider_uses_its_table(app_test):
    at = run_login(app_test, {**SHARED, "okta": CLIENT}, provider="okta")
    assert not at.exception


@pytest.mark.parametrize(
    ("auth", "provider", "message"),
    [
        (
            {"cookie_secret": "x", **CLIENT},
            None,
            'Authentication credentials in `.streamlit/secrets.toml` are missing the "redirect_uri" key.',
        ),
        (
            {"redirect_uri": SHARED["redirect_uri"], **CLIENT},
            None,
            'are missing the "cookie_secret" key. Please check your configuration.',
        ),
        (
            SHARED,
            None,
            "are missing for the default authentication provider. Please check your configuration.",
        ),
        (
            {**SHARED, "client_id": "id"},
            None,
            "for the default authentication provider are missing the following keys: "
            "['client_secret', 'server_metadata_url']",
        ),
        (
            {**SHARED, **CLIENT},
            "okta",
            'are missing for the authentication provider "okta". Please check your configuration.',
        ),
        (
            {**SHARED, "okta": {"client_id": "id"}},
            "okta",
            'for the authentication provider "okta" are missing the following keys: '
            "['client_secret', 'server_metadata_url']",
        ),
        (
            {**SHARED, "my_idp": CLIENT},
            "my_idp",
            'Auth provider name "my_idp" contains an underscore.',
        ),
        (
            {**SHARED, **CLIENT, "expose_tokens": ["id", "refresh"]},
            None,
            "Invalid expose_tokens configuration. Only 'id' and 'access' are allowed.",
        ),
        (
            {**SHARED, **CLIENT, "redirect_uri": "/oauth2callback"},
            None,
            "must be an absolute URL (beginning with http:// or https://)",
        ),
        (
            {**SHARED, **CLIENT, "redirect_uri": "http://localhost:8501/callback"},
            None,
            "must be the app's address with the path /oauth2callback",
        ),
        (
            {**SHARED, **CLIENT, "server_metadata_url": "accounts.example.com"},
            None,
            "server_metadata_url 'accounts.example.com' in `.streamlit/secrets.toml` must be an "
            "absolute URL",
        ),
    ],
)
def test_incomplete_auth_secrets_get_streamlits_errors(app_test, auth, provider, message):
    at = run_login(app_test, auth, provider)
    assert message in at.exception[0].value
    assert not at.markdown  # the run stopped at st.login


def test_login_without_the_auth_extra_names_it(app_test, monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "authlib" else real(name)
    )
    at = run_login(app_test, {**SHARED, **CLIENT})
    assert 'pip install "tidal[auth]"' in at.exception[0].value
    assert "missing: authlib" in at.exception[0].value


def test_apptest_user_is_what_st_user_reads(app_test):
    at = app_test("""
        import tidal as st
        st.write(st.user.is_logged_in, st.user.name, st.user["email"])
    """)
    at.user = {"is_logged_in": True, "name": "Alice", "email": "alice@example.com"}
    at.run()
    assert at.markdown[0].value == "`True` Alice alice@example.com"


def test_logout_empties_st_user_for_the_rest_of_the_run(app_test):
    at = app_test("""
        import tidal as st
        before = st.user.to_dict()
        st.logout()
        st.write(before["name"], st.user.to_dict())
    """)
    at.secrets["auth"] = {**SHARED, **CLIENT}
    at.user = {"is_logged_in": True, "name": "Alice"}
    at.run()
    assert not at.exception
    assert at.markdown[0].value.startswith("Alice")
    assert at.json[0].value == '{"is_logged_in": false}'


# ---------------------------------------------------------------------- the signed cookies
def test_a_signed_value_reads_back_only_with_its_secret_and_cookie_name():
    token = sign("k", "_a", {"x": 1}, 60)
    assert verify("k", "_a", token) == {"x": 1}
    assert verify("other", "_a", token) is None
    assert verify("k", "_b", token) is None  # signed for another cookie


def test_a_changed_signed_value_is_refused():
    token = sign("k", "_a", {"email": "alice@example.com"}, 60)
    payload, expires, mac = token.split(".")
    forged = sign("attacker", "_a", {"email": "mallory@example.com"}, 60).split(".")[0]
    assert verify("k", "_a", f"{forged}.{expires}.{mac}") is None
    assert verify("k", "_a", f"{payload}.{int(expires) + 999}.{mac}") is None
    assert verify("k", "_a", "garbage") is None


def test_an_expired_signed_value_is_refused():
    assert verify("k", "_a", sign("k", "_a", {"x": 1}, -1)) is None


def test_a_long_value_is_split_into_chunks_and_joined_back():
    token = sign("k", "_a", {"blob": "x" * 10_000}, 60)
    cookies = split_chunks("_a", token)
    assert cookies["_a"] == f"chunks-{len(cookies) - 1}" and len(cookies) > 2
    assert all(len(v) < 4000 for v in cookies.values())
    assert join_chunks(cookies, "_a") == token
    del cookies["_a_2"]
    assert join_chunks(cookies, "_a") is None


def test_the_identity_cookie_holds_the_claims_and_only_the_exposed_tokens():
    settings = auth_settings({"auth": {**SHARED, **CLIENT, "expose_tokens": "id"}})
    claims = {"sub": "1", "email": "alice@example.com", "exp": int(time.time()) + 60}
    cookies = identity_cookies(settings, "default", claims, {"id": "idt", "access": "at"})
    identity = read_identity(settings, cookies)
    assert identity is not None
    assert identity.claims == claims and identity.provider == "default"
    assert identity.tokens == {"id": "idt"}
    other = auth_settings({"auth": {**SHARED, **CLIENT, "cookie_secret": "rotated"}})
    assert read_identity(other, cookies) is None  # a new cookie_secret signs everyone out
    assert read_identity(settings, {USER_COOKIE: "tampered"}) is None


def test_auth_settings_know_the_apps_home_and_https():
    settings = auth_settings(
        {"auth": {**SHARED, "redirect_uri": "https://apps.example.com/oauth2callback"}}
    )
    assert settings.home == "https://apps.example.com/" and settings.secure
    with pytest.raises(TidalAPIError, match="To use authentication features"):
        auth_settings({})
