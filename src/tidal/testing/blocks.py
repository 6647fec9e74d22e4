"""``Block``: a part of the page to query inside, and the queries themselves.

Owns ``Block`` (the main area, the sidebar, a column, a tab, a form...), with Streamlit's query
names (``.button``, ``.text_input``, ``.columns``, ``.get(...)``, ``.get_by_key(...)``) that walk
the block's part of the page tree and return ``ElementList``s of wrappers. ``AppTest`` is the
whole-page block. Knows nothing about running the script or staging values: it asks the
``AppTest`` to wrap each node.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from tidal.testing import chart_elements as chart_elements
from tidal.testing.data_elements import DataEditor, Dataframe, Metric, Table
from tidal.testing.elements import (
    Alert,
    Button,
    ChatInput,
    Checkbox,
    Choice,
    Code,
    DownloadButton,
    Element,
    ElementList,
    ExceptionElement,
    FileInput,
    Heading,
    Help,
    Json,
    Markdown,
    Media,
    Multiselect,
    NumberInput,
    Progress,
    Slider,
    Space,
    Spinner,
    TextInput,
    Toast,
)
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

if TYPE_CHECKING:
    from tidal.testing.apptest import AppTest
    from tidal.tree import Node


class Block:
    """A part of the page (main area, sidebar, a column, a form...) to query inside."""

    def __init__(self, node: Node, app: AppTest) -> None:
        self.node = node
        self.type = node.type
        self.props = node.props
        self._app = app

    @property
    def label(self) -> str | None:
        """The block's label (tabs, expanders), if it has one."""
        label = self.props.get("label")
        return None if label is None else str(label)

    @property
    def children(self) -> list[Element | Block]:
        """The block's direct children in page order: elements, and blocks for containers."""
        return [
            block_of(n, self._app) if n.children is not None else self._app._wrap(n)
            for n in self.node.children or []
        ]

    def __iter__(self) -> Iterator[Element | Block]:
        """This block, then everything inside it, depth first in page order (as Streamlit's
        ``for e in at.main``)."""
        yield self
        for child in self.children:
            if isinstance(child, Block):
                yield from child
            else:
                yield child

    def __len__(self) -> int:
        """How many direct children the block has."""
        return len(self.node.children or [])

    def __getitem__(self, index: int) -> Element | Block:
        """The direct child at ``index``."""
        return self.children[index]

    def _walk(self) -> Iterator[Node]:
        stack = list(reversed(self.node.children or []))
        while stack:
            n = stack.pop()
            yield n
            if n.children:
                stack.extend(reversed(n.children))

    def run(self, *, timeout: float | None = None) -> AppTest:
        """Run the app with the staged values (same as ``at.run()``)."""
        return self._app.run(timeout=timeout)

    def get(self, element_type: str) -> list[Element]:
        """Every element of one type, as a plain list."""
        return [self._app._wrap(n) for n in self._walk() if n.type == element_type]

    def _of(self, *types: str) -> ElementList[Any]:
        return ElementList([self._app._wrap(n) for n in self._walk() if n.type in types])

    def _blocks(self, type_: str) -> ElementList[Any]:
        cls = BLOCK_CLASSES.get(type_, Block)
        return ElementList([cls(n, self._app) for n in self._walk() if n.type == type_])

    def get_by_key(self, key: str) -> Element | None:
        """The widget with this user key, or None."""
        for n in self._walk():
            e = self._app._wrap(n)
            if e.key == key:
                return e
        return None

    # element lists, Streamlit's names
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
    def text(self) -> ElementList[Element]:
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
    def html(self) -> ElementList[Element]:
        """``st.html`` elements (``value`` is the HTML)."""
        return self._of("html")

    @property
    def divider(self) -> ElementList[Markdown]:
        """``st.divider`` elements."""
        return self._of("divider")

    @property
    def button(self) -> ElementList[Button]:
        """Buttons, form submit buttons included."""
        return self._of("button", "form_submit_button")

    @property
    def checkbox(self) -> ElementList[Checkbox]:
        """``st.checkbox`` widgets."""
        return self._of("checkbox")

    @property
    def toggle(self) -> ElementList[Checkbox]:
        """``st.toggle`` widgets."""
        return self._of("toggle")

    @property
    def text_input(self) -> ElementList[TextInput]:
        """``st.text_input`` widgets."""
        return self._of("text_input")

    @property
    def text_area(self) -> ElementList[TextInput]:
        """``st.text_area`` widgets."""
        return self._of("text_area")

    @property
    def number_input(self) -> ElementList[NumberInput]:
        """``st.number_input`` widgets."""
        return self._of("number_input")

    @property
    def slider(self) -> ElementList[Slider]:
        """``st.slider`` widgets."""
        return self._of("slider")

    @property
    def selectbox(self) -> ElementList[Choice]:
        """``st.selectbox`` widgets."""
        return self._of("selectbox")

    @property
    def radio(self) -> ElementList[Choice]:
        """``st.radio`` widgets."""
        return self._of("radio")

    @property
    def select_slider(self) -> ElementList[Choice]:
        """``st.select_slider`` widgets."""
        return self._of("select_slider")

    @property
    def multiselect(self) -> ElementList[Multiselect]:
        """``st.multiselect`` widgets."""
        return self._of("multiselect")

    @property
    def time_input(self) -> ElementList[TimeInput]:
        """``st.time_input`` widgets."""
        return self._of("time_input")

    @property
    def date_input(self) -> ElementList[DateInput]:
        """``st.date_input`` widgets."""
        return self._of("date_input")

    @property
    def datetime_input(self) -> ElementList[DateTimeInput]:
        """``st.datetime_input`` widgets."""
        return self._of("datetime_input")

    @property
    def color_picker(self) -> ElementList[ColorPicker]:
        """``st.color_picker`` widgets."""
        return self._of("color_picker")

    @property
    def pills(self) -> ElementList[ButtonGroup]:
        """``st.pills`` widgets."""
        return self._of("pills")

    @property
    def segmented_control(self) -> ElementList[ButtonGroup]:
        """``st.segmented_control`` widgets."""
        return self._of("segmented_control")

    @property
    def button_group(self) -> ElementList[ButtonGroup]:
        """Pills, segmented controls and feedback widgets, in page order."""
        return self._of("pills", "segmented_control", "feedback")

    @property
    def feedback(self) -> ElementList[Feedback]:
        """``st.feedback`` widgets."""
        return self._of("feedback")

    @property
    def menu_button(self) -> ElementList[MenuButton]:
        """``st.menu_button`` widgets."""
        return self._of("menu_button")

    @property
    def pagination(self) -> ElementList[Pagination]:
        """``st.pagination`` widgets."""
        return self._of("pagination")

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
    def data_editor(self) -> ElementList[DataEditor]:
        """``st.data_editor`` grids (``.value`` is the editing state)."""
        return self._of("data_editor")

    @property
    def table(self) -> ElementList[Table]:
        """``st.table`` elements (``.value`` is the data)."""
        return self._of("table")

    @property
    def metric(self) -> ElementList[Metric]:
        """``st.metric`` elements."""
        return self._of("metric")

    @property
    def file_uploader(self) -> ElementList[FileInput]:
        """``st.file_uploader`` widgets (stage files with ``upload(name, data, type)``)."""
        return self._of("file_uploader")

    @property
    def camera_input(self) -> ElementList[FileInput]:
        """``st.camera_input`` widgets."""
        return self._of("camera_input")

    @property
    def audio_input(self) -> ElementList[FileInput]:
        """``st.audio_input`` widgets."""
        return self._of("audio_input")

    @property
    def download_button(self) -> ElementList[DownloadButton]:
        """``st.download_button`` widgets."""
        return self._of("download_button")

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
    def columns(self) -> ElementList[Column]:
        """Columns (each a block to query inside, with ``weight``, ``gap`` and
        ``vertical_alignment``)."""
        return self._blocks("column")

    @property
    def expander(self) -> ElementList[Expander]:
        """Expanders (each a block to query inside, with ``label``, ``icon``, ``expanded``)."""
        return self._blocks("expander")

    @property
    def tabs(self) -> ElementList[Tab]:
        """Tabs (each a block to query inside, with a ``label`` and ``open``)."""
        return self._blocks("tab")

    @property
    def popover(self) -> ElementList[Popover]:
        """Popovers (each a block to query inside, with ``label`` and ``open``)."""
        return self._blocks("popover")

    @property
    def dialog(self) -> ElementList[Dialog]:
        """Open dialogs (each a block to query inside, with ``label``, its title; ``dismiss()``)."""
        return self._blocks("dialog")

    @property
    def grid(self) -> ElementList[Grid]:
        """Grids (each a block to query inside)."""
        return self._blocks("grid")

    @property
    def space(self) -> ElementList[Space]:
        """``st.space`` elements (``.size``)."""
        return self._of("space")

    @property
    def form(self) -> ElementList[Block]:
        """Forms (each a block to query inside)."""
        return self._blocks("form")

    @property
    def container(self) -> ElementList[Block]:
        """Containers (each a block to query inside)."""
        return self._blocks("container")

    @property
    def chat_message(self) -> ElementList[ChatMessage]:
        """Chat messages (each a block to query inside, with ``name`` and ``avatar``)."""
        return self._blocks("chat_message")

    @property
    def chat_input(self) -> ElementList[ChatInput]:
        """``st.chat_input`` widgets."""
        return self._of("chat_input")

    @property
    def status(self) -> ElementList[Status]:
        """Status containers (each a block to query inside, with ``label`` and ``state``)."""
        return self._blocks("status")

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


