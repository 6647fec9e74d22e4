"""Spec section 1: the ``st.session_state`` mapping API (rules SS-1 .. SS-18).

Each test replays the experiment named in the spec row (``shared/spec/experiments``) and asserts
what Streamlit 1.67 printed. SS-18 (``st.cache_data``) is tested with the cache, in
``test_cache.py``.
"""

from __future__ import annotations

import ast
import json
import re

from tests.conftest import AppTestFactory
from tidal.errors import StreamlitValueError
from tidal.testing import AppTest

DOCS = "https://docs.streamlit.io/develop/concepts/architecture/session-state#initialization"
NO_KEY = f'st.session_state has no key "nope". Did you forget to initialize it? More info: {DOCS}'
NO_ATTR = (
    f'st.session_state has no attribute "nope". Did you forget to initialize it? More info: {DOCS}'
)


def texts(at: AppTest) -> list[str]:
    return [t.value for t in at.text]


def test_SS_1_session_state_is_a_proxy_with_interchangeable_item_and_attribute_access(
    app_test: AppTestFactory,
) -> None:
    at = app_test("""
        import tidal as st
        st.session_state.a = 1
        st.session_state["b"] = 2
        st.text(f"a={st.session_state['a']} b={st.session_state.b}")
        st.text(f"type={type(st.session_state).__name__}")
        del st.session_state.a
        del st.session_state["b"]
        st.text(f"after del len={len(st.session_state)}")
    """).run()
    assert texts(at) == ["a=1 b=2", "type=SessionStateProxy", "after del len=0"]


def test_SS_2_session_state_has_the_mutable_mapping_surface(app_test: AppTestFactory) -> None:
    at = app_test("""
        import tidal as st
        st.session_state.a = 1
        st.session_state["b"] = 2
        st.text(f"in={'a' in st.session_state} notin={'zz' in st.session_state}")
        st.text(f"len={len(st.session_state)} keys={sorted(st.session_state.keys())} iter={sorted(list(st.session_state))}")
        st.text(f"to_dict={sorted(st.session_state.to_dict().items())}")
        st.text(f"get={st.session_state.get('zz', 'dflt')} items={sorted(st.session_state.items())} values={sorted(st.session_state.values())}")
        del st.session_state.a
        del st.session_state["b"]
        st.text(f"after del len={len(st.session_state)}")
        st.session_state.update({"c": 3}, d=4)
        st.text(f"after update {sorted(st.session_state.to_dict().items())}")
        st.text(f"setdefault={st.session_state.setdefault('c', 9)} {st.session_state.setdefault('e', 5)}")
        st.text(f"pop={st.session_state.pop('e')} ")
        st.session_state.clear()
        st.text(f"after clear {st.session_state.to_dict()}")
    """).run()
    assert texts(at) == [
        "in=True notin=False",
        "len=2 keys=['a', 'b'] iter=['a', 'b']",
        "to_dict=[('a', 1), ('b', 2)]",
        "get=dflt items=[('a', 1), ('b', 2)] values=[1, 2]",
        "after del len=0",
        "after update [('c', 3), ('d', 4)]",
        "setdefault=3 5",
        "pop=5",  # st.text strips its body, as Streamlit's
        "after clear {}",
    ]


def test_SS_3_key_order_is_unspecified_so_state_compares_as_a_mapping(
    app_test: AppTestFactory,
) -> None:
    # Streamlit gave {'b': 2, 'a': 1} after setting a then b; tidal may use any order.
    at = app_test("""
        import tidal as st
        st.session_state.a = 1
        st.session_state.b = 2
        st.text(repr(st.session_state.to_dict()))
    """).run()
    assert ast.literal_eval(at.text[0].value) == {"b": 2, "a": 1}
    assert set(at.session_state.keys()) == {"a", "b"}


def test_SS_4_non_string_keys_are_converted_with_str(app_test: AppTestFactory) -> None:
    at = app_test("""
        import tidal as st
        st.session_state[1] = "x"
        st.text(f"int key ok: {st.session_state.to_dict()!r} {1 in st.session_state} {'1' in st.session_state}")
        st.session_state[(1, 2)] = "y"
        st.text("tuple ok")
        st.text_input("t", key=5)
        st.text_input("u", key=["a"])
    """).run()
    assert texts(at) == ["int key ok: {'1': 'x'} True True", "tuple ok"]
    assert at.session_state.to_dict() == {"1": "x", "(1, 2)": "y", "5": "", "['a']": ""}


