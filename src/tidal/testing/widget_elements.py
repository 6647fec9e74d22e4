"""What a test gets back for the page's widgets: wrappers that stage values.

Owns ``Widget`` (``id``, ``label``, ``help``, ``disabled``, ``form_id``, ``set_value``) and the
wrappers of the buttons, checkboxes, text, number and slider inputs, the option widgets
(``selectbox``, ``radio``, ``select_slider``, ``multiselect``), with Streamlit's AppTest
names (``chat_input``'s is in ``chat_elements.py``), and ``WIDGET_CLASSES``, their element
type -> class table. A wrapper stages values on its ``AppHost``; which a run sends is
``staging.py``'s.
"""

from __future__ import annotations

from typing import Any, TypeVar

from tidal.testing.elements import _MISSING, Element
from tidal.testing.errors import AppTestError

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
        return self.props.get("disabled") is True

    @property
    def help(self) -> str:
        """The widget's tooltip (``""`` without one, as Streamlit's AppTest)."""
        return str(self.props.get("help") or "")

    @property
    def form_id(self) -> str:
        """The key of the form the widget is in ("" outside forms)."""
        return str(self.props.get("form") or "")

    @property
    def value(self) -> Any:
        """The staged value if one is staged, else the value the script got."""
        staged = self._app._staged.get(self.id, _MISSING)
        return self.node.value if staged is _MISSING else staged

    def set_value(self: W, value: Any) -> W:
        """Stage a new value; it is sent with the next ``run()``.

        Raises:
            AppTestError: the widget is disabled (a person could not change it either).
        """
        if self.disabled:
            key = f" (key={self.key!r})" if self.key else ""
            raise AppTestError(
                f"Cannot update a disabled {self.type} widget{key}. A browser user cannot "
                "interact with a disabled widget; test it enabled, or set its value through "
                "at.session_state."
            )
        self._app._staged[self.id] = value
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

    @property
    def max_chars(self) -> int:
        """The most characters the box takes (0: no limit, as Streamlit's AppTest)."""
        return int(self.props.get("max_chars") or 0)

    @property
    def placeholder(self) -> str:
        """The text shown while the box is empty."""
        return str(self.props.get("placeholder") or "")

    @property
    def autocomplete(self) -> str:
        """The browser autocomplete hint ("" for none)."""
        return str(self.props.get("autocomplete") or "")

    def input(self, value: str) -> TextInput:
        """Stage typed text; text longer than ``max_chars`` is not staged (the box would not
        take it), as Streamlit's AppTest. (``set_value`` stages it cut to ``max_chars``.)"""
        if self.max_chars and len(value) > self.max_chars:
            return self
        return self.set_value(value)


class Bounded(Widget):
    """A widget with ``min``, ``max`` and ``step`` (numbers, or wire milliseconds for
    temporal sliders)."""

    @property
    def min(self) -> Any:
        """The lowest value."""
        return self.props.get("min")

    @property
    def max(self) -> Any:
        """The highest value."""
        return self.props.get("max")

    @property
    def step(self) -> Any:
        """The step between values."""
        return self.props.get("step")


class NumberInput(Bounded):
    """``st.number_input``."""

    @property
    def placeholder(self) -> str:
        """The text shown while the box is empty."""
        return str(self.props.get("placeholder") or "")

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


class Slider(Bounded):
    """``st.slider`` (numbers, dates, times, datetimes)."""

    @property
    def data_type(self) -> str:
        """``"int"``, ``"float"``, ``"date"``, ``"time"`` or ``"datetime"``."""
        return str(self.props.get("dtype"))

    def set_range(self, lower: Any, upper: Any) -> Slider:
        """Stage a range value ``(lower, upper)``."""
        return self.set_value((lower, upper))


class Options(Widget):
    """A widget over options: ``.options`` are the labels a person sees (``format_func``
    applied), ``.value`` the Python value."""

    @property
    def options(self) -> list[str]:
        """The options as displayed."""
        return list(self.props["options"])

    @property
    def format_func(self) -> Any:
        """A function from an option to the label the widget shows for it."""
        labels = self.options
        opts = list(self.node.extra or [])

        def fmt(v: Any) -> str:
            for i, o in enumerate(opts):
                if o is v or o == v:
                    return labels[i]
            return str(v)

        return fmt

    @property
    def placeholder(self) -> str:
        """The text shown while nothing is chosen."""
        return str(self.props.get("placeholder") or "")


