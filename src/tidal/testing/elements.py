"""What a test gets back from a query: wrappers around the page's elements and widgets.

Owns ``Element`` and its subclasses (``at.markdown[0]``, ``at.exception[0]``, ``at.button[0]``,
``at.text_input(key="name")``...), the element-type -> wrapper-class table, and ``ElementList``,
the indexable, callable-by-key list every query returns. A widget wrapper stages values on the
``AppTest`` that made it; it knows nothing about how a run sends them, about blocks and queries
(``blocks.py``) or about sessions and run timeouts (``apptest.py``, ``watchdog.py``).
"""

from __future__ import annotations

from collections.abc import Iterator
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

if TYPE_CHECKING:
    from tidal.testing.apptest import AppTest
    from tidal.tree import Node

_MISSING: Any = object()


class Element:
    """One element of the page as a test sees it."""

    def __init__(self, node: Node, app: AppTest) -> None:
        self.node = node
        self.type = node.type
        self.props = node.props
        self._app = app

    @property
    def value(self) -> Any:
        """The element's text (``body``) or, for widgets, their value."""
        return self.props.get("body")

    @property
    def key(self) -> str | None:
        """The widget's user key (None for elements and keyless widgets)."""
        wid = self.props.get("id")
        if not isinstance(wid, str) or not wid.startswith("$$ID"):
            return None
        key = wid.split("-", 2)[2]
        return None if key == "None" else key

    @property
    def proto(self) -> Any:
        """The element's props as attributes (Streamlit tests read ``.proto``)."""
        return SimpleNamespace(**self.props)

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
    def help(self) -> str | None:
        """The tooltip, if any."""
        return self.props.get("help")


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
        """The object's name and signature (``"write(*args, ...)"``)."""
        return str(self.props.get("name", ""))

    @property
    def doc_string(self) -> str:
        """The object's docstring."""
        return str(self.props.get("doc_string", ""))

    @property
    def value(self) -> str:
        """Same as ``doc_string``."""
        return self.doc_string


W = TypeVar("W", bound="Widget")


class Widget(Element):
    """An input element: stage a value, then ``run()``."""

    @property
    def id(self) -> str:
        """The widget id."""
        return str(self.props["id"])

    @property
    def label(self) -> str:
        """The widget's label."""
        return str(self.props["label"])

    @property
    def disabled(self) -> bool:
        """Whether the widget is disabled."""
        return bool(self.props.get("disabled"))

    @property
    def value(self) -> Any:
        """The staged value if one is staged, else the value the script got."""
        staged = self._app._staged.get(self.id, _MISSING)
        return self.node.value if staged is _MISSING else staged

    def set_value(self: W, value: Any) -> W:
        """Stage a new value; it is sent with the next ``run()``."""
        self._app._staged[self.id] = value
        return self

    def run(self, *, timeout: float | None = None) -> AppTest:
        """Run the app with the staged values (same as ``at.run()``)."""
        return self._app.run(timeout=timeout)


class BidiComponent(Widget):
    """A ``components.v2`` component: its ``value`` is its state (a dict); stage what its
    JavaScript would send with ``set_state_value`` and ``set_trigger_value``."""

    @property
    def trigger_id(self) -> str:
        """The id of the component's trigger widget."""
        return f"{self.id}__events"

    def set_state_value(self, name: str, value: Any) -> BidiComponent:
        """Stage ``setStateValue(name, value)``: the state with ``name`` set."""
        state = self.value if isinstance(self.value, dict) else {}
        return self.set_value({**state, name: value})

    def set_trigger_value(self, name: str, value: Any) -> BidiComponent:
        """Stage ``setTriggerValue(name, value)``: a one-run event (several accumulate)."""
        staged = self._app._staged.get(self.trigger_id)
        events = list(staged) if isinstance(staged, list) else []
        self._app._staged[self.trigger_id] = [*events, {"event": name, "value": value}]
        return self


class Button(Widget):
    """``st.button`` and ``st.form_submit_button``."""

    def click(self) -> Button:
        """Stage a click: the button returns True in the next run."""
        return self.set_value(True)


class Checkbox(Widget):
    """``st.checkbox`` and ``st.toggle``."""

    def check(self) -> Checkbox:
        """Stage checked."""
        return self.set_value(True)

    def uncheck(self) -> Checkbox:
        """Stage unchecked."""
        return self.set_value(False)


class TextInput(Widget):
    """``st.text_input`` and ``st.text_area``."""

    def input(self, value: str) -> TextInput:
        """Stage typed text."""
        return self.set_value(value)


class NumberInput(Widget):
    """``st.number_input``."""

    def increment(self) -> NumberInput:
        """Stage value + step, clamped at ``max``."""
        return self._step(1)

    def decrement(self) -> NumberInput:
        """Stage value - step, clamped at ``min``."""
        return self._step(-1)

    def _step(self, sign: int) -> NumberInput:
        v = self.value if self.value is not None else 0
        nv = v + sign * self.props["step"]
        lo, hi = self.props.get("min"), self.props.get("max")
        if hi is not None and nv > hi:
            nv = hi
        if lo is not None and nv < lo:
            nv = lo
        return self.set_value(nv)


