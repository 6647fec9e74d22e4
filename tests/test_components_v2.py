"""Custom components v2 (``st.components.v2``): registration, asset paths, the mount's
result, state and trigger values as widget state, and the routes serving a component's JS."""

from __future__ import annotations

import inspect
from pathlib import Path

import httpx
import pytest

import tidal as st
from tidal.api.component_assets import (
    MANIFESTS,
    Manifest,
    StreamlitComponentRegistryError,
    looks_inline,
    resolve_asset,
)
from tidal.api.component_data import serialize_data
from tidal.api.component_state import ComponentResult, state_from_wire, triggers_from_wire
from tidal.api.components_v2 import BIDI_REGISTRY
from tidal.compat import ALIASES
from tidal.component_assets_route import resolve_asset_file
from tidal.errors import StreamlitAPIException

JS = "export default function () {}\n"

APP = f"""
import tidal as st
st.session_state.setdefault("log", [])
c = st.components.v2.component("counter_app", html="<button>+</button>", js={JS!r})
r = c(
    key="c",
    data={{"greeting": "hi"}},
    default={{"count": 0}},
    on_count_change=lambda: st.session_state.log.append(("count", st.session_state.c.count)),
    on_label_change=lambda: st.session_state.log.append("label"),
    on_clicked_change=lambda: st.session_state.log.append(("clicked", st.session_state.c.clicked)),
)
st.text(repr(dict(r)))
st.text(f"attr count={{r.count}} clicked={{r.clicked}}")
"""


def component_of(at):
    return at.get("bidi_component")[0]


# ---------------------------------------------------------------- API shape


def test_component_and_its_mount_have_streamlit_167_signatures():
    sig = inspect.signature(st.components.v2.component)
    assert str(sig).replace("'", "") == (
        "(name: str, *, html: str | None = None, css: str | None = None, "
        "js: str | None = None, isolate_styles: bool = True) -> ComponentRenderer"
    )
    mount = st.components.v2.component("sig_check", html="<p></p>")
    params = inspect.signature(mount).parameters
    assert [(p.name, p.kind.name, p.default) for p in params.values()] == [
        ("key", "KEYWORD_ONLY", None),
        ("data", "KEYWORD_ONLY", None),
        ("default", "KEYWORD_ONLY", None),
        ("width", "KEYWORD_ONLY", "stretch"),
        ("height", "KEYWORD_ONLY", "content"),
        ("on_callbacks", "VAR_KEYWORD", inspect.Parameter.empty),
    ]


def test_streamlit_components_v2_is_tidals_under_the_drop_in_alias():
    assert ALIASES["streamlit.components.v2"] == "tidal.components.v2"
    assert st.components.v2.component is not None


# ---------------------------------------------------------------- result and state


def test_the_result_has_every_callback_name_and_the_defaults(app_test):
    at = app_test(APP).run()
    assert at.text[0].value == "{'count': 0, 'label': None, 'clicked': None}"
    assert at.text[1].value == "attr count=0 clicked=None"
    props = component_of(at).props
    assert props["name"] == "counter_app"
    assert props["data"] == {"greeting": "hi"}
    assert props["value"] == {"count": 0}
    assert props["js_url"].startswith("_tidal/component-js/counter_app/")


def test_a_state_value_runs_only_its_own_callback_before_the_rerun(app_test):
    at = app_test(APP).run()
    component_of(at).set_state_value("count", 3).run()
    assert at.session_state.log == [("count", 3)]
    assert at.text[1].value == "attr count=3 clicked=None"
    component_of(at).set_state_value("label", "x").run()
    assert at.session_state.log == [("count", 3), "label"]
    assert at.session_state.c == {"count": 3, "label": "x"}


def test_a_trigger_lasts_one_run_and_is_in_session_state_during_its_callback(app_test):
    at = app_test(APP).run()
    component_of(at).set_trigger_value("clicked", "yes").run()
    assert at.session_state.log == [("clicked", "yes")]
    assert at.text[1].value == "attr count=0 clicked=yes"
    at.run()
    assert at.text[1].value == "attr count=0 clicked=None"
    assert at.session_state.c.clicked is None
    assert at.session_state.log == [("clicked", "yes")]