class Column(Block):
    """A column of ``st.columns``: its share of the row's width and the row's layout."""

    @property
    def weight(self) -> float:
        """The column's share of the row's width (the weights sum to 1)."""
        return float(self.props["weight"])

    @property
    def gap(self) -> str | None:
        """The space between the row's columns (``"small"``...; None: none)."""
        gap = self.props.get("gap", "small")
        return None if gap is None else str(gap)

    @property
    def vertical_alignment(self) -> str:
        """How the row aligns its columns: ``"top"``, ``"center"`` or ``"bottom"``."""
        return str(self._row().props.get("align", "top"))

    @property
    def border(self) -> bool:
        """Whether the column has a border."""
        return bool(self.props.get("border"))

    def _row(self) -> Node:
        for n in self._app._walk():
            if n.children and any(c is self.node for c in n.children):
                return n
        return self.node


class Expander(Block):
    """An ``st.expander``."""

    @property
    def label(self) -> str:
        """The expander's header."""
        return str(self.props.get("label", ""))

    @property
    def icon(self) -> str | None:
        """Its icon, if any."""
        icon = self.props.get("icon")
        return None if icon is None else str(icon)

    @property
    def expanded(self) -> bool:
        """Whether it is open: its tracked state, or ``expanded=`` when the browser keeps it."""
        if "value" in self.props:
            return bool(self.props["value"])
        return bool(self.props.get("expanded"))

    @property
    def open(self) -> bool | None:
        """Its tracked open state (None when only the browser knows, ``on_change="ignore"``)."""
        return bool(self.props["value"]) if "value" in self.props else None


