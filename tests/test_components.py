"""Custom components (``components.v1``): declaration, arguments, values as widget state,
and the file route that serves a component's front end."""

from __future__ import annotations

import base64
from pathlib import Path

import httpx
import pytest

import tidal.components.v1 as components
from tidal.api.components import REGISTRY, decode_value, encode_value
from tidal.component_files import content_type, resolve
from tidal.errors import StreamlitAPIException

ECHO = Path(__file__).resolve().parent / "fixtures" / "components" / "echo"

APP = f"""
import tidal as st
import tidal.components.v1 as components
echo = components.declare_component("echo", path={str(ECHO)!r})
st.session_state.setdefault("log", [])
def changed():
    st.session_state.log.append(repr(st.session_state.c))
value = echo(greeting="hi", count=1, default="nothing yet", key="c", on_change=changed)
st.text(repr(value))
"""


def test_a_declared_component_is_named_after_its_module_and_registered():
    echo = components.declare_component("echo_a", path=ECHO)
    assert echo.name == f"{__name__}.echo_a"
    assert REGISTRY.get_component_path(echo.name) == str(ECHO)
    assert components.component_registry.get_component_registry() is REGISTRY


def test_declaring_needs_exactly_one_of_path_and_url():
    with pytest.raises(StreamlitAPIException, match="Either 'path' or 'url' must be set"):
        components.declare_component("nothing")
    with pytest.raises(StreamlitAPIException, match="Either 'path' or 'url' must be set"):
        components.declare_component("both", path=ECHO, url="http://localhost:3001")


def test_a_missing_component_folder_is_streamlits_error(tmp_path):
    with pytest.raises(StreamlitAPIException, match="No such component directory"):
        components.declare_component("gone", path=tmp_path / "missing")


def test_the_component_returns_its_default_until_it_sends_a_value(app_test):
    at = app_test(APP).run()
    assert at.text[0].value == "'nothing yet'"
    element = at.get("component_instance")[0]
    assert element.props["args"] == {"count": 1, "greeting": "hi"}
    assert element.props["name"].endswith(".echo")


def test_a_value_from_the_component_is_widget_state_with_its_callback(app_test):
    at = app_test(APP).run()
    at.get("component_instance")[0].set_value({"clicked": 2}).run()
    assert at.text[0].value == "{'clicked': 2}"
    assert at.session_state.c == {"clicked": 2}
    assert at.session_state.log == ["{'clicked': 2}"]


def test_positional_arguments_need_a_label(app_test):
    at = app_test(f"""
        import tidal.components.v1 as components
        echo = components.declare_component("echo", path={str(ECHO)!r})
        echo("oops")
    """).run()
    assert at.exception[0].value == "Argument 'oops' needs a label"


def test_arguments_that_are_not_json_are_refused_clearly(app_test):
    at = app_test(f"""
        import tidal.components.v1 as components
        echo = components.declare_component("echo", path={str(ECHO)!r})
        echo(thing=object())
    """).run()
    assert "Could not convert component args to JSON" in at.exception[0].value


def test_bytes_arguments_travel_as_base64(app_test):
    at = app_test(f"""
        import tidal.components.v1 as components
        echo = components.declare_component("echo", path={str(ECHO)!r})
        echo(blob=b"\\x01\\x02")
    """).run()
    assert at.get("component_instance")[0].props["bytes"] == {"blob": "AQI="}


def test_values_round_trip_through_the_wire_form():
    assert decode_value(encode_value({"a": [1, 2]})) == {"a": [1, 2]}
    assert decode_value(encode_value(b"\x00\xff")) == b"\x00\xff"
    wire = {"dataType": "bytes", "value": base64.b64encode(b"xyz").decode()}
    assert decode_value(wire) == b"xyz"


@pytest.mark.parametrize(
    "wire",
    [
        "plain string",
        {"value": 1},
        {"dataType": "json"},
        {"dataType": "nope", "value": "x"},
        {"dataType": "bytes", "value": "not base64 !!"},
        {"dataType": "bytes", "value": 12},
        {"dataType": "json", "value": 1, "extra": 2},
    ],
)
def test_a_malformed_value_from_the_browser_is_refused(wire):
    with pytest.raises(ValueError):
        decode_value(wire)


