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

from tidal.testing.elements import (
    Button,
    Checkbox,
    Choice,
    DownloadButton,
    Element,
    ElementList,
    ExceptionElement,
    FileInput,
    Media,
    Multiselect,
    NumberInput,
    Slider,
    TextInput,
    Widget,
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
            Block(n, self._app) if n.children is not None else self._app._wrap(n)
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

    def get(self, element_type: str) -> list[Element]:
        """Every element of one type, as a plain list."""
        return [self._app._wrap(n) for n in self._walk() if n.type == element_type]

    def _of(self, *types: str) -> ElementList[Any]:
        return ElementList([self._app._wrap(n) for n in self._walk() if n.type in types])

    def _blocks(self, type_: str) -> ElementList[Block]:
        return ElementList([Block(n, self._app) for n in self._walk() if n.type == type_])

    def get_by_key(self, key: str) -> Element | None:
        """The widget with this user key, or None."""
        for n in self._walk():
            e = self._app._wrap(n)
            if e.key == key:
                return e
        return None

    # element lists, Streamlit's names
    @property
    def title(self) -> ElementList[Element]:
        """``st.title`` elements."""
        return self._of("title")

    @property
    def header(self) -> ElementList[Element]:
        """``st.header`` elements."""
        return self._of("header")

    @property
    def subheader(self) -> ElementList[Element]:
        """``st.subheader`` elements."""
        return self._of("subheader")

    @property
    def markdown(self) -> ElementList[Element]:
        """``st.markdown`` elements (``st.write`` of text included)."""
        return self._of("markdown")

    @property
    def text(self) -> ElementList[Element]:
        """``st.text`` elements."""
        return self._of("text")

    @property
    def caption(self) -> ElementList[Element]:
        """``st.caption`` elements."""
        return self._of("caption")

    @property
    def code(self) -> ElementList[Element]:
        """``st.code`` elements."""
        return self._of("code")

    @property
    def json(self) -> ElementList[Element]:
        """``st.json`` elements (``st.write`` of dicts and session state included)."""
        return self._of("json")

    @property
    def error(self) -> ElementList[Element]:
        """``st.error`` callouts."""
        return self._of("error")

    @property
    def warning(self) -> ElementList[Element]:
        """``st.warning`` callouts."""
        return self._of("warning")

    @property
    def info(self) -> ElementList[Element]:
        """``st.info`` callouts."""
        return self._of("info")

    @property
    def success(self) -> ElementList[Element]:
        """``st.success`` callouts."""
        return self._of("success")

    @property
    def exception(self) -> ElementList[ExceptionElement]:
        """Exceptions shown in the app."""
        return self._of("exception")

    @property
    def divider(self) -> ElementList[Element]:
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
    def time_input(self) -> ElementList[Widget]:
        """``st.time_input`` widgets."""
        return self._of("time_input")

    @property
    def date_input(self) -> ElementList[Widget]:
        """``st.date_input`` widgets."""
        return self._of("date_input")

    @property
    def color_picker(self) -> ElementList[Widget]:
        """``st.color_picker`` widgets."""
        return self._of("color_picker")

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
    def columns(self) -> ElementList[Block]:
        """Columns (each a block to query inside)."""
        return self._blocks("column")

    @property
    def expander(self) -> ElementList[Block]:
        """Expanders (each a block to query inside)."""
        return self._blocks("expander")

    @property
    def tabs(self) -> ElementList[Block]:
        """Tabs (each a block to query inside, with a ``label``)."""
        return self._blocks("tab")

    @property
    def form(self) -> ElementList[Block]:
        """Forms (each a block to query inside)."""
        return self._blocks("form")

    @property
    def container(self) -> ElementList[Block]:
        """Containers (each a block to query inside)."""
        return self._blocks("container")
