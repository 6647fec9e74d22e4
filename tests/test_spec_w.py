"""Spec section 2: widgets and session state (rules W-1 .. W-33).

Each test replays the experiment named in the spec row (``shared/spec/experiments``) and asserts
what Streamlit 1.67 printed. ``st.file_uploader``, ``st.download_button``, ``st.camera_input``,
``st.audio_input``, ``st.data_editor`` and ``st.chat_input`` do not exist in tidal yet, so the
parts of W-10, W-11 and W-33 about them are not tested.
"""

from __future__ import annotations

import ast
import datetime as dt
import logging
import re

import pytest

import tidal.widgets
from tests.conftest import AppTestFactory
from tidal.context import RunOptions
from tidal.errors import (
    DuplicateWidgetID,
    StreamlitAPIException,
    StreamlitDuplicateElementId,
    StreamlitDuplicateElementKey,
)
from tidal.testing import AppTest


def texts(at: AppTest) -> list[str]:
    return [t.value for t in at.text]


def already_instantiated(key: str) -> str:
    return (
        f"`st.session_state['{key}']` cannot be modified after the widget with that key is "
        f"instantiated. Assign `st.session_state['{key}']` before creating the widget, or update "
        "it from an `on_change` or `on_click` callback, which runs before the widget is "
        "instantiated. If this is a read-only session state key (buttons, file and media inputs, "
        "`st.data_editor`, forms, chart or `ButtonColumn` selections), store the value under a "
        "different session state key."
    )


def read_only(key: str) -> str:
    return (
        f"`st.session_state['{key}']` is read-only and cannot be assigned through session state. "
        "Use a different session state key for values you need to set."
    )


def duplicate_id(kind: str) -> str:
    return (
        f"There are multiple `{kind}` elements with the same auto-generated ID. When this element "
        "is created, it is assigned an internal ID based on the element type and provided "
        "parameters. Multiple elements with the same type and parameters will cause this error."
        f"\n\nTo fix this error, please pass a unique `key` argument to the `{kind}` element."
    )


def duplicate_key(key: str) -> str:
    return (
        f"There are multiple elements with the same `key='{key}'`. To fix this, please make sure "
        "that the `key` argument is unique for each element you create."
    )


# ---------------------------------------------------------------------------------- identity
def test_W_1_widget_id_is_prefix_hash_and_user_key(app_test: AppTestFactory) -> None:
    at = app_test("""
        import tidal as st
        st.text_input("keyed", key="common")
        st.text_input("keyless")
    """).run()
    keyed, keyless = at.text_input
    assert re.fullmatch(r"\$\$ID-[0-9a-f]+-common", keyed.id)
    assert re.fullmatch(r"\$\$ID-[0-9a-f]+-None", keyless.id)
    ids = (keyed.id, keyless.id)
    at.run()
    assert (at.text_input[0].id, at.text_input[1].id) == ids


@pytest.mark.parametrize(
    ("script", "collides"),
    [
        ('st.text_input("same")\nst.text_input("same")', True),
        ('st.text_input("same")\nst.text_area("same")', False),
        ('st.text_input("same")\nst.text_input("same", max_chars=5)', False),
        ('st.text_input("same")\nwith st.sidebar:\n    st.text_input("same")', False),
        ('st.text_input("same")\nst.text_input("same", help="h")', False),
        ('st.text_input("same")\nst.text_input("same", disabled=True)', True),
        ('st.text_input("same")\nst.text_input("same", on_change=print)', True),
        ('st.text_input("same")\nst.text_input("same", label_visibility="hidden")', True),
        ('st.number_input("same", value=1)\nst.number_input("same", value=2)', False),
        ('st.selectbox("same", [1])\nst.selectbox("same", [1], format_func=repr)', True),
        ('st.text_input("same", key="a")\nst.text_input("same", key="b")', False),
        (
            'st.text_input("same")\nwith st.form("f"):\n    st.text_input("same")\n'
            "    st.form_submit_button()",
            False,
        ),
    ],
)
def test_W_2_keyless_identity_is_label_parameters_form_and_root(
    app_test: AppTestFactory, script: str, collides: bool
) -> None:
    at = app_test(f"import tidal as st\n{script}\nst.text('no collision')").run()
    if collides:
        assert len(at.exception) == 1
        assert at.exception[0].exception_type == "StreamlitDuplicateElementId"
    else:
        assert len(at.exception) == 0
        assert texts(at) == ["no collision"]


