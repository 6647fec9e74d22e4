"""Spec section 8: ``st.query_params`` (rules QP-1, QP-2), and the rest of its mapping surface.

QP-1 and QP-2 replay the query-param part of ``exp_misc.py`` (``shared/spec/experiments``) and
assert what Streamlit 1.67 printed; the other tests pin the behaviour Streamlit documents for
``st.query_params`` (strings, repeated keys, ``from_dict``, reserved ``embed`` keys, clearing on
a page switch). QP-3 (widgets in cached functions) belongs to the cache.
"""

from __future__ import annotations

import pytest

from tests.conftest import AppTestFactory
from tidal.api.query import query_params
from tidal.errors import NoRunContextError
from tidal.querystring import MAX_QUERY_CHARS
from tidal.testing import AppTest

EXP_MISC = """
    import tidal as st
    qp = st.query_params
    st.text(f"qp={qp.to_dict()!r} a={qp.get('a')!r} multi={qp.get_all('m')!r}")
    st.query_params["b"] = 2
    st.text(f"after set b: {st.query_params.to_dict()!r} type_b={type(st.query_params['b']).__name__}")
    st.text(f"in state? {'b' in st.session_state}")
    try:
        st.query_params.missing
    except Exception as e:
        st.text(f"missing attr: {type(e).__name__}: {e}")
    try:
        st.query_params["missing"]
    except Exception as e:
        st.text(f"missing item: {type(e).__name__}: {e}")
"""


def texts(at: AppTest) -> list[str]:
    return [t.value for t in at.text]


def seeded(app_test: AppTestFactory, source: str, **params: object) -> AppTest:
    at = app_test(source)
    at.query_params.update(params)
    return at.run()


def test_QP_1_query_params_are_strings_a_repeated_key_reads_its_last_value_and_stay_out_of_state(
    app_test: AppTestFactory,
) -> None:
    at = seeded(app_test, EXP_MISC, a="1", m=["x", "y"])
    assert texts(at)[:3] == [
        "qp={'a': '1', 'm': 'y'} a='1' multi=['x', 'y']",
        "after set b: {'a': '1', 'm': 'y', 'b': '2'} type_b=str",
        "in state? False",
    ]
    assert at.session_state.to_dict() == {}
    assert at.query_params == {"a": "1", "m": ["x", "y"], "b": "2"}


def test_QP_2_a_missing_query_param_raises_attribute_error_or_key_error(
    app_test: AppTestFactory,
) -> None:
    at = seeded(app_test, EXP_MISC, a="1", m=["x", "y"])
    assert texts(at)[3:] == [
        'missing attr: AttributeError: st.query_params has no attribute "missing".',
        "missing item: KeyError: 'st.query_params has no key \"missing\".'",
    ]
    assert not at.exception


def test_attribute_access_reads_writes_and_deletes_params(app_test: AppTestFactory) -> None:
    at = seeded(
        app_test,
        """
        import tidal as st
        st.query_params.page = "x"
        st.text(f"{st.query_params['page']} {st.query_params.page} {st.query_params.tab}")
        del st.query_params.tab
        try:
            del st.query_params.tab
        except AttributeError as e:
            st.text(str(e))
        """,
        tab="home",
    )
    assert texts(at) == ["x x home", 'st.query_params has no attribute "tab".']
    assert at.query_params == {"page": "x"}