def test_session_state_of_a_keyed_component_writes_through_before_the_mount(app_test):
    at = app_test(f"""
        import tidal as st
        c = st.components.v2.component("write_through", js={JS!r})
        if st.button("bump"):
            st.session_state.c.count = 10
            st.session_state.c.unknown = 1  # not a state name: ignored
        r = c(key="c", default={{"count": 0}}, on_count_change=lambda: None)
        st.text(repr(dict(r)))
    """).run()
    at.button[0].click().run()
    assert at.text[0].value == "{'count': 10}"
    assert component_of(at).props["value"] == {"count": 10}


def test_session_state_of_a_component_cannot_change_after_the_mount(app_test):
    at = app_test(f"""
        import tidal as st
        c = st.components.v2.component("too_late", js={JS!r})
        c(key="c", default={{"count": 0}}, on_count_change=lambda: None)
        st.session_state.c.count = 5
    """).run()
    assert at.exception[0].value == (
        "`st.session_state.c.count` cannot be modified after the component with key `c` "
        "is instantiated."
    )


def test_a_keyless_component_is_identified_by_its_data_a_keyed_one_by_its_key(app_test):
    source = f"""
        import tidal as st
        c = st.components.v2.component("ids", js={JS!r})
        n = st.number_input("n", value=1)
        c(data={{"n": n}})
        c(data={{"n": n}}, key="k")
    """
    at = app_test(source).run()
    before = [e.id for e in at.get("bidi_component")]
    at.number_input[0].set_value(2).run()
    after = [e.id for e in at.get("bidi_component")]
    assert before[0] != after[0]
    assert before[1] == after[1]


def test_a_state_in_a_form_waits_for_the_submit(app_test):
    at = app_test(f"""
        import tidal as st
        c = st.components.v2.component("in_form", js={JS!r})
        with st.form("f"):
            r = c(key="c", default={{"v": 0}}, on_v_change=lambda: None)
            st.form_submit_button("Submit")
        st.text(f"v={{r.v}}")
    """).run()
    component_of(at).set_state_value("v", 1).run()
    assert at.text[0].value == "v=0"
    component_of(at).set_state_value("v", 1)
    at.button[0].click().run()
    assert at.text[0].value == "v=1"


# ---------------------------------------------------------------- argument errors


def test_default_names_must_have_callbacks(app_test):
    at = app_test(f"""
        import tidal as st
        c = st.components.v2.component("bad_default", js={JS!r})
        c(default={{"count": 0}}, on_other_change=lambda: None)
    """).run()
    assert at.exception[0].value == (
        "Key `'count'` in `default` is not a valid state name. Valid state names are those "
        "with corresponding `on_{state_name}_change` callbacks. Available state names: "
        "`['other']`"
    )


def test_an_empty_callback_name_is_refused(app_test):
    at = app_test(f"""
        import tidal as st
        c = st.components.v2.component("bad_cb", js={JS!r})
        c(on__change=lambda: None)
    """).run()
    assert "The callback name `'on__change'` is not allowed" in at.exception[0].value


def test_data_that_nothing_can_represent_is_refused(app_test):
    at = app_test(f"""
        import tidal as st
        c = st.components.v2.component("bad_data", js={JS!r})
        c(data=object())
    """).run()
    assert "could not be serialized" in at.exception[0].value


def test_data_is_json_bytes_or_json_with_a_strings_last_resort():
    assert serialize_data(None) == {"data_kind": None}
    assert serialize_data({"a": (1, 2)}) == {"data_kind": "json", "data": {"a": [1, 2]}}
    assert serialize_data(b"\x01\x02") == {"data_kind": "bytes", "blobs": "AQI="}
    assert serialize_data(3.5) == {"data_kind": "json", "data": 3.5}
    # as Streamlit: a dict that is not JSON goes as its str()
    weird = serialize_data({"x": {1, 2}})
    assert weird == {"data_kind": "json", "data": "{'x': {1, 2}}"}


# ---------------------------------------------------------------- values from the browser