def test_W_3_keyed_widgets_keep_their_value_unless_a_whitelisted_parameter_changes(
    app_test: AppTestFactory,
) -> None:
    at = app_test("""
        import tidal as st
        if "lbl" not in st.session_state: st.session_state.lbl = "A"
        v = st.number_input(st.session_state.lbl, key="n")
        st.text(f"v={v}")
    """).run()
    at.number_input(key="n").set_value(5).run()
    assert texts(at) == ["v=5.0"]
    at.session_state.lbl = "B"
    at.run()
    assert texts(at) == ["v=5.0"]
    assert at.session_state.to_dict() == {"lbl": "B", "n": 5.0}

    at = app_test("""
        import tidal as st
        if "mx" not in st.session_state: st.session_state.mx = 10
        v = st.number_input("n", min_value=0, max_value=st.session_state.mx, key="n")
        st.text(f"v={v}")
    """).run()
    at.number_input(key="n").set_value(5).run()
    at.session_state.mx = 20
    at.run()
    assert texts(at) == ["v=5"]
    assert at.session_state.to_dict() == {"mx": 20, "n": 5}

    at = app_test("""
        import tidal as st
        st.session_state.setdefault("mc", 5)
        v = st.text_input("t", max_chars=st.session_state.mc, key="t")
        st.text(f"v={v!r}")
    """).run()
    at.text_input(key="t").input("abc").run()
    at.session_state.mc = 10
    at.run()
    assert texts(at) == ["v=''"]

    at = app_test("""
        import tidal as st
        st.session_state.setdefault("mn", 0)
        v = st.slider("s", st.session_state.mn, 10, key="s")
        st.text(f"v={v}")
    """).run()
    at.slider(key="s").set_value(7).run()
    assert texts(at) == ["v=7"]
    at.session_state.mn = 1
    at.run()
    assert texts(at) == ["v=1"]
    assert at.session_state.to_dict() == {"s": 1, "mn": 1}


def test_W_4_changing_an_identity_parameter_of_a_keyless_widget_resets_it(
    app_test: AppTestFactory,
) -> None:
    at = app_test("""
        import tidal as st
        if "lbl" not in st.session_state: st.session_state.lbl = "A"
        v = st.number_input(st.session_state.lbl)
        st.text(f"v={v}")
    """).run()
    at.number_input[0].set_value(5).run()
    assert texts(at) == ["v=5.0"]
    at.session_state.lbl = "B"
    at.run()
    assert texts(at) == ["v=0.0"]
    assert at.session_state.to_dict() == {"lbl": "B"}


def test_W_5_two_keyless_widgets_with_the_same_identity_raise_duplicate_element_id(
    app_test: AppTestFactory,
) -> None:
    for kind in ("text_input", "button"):
        at = app_test(f'import tidal as st\nst.{kind}("same")\nst.{kind}("same")').run()
        exc = at.exception[0]
        assert exc.value == duplicate_id(kind)
        assert exc.is_markdown is True
        assert exc.exception_type == "StreamlitDuplicateElementId"
        assert at.session_state.to_dict() == {}
    assert issubclass(StreamlitDuplicateElementId, DuplicateWidgetID)
    assert issubclass(DuplicateWidgetID, StreamlitAPIException)


