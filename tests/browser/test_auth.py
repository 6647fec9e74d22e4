"""Signing in, in Chromium: a button calls st.login, the tab goes to a fake OpenID Connect
provider on loopback and comes back signed in; a reload keeps the sign-in (the cookie); a
button calling st.logout signs out."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.fixtures.oidc_provider import ALICE, SIGNIN_APP, oidc_provider  # noqa: F401


def test_login_comes_back_signed_in_survives_a_reload_and_logout_clears_it(
    open_app,
    oidc_provider,  # noqa: F811
    tmp_path,
):
    app = open_app(SIGNIN_APP)
    app.expect_text("Not logged in")
    secrets = tmp_path / ".streamlit" / "secrets.toml"
    secrets.parent.mkdir()
    secrets.write_text(oidc_provider.secrets_toml(app.url))
    hello = f"Hello {ALICE['name']} <{ALICE['email']}>"

    app.page.get_by_role("button", name="Log in", exact=True).click()
    expect(app.page.locator("body")).to_contain_text(hello, timeout=15_000)
    app.idle()
    assert app.page.url == app.url + "/"
    assert len(oidc_provider.authorized) == 1  # the tab went to the provider once
    cookie = next(c for c in app.page.context.cookies() if c["name"] == "_tidal_user")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Lax"
    assert app.page.evaluate("() => document.cookie") == ""  # out of the page's reach

    app.page.reload()
    app.idle()
    app.expect_text(hello)

    app.page.get_by_role("button", name="Log out", exact=True).click()
    expect(app.page.locator("body")).to_contain_text("Not logged in", timeout=15_000)
    app.idle()
    assert not [c for c in app.page.context.cookies() if c["name"].startswith("_tidal_user")]
    app.page.reload()
    app.idle()
    expect(app.page.locator("body")).not_to_contain_text(re.compile("Hello"))
    assert not app.console_errors