class Slider(Widget):
    """``st.slider``."""

    def set_range(self, lower: Any, upper: Any) -> Slider:
        """Stage a range value ``(lower, upper)``."""
        return self.set_value((lower, upper))


class Choice(Widget):
    """``st.selectbox``, ``st.radio`` and ``st.select_slider``."""

    @property
    def options(self) -> list[str]:
        """The options as displayed."""
        return list(self.props["options"])

    @property
    def index(self) -> int | None:
        """Index of the current value in the options."""
        for i, o in enumerate(self.node.extra or []):
            if o == self.value:
                return i
        return None

    def select(self, value: Any) -> Choice:
        """Stage an option by value."""
        return self.set_value(value)

    def select_index(self, index: int) -> Choice:
        """Stage an option by index."""
        return self.set_value((self.node.extra or [])[index])


class Multiselect(Widget):
    """``st.multiselect``."""

    @property
    def options(self) -> list[str]:
        """The options as displayed."""
        return list(self.props["options"])

    def select(self, value: Any) -> Multiselect:
        """Stage one more selected option (kept in selection order)."""
        current = list(self.value or [])
        if value not in current:
            current.append(value)
        return self.set_value(current)

    def unselect(self, value: Any) -> Multiselect:
        """Stage an option as no longer selected."""
        return self.set_value([v for v in (self.value or []) if v != value])


class ChatInput(Widget):
    """``st.chat_input``: ``set_value("text")`` sends a message with the next ``run()``."""

    @property
    def placeholder(self) -> str:
        """The placeholder text."""
        return str(self.props.get("placeholder", ""))


class Progress(Element):
    """``st.progress``: ``value`` is the fraction done (0.0 to 1.0), ``text`` its label."""

    @property
    def value(self) -> float:
        """The progress as a fraction, from 0.0 to 1.0."""
        return float(self.props["value"]) / 100

    @property
    def text(self) -> str:
        """The text beside the bar ("" when none)."""
        return str(self.props.get("text") or "")


class Toast(Element):
    """``st.toast``: ``value`` is its message, ``icon`` its icon."""

    @property
    def icon(self) -> str:
        """The icon ("" when none)."""
        return str(self.props.get("icon") or "")


class Spinner(Element):
    """``st.spinner`` while its block runs: ``value`` is its text."""

    @property
    def value(self) -> str:
        """The spinner's text."""
        return str(self.props.get("text", ""))


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


_CLASSES: dict[str, type[Element]] = {
    "space": Space,
    "chat_input": ChatInput,
    "progress": Progress,
    "toast": Toast,
    "spinner": Spinner,
    "exception": ExceptionElement,
    "markdown": Markdown,
    "caption": Markdown,
    "latex": Markdown,
    "divider": Markdown,
    "title": Heading,
    "header": Heading,
    "subheader": Heading,
    "error": Alert,
    "warning": Alert,
    "info": Alert,
    "success": Alert,
    "code": Code,
    "json": Json,
    "help": Help,
    "button": Button,
    "form_submit_button": Button,
    "checkbox": Checkbox,
    "toggle": Checkbox,
    "text_input": TextInput,
    "text_area": TextInput,
    "number_input": NumberInput,
    "slider": Slider,
    "selectbox": Choice,
    "radio": Choice,
    "select_slider": Choice,
    "multiselect": Multiselect,
    "time_input": Widget,
    "date_input": Widget,
    "color_picker": Widget,
    "component_instance": Widget,
    "bidi_component": BidiComponent,
}


def wrap(node: Node, app: AppTest) -> Element:
    """The wrapper for one page node: its type's class (``Button``, ``Choice``...), else
    ``Element``."""
    return _CLASSES.get(node.type, Element)(node, app)


E = TypeVar("E")


class ElementList(Generic[E]):
    """Elements of one kind in document order: index it, ``len()`` it, iterate it; widget
    lists can also be called with ``key=``."""

    def __init__(self, items: list[E]) -> None:
        self._items = items

    @overload
    def __getitem__(self, i: int) -> E: ...
    @overload
    def __getitem__(self, i: slice) -> list[E]: ...
    def __getitem__(self, i: int | slice) -> E | list[E]:
        return self._items[i]

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[E]:
        return iter(self._items)

    def __call__(self, key: str) -> E:
        for item in self._items:
            if getattr(item, "key", None) == key:
                return item
        raise KeyError(key)

    @property
    def values(self) -> list[Any]:
        """Every element's ``value``."""
        return [getattr(item, "value", None) for item in self._items]

    def __repr__(self) -> str:
        return f"ElementList({self._items!r})"
