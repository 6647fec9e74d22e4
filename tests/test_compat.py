"""Drop-in Streamlit apps: `import streamlit as st` runs on tidal through `tidal run`."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from tests.fixtures.processes import free_port
from tests.fixtures.server import Client
from tidal.compat import imports_streamlit

DROP_IN = """
import streamlit as st
from streamlit.errors import StreamlitAPIException

if "count" not in st.session_state:
    st.session_state.count = 0
if st.button("Increment"):
    st.session_state.count += 1
try:
    st.session_state["$$IDx"] = 1
except StreamlitAPIException as exc:
    st.text(f"caught {type(exc).__name__}")
st.write("Count =", st.session_state.count)
"""


def test_streamlit_imports_are_recognised():
    assert imports_streamlit("import streamlit as st\n")
    assert imports_streamlit("from streamlit.errors import StreamlitAPIException\n")
    assert imports_streamlit("x = 1\nimport streamlit\n")
    assert not imports_streamlit("import streamlit_extras\n# import streamlit\nimport tidal\n")


def test_an_unmodified_streamlit_app_runs_on_tidal_with_a_notice(tidal_process, tmp_path: Path):
    app = tmp_path / "app.py"
    app.write_text(textwrap.dedent(DROP_IN))
    server = tidal_process(app, free_port()).start()
    tab = Client(server.url.replace("http", "ws") + "/ws", token=None, nonce="n")
    tab.click("Increment")
    tab.click("Increment")
    assert "Count = `2`" in tab.texts()
    assert "caught StreamlitAPIException" in tab.texts()  # the class keeps Streamlit's name
    tab.close()
    server.kill()
    assert "tidal serves it" in server.log.read_text()


def test_streamlit_internals_fail_with_a_message_that_names_them(tmp_path: Path):
    code = (
        "import sys; sys.path.insert(0, '.');"
        "from tidal.compat import install; install();"
        "import streamlit as st; import tidal; assert st is tidal;"
        "import streamlit.errors, tidal.errors; assert streamlit.errors is tidal.errors;"
        "import streamlit.server"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=30, cwd=tmp_path
    )
    assert result.returncode != 0
    assert "streamlit.server is a Streamlit internal module that tidal does not provide" in (
        result.stderr
    )


def test_importing_tidal_installs_no_alias():
    code = "import sys, tidal; assert 'streamlit' not in sys.modules or sys.modules['streamlit'] is not tidal"
    subprocess.run([sys.executable, "-c", code], check=True, timeout=30)


def test_every_way_of_importing_apptest_from_streamlit_gives_tidals(tmp_path: Path):
    code = (
        "from tidal.compat import install; install();"
        "import tidal.testing;"
        "import streamlit.testing.v1 as v1; assert v1.AppTest is tidal.testing.AppTest;"
        "from streamlit.testing.v1 import AppTest; assert AppTest is tidal.testing.AppTest;"
        "import streamlit.testing.v1; assert streamlit.testing.v1.AppTest is AppTest;"
        "from streamlit.testing import v1 as again; assert again.AppTest is AppTest"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=30, cwd=tmp_path)