class Tab(Block):
    """One tab of ``st.tabs``."""

    @property
    def label(self) -> str:
        """The tab's label."""
        return str(self.props.get("label", ""))


class Popover(Block):
    """An ``st.popover``."""

    @property
    def label(self) -> str:
        """The popover button's label."""
        return str(self.props.get("label", ""))

    @property
    def open(self) -> bool | None:
        """Its tracked open state (None when only the browser knows)."""
        return bool(self.props["value"]) if "value" in self.props else None


class Dialog(Block):
    """A dialog an ``@st.dialog`` function opened in the last run."""

    @property
    def label(self) -> str:
        """The dialog's title (``.title`` queries ``st.title`` elements, as on every block)."""
        return str(self.props.get("title", ""))

    def dismiss(self) -> Dialog:
        """Stage closing the dialog as the person would (for ``on_dismiss``); then ``run()``."""
        wid = self.props.get("id")
        if not isinstance(wid, str):
            raise ValueError(
                "This dialog has on_dismiss='ignore': dismissing it only closes it in the "
                "browser. Give st.dialog on_dismiss='rerun' or a function to test it."
            )
        self._app._staged[wid] = True
        return self


class Grid(Block):
    """An ``st.grid``, with Streamlit's field names."""

    @property
    def column_count(self) -> int | None:
        """How many columns (None: as many as fit)."""
        weights = self.props.get("weights") or []
        return len(weights) or None

    def __getattr__(self, name: str) -> Any:
        aliases = {"vertical_alignment": "align"}
        key = aliases.get(name, name)
        if key in (
            "wrap",
            "border",
            "row_height",
            "min_column_width",
            "gap",
            "align",
            "dense",
            "width",
            "height",
        ):
            return self.props.get(key)
        raise AttributeError(name)


class ChatMessage(Block):
    """An ``st.chat_message`` container."""

    @property
    def name(self) -> str:
        """The author's name (``"user"``, ``"assistant"``...)."""
        return str(self.props["name"])

    @property
    def avatar(self) -> str:
        """The avatar: ``"user"``/``"assistant"``, an emoji, an icon, an image URL, or ""
        (the first letter of the name is shown)."""
        return str(self.props.get("avatar", ""))


class Status(Block):
    """An ``st.status`` container."""

    @property
    def state(self) -> str:
        """``"running"``, ``"complete"`` or ``"error"``."""
        return str(self.props["state"])

    @property
    def icon(self) -> str:
        """The icon shown for the state."""
        return str(self.props.get("icon", ""))


BLOCK_CLASSES: dict[str, type[Block]] = {
    "column": Column,
    "expander": Expander,
    "tab": Tab,
    "popover": Popover,
    "dialog": Dialog,
    "grid": Grid,
    "chat_message": ChatMessage,
    "status": Status,
}
"""The block class of each container type (others are plain ``Block``s)."""


def block_of(node: Node, app: AppTest) -> Block:
    """The block wrapper for a container node (``Column``, ``ChatMessage``... or ``Block``)."""
    return BLOCK_CLASSES.get(node.type, Block)(node, app)