def test_SS_5_values_persist_across_reruns_of_a_session(app_test: AppTestFactory) -> None:
    at = app_test("""
        import tidal as st
        if "count" not in st.session_state:
            st.session_state.count = 0
        st.session_state.count += 1
        st.text(f"count={st.session_state.count}")
    """)
    at.run()
    at.run()
    at.run()
    assert texts(at) == ["count=3"]
    assert at.session_state.to_dict() == {"count": 3}


def test_SS_6_missing_key_item_access_raises_keyerror_with_message(
    app_test: AppTestFactory,
) -> None:
    at = app_test("""
        import tidal as st
        st.session_state["nope"]
    """).run()
    exc = at.exception[0]
    # str(KeyError) shows the message in quotes
    assert exc.value == repr(NO_KEY)
    assert exc.message == repr(NO_KEY)
    assert exc.is_markdown is False
    assert exc.exception_type == "KeyError"

    at = app_test("""
        import tidal as st
        try:
            st.session_state["nope"]
        except Exception as e:
            st.text(f"{type(e).__module__}.{type(e).__name__} | {e!s} | args={e.args!r}")
    """).run()
    assert texts(at) == [f"builtins.KeyError | {NO_KEY!r} | args={(NO_KEY,)!r}"]


def test_SS_7_missing_key_attribute_access_raises_attributeerror(
    app_test: AppTestFactory,
) -> None:
    at = app_test("""
        import tidal as st
        st.session_state.nope
    """).run()
    exc = at.exception[0]
    assert exc.value == NO_ATTR
    assert exc.is_markdown is False
    assert exc.exception_type == "AttributeError"

    at = app_test("""
        import tidal as st
        try:
            st.session_state.nope
        except Exception as e:
            st.text(f"{type(e).__module__}.{type(e).__name__} | {e} | isAttr={isinstance(e, AttributeError)} isKey={isinstance(e, KeyError)}")
        st.text(f"hasattr={hasattr(st.session_state, 'nope')}  getattr-default={getattr(st.session_state, 'nope', 'D')}")
    """).run()
    assert texts(at) == [
        f"builtins.AttributeError | {NO_ATTR} | isAttr=True isKey=False",
        "hasattr=False  getattr-default=D",
    ]


def test_SS_8_deleting_a_missing_key_raises_keyerror_or_attributeerror(
    app_test: AppTestFactory,
) -> None:
    at = app_test("""
        import tidal as st
        try:
            del st.session_state["nope"]
        except Exception as e:
            st.text(f"DELITEM {type(e).__module__}.{type(e).__name__} | {e!s}")
        try:
            del st.session_state.nope
        except Exception as e:
            st.text(f"DELATTR {type(e).__module__}.{type(e).__name__} | {e!s}")
    """).run()
    assert texts(at) == [
        f"DELITEM builtins.KeyError | {NO_KEY!r}",
        f"DELATTR builtins.AttributeError | {NO_ATTR}",
    ]


def test_SS_9_uncaught_missing_key_is_shown_as_a_plain_exception_after_earlier_effects(
    app_test: AppTestFactory,
) -> None:
    at = app_test("""
        import tidal as st
        st.session_state.kept = 1
        st.text("before")
        st.session_state.nope
        st.text("after")
    """).run()
    assert texts(at) == ["before"]
    assert len(at.exception) == 1
    assert at.exception[0].is_markdown is False
    assert at.session_state.kept == 1


def test_SS_10_str_is_the_dict_form_and_repr_is_the_default_object_repr(
    app_test: AppTestFactory,
) -> None:
    at = app_test("""
        import tidal as st
        st.session_state.update({"c": 3}, d=4)
        st.text(f"repr={st.session_state!r}")
        st.text(f"str={str(st.session_state)}")
    """).run()
    assert re.fullmatch(r"repr=<[\w.]+\.SessionStateProxy object at 0x[0-9a-f]+>", at.text[0].value)
    assert at.text[1].value.startswith("str=")
    assert ast.literal_eval(at.text[1].value.removeprefix("str=")) == {"d": 4, "c": 3}


def test_SS_11_writing_session_state_renders_json_of_user_keys_and_keyed_widgets(
    app_test: AppTestFactory,
) -> None:
    at = app_test("""
        import tidal as st
        st.session_state.a = 1
        st.session_state.b = [1,2]
        st.number_input("n", key="num")
        st.text_input("keyless")
        st.write(st.session_state)
        st.session_state
    """).run()
    assert len(at.json) == 2
    for element in at.json:
        assert json.loads(element.value) == {"num": 0.0, "b": [1, 2], "a": 1}
    assert [c.type for c in at.main.children.values()] == [
        "number_input",
        "text_input",
        "json",
        "json",
    ]


