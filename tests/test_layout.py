"""Layout: st.columns, st.container, st.grid, st.form's sizes, st.space, st.skeleton,
st.divider(width) and st.bottom, driven with AppTest."""

from __future__ import annotations

import pytest


def node_of(at, type_):
    return next(n for n in at._walk() if n.type == type_)


def test_columns_take_every_gap_size_and_none(app_test):
    for gap in ("xxsmall", "xsmall", "small", "medium", "large", "xlarge", "xxlarge", None):
        at = app_test(f"""
            import tidal as st
            a, b = st.columns(2, gap={gap!r})
        """).run()
        assert not at.exception
        assert at.columns[0].gap == gap


def test_columns_report_weight_gap_and_vertical_alignment(app_test):
    at = app_test("""
        import tidal as st
        a, b = st.columns([1, 3], gap="large", vertical_alignment="center", border=True)
        a.write("left")
    """).run()
    assert [c.weight for c in at.columns] == [0.25, 0.75]
    assert at.columns[0].gap == "large"
    assert at.columns[1].vertical_alignment == "center"
    assert at.columns[0].border is True
    assert at.columns[0].markdown[0].value == "left"


def test_columns_width_and_wrap_reach_the_row(app_test):
    at = app_test("""
        import tidal as st
        st.columns(3, width=600, wrap=False)
    """).run()
    assert node_of(at, "columns").props["width"] == 600
    assert node_of(at, "columns").props["wrap"] is False


@pytest.mark.parametrize(
    ("call", "message"),
    [
        ('st.columns(2, gap="huge")', "The gap argument to st.columns must be one of"),
        ('st.columns(2, vertical_alignment="middle")', "The vertical_alignment argument"),
        ("st.columns(0)", "must be either a positive integer"),
        ("st.columns([1, -1])", "must be either a positive integer"),
        ('st.columns(2, width="content")', "Invalid width value: 'content'"),
    ],
)
def test_columns_refuse_bad_arguments_with_streamlits_messages(app_test, call, message):
    at = app_test(f"import tidal as st\n{call}\n").run()
    assert message in at.exception[0].value


def test_a_container_with_a_height_scrolls_and_gets_a_border_by_default(app_test):
    at = app_test("""
        import tidal as st
        box = st.container(height=300)
        box.write("inside")
        plain = st.container()
    """).run()
    fixed, plain = at.container
    assert fixed.props["height"] == 300 and fixed.props["border"] is True
    assert plain.props["height"] == "content" and plain.props["border"] is False
    assert fixed.markdown[0].value == "inside"


def test_a_container_takes_every_layout_parameter(app_test):
    at = app_test("""
        import tidal as st
        with st.container(border=False, key="row", width="content", height="stretch",
                          horizontal=True, wrap=False, horizontal_alignment="distribute",
                          vertical_alignment="center", gap=None, autoscroll=True):
            st.button("a")
            st.button("b")
    """).run()
    props = at.container[0].props
    assert props == {
        "border": False,
        "width": "content",
        "height": "stretch",
        "horizontal": True,
        "wrap": False,
        "h_align": "distribute",
        "v_align": "center",
        "gap": None,
        "autoscroll": True,
        "key": "st-key-row",
    }
    assert len(at.container[0].button) == 2


@pytest.mark.parametrize(
    ("call", "message"),
    [
        ("st.container(height=0)", "Invalid height value: 0"),
        ('st.container(width="wide")', "Invalid width value: 'wide'"),
        ('st.container(horizontal_alignment="middle")', "horizontal_alignment argument"),
        ('st.container(vertical_alignment="left")', "vertical_alignment argument"),
        ('st.container(gap="tiny")', "The gap argument to st.container"),
    ],
)
def test_a_container_refuses_bad_arguments(app_test, call, message):
    at = app_test(f"import tidal as st\n{call}\n").run()
    assert message in at.exception[0].value


def test_a_grid_puts_each_element_in_the_next_cell(app_test):
    at = app_test("""
        import tidal as st
        with st.grid(3, gap="medium", border=True, key="cards"):
            for i in range(5):
                st.write(f"cell {i}")
    """).run()
    grid = at.grid[0]
    assert grid.column_count == 3
    assert grid.gap == "medium" and grid.border is True
    assert [m.value for m in grid.markdown] == [f"cell {i}" for i in range(5)]


def test_an_auto_grid_fits_columns_of_a_minimum_width(app_test):
    at = app_test("""
        import tidal as st
        st.grid(min_column_width=180, row_height=100, dense=True)
    """).run()
    grid = at.grid[0]
    assert grid.column_count is None
    assert grid.min_column_width == 180 and grid.row_height == 100 and grid.dense is True


def test_a_grid_refuses_an_unknown_columns_value(app_test):
    at = app_test('import tidal as st\nst.grid("many")\n').run()
    assert "st.grid got columns='many'" in at.exception[0].value


def test_a_form_takes_enter_to_submit_width_and_height(app_test):
    at = app_test("""
        import tidal as st
        with st.form("f", enter_to_submit=False, width=400, height=250):
            st.text_input("Name")
            st.form_submit_button()
    """).run()
    props = at.form[0].props
    assert props["enter_to_submit"] is False
    assert props["width"] == 400 and props["height"] == 250


def test_space_takes_named_sizes_stretch_and_pixels(app_test):
    at = app_test("""
        import tidal as st
        st.space()
        st.space("xlarge")
        st.space("stretch")
        st.space(42)
    """).run()
    assert [s.size for s in at.space] == ["small", "xlarge", "stretch", 42]


def test_space_refuses_an_unknown_size(app_test):
    at = app_test('import tidal as st\nst.space("huge")\n').run()
    assert "st.space got size='huge'" in at.exception[0].value


def test_a_skeleton_is_replaced_through_its_handle(app_test):
    at = app_test("""
        import tidal as st
        slot = st.skeleton(height=120)
        if st.session_state.get("loaded"):
            slot.write("loaded")
        st.session_state.loaded = True
    """).run()
    assert node_of(at, "skeleton").props == {"height": 120, "width": "stretch"}
    at.run()
    assert at.markdown[0].value == "loaded"
    assert not [n for n in at._walk() if n.type == "skeleton"]


def test_divider_takes_a_width(app_test):
    at = app_test("""
        import tidal as st
        st.divider()
        st.divider(width=200)
    """).run()
    assert [d.props["width"] for d in at.divider] == ["stretch", 200]


def test_st_bottom_is_an_area_of_its_own(app_test):
    at = app_test("""
        import tidal as st
        st.bottom.text_input("Message", key="msg")
        with st.bottom:
            st.write("pinned")
        st.write("main")
    """).run()
    assert [m.value for m in at.main.markdown] == ["main"]
    assert at.text_input(key="msg").label == "Message"
    bottom = at._session.writer.client[2]
    assert [n.type for n in bottom.children] == ["text_input", "markdown"]


def test_keyless_widgets_in_the_bottom_and_the_main_area_are_different_widgets(app_test):
    at = app_test("""
        import tidal as st
        st.text_input("Name")
        st.bottom.text_input("Name")
    """).run()
    assert not at.exception
    assert len(at.text_input) == 2