def test_W_6_a_user_key_used_twice_raises_duplicate_element_key(
    app_test: AppTestFactory,
) -> None:
    at = app_test("""
        import tidal as st
        st.text_input("a", key="k")
        st.number_input("b", key="k")
    """).run()
    assert at.exception[0].value == duplicate_key("k")
    assert at.exception[0].is_markdown is True
    assert at.exception[0].exception_type == "StreamlitDuplicateElementKey"
    assert at.session_state.to_dict() == {"k": ""}

    at = app_test("""
        import tidal as st
        with st.form("f"):
            st.form_submit_button("s")
        with st.form("f"):
            st.form_submit_button("s2")
    """).run()
    assert at.exception[0].value == duplicate_key("f")
    assert at.session_state.to_dict() == {"FormSubmitter:f-s": False}
    assert issubclass(StreamlitDuplicateElementKey, DuplicateWidgetID)


def test_W_7_a_form_key_and_a_widget_key_may_be_equal(app_test: AppTestFactory) -> None:
    at = app_test("""
        import tidal as st
        with st.form("k"):
            st.text_input("x", key="k")
            st.form_submit_button("s")
    """).run()
    assert len(at.exception) == 0
    assert at.session_state.to_dict() == {"k": "", "FormSubmitter:k-s": False}


# ---------------------------------------------------------------------- setting through state
def test_W_8_assigning_a_widget_key_after_the_widget_in_the_same_run_raises(
    app_test: AppTestFactory,
) -> None:
    at = app_test("""
        import tidal as st
        v = st.number_input("n", key="n")
        st.session_state.n = 7
    """).run()
    assert at.exception[0].value == already_instantiated("n")
    assert at.exception[0].is_markdown is True
    assert at.session_state.to_dict() == {"n": 0.0}

    at = app_test("""
        import tidal as st
        v = st.number_input("n", key="n")
        try:
            st.session_state["n"] = 7
        except Exception as e:
            st.text(f"{type(e).__name__}")
    """).run()
    assert texts(at) == ["StreamlitWidgetAlreadyInstantiatedError"]
    assert at.session_state.to_dict() == {"n": 0.0}


def test_W_9_assigning_before_the_widget_sets_its_value_without_coercion(
    app_test: AppTestFactory,
) -> None:
    at = app_test("""
        import tidal as st
        st.session_state.n = 5
        v = st.number_input("n", key="n")
        st.text(f"v={v!r} type={type(v).__name__}")
    """).run()
    assert texts(at) == ["v=5 type=int"]
    assert at.session_state.to_dict() == {"n": 5}

    at = app_test("""
        import tidal as st
        st.session_state.s = 2.5
        st.text(repr(st.number_input("s", value=1, key="s")))
        st.text('state after: ' + repr(st.session_state.s))
    """).run()
    assert texts(at) == ["2.5", "state after: 2.5"]


def test_W_10_read_only_widgets_reject_a_key_assigned_in_the_current_run(
    app_test: AppTestFactory,
) -> None:
    for script in (
        "st.session_state.k = True\nst.button('b', key='k')",
        'with st.form("f"):\n    st.session_state.k = True\n    st.form_submit_button("s", key="k")',
    ):
        at = app_test(f"import tidal as st\n{script}\n").run()
        assert at.exception[0].value == read_only("k")
        assert at.exception[0].is_markdown is True
        assert at.exception[0].exception_type == "StreamlitValueAssignmentNotAllowedError"
        assert at.session_state.to_dict() == {"k": True}


def test_W_11_a_button_key_assigned_in_an_earlier_run_is_returned_once(
    app_test: AppTestFactory,
) -> None:
    at = app_test("""
        import tidal as st
        st.session_state.setdefault("i", 0)
        st.session_state.i += 1
        if st.session_state.i == 1:
            st.session_state.b = True
        else:
            v = st.button("b", key="b")
            st.text(f"run {st.session_state.i}: button returned {v!r}")
    """).run()
    assert at.session_state.to_dict() == {"b": True, "i": 1}
    at.run()
    assert texts(at) == ["run 2: button returned True"]
    assert len(at.exception) == 0
    assert at.session_state.to_dict() == {"b": True, "i": 2}
    at.run()
    assert texts(at) == ["run 3: button returned False"]
    assert at.session_state.to_dict() == {"b": False, "i": 3}


