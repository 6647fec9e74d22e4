"""Make docs/images/inspector.png: the state inspector beside an app, in headless Chromium.

Run from the repository root: ``.venv/bin/python scripts/inspector_screenshot.py``.
"""

from __future__ import annotations

import sys
import tempfile
import textwrap
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, IDLE  # noqa: E402
from tests.fixtures.server import LiveServer  # noqa: E402
from tidal.config import load_config  # noqa: E402

APP = """
import tidal as st
st.title("Signup")
st.session_state.setdefault("signups", 0)
name = st.text_input("Name", key="name")
adult = st.checkbox("Tell us your age", key="tell_age")
if adult:
    st.slider("Age", 0, 120, 30, key="age")
if st.button("Sign up", type="primary"):
    st.session_state.signups += 1
st.write(f"Signups: {st.session_state.signups}")
"""


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "app.py"
        script.write_text(textwrap.dedent(APP))
        server = LiveServer(script, load_config(project_dirs=[Path(tmp)], env={})).start()
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                page = browser.new_page(viewport={"width": 1280, "height": 760})
                page.goto(server.url)
                page.wait_for_function(IDLE)
                box = page.get_by_label("Name", exact=True)
                box.fill("Ada")
                box.press("Enter")
                page.wait_for_function(IDLE)
                page.get_by_role("checkbox", name="Tell us your age").click()
                page.wait_for_function(IDLE)
                page.get_by_role("button", name="Sign up").click()
                page.wait_for_function(IDLE)
                page.get_by_role("checkbox", name="Tell us your age").click()
                page.wait_for_function(IDLE)
                page.evaluate("() => document.activeElement?.blur()")
                page.keyboard.press("i")
                expect(page.locator('#inspector li[data-run="5"]')).to_be_visible()
                page.wait_for_timeout(300)
                page.screenshot(path=str(ROOT / "docs" / "images" / "inspector.png"))
                browser.close()
        finally:
            server.stop()


if __name__ == "__main__":
    main()
