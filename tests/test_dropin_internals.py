"""Streamlit internals that component packages import, under the drop-in alias: each Streamlit
module path gives tidal's stand-in (tidal.internals), loaded only when imported, and the
pinned packages that use them (tests/components-requirements.txt) run."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import urllib.request
from collections.abc import Callable

import pytest
from PIL import Image

from tests.conftest import AppTestFactory
from tests.fixtures.server import LiveServer
from tests.test_dropin import run_dropin
from tidal.compat import INTERNALS
from tidal.internals.metrics import gather_metrics
from tidal.media_file import MEDIA_PATH, media_key

IMAGE_APP = """
import tidal as st
from PIL import Image
from tidal.internals.image_urls import image_to_url
from tidal.internals.layout_config import LayoutConfig
image = Image.new("RGB", (12, 8), (0, 128, 255))
new = image_to_url(image, LayoutConfig(width="content"), False, "RGB", "PNG", "a")
old = image_to_url(image, 12, True, "RGB", "PNG", "b")  # the width older releases took
st.text(new)
st.text(f"same={new == old}")
st.text(image_to_url("https://example.com/cat.png", None, False, "RGB", "auto", "c"))
"""


def test_image_to_url_gives_a_media_url_of_the_session_the_same_for_the_same_image(
    app_test: AppTestFactory,
) -> None:
    at = app_test(IMAGE_APP).run()
    url, same, given = (t.value for t in at.text)
    assert url.startswith(MEDIA_PATH + "/") and url.endswith(".png")
    assert len(url.split("/")[3]) == 32  # the session's media key, never its token
    assert same == "same=True"
    assert given == "https://example.com/cat.png"  # a URL comes back as it is


def test_the_media_endpoint_serves_the_image_to_the_session_that_made_it(
    serve_app: Callable[..., LiveServer],
) -> None:
    server = serve_app(IMAGE_APP)
    tab = server.client()
    url = next(t for t in tab.texts() if t.startswith(MEDIA_PATH))
    assert url.split("/")[3] == media_key(tab.token)
    with urllib.request.urlopen(server.url + url, timeout=10) as response:
        assert response.headers["Content-Type"] == "image/png"
        served = Image.open(io.BytesIO(response.read()))
    assert served.size == (12, 8) and served.getpixel((0, 0)) == (0, 128, 255)
    tab.close()


def test_image_to_url_refuses_what_is_not_an_image_or_a_layout(app_test: AppTestFactory) -> None:
    at = app_test("""
        import tidal as st
        from tidal.internals.image_urls import image_to_url
        for args in ((b"\\x89PNG", [1], False, "RGB", "PNG", "x"),
                     (b"\\x89PNG", None, False, "HSV", "PNG", "x")):
            try:
                image_to_url(*args)
            except st.errors.TidalAPIError as exc:
                st.text(str(exc))
    """).run()
    assert [t.value for t in at.text] == [
        "image_to_url() got layout_config=[1]: pass a LayoutConfig "
        "(streamlit.elements.lib.layout_utils) or a width in pixels.",
        'st.image got channels=\'HSV\': use "RGB" or "BGR".',
    ]


def test_every_internal_path_imports_its_stand_in_and_only_when_imported() -> None:
    code = (
        "import importlib, sys\n"
        "from tidal.compat import INTERNALS, install\n"
        "install()\n"
        "lazy = [t for t in INTERNALS.values() if t and 'internals' in t and 'source' not in t]\n"
        "assert not [t for t in lazy if t in sys.modules]\n"
        "for name, target in INTERNALS.items():\n"
        "    module = importlib.import_module(name)\n"
        "    assert target is None or module is sys.modules[target], name\n"
        "from streamlit.elements.image import image_to_url as a\n"
        "from streamlit.elements.lib.image_utils import image_to_url as b\n"
        "assert a is b\n"
        "from streamlit.delta_generator import DeltaGenerator\n"
        "from tidal.api.handle import ElementHandle\n"
        "assert DeltaGenerator is ElementHandle\n"
        "from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx\n"
        "from streamlit.runtime.scriptrunner.script_run_context import add_script_run_ctx\n"
        "from streamlit.runtime.uploaded_file_manager import UploadedFile\n"
        "from tidal.uploaded_file import UploadedFile as Ours\n"
        "assert UploadedFile is Ours\n"
        "import streamlit as st\n"
        "assert st._config.get_option('server.baseUrlPath') == ''\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_internal_stand_ins_have_modules_of_their_own() -> None:
    assert {t for t in INTERNALS.values() if t is not None} <= {
        "tidal.api.runtime",
        "tidal.internals.delta_generator",
        "tidal.internals.deprecation",
        "tidal.internals.image_urls",
        "tidal.internals.layout_config",
        "tidal.internals.metrics",
        "tidal.internals.source_files",
        "tidal.uploaded_file",
    }


def test_gather_metrics_hands_the_function_back_unchanged() -> None:
    def f() -> int:
        return 1

    assert gather_metrics("f", f) is f
    assert gather_metrics("f")(f) is f


def test_a_deprecation_warning_shows_in_the_app_and_show_once_shows_it_once(
    app_test: AppTestFactory,
) -> None:
    at = app_test("""
        from tidal.internals.deprecation import show_deprecation_warning
        show_deprecation_warning("old_thing is deprecated: use new_thing.")
        show_deprecation_warning("quiet is deprecated.", show_in_browser=False)
        show_deprecation_warning("once is deprecated.", show_once=True)
    """).run()
    assert [w.value for w in at.warning] == [
        "old_thing is deprecated: use new_thing.",
        "once is deprecated.",
    ]
    at.run()
    assert [w.value for w in at.warning] == ["old_thing is deprecated: use new_thing."]


def test_streamlit_extras_modules_run_on_tidal(tmp_path) -> None:
    out = run_dropin(
        tmp_path,
        """
        import streamlit as st
        from PIL import Image
        from streamlit_extras.avatar import avatar
        from streamlit_extras.capture import stdout
        from streamlit_extras.echo_expander import echo_expander
        from streamlit_extras.grid import grid
        from streamlit_extras.stylable_container import stylable_container
        with stylable_container(key="box", css_styles="{border: 1px solid red;}"):
            st.text("styled")
        cells = grid(2, vertical_align="top")
        cells.text("left")
        cells.text("right")
        avatar(Image.new("RGB", (8, 8), "blue"), label="Ada", key="ada")
        with stdout(st.empty().text):
            print("captured")
        with echo_expander(code_location="below", label="Source"):
            st.text("echoed")
        """,
    )
    assert out == ["styled", "left", "right", "captured", "echoed"]  # and no exception


@pytest.mark.parametrize(
    "source",
    [
        "import folium\nfrom streamlit_folium import st_folium\n"
        "out = st_folium(folium.Map(location=[45, 5], zoom_start=4, tiles=None), key='m')\n"
        "st.text(str(sorted(out)))",
        "from streamlit_autorefresh import st_autorefresh\n"
        "st.text(str(st_autorefresh(interval=2000, key='tick')))",
        "from streamlit_lottie import st_lottie\n"
        "st_lottie({'v': '5.5.2', 'fr': 30, 'ip': 0, 'op': 30, 'w': 9, 'h': 9, 'layers': []})\n"
        "st.text('shown')",
    ],
)
def test_component_packages_that_use_only_components_v1_run(tmp_path, source: str) -> None:
    out = run_dropin(tmp_path, "import streamlit as st\n" + source)
    assert len(out) == 1 and "Error" not in out[0]


def test_the_private_areas_put_elements_where_streamlit_puts_them(tmp_path) -> None:
    code = (
        "import sys\n"
        "from tidal.compat import install\n"
        "install()\n"
        "from tidal.testing import AppTest\n"
        "at = AppTest.from_string('''\n"
        "import streamlit as st\n"
        "with st._event:\n"
        "    st.text('hidden')\n"
        "st._main.text('main')\n"
        "st._sidebar.text('side')\n"
        "st._bottom.text('below')\n"
        "''').run()\n"
        "assert [t.value for t in at.main.text] == ['main'], at.main.text\n"
        "assert [t.value for t in at.sidebar.text] == ['side']\n"
        "assert sorted(t.value for t in at.text) == ['below', 'hidden', 'main', 'side']\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60, cwd=tmp_path)


def test_a_components_v2_mount_may_take_no_height(app_test: AppTestFactory) -> None:
    at = app_test("""
        import tidal as st
        quiet = st.components.v2.component("quiet", html="<div></div>", js="export default () => {}")
        quiet(key="q", height=0)
        try:
            quiet(key="r", height=-1)
        except st.errors.TidalAPIError as exc:
            st.text(str(exc))
    """).run()
    assert [t.value for t in at.text] == [
        "Invalid height value: -1. Height must be either an integer (pixels), 'stretch', or "
        "'content'."
    ]


def test_the_context_theme_reads_as_a_dict_too(app_test: AppTestFactory) -> None:
    at = app_test("""
        import tidal as st
        st.text(f"{st.context.theme['type'] == st.context.theme.type}")
        try:
            st.context.theme["colour"]
        except KeyError as exc:
            st.text(f"KeyError {exc}")
    """).run()
    assert [t.value for t in at.text] == ["True", "KeyError 'colour'"]


NOT_RUN = {
    "chart_annotations": "its example downloads data",
    "image_selector": "its example downloads an image",
    "sigma_graph": "needs networkx",
    "skeleton": "needs Streamlit's private skeleton element (st._main._skeleton)",
}
"""streamlit-extras modules whose example is not run, and why."""


def test_the_examples_of_streamlit_extras_modules_run_on_tidal(tmp_path) -> None:
    code = (
        "import importlib, json, pkgutil, sys\n"
        "from tidal.compat import install\n"
        "install()\n"
        "import streamlit_extras\n"
        "from tidal.testing import AppTest\n"
        "ran, failed = [], {}\n"
        "for info in pkgutil.iter_modules(streamlit_extras.__path__):\n"
        "    name = info.name\n"
        "    module = importlib.import_module('streamlit_extras.' + name)\n"
        "    examples = [e for e in dir(module) if e.startswith('example')]\n"
        "    if not examples or name in sys.argv[1:]:\n"
        "        continue\n"
        "    calls = '\\n'.join(f'm.{e}()' for e in examples)\n"
        "    at = AppTest.from_string(f'import streamlit_extras.{name} as m\\n{calls}',\n"
        "                             default_timeout=30).run()\n"
        "    ran.append(name)\n"
        "    if at.exception:\n"
        "        failed[name] = at.exception[0].value\n"
        "print(json.dumps([ran, failed]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, *NOT_RUN],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
        check=True,
    )
    ran, failed = json.loads(result.stdout.strip().splitlines()[-1])
    assert failed == {}
    assert len(ran) == 53
    assert {"avatar", "cookie_manager", "echo_expander", "grid", "stateful_chat"} <= set(ran)