def test_W_11a_default_and_session_state_value_logs_a_warning_once_per_process(
    app_test: AppTestFactory, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tidal.widgets, "_warned_default_and_state", False)
    caplog.set_level(logging.WARNING, logger="tidal.widgets")
    message = (
        'The widget with key "t" was created with a default value but also had its value set '
        "via the Session State API."
    )
    at = app_test("""
        import tidal as st
        if "t" not in st.session_state:
            st.session_state.t = "from state"
        v = st.text_input("t", value="default", key="t")
        st.text(f"v={v}")
    """).run()
    assert texts(at) == ["v=from state"]
    assert len(at.exception) == 0
    assert len(at.warning) == 0
    assert [(r.name, r.levelname, r.getMessage()) for r in caplog.records] == [
        ("tidal.widgets", "WARNING", message)
    ]
    caplog.clear()
    at.run()
    assert texts(at) == ["v=from state"]
    # once per process: a later case in another session stays silent
    at = app_test("""
        import tidal as st
        st.session_state.s = 3
        v = st.slider("s", 0, 10, 5, key="s")
        st.text(f"v={v}")
    """).run()
    assert texts(at) == ["v=3"]
    assert caplog.records == []

    # the option suppresses it altogether
    monkeypatch.setattr(tidal.widgets, "_warned_default_and_state", False)
    at = AppTest.from_string(
        "import tidal as st\nst.session_state.s = 3\nst.slider('s', 0, 10, 5, key='s')\n",
        options=RunOptions(disable_duplicate_default_warning=True),
    ).run()
    assert at.slider(key="s").value == 3
    assert caplog.records == []


@pytest.mark.parametrize(
    ("assign", "widget", "shown"),
    [
        ("st.session_state.s = 5", 'st.selectbox("s", [1,2,3], key="s")', ["1", "state after: 1"]),
        (
            'st.session_state.s = "z"',
            'st.radio("s", ["a","b"], key="s")',
            ["'a'", "state after: 'a'"],
        ),
        (
            'st.session_state.s = "c"',
            'st.select_slider("s", ["a","b"], key="s")',
            ["'a'", "state after: 'a'"],
        ),
        (
            'st.session_state.s = ["z"]',
            'st.multiselect("s", ["a","b"], key="s")',
            ["[]", "state after: []"],
        ),
        (
            "st.session_state.s = 50",
            'st.number_input("s", min_value=2, max_value=10, value=4, key="s")',
            ["4", "state after: 4"],
        ),
        (
            "st.session_state.s = -5",
            'st.number_input("s", min_value=2, max_value=10, key="s")',
            ["2", "state after: 2"],
        ),
        (
            "st.session_state.s = 50",
            'st.number_input("s", min_value=0, max_value=10, key="s")',
            ["0", "state after: 0"],
        ),
        ("st.session_state.s = None", 'st.text_input("s", key="s")', ["None", "state after: None"]),
        (
            "st.session_state.s = (1,3)",
            'st.slider("s", 0, 10, key="s")',
            ["(1, 3)", "state after: (1, 3)"],
        ),
    ],
)
def test_W_11b_an_invalid_assigned_option_or_number_silently_falls_back_to_the_default(
    app_test: AppTestFactory, assign: str, widget: str, shown: list[str]
) -> None:
    at = app_test(
        f"import tidal as st\n{assign}\nst.text(repr({widget}))\n"
        "st.text('state after: ' + repr(st.session_state.s))\n"
    ).run()
    assert len(at.exception) == 0
    assert texts(at) == shown


