"""The public namespace shows only the public API: internal modules never pose as st.*."""

from __future__ import annotations

import subprocess
import sys


def test_importing_the_server_keeps_st_connection_and_st_context_public():
    code = (
        "import tidal, tidal.server, tidal.connection, tidal.context;"
        "from tidal.api.connections import connection;"
        "from tidal.api.browser_context import context;"
        "assert tidal.connection is connection, tidal.connection;"
        "assert tidal.context is context, tidal.context;"
        "from tidal.connection import Connection; from tidal.context import get_run"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_no_name_in_all_is_an_internal_module():
    import types

    import tidal

    modules = {n: getattr(tidal, n) for n in tidal.__all__}
    # st.components is a module on Streamlit too (its v1 and v2 APIs live in it)
    public_modules = ("tidal.api.", "tidal.components")
    internal = [
        n
        for n, m in modules.items()
        if isinstance(m, types.ModuleType) and not m.__name__.startswith(public_modules)
    ]
    assert internal == []


def test_st_connections_offers_the_base_connection_class():
    import tidal

    assert tidal.connections.BaseConnection is tidal.connections.ExperimentalBaseConnection
