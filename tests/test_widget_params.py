"""The Streamlit 1.67 parameters of the existing widgets: width, icon, shortcut, on_change
modes, accept_new_options, filter_mode, select_all, captions, required, validate, live,
format, date ranges, sliders over dates and options given as DataFrames."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import AppTestFactory
from tidal.api.cache_store import ttl_seconds
from tidal.api.shortcut import parse_shortcut
from tidal.api.text_rules import check_live
from tidal.errors import StreamlitAPIException
from tidal.testing import AppTest
from tidal.widget_meta import WidgetMeta


def meta_of(at: AppTest, wid: str) -> WidgetMeta:
    meta = at._session.state.meta(wid)
    assert meta is not None
    return meta


# ----------------------------------------------------------------------------- width, icon
@pytest.mark.parametrize("width", ["stretch", "content", 240])
def test_width_reaches_the_browser(app_test: AppTestFactory, width: object) -> None:
    at = app_test(f'import tidal as st\nst.checkbox("C", width={width!r})').run()
    assert at.checkbox[0].props["width"] == width


@pytest.mark.parametrize("width", ["wide", 0, -5, True, 1.5])
def test_a_bad_width_is_refused(app_test: AppTestFactory, width: object) -> None:
    at = app_test(f'import tidal as st\nst.button("B", width={width!r})').run()
    assert "Invalid width value" in at.exception[0].value


def test_icons_are_an_emoji_or_a_material_name(app_test: AppTestFactory) -> None:
    at = app_test("""
        import tidal as st
        st.button("A", icon="🚀")
        st.button("B", icon=":material/thumb_up:", icon_position="right")
    """).run()
    assert at.button[0].props["icon"] == "🚀"
    assert at.button[1].props["icon_position"] == "right"
    at = app_test('import tidal as st\nst.button("A", icon="rocket")').run()
    assert "is not a valid emoji" in at.exception[0].value
    at = app_test('import tidal as st\nst.button("A", icon=":material/Thumb Up:")').run()
    assert "not a valid Material icon" in at.exception[0].value


def test_use_container_width_sets_width(app_test: AppTestFactory) -> None:
    at = app_test('import tidal as st\nst.button("A", use_container_width=True)').run()
    assert at.button[0].props["width"] == "stretch"


# ----------------------------------------------------------------------------- shortcuts
@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("Ctrl+K", "ctrl+k"),
        ("shift+ctrl+k", "ctrl+shift+k"),
        ("Cmd+Enter", "cmd+enter"),
        ("Mod+S", "mod+s"),
        ("Alt+ArrowUp", "alt+arrowup"),
        ("Escape", "escape"),
        ("F5", "f5"),
        ("Ctrl++", "ctrl++"),
    ],
)
def test_shortcuts_are_parsed_to_one_canonical_form(text: str, canonical: str) -> None:
    assert parse_shortcut(text) == canonical


@pytest.mark.parametrize("text", ["", "Ctrl", "Ctrl+K+J", "Hyper+K", "r", "C", 5])
def test_bad_or_reserved_shortcuts_are_refused(text: object) -> None:
    with pytest.raises(StreamlitAPIException):
        parse_shortcut(text)


def test_two_elements_cannot_share_a_shortcut(app_test: AppTestFactory) -> None:
    at = app_test("""
        import tidal as st
        st.button("A", shortcut="Ctrl+K")
        st.button("B", shortcut="ctrl+k")
    """).run()
    assert 'The shortcut "ctrl+k" is already used' in at.exception[0].value


def test_a_shortcut_reaches_the_browser_and_the_click_works(app_test: AppTestFactory) -> None:
    at = app_test("""
        import tidal as st
        st.text(str(st.button("Go", shortcut="Ctrl+Enter", key="go")))
    """).run()
    assert at.button[0].props["shortcut"] == "ctrl+enter"
    at.button(key="go").click().run()
    assert at.text[0].value == "True"


# ----------------------------------------------------------------------------- on_change
def test_on_change_ignore_marks_the_widget_and_has_no_callback(app_test: AppTestFactory) -> None:
    at = app_test("""
        import tidal as st
        st.slider("S", 0, 9, key="s", on_change="ignore")
        st.slider("T", 0, 9, key="t")
    """).run()
    assert at.slider(key="s").props.get("ignore_rerun") is True
    assert "ignore_rerun" not in at.slider(key="t").props
    at.slider(key="s").set_value(4).run()
    assert at.slider(key="s").value == 4


def test_a_bad_on_change_is_refused(app_test: AppTestFactory) -> None:
    at = app_test('import tidal as st\nst.checkbox("C", on_change="later")').run()
    assert "got on_change='later'" in at.exception[0].value


# ----------------------------------------------------------------------------- selectbox, multiselect
def test_selectbox_accepts_a_new_option(app_test: AppTestFactory) -> None:
    at = app_test("""
        import tidal as st
        st.session_state.got = st.selectbox("City", ["Paris"], index=None,
                                            accept_new_options=True, key="c")
    """).run()
    meta = meta_of(at, at.selectbox[0].id)
    assert meta.from_wire("Lyon") == "Lyon"
    assert meta.from_wire("Paris") == "Paris"  # a typed label is that option
    assert meta.from_wire(0) == "Paris"
    with pytest.raises(ValueError):
        meta.from_wire("   ")
    at.selectbox(key="c").set_value("Lyon").run()
    assert at.session_state.got == "Lyon"


def test_without_accept_new_options_typed_text_is_refused(app_test: AppTestFactory) -> None:
    at = app_test('import tidal as st\nst.selectbox("City", ["Paris"], key="c")').run()
    with pytest.raises(ValueError):
        meta_of(at, at.selectbox[0].id).from_wire("Lyon")


def test_multiselect_new_options_select_all_and_filter_mode(app_test: AppTestFactory) -> None:
    at = app_test("""
        import tidal as st
        st.session_state.got = st.multiselect("Tags", ["a", "b"], accept_new_options=True,
                                              filter_mode="prefix", select_all=True, key="t")
        st.multiselect("Few", ["a", "b", "c"], select_all=2)
    """).run()
    ms = at.multiselect(key="t")
    assert ms.props["filter_mode"] == "prefix"
    assert ms.props["select_all"] is True
    assert at.multiselect[1].props["select_all"] is False  # more options than select_all
    meta = meta_of(at, ms.id)
    assert meta.from_wire([1, "zzz"]) == ["b", "zzz"]
    with pytest.raises(ValueError):
        meta.from_wire([1, 1])  # twice the same option
    ms.set_value(["a", "new"]).run()
    assert at.session_state.got == ["a", "new"]
    assert at.multiselect(key="t").indices == [0]
    assert at.multiselect(key="t").values == ["a", "new"]


def test_filter_mode_must_be_a_known_mode(app_test: AppTestFactory) -> None:
    at = app_test('import tidal as st\nst.selectbox("S", ["a"], filter_mode="regex")').run()
    assert "filter_mode='regex'" in at.exception[0].value
    at = app_test('import tidal as st\nst.multiselect("M", ["a"], filter_mode="Fuzzy")').run()
    assert at.exception[0].value == (
        'st.multiselect got filter_mode=\'Fuzzy\'. Use "fuzzy", "contains", "prefix" or None '
        "(no typing)."
    )


def test_every_filter_mode_reaches_the_browser(app_test: AppTestFactory) -> None:
    at = app_test("""
        import tidal as st
        for mode in ("fuzzy", "contains", "prefix", None):
            st.selectbox(f"S {mode}", ["a"], filter_mode=mode, key=f"s{mode}")
        st.selectbox("Default", ["a"], key="d")
    """).run()
    keys = ("sfuzzy", "scontains", "sprefix", "sNone", "d")
    modes = [at.selectbox(key=k).props["filter_mode"] for k in keys]
    assert modes == ["fuzzy", "contains", "prefix", None, "fuzzy"]


def test_options_may_be_a_dataframe(app_test: AppTestFactory) -> None:
    at = app_test("""
        import pandas as pd
        import tidal as st
        df = pd.DataFrame({"name": ["Ann", "Bob"], "age": [30, 40]})
        st.selectbox("Who", df, key="s")
        st.radio("Who too", df["name"], key="r")
        st.multiselect("Ages", df["age"], key="m")
        st.select_slider("Age", df["age"], key="ss")
    """).run()
    assert at.selectbox(key="s").options == ["Ann", "Bob"]
    assert at.radio(key="r").options == ["Ann", "Bob"]
    assert at.multiselect(key="m").options == ["30", "40"]
    at.multiselect(key="m").select(40).run()
    assert at.multiselect(key="m").value == [40]
    assert at.select_slider(key="ss").value == 30


def test_choice_options_show_labels_value_is_python(app_test: AppTestFactory) -> None:
    at = app_test("""
        import tidal as st
        st.selectbox("N", [1, 2], format_func=lambda n: f"#{n}", index=1, placeholder="Pick",
                     help="Numbers", disabled=True)
    """).run()
    sb = at.selectbox[0]
    assert (sb.options, sb.value, sb.index) == (["#1", "#2"], 2, 1)
    assert (sb.placeholder, sb.help, sb.disabled) == ("Pick", "Numbers", True)
    assert sb.format_func(1) == "#1"


def test_radio_captions_one_per_option(app_test: AppTestFactory) -> None:
    at = app_test("""
        import tidal as st
        st.radio("Genre", ["Comedy", "Drama"], captions=["Laugh.", "Cry."])
    """).run()
    assert at.radio[0].props["captions"] == ["Laugh.", "Cry."]
    at = app_test('import tidal as st\nst.radio("G", ["a", "b"], captions=["x"])').run()
    assert "number of captions (1) must match" in at.exception[0].value


# ----------------------------------------------------------------------------- text
def test_validate_pattern_refuses_a_text_from_the_browser(app_test: AppTestFactory) -> None:
    at = app_test("""
        import tidal as st
        st.text_input("Code", validate=(r"[A-Z]{3}", "Three capitals"), key="c")
    """).run()
    ti = at.text_input(key="c")
    assert (ti.props["pattern"], ti.props["pattern_message"]) == ("[A-Z]{3}", "Three capitals")
    meta = meta_of(at, ti.id)
    assert meta.from_wire("ABC") == "ABC"
    assert meta.from_wire("") == ""
    with pytest.raises(ValueError):
        meta.from_wire("abc")


def test_validate_callable_shows_its_message(app_test: AppTestFactory) -> None:
    at = app_test("""
        import tidal as st
        st.text_input("Age", key="a",
                      validate=lambda s: None if s.isdigit() else "Digits only")
    """).run()
    assert at.text_input(key="a").props["error"] is None
    at.text_input(key="a").input("x1").run()
    assert at.text_input(key="a").props["error"] == "Digits only"
    at.text_input(key="a").input("12").run()
    assert at.text_input(key="a").props["error"] is None


def test_a_bad_validate_pattern_is_refused(app_test: AppTestFactory) -> None:
    at = app_test('import tidal as st\nst.text_input("T", validate="[a-")').run()
    assert "not a valid regular expression" in at.exception[0].value


@pytest.mark.parametrize(
    ("live", "ms"), [(False, None), (True, 300), ("0ms", 0), ("500ms", 500), ("1.5s", 1500)]
)
def test_live_is_a_pause_in_milliseconds(live: object, ms: int | None) -> None:
    assert check_live(live, ttl_seconds) == ms


@pytest.mark.parametrize("live", [300, "2m", "-1s", "soon"])
def test_bad_live_values_are_refused(live: object) -> None:
    with pytest.raises(StreamlitAPIException):
        check_live(live, ttl_seconds)


def test_text_attributes_reach_the_test(app_test: AppTestFactory) -> None:
    at = app_test("""
        import tidal as st
        st.text_input("T", max_chars=5, placeholder="type", autocomplete="name",
                      required=True, icon="🔍", help="h")
        st.number_input("N", 0, 10, step=2, placeholder="n")
    """).run()
    ti, ni = at.text_input[0], at.number_input[0]
    assert (ti.max_chars, ti.placeholder, ti.autocomplete, ti.help) == (5, "type", "name", "h")
    assert ti.props["required"] is True
    assert ti.props["icon"] == "🔍"
    assert (ni.min, ni.max, ni.step, ni.placeholder) == (0, 10, 2, "n")


# ----------------------------------------------------------------------------- dates and times
def test_date_input_range_returns_a_tuple(app_test: AppTestFactory) -> None:
    at = app_test("""
        import datetime as dt
        import tidal as st
        st.session_state.got = st.date_input(
            "Stay", (dt.date(2024, 7, 1), dt.date(2024, 7, 8)), key="d")
    """).run()
    d = at.date_input(key="d")
    assert d.is_range
    assert at.session_state.got == (dt.date(2024, 7, 1), dt.date(2024, 7, 8))
    d.set_value((dt.date(2024, 7, 2), dt.date(2024, 7, 3))).run()
    assert at.session_state.got == (dt.date(2024, 7, 2), dt.date(2024, 7, 3))
    meta = meta_of(at, d.id)
    assert meta.from_wire(["2024-07-05"]) == (dt.date(2024, 7, 5),)  # a partial range
    assert meta.from_wire([]) == ()
    with pytest.raises(ValueError):
        meta.from_wire(["2024-07-09", "2024-07-05"])  # end before start


def test_date_input_empty_range_and_bounds(app_test: AppTestFactory) -> None:
    at = app_test("""
        import datetime as dt
        import tidal as st
        st.session_state.got = st.date_input("R", [], min_value=dt.date(2024, 1, 1),
                                             max_value=dt.date(2024, 12, 31), key="d")
    """).run()
    assert at.session_state.got == ()
    d = at.date_input(key="d")
    assert (d.min, d.max) == (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    with pytest.raises(ValueError):
        meta_of(at, d.id).from_wire(["2025-01-01"])


def test_date_input_default_bounds_are_ten_years_around_the_value(
    app_test: AppTestFactory,
) -> None:
    at = app_test("""
        import datetime as dt
        import tidal as st
        st.date_input("D", dt.date(2020, 5, 17))
    """).run()
    assert (at.date_input[0].min, at.date_input[0].max) == (
        dt.date(2010, 5, 17),
        dt.date(2030, 5, 17),
    )


@pytest.mark.parametrize("fmt", ["YYYY/MM/DD", "DD.MM.YYYY", "MM-DD-YYYY"])
def test_date_formats_are_checked(app_test: AppTestFactory, fmt: str) -> None:
    at = app_test(f'import tidal as st\nst.date_input("D", format="{fmt}")').run()
    assert at.date_input[0].format == fmt
    at = app_test('import tidal as st\nst.date_input("D", format="YY/MM/DD")').run()
    assert "is not valid. DateInput format should be one of" in at.exception[0].value


def test_time_input_format_step_and_increment(app_test: AppTestFactory) -> None:
    at = app_test("""
        import datetime as dt
        import tidal as st
        st.session_state.got = st.time_input("T", dt.time(9, 0), format="12h",
                                             step=dt.timedelta(minutes=30), key="t")
    """).run()
    t = at.time_input(key="t")
    assert (t.props["format"], t.step) == ("12h", 1800)
    t.increment().run()
    assert at.session_state.got == dt.time(9, 30)
    at.time_input(key="t").decrement().decrement().run()
    assert at.session_state.got == dt.time(8, 30)
    at = app_test('import tidal as st\nst.time_input("T", format="24-hour")').run()
    assert 'Use "24h" or "12h"' in at.exception[0].value


def test_datetime_input_returns_a_datetime(app_test: AppTestFactory) -> None:
    at = app_test("""
        import datetime as dt
        import tidal as st
        st.session_state.got = st.datetime_input(
            "When", dt.datetime(2024, 5, 1, 14, 30),
            min_value=dt.datetime(2024, 1, 1), max_value=dt.datetime(2024, 12, 31), key="w")
    """).run()
    w = at.datetime_input(key="w")
    assert at.session_state.got == dt.datetime(2024, 5, 1, 14, 30)
    assert (w.min, w.max, w.step, w.format) == (
        "2024-01-01T00:00",
        "2024-12-31T00:00",
        900,
        "YYYY/MM/DD",
    )
    w.set_value(dt.datetime(2024, 6, 2, 8, 15)).run()
    assert at.session_state.got == dt.datetime(2024, 6, 2, 8, 15)
    meta = meta_of(at, w.id)
    for bad in ("2025-01-01T00:00", "2024-06-02", 5, "2024-06-02T8:15"):
        with pytest.raises(ValueError):
            meta.from_wire(bad)


def test_datetime_input_keeps_a_timezone(app_test: AppTestFactory) -> None:
    at = app_test("""
        import datetime as dt
        import tidal as st
        tz = dt.timezone(dt.timedelta(hours=2))
        st.session_state.got = st.datetime_input("W", dt.datetime(2024, 5, 1, 9, tzinfo=tz),
                                                 key="w")
    """).run()
    meta = meta_of(at, at.datetime_input[0].id)
    assert meta.from_wire("2024-05-02T10:00").utcoffset() == dt.timedelta(hours=2)


def test_slider_over_dates_times_and_datetimes(app_test: AppTestFactory) -> None:
    at = app_test("""
        import datetime as dt
        import tidal as st
        st.session_state.gd = st.slider("D", value=dt.date(2024, 1, 31), key="d")
        st.session_state.gr = st.slider("R", value=(dt.time(9), dt.time(17)),
                                       step=dt.timedelta(minutes=30), key="r")
        st.session_state.gx = st.slider("X", min_value=dt.datetime(2024, 1, 1),
                                       max_value=dt.datetime(2024, 2, 1),
                                       value=dt.datetime(2024, 1, 10, 12), key="x")
    """).run()
    assert at.slider(key="d").data_type == "date"
    assert at.slider(key="r").step == 30 * 60 * 1000
    at.slider(key="d").set_value(dt.date(2024, 2, 3)).run()
    at.slider(key="r").set_range(dt.time(10), dt.time(11)).run()
    assert at.session_state.gd == dt.date(2024, 2, 3)
    assert at.session_state.gr == (dt.time(10), dt.time(11))
    assert at.session_state.gx == dt.datetime(2024, 1, 10, 12)
    meta = meta_of(at, at.slider(key="d").id)
    with pytest.raises(ValueError):
        meta.from_wire(0)  # 1970: outside the default 14 days around the value


def test_temporal_slider_errors(app_test: AppTestFactory) -> None:
    at = app_test("""
        import datetime as dt
        import tidal as st
        st.slider("D", value=dt.date(2024, 1, 31), step=2)
    """).run()
    assert "must be a datetime.timedelta" in at.exception[0].value
    at = app_test("""
        import datetime as dt
        import tidal as st
        st.slider("D", min_value=dt.time(9), max_value=dt.time(9))
    """).run()
    assert at.exception[0].value == (
        "The `min_value` and `max_value` parameters are both set to 2000-01-01 09:00:00. They "
        "must not be equal."
    )  # bounds the wrong way round are swapped, as Streamlit (tests/dropin)


def test_select_slider_over_dates_with_a_range(app_test: AppTestFactory) -> None:
    at = app_test("""
        import datetime as dt
        import tidal as st
        days = [dt.date(2024, 1, d) for d in range(1, 6)]
        st.session_state.got = st.select_slider("Days", days, value=(days[0], days[2]),
                                                key="s")
    """).run()
    s = at.select_slider(key="s")
    assert s.options[0] == "2024-01-01"
    assert s.data_type == "date"
    s.set_range(dt.date(2024, 1, 2), dt.date(2024, 1, 5)).run()
    assert at.session_state.got == (dt.date(2024, 1, 2), dt.date(2024, 1, 5))


def test_color_picker_pick(app_test: AppTestFactory) -> None:
    at = app_test('import tidal as st\nst.session_state.got = st.color_picker("C", key="c")')
    at.run()
    at.color_picker(key="c").pick("#123456").run()
    assert at.session_state.got == "#123456"


@pytest.mark.parametrize(
    ("call", "empty"),
    [
        ('st.text_input("T", "x", key="w", required=True)', ""),
        ('st.selectbox("S", ["a"], key="w", required=True)', None),
        ('st.number_input("N", value=1, key="w", required=True)', None),
        ('st.date_input("D", key="w", required=True)', None),
        ('st.pills("P", ["a"], default="a", key="w", required=True)', None),
    ],
)
def test_a_required_widget_cannot_be_emptied_by_the_browser(
    app_test: AppTestFactory, call: str, empty: object
) -> None:
    at = app_test(f"import tidal as st\n{call}").run()
    assert not at.exception
    wid = at.get_by_key("w").id  # type: ignore[union-attr]
    with pytest.raises(ValueError, match="cannot be emptied"):
        meta_of(at, wid).from_wire(empty)


def test_a_required_widget_may_start_empty(app_test: AppTestFactory) -> None:
    at = app_test("""
        import tidal as st
        st.session_state.got = st.selectbox("S", ["a", "b"], index=None, required=True)
    """).run()
    assert at.session_state.got is None
    assert at.selectbox[0].props["required"] is True