@pytest.mark.parametrize(
    ("assign", "widget", "message", "is_markdown"),
    [
        (
            "st.session_state.s = 15",
            'st.slider("s", 0, 10, key="s")',
            "The `value` 15 is greater than the `max_value` 10.",
            True,
        ),
        (
            "st.session_state.s = 50",
            'st.slider("s", 0, 10, key="s")',
            "The `value` 50 is greater than the `max_value` 10.",
            True,
        ),
        (
            'st.session_state.s = "abc"',
            'st.number_input("s", key="s")',
            "must be real number, not str",
            False,
        ),
        (
            'st.session_state.s = "x"',
            'st.checkbox("s", key="s")',
            "'str' object cannot be interpreted as an integer",
            False,
        ),
        (
            "st.session_state.s = 5",
            'st.text_input("s", key="s")',
            "bad argument type for built-in operation",
            False,
        ),
        (
            'st.session_state.s = "10:00"',
            'st.time_input("s", key="s")',
            "descriptor 'strftime' for 'datetime.time' objects doesn't apply to a 'str' object",
            False,
        ),
    ],
)
def test_W_11b_an_out_of_range_slider_value_or_a_wrong_type_raises(
    app_test: AppTestFactory, assign: str, widget: str, message: str, is_markdown: bool
) -> None:
    at = app_test(
        f"import tidal as st\n{assign}\nst.text(repr({widget}))\n"
        "st.text('state after: ' + repr(st.session_state.s))\n"
    ).run()
    assert at.exception[0].value == message
    assert at.exception[0].is_markdown is is_markdown
    if not is_markdown:
        assert at.exception[0].exception_type == "TypeError"
    assert texts(at) == []
    # the assigned value stays in the state, unchanged
    assert at.session_state.to_dict() == {"s": ast.literal_eval(assign.split(" = ")[1])}


# ------------------------------------------------------------------------ lifecycle, cleanup
def test_W_12_an_unrendered_widget_is_cleaned_up_at_the_end_of_the_run(
    app_test: AppTestFactory,
) -> None:
    at = app_test("""
        import tidal as st
        if "show" not in st.session_state:
            st.session_state.show = True
        if st.session_state.show:
            st.text_input("t", key="t")
        st.text(f"during run: t in state={'t' in st.session_state} val={st.session_state.get('t')!r}")
    """).run()
    at.text_input(key="t").set_value("hello").run()
    assert texts(at) == ["during run: t in state=True val='hello'"]
    assert at.session_state.to_dict() == {"t": "hello", "show": True}
    at.session_state.show = False
    at.run()
    assert texts(at) == ["during run: t in state=True val='hello'"]
    assert at.session_state.to_dict() == {"show": False}
    at.run()
    assert texts(at) == ["during run: t in state=False val=None"]
    at.session_state.show = True
    at.run()
    assert texts(at) == ["during run: t in state=True val=''"]
    assert at.session_state.to_dict() == {"t": "", "show": True}


def test_W_13_cleanup_removes_a_widget_value_even_when_the_user_created_the_key(
    app_test: AppTestFactory,
) -> None:
    at = app_test("""
        import tidal as st
        if "show" not in st.session_state:
            st.session_state.show = True
        if "t" not in st.session_state:
            st.session_state.t = "init"
        if st.session_state.show:
            st.text_input("t", key="t")
        st.text(f"t={st.session_state.get('t')!r}")
    """).run()
    assert texts(at) == ["t='init'"]
    at.text_input(key="t").set_value("edited").run()
    assert texts(at) == ["t='edited'"]
    at.session_state.show = False
    at.run()
    assert texts(at) == ["t='edited'"]
    assert at.session_state.to_dict() == {"show": False}
    at.run()
    assert texts(at) == ["t='init'"]
    at.session_state.show = True
    at.run()
    assert texts(at) == ["t='init'"]
    assert at.session_state.to_dict() == {"t": "init", "show": True}


def test_W_14_reassigning_every_run_keeps_a_hidden_widget_value(
    app_test: AppTestFactory,
) -> None:
    at = app_test("""
        import tidal as st
        if "show" not in st.session_state:
            st.session_state.show = True
        if "t" in st.session_state:
            st.session_state.t = st.session_state.t
        if st.session_state.show:
            st.text_input("t", key="t")
        st.text(f"t={st.session_state.get('t')!r}")
    """).run()
    at.text_input(key="t").set_value("edited").run()
    at.session_state.show = False
    at.run()
    at.run()
    assert texts(at) == ["t='edited'"]
    assert at.session_state.to_dict() == {"t": "edited", "show": False}
    at.session_state.show = True
    at.run()
    assert texts(at) == ["t='edited'"]
    assert at.text_input(key="t").value == "edited"