class Choice(Options):
    """``st.selectbox``, ``st.radio`` and ``st.select_slider``."""

    @property
    def horizontal(self) -> bool:
        """Whether a radio group lays its options out in a row."""
        return bool(self.props.get("horizontal"))

    @property
    def data_type(self) -> str:
        """The type name of a select slider's options."""
        return str(self.props.get("data_type"))

    def set_range(self, lower: Any, upper: Any) -> Choice:
        """Stage a range ``(lower, upper)`` of a range select slider."""
        return self.set_value((lower, upper))

    @property
    def index(self) -> int | None:
        """Index of the current value in the options (None for no value).

        Raises:
            ValueError: ``'<value>' is not in list``, for a value staged with ``set_value``
                that is not an option (as Streamlit's AppTest; ``run()`` raises it too).
        """
        value = self.value
        if value is None:
            return None
        for i, o in enumerate(self.node.extra or []):
            if o is value or o == value:
                return i
        if self.type == "select_slider" or self.props.get("accept_new_options"):
            return None
        raise ValueError(f"{self.format_func(value)!r} is not in list")

    def select(self, value: Any) -> Choice:
        """Stage an option by value."""
        return self.set_value(value)

    def select_index(self, index: int | None) -> Choice:
        """Stage an option by index (None: no option)."""
        if index is None:
            return self.set_value(None)
        return self.set_value((self.node.extra or [])[index])


class Multiselect(Options):
    """``st.multiselect``."""

    @property
    def indices(self) -> list[int]:
        """Indices of the chosen options (new options typed in have none)."""
        opts = list(self.node.extra or [])
        out = []
        for v in self.value or []:
            for i, o in enumerate(opts):
                if o is v or o == v:
                    out.append(i)
                    break
        return out

    @property
    def values(self) -> list[str]:
        """The chosen options as displayed (a new option typed in shows as its text)."""
        labels, opts = self.options, list(self.node.extra or [])
        out = []
        for v in self.value or []:
            i = next((i for i, o in enumerate(opts) if o is v or o == v), None)
            out.append(labels[i] if i is not None else str(v))
        return out

    @property
    def max_selections(self) -> int:
        """The most options that may be chosen (0: no limit, as Streamlit's AppTest)."""
        return int(self.props.get("max_selections") or 0)

    def select(self, value: Any) -> Multiselect:
        """Stage one more selected option (kept in selection order)."""
        current = list(self.value or [])
        if value not in current:
            current.append(value)
        return self.set_value(current)

    def unselect(self, value: Any) -> Multiselect:
        """Stage an option as no longer selected."""
        return self.set_value([v for v in (self.value or []) if v != value])


class DownloadButton(Button):
    """``st.download_button``: ``click()`` stages a click (the download itself is the
    browser's; ``value`` is True in the run after a click)."""


# Streamlit's class names for the widgets that share a wrapper
class Toggle(Checkbox):
    """``st.toggle``."""


class TextArea(TextInput):
    """``st.text_area``."""


class Selectbox(Choice):
    """``st.selectbox``."""


class Radio(Choice):
    """``st.radio``."""


class SelectSlider(Choice):
    """``st.select_slider``."""


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


WIDGET_CLASSES: dict[str, type[Element]] = {
    "button": Button,
    "form_submit_button": Button,
    "checkbox": Checkbox,
    "toggle": Toggle,
    "text_input": TextInput,
    "text_area": TextArea,
    "number_input": NumberInput,
    "slider": Slider,
    "selectbox": Selectbox,
    "radio": Radio,
    "select_slider": SelectSlider,
    "multiselect": Multiselect,
    "component_instance": Widget,
    "bidi_component": BidiComponent,
    "download_button": DownloadButton,
}
"""The wrapper class of each widget type of this module."""