def test_html_and_iframe_take_streamlits_parameters(app_test):
    at = app_test("""
        import tidal as st
        st.components.v1.html("<b>x</b>", height=80, scrolling=True, tab_index=0)
        st.components.v1.iframe("https://example.com", width=300)
    """).run()
    html, frame = at.get("component_html")[0], at.get("component_iframe")[0]
    assert html.props == {
        "srcdoc": "<b>x</b>",
        "width": None,
        "height": 80,
        "scrolling": True,
        "tab_index": 0,
    }
    assert frame.props["src"] == "https://example.com" and frame.props["height"] == 150


def test_an_iframe_of_a_javascript_url_is_refused(app_test):
    at = app_test("""
        import tidal as st
        st.components.v1.iframe("javascript:alert(1)")
    """).run()
    assert "give an http(s) URL" in at.exception[0].value


def test_component_files_are_served_only_from_the_declared_folder(tmp_path):
    (tmp_path / "build").mkdir()
    (tmp_path / "build" / "index.html").write_text("<p>hi</p>")
    (tmp_path / "secret.txt").write_text("no")
    echo = components.declare_component("files_test", path=tmp_path / "build")
    assert resolve(echo.name, "index.html") == (tmp_path / "build" / "index.html").resolve()
    assert resolve(echo.name, "") == (tmp_path / "build" / "index.html").resolve()
    assert resolve(echo.name, "../secret.txt") is None
    assert resolve(echo.name, "/etc/passwd") is None
    assert resolve("not.declared", "index.html") is None
    assert content_type(Path("a.js")) == "text/javascript"
    assert content_type(Path("a.woff2")) == "font/woff2"


def test_the_component_route_serves_files_with_cors_and_nosniff(serve_app):
    server = serve_app(APP)
    tab = server.client()  # its first run declares the component
    assert "'nothing yet'" in tab.texts()
    name = "app.echo"
    with httpx.Client(base_url=server.url) as client:
        ok = client.get(f"/component/{name}/index.html")
        assert ok.status_code == 200
        assert ok.headers["content-type"].startswith("text/html")
        assert ok.headers["access-control-allow-origin"] == "*"
        assert ok.headers["x-content-type-options"] == "nosniff"
        assert "streamlit:componentReady" in ok.text
        assert client.get(f"/component/{name}/..%2F..%2Fsecret").status_code == 404
        assert client.get("/component/unknown.thing/index.html").status_code == 404
    tab.close()


def test_a_dataframe_argument_travels_as_arrow_tables_the_component_library_reads():
    import pandas as pd
    import pyarrow as pa

    from tidal.api.components import _dataframe_arg

    df = pd.DataFrame({"a": [1, 2], "b": ["x", "y"]}, index=[10, 20])
    arg = _dataframe_arg(df)

    def read(b64: str):
        return pa.ipc.open_stream(base64.b64decode(b64)).read_all().to_pandas()

    assert read(arg["data"]).to_dict("list") == {"a": [1, 2], "b": ["x", "y"]}
    assert read(arg["index"]).iloc[:, 0].tolist() == [10, 20]
    assert read(arg["columns"]).iloc[:, 0].tolist() == ["a", "b"]


def test_a_dataframe_value_from_the_component_arrives_as_a_dataframe():
    import pandas as pd

    df = pd.DataFrame({"n": [1, 2, 3]})
    back = decode_value(encode_value(df))
    assert isinstance(back, pd.DataFrame) and back["n"].tolist() == [1, 2, 3]
    with pytest.raises(ValueError, match="not an Arrow table"):
        decode_value({"dataType": "dataframe", "value": base64.b64encode(b"nope").decode()})


def test_string_columns_go_as_plain_arrow_strings_that_component_builds_read():
    import pandas as pd
    import pyarrow as pa

    from tidal.api.components import _dataframe_arg

    df = pd.DataFrame({"name": pd.Series(["ada", "bob"], dtype="string[pyarrow]")})
    schema = pa.ipc.open_stream(base64.b64decode(_dataframe_arg(df)["data"])).schema
    assert schema.field("name").type == pa.string()  # not large_string (AgGrid's Arrow JS)