def test_W_15_a_widget_key_read_before_its_widget_is_missing_in_the_first_run_only(
    app_test: AppTestFactory,
) -> None:
    at = app_test("""
        import tidal as st
        st.text(f"before widget: {st.session_state.get('t', '<missing>')!r}")
        st.text_input("t", key="t")
    """).run()
    assert texts(at) == ["before widget: '<missing>'"]
    assert at.session_state.to_dict() == {"t": ""}
    at.text_input(key="t").input("v").run()
    assert texts(at) == ["before widget: 'v'"]


def test_W_16_deleting_a_widget_key_before_resets_it_and_after_removes_it(
    app_test: AppTestFactory,
) -> None:
    at = app_test("""
        import tidal as st
        if st.session_state.get("del_before"):
            del st.session_state["t"]
        v = st.text_input("t", key="t")
        if st.session_state.get("del_after"):
            del st.session_state["t"]
            st.text(f"after del: in={'t' in st.session_state}")
        st.text(f"v={v!r}")
    """).run()
    at.text_input(key="t").input("typed").run()
    at.session_state.del_before = True
    at.run()
    assert texts(at) == ["v=''"]
    assert at.session_state.to_dict() == {"del_before": True, "t": ""}
    at.session_state.del_before = False
    at.text_input(key="t").input("typed2").run()
    at.session_state.del_after = True
    at.run()
    assert texts(at) == ["after del: in=False", "v='typed2'"]
    assert at.session_state.to_dict() == {"del_after": True, "del_before": False}
    # Streamlit's AppTest raises KeyError on the next run (AT-11). Tidal does not break: the
    # deleted widget starts again from its default.
    at.session_state.del_after = False
    at.run()
    assert len(at.exception) == 0
    assert texts(at) == ["v=''"]
    assert at.session_state.t == ""


def test_W_17_a_keyed_selectbox_falls_back_to_the_default_when_its_value_leaves_the_options(
    app_test: AppTestFactory,
) -> None:
    at = app_test("""
        import tidal as st
        if "opts" not in st.session_state: st.session_state.opts = ["a","b","c"]
        v = st.selectbox("s", st.session_state.opts, key="s")
        st.text(f"v={v}")
    """).run()
    at.selectbox(key="s").select("c").run()
    assert texts(at) == ["v=c"]
    at.session_state.opts = ["a", "b", "c", "d"]
    at.run()
    assert texts(at) == ["v=c"]
    at.session_state.opts = ["x", "y"]
    at.run()
    assert texts(at) == ["v=x"]
    assert at.session_state.to_dict() == {"opts": ["x", "y"], "s": "x"}


def test_W_18_a_button_is_true_for_one_run_and_its_key_stays_false(
    app_test: AppTestFactory,
) -> None:
    at = app_test("""
        import tidal as st
        if "log" not in st.session_state: st.session_state.log = []
        def cb(): st.session_state.log.append(f"click cb; state b={st.session_state.b!r}")
        b = st.button("go", key="b", on_click=cb)
        st.session_state.log.append(f"button returned {b!r}; state={st.session_state.b!r}")
        st.text(" | ".join(st.session_state.log))
    """).run()
    at.session_state.log = []
    at.button(key="b").click().run()
    assert texts(at) == ["click cb; state b=True | button returned True; state=True"]
    assert at.session_state.b is False
    at.session_state.log = []
    at.run()
    assert texts(at) == ["button returned False; state=False"]
    assert at.session_state.b is False


def test_W_19_nested_buttons_never_fire(app_test: AppTestFactory) -> None:
    at = app_test("""
        import tidal as st
        st.session_state.setdefault("log", [])
        if st.button("outer", key="o"):
            if st.button("inner", key="i"):
                st.session_state.log.append("inner clicked")
        st.text(" | ".join(st.session_state.log) or "nothing")
    """).run()
    at.button(key="o").click().run()
    at.button(key="i").click().run()
    assert texts(at) == ["nothing"]
    assert at.session_state.to_dict() == {"log": [], "o": False}