def test_browser_state_must_be_an_object_and_takes_the_defaults():
    from_wire = state_from_wire({"count": 0})
    assert from_wire({"label": "x"}) == {"label": "x", "count": 0}
    assert from_wire(None) == {"count": 0}
    for bad in ([1], "x", 3, {1: 2}):
        with pytest.raises(ValueError):
            from_wire(bad)


def test_browser_triggers_are_a_list_of_named_events():
    assert triggers_from_wire({"event": "a", "value": 1}) == [{"event": "a", "value": 1}]
    assert triggers_from_wire([{"event": "a"}]) == [{"event": "a", "value": None}]
    for bad in ([{"value": 1}], ["a"], [{"event": "a", "x": 1}], [{"event": 1}]):
        with pytest.raises(ValueError):
            triggers_from_wire(bad)


def test_a_bad_value_from_the_browser_is_refused_and_the_session_lives(app_test):
    at = app_test(APP).run()
    session = at._session
    wid = component_of(at).id
    assert session.validate({wid: ["not", "a", "state"], f"{wid}__events": "nope"}) == {}
    assert session.validate({wid: {"count": 2}}) == {wid: {"count": 2}}


def test_the_result_is_a_dict_with_attributes():
    r = ComponentResult({"count": 1}, {"clicked": None, "count": None})
    assert r == {"clicked": None, "count": 1}
    assert r.count == 1
    with pytest.raises(AttributeError):
        _ = r.missing


# ---------------------------------------------------------------- assets and manifests


def test_js_and_css_are_inline_unless_they_look_like_paths():
    assert looks_inline("console.log(1)")
    assert looks_inline("a\nb.js")
    assert not looks_inline("index.js")
    assert not looks_inline("build/index.mjs")
    assert not looks_inline("index-*.js")
    assert not looks_inline("style.css")


def test_asset_paths_and_globs_stay_inside_the_asset_dir(tmp_path):
    root = tmp_path / "build"
    (root / "sub").mkdir(parents=True)
    (root / "index-abc.js").write_text(JS)
    (root / "sub" / "a.css").write_text("p{}")
    (root / "sub" / "b.css").write_text("p{}")
    (tmp_path / "secret.js").write_text("no")
    assert resolve_asset("index-*.js", root, "js") == "index-abc.js"
    assert resolve_asset("sub/a.css", root, "css") == "sub/a.css"
    with pytest.raises(StreamlitComponentRegistryError, match="Multiple files"):
        resolve_asset("sub/*.css", root, "css")
    with pytest.raises(StreamlitComponentRegistryError, match="No files found"):
        resolve_asset("*.mjs", root, "js")
    with pytest.raises(StreamlitComponentRegistryError, match="Path traversal"):
        resolve_asset("../secret.js", root, "js")
    with pytest.raises(StreamlitComponentRegistryError, match="Unsafe paths"):
        resolve_asset("/etc/passwd.js", root, "js")


def test_a_path_needs_a_declared_asset_dir():
    with pytest.raises(StreamlitAPIException, match=r"must be declared in pyproject\.toml"):
        st.components.v2.component("no_manifest", js="index.js")


def test_a_manifest_asset_dir_serves_the_declared_files_only(tmp_path):
    root = tmp_path / "build"
    root.mkdir()
    (root / "index-x1.js").write_text(JS)
    (root / "style.css").write_text("p{}")
    (tmp_path / "secret.txt").write_text("no")
    MANIFESTS.add(Manifest("pkg-under-test.widget", root))
    st.components.v2.component("pkg-under-test.widget", js="index-*.js", css="style.css")
    found = BIDI_REGISTRY.get("pkg-under-test.widget")
    assert found is not None
    assert (found.js_path, found.css_path, found.js) == ("index-x1.js", "style.css", None)
    assert resolve_asset_file("pkg-under-test.widget", "index-x1.js") == root / "index-x1.js"
    assert resolve_asset_file("pkg-under-test.widget", "../secret.txt") is None
    assert resolve_asset_file("pkg-under-test.widget", "") is None
    assert resolve_asset_file("unknown.widget", "index-x1.js") is None


