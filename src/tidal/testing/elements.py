"""What a test gets back for the page's text-like display elements (widgets:
``widget_elements.py``; media: ``media_elements.py``; progress: ``feedback_elements.py``).

Owns ``Element``, the base of every wrapper (``type``, ``key``, ``value``, ``proto``, ``root``,
``run()``, and Streamlit's fallback of other attribute names to the element's parameters),
the display wrappers (``at.markdown[0]``, ``at.exception[0]``, ``at.title[0]``...) with
Streamlit's attribute names, and ``DISPLAY_CLASSES``, their element type -> class table.
Knows nothing about widgets, blocks, queries or running: it reads one page node and asks
its ``AppHost`` to run.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from tidal.testing.errors import AppTestError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from tidal.testing.host import AppHost
    from tidal.tree import Node

_MISSING: Any = object()


STREAMLIT_TYPES = {
    "help": "help_info",
    "pills": "button_group",
    "segmented_control": "button_group",
    "datetime_input": "date_time_input",
    "data_editor": "dataframe",
}
"""tidal's element types -> Streamlit's ``Element.type``, where they differ."""


def user_key(element_id: object) -> str | None:
    """The user key in a widget id (``$$ID-<hash>-<key>``), or None."""
    if not isinstance(element_id, str) or not element_id.startswith("$$ID"):
        return None
    key = element_id.split("-", 2)[2]
    return None if key == "None" else key


class Element:
    """One element of the page as a test sees it.

    As in Streamlit's AppTest, a name the wrapper does not define is looked up among the
    element's parameters (``at.caption[0].help``, ``at.toast[0].icon``...).
    """

    def __init__(self, node: Node, app: AppHost) -> None:
        self.node = node
        self.type = STREAMLIT_TYPES.get(node.type, node.type)
        """Streamlit's name for the element's kind (``node.type`` is tidal's)."""
        self.props = node.props
        self._app = app

    @property
    def value(self) -> Any:
        """The element's text (``body``) or, for widgets, their value."""
        return self.props.get("body")

    @property
    def key(self) -> str | None:
        """The user key (None for keyless elements and widgets)."""
        return user_key(self.props.get("id"))

    @property
    def proto(self) -> Any:
        """The element's props as attributes (Streamlit tests read ``.proto``)."""
        return SimpleNamespace(**self.props)

    @property
    def root(self) -> Any:
        """The ``AppTest`` the element belongs to."""
        return self._app

    def run(self, *, timeout: float | None = None) -> Any:
        """Run the app with the staged values (same as ``at.run()``); returns the AppTest."""
        return self._app.run(timeout=timeout)

    def __getattr__(self, name: str) -> Any:
        # only reached for names no class defines: the element's own parameters
        props = self.__dict__.get("props")
        if name in ("set_value", "click"):
            return self._unsupported(name)
        if name.startswith("_") or props is None or name not in props:
            raise AttributeError(
                f"{type(self).__name__} ({self.__dict__.get('type')}) has no attribute "
                f"{name!r}. Its parameters: {sorted(props or {})}."
            )
        return props[name]

    def __eq__(self, other: object) -> bool:
        """Two wrappers of the same element are equal (as Streamlit's dataclass elements)."""
        return isinstance(other, Element) and other.node is self.node

    def __hash__(self) -> int:
        return id(self.node)

    def _unsupported(self, method: str) -> Callable[..., Any]:
        def refuse(*_args: Any, **_kwargs: Any) -> Any:
            key = f" (key={self.key!r})" if self.key else ""
            if "id" in self.props:  # a widget without this method
                raise AppTestError(
                    f"{method}() is not supported for {self.type}{key}. Use set_value() or "
                    "one of this widget's own interaction methods."
                )
            raise AppTestError(
                f"{method}() is not supported for {self.type}{key}: AppTest can inspect this "
                "element but not interact with it. Set its value through at.session_state if "
                "it has a key, or test it in a browser."
            )

        return refuse

    def __iter__(self) -> Iterator[Element]:
        """The element itself (as Streamlit's, so a node iterates like a block)."""
        yield self

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.props!r})"


class ExceptionElement(Element):
    """An exception shown in the app."""

    @property
    def value(self) -> str:
        """``str(exception)``."""
        return str(self.props["message"])

    @property
    def message(self) -> str:
        """Same as ``value``."""
        return str(self.props["message"])

    @property
    def is_markdown(self) -> bool:
        """True for tidal/Streamlit API errors (their message is Markdown)."""
        return bool(self.props["is_markdown"])

    @property
    def stack_trace(self) -> list[str]:
        """The traceback lines of the script's frames."""
        return list(self.props["stack"])

    @property
    def is_warning(self) -> bool:
        """False: tidal shows warnings as callouts, not exception elements."""
        return False

    @property
    def exception_type(self) -> str:
        """The exception's class name, e.g. ``"ZeroDivisionError"``."""
        return str(self.props["type"])