def test_W_20_widget_return_values_are_deep_copies(app_test: AppTestFactory) -> None:
    at = app_test("""
        import tidal as st
        v = st.multiselect("m", ["a","b"], default=["a"], key="m")
        v.append("zzz")
        st.text(f"returned mutated={v} state={st.session_state.m}")
    """).run()
    assert texts(at) == ["returned mutated=['a', 'zzz'] state=['a']"]
    assert at.session_state.to_dict() == {"m": ["a"]}


def test_W_21_a_disabled_widget_drops_a_forged_value_and_runs_no_callback(
    app_test: AppTestFactory,
) -> None:
    at = app_test("""
        import tidal as st
        st.session_state.setdefault("log", [])
        v = st.text_input("t", key="t", disabled=True, on_change=lambda: st.session_state.log.append("cb"))
        st.text(f"v={v!r} log={st.session_state.log}")
    """).run()
    # AppTest refuses to change a disabled widget (AppTestError, as Streamlit's); forge the
    # value as a hand-made client would, past the wrapper
    at._staged[at.text_input(key="t").id] = "forged"
    at.run()
    assert texts(at) == ["v='' log=[]"]
    assert at.session_state.t == ""


# ---------------------------------------------------------------------------- defaults, types
def values_of(app_test: AppTestFactory, *calls: str) -> list[str]:
    script = "import tidal as st\nimport datetime\n" + "".join(
        f"v = {call}\nst.text(f'{{v!r}} ({{type(v).__name__}})')\n" for call in calls
    )
    at = app_test(script).run()
    assert len(at.exception) == 0, at.exception[0].value
    return texts(at)


def first_error(app_test: AppTestFactory, call: str) -> tuple[str, str]:
    at = app_test(f"import tidal as st\n{call}\n").run()
    return at.exception[0].value, at.exception[0].exception_type


def test_W_22_number_input_defaults_to_float_zero(app_test: AppTestFactory) -> None:
    assert values_of(app_test, 'st.number_input("n1", key="n1")') == ["0.0 (float)"]


def test_W_23_number_input_type_and_default_follow_value_min_max_and_step(
    app_test: AppTestFactory,
) -> None:
    assert values_of(
        app_test,
        'st.number_input("n2", value=5, key="n2")',
        'st.number_input("n3", min_value=3, key="n3")',
        'st.number_input("n6", step=1, key="n6")',
    ) == ["5 (int)", "3 (int)", "0 (int)"]


def test_W_24_number_input_with_a_float_min_is_a_float(app_test: AppTestFactory) -> None:
    assert values_of(app_test, 'st.number_input("n4", min_value=1.5, key="n4")') == ["1.5 (float)"]


def test_W_25_value_none_gives_an_empty_widget(app_test: AppTestFactory) -> None:
    assert (
        values_of(
            app_test,
            'st.number_input("n5", value=None, key="n5")',
            'st.text_input("t2", value=None, key="t2")',
            'st.selectbox("sb2", ["a", "b"], index=None, key="sb2")',
            'st.time_input("ti2", value=None, key="ti2")',
            'st.number_input("n", min_value=0, max_value=10, value=None)',
        )
        == ["None (NoneType)"] * 5
    )


def test_W_26_mixing_int_and_float_number_input_arguments_raises(
    app_test: AppTestFactory,
) -> None:
    assert first_error(app_test, 'st.number_input("n", value=5, step=0.5)') == (
        "All numerical arguments must be of the same type.\n`value` has int type.\n"
        "`step` has float type.",
        "StreamlitMixedNumericTypesError",
    )
    assert first_error(app_test, 'st.number_input("n", min_value=1, value=2.5)') == (
        "All numerical arguments must be of the same type.\n`value` has float type.\n"
        "`min_value` has int type.",
        "StreamlitMixedNumericTypesError",
    )