def test_an_installed_packages_manifest_is_found():
    # streamlit-drawable-canvas 0.13.0 (tests/components-requirements.txt) ships one
    asset_dir = MANIFESTS.asset_dir("streamlit-drawable-canvas.streamlit_drawable_canvas")
    assert asset_dir is not None
    assert asset_dir.parts[-2:] == ("frontend", "build")
    assert any(p.name.startswith("index-") and p.suffix == ".js" for p in asset_dir.iterdir())


def test_the_routes_serve_inline_js_and_asset_files_with_types_and_nosniff(serve_app, tmp_path):
    asset = Path(tmp_path) / "assets"
    asset.mkdir()
    (asset / "index-q.js").write_text(JS)
    MANIFESTS.add(Manifest("served-pkg.comp", asset))
    server = serve_app(f"""
        import tidal as st
        st.components.v2.component("served-pkg.comp", js="index-*.js")()
        st.components.v2.component("served_inline", js={JS!r})()
        st.text("ready")
    """)
    tab = server.client()
    assert "ready" in tab.texts()
    inline = BIDI_REGISTRY.get("served_inline")
    assert inline is not None
    with httpx.Client(base_url=server.url) as client:
        ok = client.get("/_tidal/components/served-pkg.comp/index-q.js")
        assert ok.status_code == 200
        assert ok.headers["content-type"].startswith("text/javascript")
        assert ok.headers["x-content-type-options"] == "nosniff"
        assert ok.text == JS
        code = client.get(f"/_tidal/component-js/served_inline/{inline.js_digest}.js")
        assert code.status_code == 200
        assert code.headers["content-type"].startswith("text/javascript")
        assert code.text == JS
        assert client.get("/_tidal/component-js/served_inline/0000.js").status_code == 404
        assert client.get("/_tidal/components/served-pkg.comp/..%2F..%2Fetc").status_code == 404
        assert client.get("/_tidal/components/served_inline/x.js").status_code == 404
    tab.close()


# ---------------------------------------------------------------- over the wire

WIRE_APP = f"""
import tidal as st
st.session_state.setdefault("runs", 0)
st.session_state.runs += 1
c = st.components.v2.component("wired", js={JS!r})
r = c(key="c", default={{"count": 0}}, on_count_change=lambda: None,
      on_clicked_change=lambda: None)
st.text(f"count={{r.count}} clicked={{r.clicked}} runs={{st.session_state.runs}}")
"""


def component_id(tab) -> str:
    return next(e["p"]["id"] for e in tab.elements() if e["t"] == "bidi_component")


def test_state_synced_with_a_trigger_reaches_one_run_over_the_wire(serve_app):
    server = serve_app(WIRE_APP)
    tab = server.client()
    assert tab.texts() == ["count=0 clicked=None runs=1"]
    wid = component_id(tab)
    tab.event({"t": "sync", "values": {wid: {"count": 4}}}, wait=False)
    tab.event({"t": "change", "id": f"{wid}__events", "v": [{"event": "clicked", "value": 1}]})
    assert tab.texts() == ["count=4 clicked=1 runs=2"]
    tab.close()


def test_a_components_state_survives_a_restart_with_a_sqlite_store(serve_app, tmp_path):
    server = serve_app(WIRE_APP, session__store=f"sqlite:///{tmp_path / 'sessions.db'}")
    tab = server.client(nonce="page")
    tab.event({"t": "change", "id": component_id(tab), "v": {"count": 7}})
    assert tab.texts()[0].startswith("count=7 ")
    tab.close()
    server = server.restart()
    try:
        again = server.client(token=tab.token, nonce="page")
        assert again.resumed
        assert again.texts()[0].startswith("count=7 clicked=None")
    finally:
        server.stop()


def test_isolate_styles_at_mount_is_ignored_with_a_warning(app_test, caplog):
    at = app_test(f"""
        import tidal as st
        c = st.components.v2.component("late_isolation", js={JS!r}, isolate_styles=False)
        c(isolate_styles=True)
    """).run()
    assert not at.exception
    assert component_of(at).props["isolate_styles"] is False
    assert "Passing `isolate_styles` when mounting" in caplog.text