def test_the_mapping_methods_see_the_params_in_address_order(app_test: AppTestFactory) -> None:
    at = seeded(
        app_test,
        """
        import tidal as st
        qp = st.query_params
        st.text(f"len={len(qp)} keys={list(qp)} in={'a' in qp} notin={'z' in qp} not_str={1 in qp}")
        st.text(f"get={qp.get('z', 'dflt')} none={qp.get('z')!r} items={list(qp.items())}")
        st.text(f"all_missing={qp.get_all('z')} all_single={qp.get_all('a')}")
        qp.update({"c": 3}, d=True)
        st.text(f"update={qp.to_dict()}")
        st.text(f"pop={qp.pop('c')} setdefault={qp.setdefault('e', 'f')} eq={qp == qp.to_dict()}")
        del qp["a"]
        try:
            del qp["a"]
        except KeyError as e:
            st.text(f"KeyError: {e}")
        """,
        a="1",
        b=["2", "3"],
    )
    assert texts(at) == [
        "len=2 keys=['a', 'b'] in=True notin=False not_str=False",
        "get=dflt none=None items=[('a', '1'), ('b', '3')]",
        "all_missing=[] all_single=['1']",
        "update={'a': '1', 'b': '3', 'c': '3', 'd': 'True'}",
        "pop=3 setdefault=f eq=True",
        "KeyError: 'st.query_params has no key \"a\".'",
    ]
    assert at.query_params == {"b": ["2", "3"], "d": "True", "e": "f"}


def test_a_list_or_tuple_sets_a_repeated_key_of_strings(app_test: AppTestFactory) -> None:
    at = seeded(
        app_test,
        """
        import tidal as st
        st.query_params["tags"] = ["a", 2, 3.5]
        st.query_params["pair"] = (True, None)
        st.text(f"{st.query_params.tags} {st.query_params.get_all('tags')} {st.query_params.get_all('pair')}")
        st.query_params["gone"] = []
        st.text(f"empty={st.query_params['gone']!r} in={'gone' in st.query_params}")
        """,
    )
    assert texts(at) == ["3.5 ['a', '2', '3.5'] ['True', 'None']", "empty='' in=True"]
    # the address has no value for an empty list, so neither has the next run
    assert at.query_params == {"tags": ["a", "2", "3.5"], "pair": ["True", "None"]}


def test_from_dict_replaces_every_param_and_clear_removes_them(
    app_test: AppTestFactory,
) -> None:
    at = seeded(
        app_test,
        """
        import tidal as st
        st.query_params.from_dict({"x": 1, "tags": ["a", "b"]})
        st.text(repr(st.query_params))
        st.query_params.clear()
        st.text(f"after clear len={len(st.query_params)} {st.query_params.to_dict()}")
        st.query_params.from_dict([("y", "2")])
        """,
        old="1",
    )
    assert texts(at) == ["{'x': '1', 'tags': ['a', 'b']}", "after clear len=0 {}"]
    assert at.query_params == {"y": "2"}


def test_a_dict_value_is_refused_and_from_dict_changes_nothing_then(
    app_test: AppTestFactory,
) -> None:
    at = seeded(
        app_test,
        """
        import tidal as st
        from tidal.errors import StreamlitAPIException
        try:
            st.query_params.from_dict({"x": "1", "bad": {"k": "v"}})
        except StreamlitAPIException as e:
            st.text(f"refused: {e}")
        st.text(f"{st.query_params.to_dict()}")
        """,
        keep="me",
    )
    assert texts(at) == [
        "refused: You cannot set a query params key `bad` to a dictionary.",
        "{'keep': 'me'}",
    ]


def test_embed_keys_are_reserved_hidden_and_kept(app_test: AppTestFactory) -> None:
    at = seeded(
        app_test,
        """
        import tidal as st
        from tidal.errors import StreamlitAPIException
        qp = st.query_params
        st.text(f"{qp.to_dict()} len={len(qp)} in={'embed' in qp} all={qp.get_all('embed')}")
        for key in ("embed", "EMBED_options"):
            try:
                qp[key] = "x"
            except StreamlitAPIException as e:
                st.text(str(e))
        try:
            qp["embed"]
        except KeyError as e:
            st.text(f"KeyError: {e}")
        qp.clear()
        qp.from_dict({"b": "2"})
        """,
        embed="true",
        a="1",
    )
    refused = (
        "Query param embed and embed_options (case-insensitive) cannot be set programmatically."
    )
    assert texts(at) == [
        "{'a': '1'} len=1 in=False all=[]",
        refused,
        refused,
        "KeyError: 'st.query_params has no key \"embed\".'",
    ]
    assert at.query_params == {"embed": "true", "b": "2"}


