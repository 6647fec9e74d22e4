"""tidal's AppTest has every name of Streamlit 1.67's AppTest (issue 15).

Walks the ``AppTest`` and ``element_tree`` entries of the reference (tests/data/
streamlit-1.67-api.json, from ``streamlit.testing.v1`` 1.67.0): every accessor of ``AppTest``
and of a block, and every member and field of every element class, checked on a live instance
of that class from an app that shows one of everything. Nothing is left out (the last
entries of the former ``NOT_YET`` list, ``ChatInput.upload`` and ``.clear``, are built).
"""

from __future__ import annotations

import inspect
import json
from pathlib import Path
from typing import Any

import pytest

from tidal.testing import AppTest

SPEC = json.loads((Path(__file__).parent / "data" / "streamlit-1.67-api.json").read_text())
TREE: dict[str, dict[str, Any]] = SPEC["element_tree"]

EVERYTHING = """
    import datetime
    import tidal as st
    st.title("T", anchor="t")
    st.header("H")
    st.subheader("S")
    st.markdown("m")
    st.caption("c")
    st.latex("x^2")
    st.divider()
    st.text("t")
    st.code("x = 1")
    st.json({"a": 1})
    st.html("<b>h</b>")
    st.help(len)
    st.error("e")
    st.warning("w")
    st.info("i")
    st.success("s")
    st.exception(ValueError("boom"))
    st.toast("toast")
    st.progress(50)
    st.metric("m", 1, 2)
    st.space("small")
    st.image("https://example.com/a.png")
    st.table({"a": [1]})
    st.dataframe({"a": [1]})
    st.data_editor({"a": [1]}, key="ed")
    st.link_button("l", "https://example.com")
    st.page_link("https://example.com", label="p")
    st.button("b")
    st.download_button("d", b"x")
    st.checkbox("c")
    st.toggle("tg")
    st.text_input("ti")
    st.text_area("ta")
    st.number_input("n")
    st.slider("s")
    st.select_slider("ss", ["a", "b"])
    st.selectbox("sb", ["a", "b"])
    st.radio("r", ["a", "b"])
    st.multiselect("ms", ["a", "b"])
    st.pills("p", ["a", "b"])
    st.segmented_control("sc", ["a", "b"])
    st.feedback()
    st.menu_button("mb", ["a", "b"])
    st.pagination(3)
    st.color_picker("cp")
    st.date_input("di", datetime.date(2020, 1, 1))
    st.datetime_input("dti", datetime.datetime(2020, 1, 1))
    st.time_input("tm", datetime.time(1, 0))
    st.file_uploader("f")
    st.camera_input("cam")
    st.audio_input("aud")
    st.chat_input("say")
    with st.form("form"):
        st.form_submit_button("go")
    c1, c2 = st.columns(2)
    (t1,) = st.tabs(["tab"])
    with st.expander("ex"):
        pass
    with st.status("st"):
        pass
    with st.chat_message("user"):
        pass
    with st.container():
        pass
    with st.grid(2):
        pass
    st.sidebar.write("side")
"""

ACCESSOR = {
    # element class -> the AppTest accessor whose first item is one
    "AudioInput": "audio_input",
    "Button": "button",
    "ButtonGroup": "pills",
    "CameraInput": "camera_input",
    "Caption": "caption",
    "ChatInput": "chat_input",
    "ChatMessage": "chat_message",
    "Checkbox": "checkbox",
    "Code": "code",
    "ColorPicker": "color_picker",
    "Column": "columns",
    "Dataframe": "dataframe",
    "DateInput": "date_input",
    "DateTimeInput": "datetime_input",
    "Divider": "divider",
    "DownloadButton": "download_button",
    "Error": "error",
    "Exception": "exception",
    "Expander": "expander",
    "Feedback": "feedback",
    "FileUploader": "file_uploader",
    "Grid": "grid",
    "Header": "header",
    "Help": "help",
    "Html": "html",
    "Image": "image",
    "Info": "info",
    "Json": "json",
    "Latex": "latex",
    "LinkButton": "link_button",
    "Markdown": "markdown",
    "MenuButton": "menu_button",
    "Metric": "metric",
    "Multiselect": "multiselect",
    "NumberInput": "number_input",
    "PageLink": "page_link",
    "Pagination": "pagination",
    "Progress": "progress",
    "Radio": "radio",
    "SelectSlider": "select_slider",
    "Selectbox": "selectbox",
    "Slider": "slider",
    "Space": "space",
    "Status": "status",
    "Subheader": "subheader",
    "Success": "success",
    "Tab": "tabs",
    "Table": "table",
    "Text": "text",
    "TextArea": "text_area",
    "TextInput": "text_input",
    "TimeInput": "time_input",
    "Title": "title",
    "Toast": "toast",
    "Toggle": "toggle",
    "Warning": "warning",
}
ABSTRACT = {
    # base classes and helpers with no instance of their own: checked through their subclasses
    "AlertBase",
    "HeadingBase",
    "Element",
    "Widget",
    "InitialValue",
    "UnknownElement",
}


@pytest.fixture(scope="module")
def everything() -> AppTest:
    at = AppTest.from_string(EVERYTHING).run()
    assert not at.exception[1:], at.exception  # only the st.exception the app shows
    return at


def instance(at: AppTest, cls: str) -> Any:
    if cls in ("ElementTree", "Block", "SpecialBlock"):
        return {"ElementTree": at, "Block": at.main, "SpecialBlock": at.sidebar}[cls]
    if cls in ("ElementList", "WidgetList"):
        return at.button
    if cls == "BlockList":
        return at.columns
    items = getattr(at, ACCESSOR[cls])
    assert len(items) > 0, f"the app shows no {cls} (at.{ACCESSOR[cls]} is empty)"
    return items[0]


def test_every_element_class_of_the_reference_is_checked_here():
    assert set(TREE) == set(ACCESSOR) | ABSTRACT | {
        "ElementTree",
        "Block",
        "SpecialBlock",
        "ElementList",
        "WidgetList",
        "BlockList",
    }


@pytest.mark.parametrize("name", sorted(SPEC["AppTest"]))
def test_apptest_has_every_accessor_and_method(everything: AppTest, name: str):
    assert hasattr(everything, name), f"AppTest has no {name!r}"
    spec = SPEC["AppTest"][name]
    if isinstance(spec, list):  # a method: same parameter names
        params = list(inspect.signature(getattr(AppTest, name)).parameters)
        assert [p[0] for p in spec if p[0] != "options"] == [p for p in params if p != "options"], (
            f"AppTest.{name} parameters"
        )


@pytest.mark.parametrize(
    ("cls", "name"),
    sorted(
        (cls, name)
        for cls, entry in TREE.items()
        if cls not in ABSTRACT
        for name in [*entry["members"], *entry["fields"]]
    ),
)
def test_every_member_and_field_of_every_element_class(everything: AppTest, cls: str, name: str):
    obj = instance(everything, cls)
    assert hasattr(obj, name), f"{cls} ({type(obj).__name__}) has no {name!r}"


OTHER_CLASS_NAMES = {
    # Streamlit's class -> tidal's, where tidal's name differs: Streamlit's `Warning` and
    # `Exception` would shadow Python's own names
    "Warning": "Alert",
    "Exception": "ExceptionElement",
}


@pytest.mark.parametrize("cls", sorted(ACCESSOR))
def test_every_element_has_streamlits_class_name(everything: AppTest, cls: str):
    assert type(instance(everything, cls)).__name__ == OTHER_CLASS_NAMES.get(cls, cls)