def test_SS_12_keyless_widgets_are_invisible_in_session_state(app_test: AppTestFactory) -> None:
    at = app_test("""
        import tidal as st
        v = st.text_input("nokey")
        st.text(f"len={len(st.session_state)} keys={list(st.session_state.keys())}")
    """).run()
    assert texts(at) == ["len=0 keys=[]"]
    assert at.session_state.to_dict() == {}


def test_SS_13_keys_beginning_with_the_widget_id_prefix_are_reserved(
    app_test: AppTestFactory,
) -> None:
    for script in (
        'import tidal as st\nst.session_state["$$ID-abc-x"] = 1\nst.text(repr(st.session_state.to_dict()))',
        'import tidal as st\nst.text_input("t", key="$$ID-abc-x")',
    ):
        at = app_test(script).run()
        assert at.exception[0].value == "Keys beginning with $$ID are reserved."
        assert at.exception[0].is_markdown is True
        assert texts(at) == []
        assert at.session_state.to_dict() == {}
    at = app_test("""
        import tidal as st
        from tidal.errors import StreamlitAPIException
        try:
            st.session_state["$$ID-x"] = 1
        except StreamlitAPIException as e:
            st.text(f"caught {e}")
    """).run()
    assert texts(at) == ["caught Keys beginning with $$ID are reserved."]


def test_SS_14_an_empty_string_key_is_rejected(app_test: AppTestFactory) -> None:
    message = "Invalid `key` value. Supported values: a non-empty string."
    for script in (
        'import tidal as st\nst.text_input("t", key="")',
        'import tidal as st\nst.session_state[""] = 1\nst.text(repr(st.session_state.to_dict()))',
    ):
        at = app_test(script).run()
        assert at.exception[0].value == message
        assert at.exception[0].is_markdown is True
        assert at.exception[0].exception_type == StreamlitValueError.__name__
        assert at.session_state.to_dict() == {}


def test_SS_15_update_assigns_but_setdefault_pop_and_del_work_on_an_instantiated_widget_key(
    app_test: AppTestFactory,
) -> None:
    at = app_test("""
        import tidal as st
        st.text_input("t", key="t")
        for op in ("update", "setdefault", "pop"):
            try:
                if op == "update": st.session_state.update(t="x")
                if op == "setdefault": st.text(f"setdefault returned {st.session_state.setdefault('t', 'x')!r}")
                if op == "pop": st.text(f"pop returned {st.session_state.pop('t')!r}")
                st.text(f"{op}: ok")
            except Exception as e:
                st.text(f"{op}: {type(e).__name__}")
    """).run()
    assert texts(at) == [
        "update: StreamlitWidgetAlreadyInstantiatedError",
        "setdefault returned ''",
        "setdefault: ok",
        "pop returned ''",
        "pop: ok",
    ]
    assert at.session_state.to_dict() == {}


def test_SS_16_clear_empties_user_keys_widget_values_and_the_key_map(
    app_test: AppTestFactory,
) -> None:
    at = app_test("""
        import tidal as st
        st.session_state.setdefault("x", 1)
        v = st.text_input("t", key="t")
        if st.session_state.get("do_clear"):
            st.session_state.clear()
        st.text(f"v={v!r} keys={sorted(st.session_state.keys())}")
    """).run()
    at.text_input(key="t").input("typed").run()
    at.session_state.do_clear = True
    at.run()
    assert texts(at) == ["v='typed' keys=[]"]
    assert at.session_state.to_dict() == {}
    # Streamlit's AppTest raises KeyError on the next run (AT-11); tidal starts afresh: the
    # widget is back at its default and the script re-creates "x".
    at.run()
    assert texts(at) == ["v='' keys=['t', 'x']"]


def test_SS_17_values_are_stored_by_reference_so_in_place_mutation_counts(
    app_test: AppTestFactory,
) -> None:
    at = app_test("""
        import tidal as st
        if "m" not in st.session_state: st.session_state.m = ["a"]
        st.session_state.m.append("b") if st.session_state.get("go") else None
        v = st.multiselect("m", ["a","b"], key="m")
        st.text(f"v={v}")
    """)
    at.run()
    at.session_state.go = True
    at.run()
    # the bare conditional expression is "magic": it writes its value, None
    assert [m.value for m in at.markdown] == ["`None`"]
    assert texts(at) == ["v=['a', 'b']"]
    assert at.session_state.to_dict() == {"go": True, "m": ["a", "b"]}