class Markdown(Element):
    """``st.markdown``, ``st.caption``, ``st.latex``, ``st.divider`` and ``st.badge``."""

    @property
    def value(self) -> str:
        """The Markdown source (``"$$\\n...\\n$$"`` for LaTeX, ``"---"`` for a divider)."""
        return str(self.props.get("body", ""))

    @property
    def allow_html(self) -> bool:
        """Whether raw HTML is rendered (``unsafe_allow_html=True``)."""
        return bool(self.props.get("unsafe_allow_html"))

    @property
    def is_caption(self) -> bool:
        """Whether the element is an ``st.caption``."""
        return self.type == "caption"

    @property
    def help(self) -> str:
        """The tooltip (``""`` without one)."""
        return str(self.props.get("help") or "")


class Heading(Element):
    """``st.title``, ``st.header`` and ``st.subheader``."""

    @property
    def value(self) -> str:
        """The heading's Markdown text."""
        return str(self.props.get("body", ""))

    @property
    def tag(self) -> str:
        """``"h1"``, ``"h2"`` or ``"h3"``."""
        return str(self.props.get("tag", ""))

    @property
    def anchor(self) -> str:
        """The anchor given (``""`` when the browser makes one from the text)."""
        return str(self.props.get("anchor") or "")

    @property
    def hide_anchor(self) -> bool:
        """Whether ``anchor=False`` hid the link."""
        return bool(self.props.get("hide_anchor"))

    @property
    def icon(self) -> str:
        """The icon (``""`` for none)."""
        return str(self.props.get("icon") or "")

    @property
    def divider(self) -> str:
        """The divider's colour (``""`` for none)."""
        return str(self.props.get("divider") or "")


class Alert(Element):
    """``st.error``, ``st.warning``, ``st.info`` and ``st.success``."""

    @property
    def value(self) -> str:
        """The message."""
        return str(self.props.get("body", ""))

    @property
    def icon(self) -> str:
        """The icon (``""`` for none)."""
        return str(self.props.get("icon") or "")

    @property
    def title(self) -> str | None:
        """The title line, if any."""
        return self.props.get("title")


class Code(Element):
    """``st.code``."""

    @property
    def value(self) -> str:
        """The code."""
        return str(self.props.get("body", ""))

    @property
    def language(self) -> str:
        """The language (``"plaintext"`` for ``language=None``)."""
        return str(self.props.get("language") or "plaintext")

    @property
    def show_line_numbers(self) -> bool:
        """Whether the lines are numbered."""
        return bool(self.props.get("line_numbers"))


class Json(Element):
    """``st.json``."""

    @property
    def expanded(self) -> bool | int:
        """``expanded`` as given."""
        expanded: bool | int = self.props.get("expanded", True)
        return expanded


class Help(Element):
    """``st.help``."""

    @property
    def name(self) -> str:
        """The object's name (``"write"``; ``props["name"]`` has the signature too)."""
        return str(self.props.get("name", "")).partition("(")[0]

    @property
    def doc_string(self) -> str:
        """The object's docstring."""
        return str(self.props.get("doc_string", ""))

    @property
    def value(self) -> str:
        """A short summary, as Streamlit's AppTest: the name of a function, class or module,
        the ``repr`` of any other value (``"'Hello'"``)."""
        return str(self.props.get("value") or self.name)


class Space(Element):
    """``st.space``: ``size`` is what it was given (a size name or pixels)."""

    @property
    def size(self) -> str | int:
        """The space's size: ``"small"``.. ``"xxlarge"``, ``"stretch"`` or pixels."""
        size: str | int = self.props["size"]
        return size

    @property
    def value(self) -> str | int:
        """Same as ``size``."""
        return self.size


class Text(Element):
    """``st.text``."""

    @property
    def value(self) -> str:
        """The text."""
        return str(self.props.get("body", ""))


class Html(Element):
    """``st.html``: ``value`` is the HTML."""


class PageLink(Element):
    """``st.page_link``: ``value`` is its label (switch pages with ``at.switch_page``)."""

    @property
    def value(self) -> str:
        """The label shown."""
        return str(self.props.get("label") or "")

    @property
    def url(self) -> str:
        """Where the link goes (a page's URL path, or an external URL)."""
        return str(self.props.get("url") or "")


# Streamlit's class names for the kinds that share a wrapper, so `type(e).__name__` reads the
# same (Streamlit's `Warning` and `Exception` would shadow Python's: `Alert` and
# `ExceptionElement` stand for them)
class Title(Heading):
    """``st.title``."""


class Header(Heading):
    """``st.header``."""


class Subheader(Heading):
    """``st.subheader``."""


class Caption(Markdown):
    """``st.caption``."""


class Divider(Markdown):
    """``st.divider`` (``value`` is ``"---"``)."""


class Latex(Markdown):
    """``st.latex``."""


class Error(Alert):
    """``st.error``."""


class Info(Alert):
    """``st.info``."""


class Success(Alert):
    """``st.success``."""


DISPLAY_CLASSES: dict[str, type[Element]] = {
    "text": Text,
    "html": Html,
    "page_link": PageLink,
    "space": Space,
    "exception": ExceptionElement,
    "markdown": Markdown,
    "caption": Caption,
    "latex": Latex,
    "divider": Divider,
    "title": Title,
    "header": Header,
    "subheader": Subheader,
    "error": Error,
    "warning": Alert,
    "info": Info,
    "success": Success,
    "code": Code,
    "json": Json,
    "help": Help,
}
"""The wrapper class of each display element type (``wrappers.py`` adds the widgets')."""