def test_W_27_number_input_rejects_a_default_outside_its_range_and_min_above_max(
    app_test: AppTestFactory,
) -> None:
    assert first_error(app_test, 'st.number_input("n", min_value=5, value=1)') == (
        "The `value` 1 is less than the `min_value` 5.",
        "StreamlitValueBelowMinError",
    )
    assert first_error(app_test, 'st.number_input("n", max_value=5, value=10)') == (
        "The `value` 10 is greater than the `max_value` 5.",
        "StreamlitValueAboveMaxError",
    )
    message, _ = first_error(app_test, 'st.number_input("n", min_value=10, max_value=5)')
    assert (
        message == "The `min_value`, set to 10, cannot be greater than the `max_value`, set to 5."
    )


def test_W_28_slider_defaults_types_and_validation(app_test: AppTestFactory) -> None:
    assert values_of(
        app_test,
        'st.slider("s1", key="s1")',
        'st.slider("s2", 0.0, 1.0, key="s2")',
        'st.slider("s3", 0, 10, (2, 5), key="s3")',
        'st.slider("s4", min_value=5, max_value=10, key="s4")',
        'st.slider("s", 5, 10, 1)',
        'st.slider("s5", 5, 10, 12)',
    ) == ["0 (int)", "0.0 (float)", "(2, 5) (tuple)", "5 (int)", "1 (int)", "12 (int)"]
    message, _ = first_error(app_test, 'st.slider("s", 5, 5)')
    assert message == (
        "The `min_value` and `max_value` parameters are both set to 5. They must not be equal."
    )
    message, _ = first_error(app_test, 'st.slider("s", 0, 10.0)')
    assert message == (
        "Invalid `value` type. Expected one of: matching numeric types, matching date/time "
        "types. Provided type: min_value=int, max_value=float, step=int."
    )


def test_W_29_text_widgets_default_to_empty_and_convert_the_default_with_str(
    app_test: AppTestFactory,
) -> None:
    assert values_of(
        app_test,
        'st.text_input("t1", key="t1")',
        'st.text_area("ta", key="ta")',
        'st.text_input("t", value=5)',
    ) == ["'' (str)", "'' (str)", "'5' (str)"]


def test_W_30_checkbox_and_toggle_default_to_false_and_use_truthiness(
    app_test: AppTestFactory,
) -> None:
    assert values_of(
        app_test,
        'st.checkbox("c1", key="c1")',
        'st.toggle("tg", key="tg")',
        'st.checkbox("c", value="yes")',
    ) == ["False (bool)", "False (bool)", "True (bool)"]


def test_W_31_single_choice_widgets_default_to_the_first_option(
    app_test: AppTestFactory,
) -> None:
    assert values_of(
        app_test,
        'st.selectbox("sb1", ["a", "b"], key="sb1")',
        'st.radio("r1", ["x", "y"], key="r1")',
        'st.select_slider("ss", ["a","b","c"], key="ss")',
        'st.selectbox("sb3", [], key="sb3")',
    ) == ["'a' (str)", "'x' (str)", "'a' (str)", "None (NoneType)"]
    for kind in ("selectbox", "radio"):
        assert first_error(app_test, f'st.{kind}("s", ["a"], index=3)') == (
            "The `index` parameter, set to 3, is outside the required range [0, 0].",
            "StreamlitValueOutOfRangeError",
        )


def test_W_32_multiselect_defaults_to_empty_and_rejects_unknown_defaults(
    app_test: AppTestFactory,
) -> None:
    assert values_of(app_test, 'st.multiselect("ms", ["a", "b"], key="ms")') == ["[] (list)"]
    message, _ = first_error(app_test, 'st.multiselect("m", ["a","b"], default=["z"])')
    assert message == (
        "The default value 'z' is not part of the options. Please make sure that every default "
        "value also exists in the options."
    )


def test_W_33_time_date_colour_and_button_defaults(app_test: AppTestFactory) -> None:
    assert values_of(
        app_test,
        'st.time_input("ti", datetime.time(9, 30), key="ti")',
        'st.date_input("di", datetime.date(2024, 1, 2), key="di")',
        'st.color_picker("cp", key="cp")',
        'st.button("bt", key="bt")',
    ) == [
        f"{dt.time(9, 30)!r} (time)",
        f"{dt.date(2024, 1, 2)!r} (date)",
        "'#000000' (str)",
        "False (bool)",
    ]
