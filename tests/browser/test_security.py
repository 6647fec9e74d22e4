"""The page under its Content-Security-Policy, in real Chromium: everything works and the
browser reports no violation; text from the address bar is never rendered as Markdown."""

from __future__ import annotations

import re
import urllib.parse

from playwright.sync_api import expect

COUNTER = """
import tidal as st
st.title("Counter")
if "n" not in st.session_state:
    st.session_state.n = 0
if st.button("Add"):
    st.session_state.n += 1
st.markdown(f"Count: **{st.session_state.n}** ![dot](data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==)")
st.text_input("Name", key="name")
"""


def test_the_app_works_under_its_csp_without_a_single_violation(open_app):
    app = open_app(COUNTER)
    violations: list[str] = []
    app.page.on(
        "console",
        lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    app.page.evaluate(
        """() => document.addEventListener('securitypolicyviolation',
             (e) => console.error('Content Security Policy: ' + e.violatedDirective))"""
    )
    app.click("Add").click("Add")
    app.expect_text("Count: 2")
    app.type_and_enter("Name", "Ada")
    response = app.page.reload()
    assert response is not None
    # no 'unsafe-inline' and no 'unsafe-eval': only the page's own files and this page
    # load's nonce run scripts
    assert re.search(
        r"script-src 'self' 'wasm-unsafe-eval' 'nonce-[\w-]{22}';",
        response.headers["content-security-policy"],
    )
    app.idle()
    app.expect_text("Count: 2")
    theme = app.page.evaluate("document.documentElement.dataset.theme")
    assert theme in ("light", "dark")  # theme.js ran before the first paint
    expect(app.page.locator("img[alt=dot]")).to_have_count(1)
    assert violations == []
    assert not app.console_errors


def test_a_crafted_unknown_page_path_shows_as_plain_text(open_app):
    app = open_app("import tidal as st\nst.text('main page')\n")
    crafted = "x`**Session expired**` [log in again](https://evil.example/login) `"
    app.page.goto(app.url + "/" + urllib.parse.quote(crafted))
    app.idle()
    warning = app.page.locator(".callout-warning")
    expect(warning).to_contain_text("[log in again](https://evil.example/login)")
    expect(warning).to_contain_text("**Session expired**")
    expect(warning.locator("a")).to_have_count(0)
    expect(warning.locator("strong, code")).to_have_count(0)


def test_with_error_details_off_the_page_shows_only_the_generic_message(open_app):
    app = open_app(
        "import tidal as st\nst.text('before')\nraise KeyError('db-password')\n",
        client__showErrorDetails="none",
    )
    box = app.page.locator(".exception")
    expect(box).to_contain_text("This app has encountered an error.")
    expect(box).not_to_contain_text("KeyError")
    expect(box).not_to_contain_text("db-password")
    expect(box.locator(".exc-type")).to_have_count(0)
    expect(box.locator("details")).to_have_count(0)


def test_markdown_from_the_script_cannot_run_code_in_the_page(open_app):
    app = open_app(
        """
        import tidal as st
        st.markdown('<img src=x onerror="window.pwned=1"> [click](javascript:window.pwned=2)')
        st.write("<script>window.pwned=3</script>")
        st.markdown("done")
        """.replace("\n        ", "\n")
    )
    app.expect_text("done")
    app.expect_text('<img src=x onerror="window.pwned=1">')
    assert app.page.evaluate("window.pwned") is None
    expect(app.page.locator("a[href^='javascript']")).to_have_count(0)
    expect(app.page.locator("main img")).to_have_count(0)
