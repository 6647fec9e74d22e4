"""Drop-in completeness: what Streamlit apps reach past st.* for, under the streamlit alias."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tidal.api.options import get_option, set_option


def run_dropin(tmp_path: Path, app: str) -> list[str]:
    """Run ``app`` (which imports streamlit) in AppTest in a fresh interpreter with the alias
    installed; returns the texts and markdown the app showed, then its exceptions."""
    (tmp_path / "app.py").write_text(textwrap.dedent(app))
    driver = textwrap.dedent(
        """
        import json, sys
        from tidal.compat import install
        install()
        from tidal.testing import AppTest
        at = AppTest.from_file(sys.argv[1], default_timeout=30).run()
        out = [e.value for e in at.text] + [e.value for e in at.markdown]
        print(json.dumps(out + [e.value for e in at.exception]))
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", driver, str(tmp_path / "app.py")],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
        check=True,
    )
    values: list[str] = json.loads(result.stdout.strip().splitlines()[-1])
    return values


def test_runtime_and_scriptrunner_work_inside_an_app(tmp_path: Path):
    out = run_dropin(
        tmp_path,
        """
        import threading
        import streamlit as st
        from streamlit import runtime
        from streamlit.runtime.scriptrunner import add_script_run_ctx, get_script_run_ctx
        ctx = get_script_run_ctx()
        st.text(f"exists={runtime.exists()} id={len(ctx.session_id)}")
        st.session_state.setdefault("first_id", ctx.session_id)
        st.text(f"same={st.session_state.first_id == get_script_run_ctx().session_id}")
        def work():
            st.text(f"thread sees run: {get_script_run_ctx() is not None}")
        t = add_script_run_ctx(threading.Thread(target=work))
        t.start(); t.join()
    """,
    )
    assert out[:3] == ["exists=True id=36", "same=True", "thread sees run: True"]


def test_runtime_exists_is_false_outside_an_app():
    code = (
        "from tidal.compat import install; install();"
        "from streamlit import runtime;"
        "from streamlit.runtime.scriptrunner import get_script_run_ctx;"
        "assert runtime.exists() is False and get_script_run_ctx() is None"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_config_get_and_set_option_under_the_alias(tmp_path: Path):
    out = run_dropin(
        tmp_path,
        """
        import streamlit as st
        from streamlit import config
        st.text(f"port={config.get_option('server.port')} base={st.get_option('theme.base')}")
        st.set_option("client.showErrorDetails", False)
        st.text(f"details={st.get_option('client.showErrorDetails')}")
        st.text(f"streamlit-only={st.get_option('server.enableCORS')}")
        st.set_option("server.port", 1)
    """,
    )
    assert out[:3] == ["port=8501 base=None", "details=False", "streamlit-only=None"]
    assert "server.port cannot be set on the fly" in out[3]


def test_components_v1_html_and_iframe_render_frames(tmp_path: Path):
    out = run_dropin(
        tmp_path,
        """
        import streamlit as st
        import streamlit.components.v1 as components
        components.html("<b>hi</b>", height=80)
        streamlit_components = __import__("streamlit.components.v1").components.v1
        streamlit_components.iframe("https://example.com", height=300, scrolling=True)
        st.text("ok")
        st.text(components.declare_component("x", url="http://localhost:3001").name)
    """,
    )
    assert out[0] == "ok"
    assert out[1].endswith(".x")


def test_find_spec_of_an_unknown_streamlit_module_is_none():
    code = (
        "import importlib.util;"
        "from tidal.compat import install; install();"
        "assert importlib.util.find_spec('streamlit.no_such_module') is None;"
        "assert importlib.util.find_spec('streamlit_no_such_package') is None;"
        "from streamlit.connections import BaseConnection, ExperimentalBaseConnection;"
        "assert BaseConnection is ExperimentalBaseConnection"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_get_option_reads_the_apps_configuration(app_test):
    at = app_test("import tidal as st\nst.text(repr(st.get_option('session.store')))\n").run()
    assert at.text[0].value == "'memory://'"


def test_unknown_options_are_streamlits_error():
    with pytest.raises(RuntimeError, match=r'Config key "no\.such" not defined\.'):
        get_option("no.such")
    with pytest.raises(RuntimeError, match=r'Config key "no\.such" not defined\.'):
        set_option("no.such", 1)