def test_a_non_string_key_is_refused_with_a_clear_error(app_test: AppTestFactory) -> None:
    at = seeded(
        app_test,
        """
        import tidal as st
        st.query_params[1] = "x"
        """,
    )
    assert at.exception[0].value == (
        "st.query_params keys are strings, got 1 (int). Use str(key) as the key."
    )


def test_params_that_would_not_fit_in_an_address_are_refused(app_test: AppTestFactory) -> None:
    at = seeded(
        app_test,
        f"""
        import tidal as st
        st.query_params["small"] = "ok"
        st.query_params["big"] = "x" * {MAX_QUERY_CHARS}
        """,
    )
    assert "more than the 8192 an address can safely carry" in at.exception[0].value
    assert at.query_params == {"small": "ok"}


def test_st_write_shows_the_params_as_json_and_repr_shows_repeated_keys(
    app_test: AppTestFactory,
) -> None:
    at = seeded(
        app_test,
        """
        import tidal as st
        st.write(st.query_params)
        st.text(repr(st.query_params))
        """,
        a="1",
        m=["x", "y"],
    )
    assert at.json[0].value == '{"a": "1", "m": "y"}'
    assert texts(at) == ["{'a': '1', 'm': ['x', 'y']}"]


def test_the_params_carry_over_to_the_next_run(app_test: AppTestFactory) -> None:
    at = app_test("""
        import tidal as st
        n = int(st.query_params.get("n", "0"))
        if st.button("Next"):
            st.query_params.n = n + 1
        st.text(f"n={st.query_params.get('n', '0')}")
    """).run()
    at.button[0].click().run()
    at.button[0].click().run()
    assert texts(at) == ["n=2"]
    assert at.query_params == {"n": "2"}


def test_switch_page_clears_the_params_but_the_embed_keys(app_test: AppTestFactory) -> None:
    at = seeded(
        app_test,
        """
        import tidal as st

        def home():
            if st.button("Go"):
                st.switch_page(other)

        def second():
            st.text(f"second sees {st.query_params.to_dict()}")

        home_page = st.Page(home, title="Home", default=True)
        other = st.Page(second, title="Second", url_path="second")
        st.navigation([home_page, other]).run()
        """,
        a="1",
        embed="true",
    )
    at.button[0].click().run()
    assert texts(at) == ["second sees {}"]
    assert at.query_params == {"embed": "true"}


def test_switch_page_with_query_params_gives_them_to_the_next_page(
    app_test: AppTestFactory,
) -> None:
    at = seeded(
        app_test,
        """
        import tidal as st

        def home():
            if st.button("Go"):
                st.switch_page(other, query_params={"id": 3, "tag": ["a", "b"]})

        def second():
            st.text(f"second sees {st.query_params.to_dict()} {st.query_params.get_all('tag')}")

        home_page = st.Page(home, title="Home", default=True)
        other = st.Page(second, title="Second", url_path="second")
        st.navigation([home_page, other]).run()
        """,
        a="1",
        embed="true",
    )
    at.button[0].click().run()
    assert texts(at) == ["second sees {'id': '3', 'tag': 'b'} ['a', 'b']"]
    assert at.query_params == {"embed": "true", "id": "3", "tag": ["a", "b"]}


def test_switch_page_refuses_invalid_query_params(app_test: AppTestFactory) -> None:
    at = app_test(
        """
        import tidal as st
        st.switch_page("app.py", query_params={"embed": "true"})
        """
    ).run()
    assert "cannot be set programmatically" in at.exception[0].value


def test_outside_a_run_the_proxy_says_so() -> None:
    assert repr(query_params) == "<st.query_params outside a script run>"
    with pytest.raises(NoRunContextError):
        query_params["a"]
    with pytest.raises(AttributeError):
        query_params.__wrapped__  # noqa: B018  # probing for hooks never needs a run
