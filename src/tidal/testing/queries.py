"""``ElementQueries``: Streamlit's element and widget queries of a block (``.button``,
``.text_input``, ``.markdown``...), each the block's elements of one kind in page order.

A mixin of ``Block`` (``blocks.py``), which gives it the part of the page to walk and the app
that wraps each node; the block queries (``.columns``, ``.tabs``...) stay with the block kinds
in ``blocks.py``. Knows nothing about running or staging.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from tidal.testing.chat_elements import ChatInput
from tidal.testing.data_elements import DataEditor, Dataframe, Metric, Table
from tidal.testing.element_list import ElementList, WidgetList
from tidal.testing.elements import (
    Alert,
    Code,
    ExceptionElement,
    Heading,
    Help,
    Html,
    Json,
    Markdown,
    PageLink,
    Space,
    Text,
)
from tidal.testing.feedback_elements import Progress, Spinner, Toast
from tidal.testing.file_elements import FileInput
from tidal.testing.input_elements import (
    ButtonGroup,
    ColorPicker,
    DateInput,
    DateTimeInput,
    Feedback,
    LinkButton,
    MenuButton,
    Pagination,
    TimeInput,
)
from tidal.testing.media_elements import Media
from tidal.testing.widget_elements import (
    Button,
    Checkbox,
    Choice,
    DownloadButton,
    Multiselect,
    NumberInput,
    Slider,
    TextInput,
)
from tidal.testing.wrappers import wrap

if TYPE_CHECKING:
    from tidal.testing.host import AppHost
    from tidal.tree import Node


class ElementQueries:
    """The element and widget queries, Streamlit's names."""

    _app: AppHost

    def _walk(self) -> Iterator[Node]:
        """Every node inside the block, depth first in page order (``Block`` walks)."""
        raise NotImplementedError

    def _of(self, *types: str) -> ElementList[Any]:
        return ElementList([wrap(n, self._app) for n in self._walk() if n.type in types])

    def _widgets(self, *types: str) -> WidgetList[Any]:
        return WidgetList([wrap(n, self._app) for n in self._walk() if n.type in types])

    @property
    def title(self) -> ElementList[Heading]:
        """``st.title`` elements."""
        return self._of("title")

    @property
    def header(self) -> ElementList[Heading]:
        """``st.header`` elements."""
        return self._of("header")

    @property
    def subheader(self) -> ElementList[Heading]:
        """``st.subheader`` elements."""
        return self._of("subheader")

    @property
    def markdown(self) -> ElementList[Markdown]:
        """``st.markdown`` elements (``st.write`` of text included)."""
        return self._of("markdown")

    @property
    def text(self) -> ElementList[Text]:
        """``st.text`` elements."""
        return self._of("text")

    @property
    def caption(self) -> ElementList[Markdown]:
        """``st.caption`` elements."""
        return self._of("caption")

    @property
    def code(self) -> ElementList[Code]:
        """``st.code`` elements."""
        return self._of("code")

    @property
    def json(self) -> ElementList[Json]:
        """``st.json`` elements (``st.write`` of dicts and session state included)."""
        return self._of("json")

    @property
    def error(self) -> ElementList[Alert]:
        """``st.error`` callouts."""
        return self._of("error")

    @property
    def warning(self) -> ElementList[Alert]:
        """``st.warning`` callouts."""
        return self._of("warning")

    @property
    def info(self) -> ElementList[Alert]:
        """``st.info`` callouts."""
        return self._of("info")

    @property
    def success(self) -> ElementList[Alert]:
        """``st.success`` callouts."""
        return self._of("success")

    @property
    def exception(self) -> ElementList[ExceptionElement]:
        """Exceptions shown in the app."""
        return self._of("exception")

    @property
    def help(self) -> ElementList[Help]:
        """``st.help`` elements."""
        return self._of("help")

    @property
    def latex(self) -> ElementList[Markdown]:
        """``st.latex`` elements (``value`` is ``"$$\\n<formula>\\n$$"``)."""
        return self._of("latex")

    @property
    def html(self) -> ElementList[Html]:
        """``st.html`` elements (``value`` is the HTML)."""
        return self._of("html")

    @property
    def divider(self) -> ElementList[Markdown]:
        """``st.divider`` elements."""
        return self._of("divider")

    @property
    def button(self) -> WidgetList[Button]:
        """Buttons, form submit buttons included."""
        return self._widgets("button", "form_submit_button")

    @property
    def form_submit_button(self) -> WidgetList[Button]:
        """``st.form_submit_button`` widgets."""
        return self._widgets("form_submit_button")

    @property
    def page_link(self) -> ElementList[PageLink]:
        """``st.page_link`` elements (``value`` is the label)."""
        return self._of("page_link")

    @property
    def checkbox(self) -> WidgetList[Checkbox]:
        """``st.checkbox`` widgets."""
        return self._widgets("checkbox")

    @property
    def toggle(self) -> WidgetList[Checkbox]:
        """``st.toggle`` widgets."""
        return self._widgets("toggle")

    @property
    def text_input(self) -> WidgetList[TextInput]:
        """``st.text_input`` widgets."""
        return self._widgets("text_input")

    @property
    def text_area(self) -> WidgetList[TextInput]:
        """``st.text_area`` widgets."""
        return self._widgets("text_area")

    @property
    def number_input(self) -> WidgetList[NumberInput]:
        """``st.number_input`` widgets."""
        return self._widgets("number_input")

    @property
    def slider(self) -> WidgetList[Slider]:
        """``st.slider`` widgets."""
        return self._widgets("slider")

    @property
    def selectbox(self) -> WidgetList[Choice]:
        """``st.selectbox`` widgets."""
        return self._widgets("selectbox")

    @property
    def radio(self) -> WidgetList[Choice]:
        """``st.radio`` widgets."""
        return self._widgets("radio")

    @property
    def select_slider(self) -> WidgetList[Choice]:
        """``st.select_slider`` widgets."""
        return self._widgets("select_slider")

    @property
    def multiselect(self) -> WidgetList[Multiselect]:
        """``st.multiselect`` widgets."""
        return self._widgets("multiselect")

    @property
    def time_input(self) -> WidgetList[TimeInput]:
        """``st.time_input`` widgets."""
        return self._widgets("time_input")

    @property
    def date_input(self) -> WidgetList[DateInput]:
        """``st.date_input`` widgets."""
        return self._widgets("date_input")

    @property
    def datetime_input(self) -> WidgetList[DateTimeInput]:
        """``st.datetime_input`` widgets."""
        return self._widgets("datetime_input")

    @property
    def color_picker(self) -> WidgetList[ColorPicker]:
        """``st.color_picker`` widgets."""
        return self._widgets("color_picker")

    @property
    def pills(self) -> WidgetList[ButtonGroup]:
        """``st.pills`` widgets."""
        return self._widgets("pills")

    @property
    def segmented_control(self) -> WidgetList[ButtonGroup]:
        """``st.segmented_control`` widgets."""
        return self._widgets("segmented_control")

    @property
    def button_group(self) -> WidgetList[ButtonGroup]:
        """Pills and segmented controls, in page order (as Streamlit's)."""
        return self._widgets("pills", "segmented_control")

    @property
    def feedback(self) -> WidgetList[Feedback]:
        """``st.feedback`` widgets."""
        return self._widgets("feedback")

    @property
    def menu_button(self) -> WidgetList[MenuButton]:
        """``st.menu_button`` widgets."""
        return self._widgets("menu_button")

    @property
    def pagination(self) -> WidgetList[Pagination]:
        """``st.pagination`` widgets."""
        return self._widgets("pagination")

    @property
    def link_button(self) -> ElementList[LinkButton]:
        """``st.link_button`` elements."""
        return self._of("link_button")

    @property
    def dataframe(self) -> ElementList[Dataframe]:
        """``st.dataframe`` and ``st.data_editor`` grids (``.value`` is the data)."""
        grids = ("dataframe", "data_editor")
        return ElementList([Dataframe(n, self._app) for n in self._walk() if n.type in grids])

    @property
    def data_editor(self) -> WidgetList[DataEditor]:
        """``st.data_editor`` grids (``.value`` is the editing state)."""
        return self._widgets("data_editor")

    @property
    def table(self) -> ElementList[Table]:
        """``st.table`` elements (``.value`` is the data)."""
        return self._of("table")

    @property
    def metric(self) -> ElementList[Metric]:
        """``st.metric`` elements."""
        return self._of("metric")

    @property
    def file_uploader(self) -> WidgetList[FileInput]:
        """``st.file_uploader`` widgets (stage files with ``upload(name, data, type)``)."""
        return self._widgets("file_uploader")

    @property
    def camera_input(self) -> WidgetList[FileInput]:
        """``st.camera_input`` widgets."""
        return self._widgets("camera_input")

    @property
    def audio_input(self) -> WidgetList[FileInput]:
        """``st.audio_input`` widgets."""
        return self._widgets("audio_input")

    @property
    def download_button(self) -> WidgetList[DownloadButton]:
        """``st.download_button`` widgets."""
        return self._widgets("download_button")

    @property
    def image(self) -> ElementList[Media]:
        """``st.image`` elements (``captions``: their captions)."""
        return self._of("image")

    @property
    def audio(self) -> ElementList[Media]:
        """``st.audio`` elements."""
        return self._of("audio")

    @property
    def video(self) -> ElementList[Media]:
        """``st.video`` elements."""
        return self._of("video")

    @property
    def pdf(self) -> ElementList[Media]:
        """``st.pdf`` elements."""
        return self._of("pdf")

    @property
    def space(self) -> ElementList[Space]:
        """``st.space`` elements (``.size``)."""
        return self._of("space")

    @property
    def chat_input(self) -> WidgetList[ChatInput]:
        """``st.chat_input`` widgets."""
        return self._widgets("chat_input")

    @property
    def progress(self) -> ElementList[Progress]:
        """``st.progress`` bars."""
        return self._of("progress")

    @property
    def toast(self) -> ElementList[Toast]:
        """``st.toast`` messages of the last run."""
        return self._of("toast")

    @property
    def spinner(self) -> ElementList[Spinner]:
        """Spinners still shown (a spinner goes when its block ends)."""
        return self._of("spinner")
