"""Test wrappers of the picker, button-group and menu widgets.

Owns ``DateInput``, ``DateTimeInput``, ``TimeInput``, ``ColorPicker``, ``ButtonGroup``
(``st.pills``/``st.segmented_control``), ``Feedback``, ``MenuButton``, ``Pagination`` and
``LinkButton``, with Streamlit's AppTest names, and ``INPUT_CLASSES``, their element type ->
class table. Knows nothing about queries or runs.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from tidal.testing.elements import Element
from tidal.testing.errors import AppTestError
from tidal.testing.widget_elements import Bounded, Options, Widget


class DateInput(Bounded):
    """``st.date_input``: ``set_value`` takes a date, or ``(start, end)`` for a range."""

    @property
    def is_range(self) -> bool:
        """Whether the widget picks a range of dates."""
        return bool(self.props.get("range"))

    @property
    def format(self) -> str:
        """The display format (``"YYYY/MM/DD"``...)."""
        return str(self.props.get("format"))

    @property
    def min(self) -> dt.date | None:
        """The earliest date (a ``date``, as Streamlit's AppTest)."""
        return _date(self.props.get("min"))

    @property
    def max(self) -> dt.date | None:
        """The latest date."""
        return _date(self.props.get("max"))


def _date(iso: object) -> dt.date | None:
    return dt.date.fromisoformat(iso[:10]) if isinstance(iso, str) and iso else None


class DateTimeInput(DateInput):
    """``st.datetime_input``: ``min``/``max`` are ``"YYYY-MM-DDTHH:MM"`` strings, as
    Streamlit's AppTest gives them."""

    @property
    def min(self) -> Any:
        """The earliest moment (``"YYYY-MM-DDTHH:MM"``)."""
        return self.props.get("min")

    @property
    def max(self) -> Any:
        """The latest moment (``"YYYY-MM-DDTHH:MM"``)."""
        return self.props.get("max")


class TimeInput(Bounded):
    """``st.time_input``: ``increment``/``decrement`` move by ``step`` seconds."""

    def increment(self) -> TimeInput:
        """Stage the value plus one step (at most 23:59)."""
        return self._move(1)

    def decrement(self) -> TimeInput:
        """Stage the value minus one step (at least 00:00)."""
        return self._move(-1)

    def _move(self, sign: int) -> TimeInput:
        current = self.value or dt.time()
        seconds = current.hour * 3600 + current.minute * 60 + sign * int(self.step or 900)
        seconds = max(0, min(seconds, 23 * 3600 + 59 * 60))
        return self.set_value(dt.time(seconds // 3600, seconds // 60 % 60))


class ColorPicker(Widget):
    """``st.color_picker``."""

    def pick(self, color: str) -> ColorPicker:
        """Stage a colour (``"#rrggbb"``)."""
        return self.set_value(color)


class ButtonGroup(Options):
    """``st.pills`` and ``st.segmented_control`` (and the base of ``Feedback``)."""

    @property
    def multi(self) -> bool:
        """Whether several options may be chosen."""
        return bool(self.props.get("multi"))

    @property
    def indices(self) -> list[int]:
        """Indices of the chosen options."""
        value = self.value
        items = (value or []) if self.multi else ([] if value is None else [value])
        opts = list(self.node.extra or [])
        return [i for i, o in enumerate(opts) if any(o is v or o == v for v in items)]

    @property
    def formatted_values(self) -> list[str]:
        """The labels of the chosen options."""
        labels = self.options
        return [labels[i] for i in self.indices]

    def select(self, value: Any) -> ButtonGroup:
        """Stage ``value`` chosen (added to the choice with ``selection_mode="multi"``)."""
        if not self.multi:
            return self.set_value(value)
        opts = list(self.node.extra or [])
        chosen = {*self.indices, *(i for i, o in enumerate(opts) if o is value or o == value)}
        return self.set_value([opts[i] for i in sorted(chosen)])

    def unselect(self, value: Any) -> ButtonGroup:
        """Stage ``value`` no longer chosen."""
        if not self.multi:
            return self.set_value(None)
        return self.set_value([v for v in (self.value or []) if v != value])


class Feedback(ButtonGroup):
    """``st.feedback``: ``set_value`` takes an index (0 is the worst) or None."""


class MenuButton(Widget):
    """``st.menu_button``: ``click(option)`` chooses an option for the next run."""

    @property
    def options(self) -> list[str]:
        """The menu's options as displayed."""
        return list(self.props["options"])

    @property
    def format_func(self) -> Any:
        """A function from an option to its label."""
        labels, opts = self.options, list(self.node.extra or [])
        return lambda v: next((labels[i] for i, o in enumerate(opts) if o == v), str(v))

    def click(self, option: Any) -> MenuButton:
        """Stage choosing ``option``."""
        return self.set_value(option)

    def click_index(self, index: int) -> MenuButton:
        """Stage choosing the option at ``index``."""
        return self.set_value(list(self.node.extra or [])[index])


class Pagination(Widget):
    """``st.pagination``: ``select(page)`` goes to a page (from 1)."""

    @property
    def num_pages(self) -> int:
        """How many pages there are."""
        return int(self.props["num_pages"])

    @property
    def default(self) -> int:
        """The page shown first."""
        return int(self.props["default"])

    def set_value(self, value: Any) -> Pagination:
        """Stage going to page ``value`` (from 1).

        Raises:
            AppTestError: ``value`` is not a page number of the widget (as Streamlit's).
        """
        pages = self.num_pages
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= pages:
            key = f" (key={self.key!r})" if self.key else ""
            raise AppTestError(
                f"Cannot set pagination{key} to {value!r}. Page must be an int between 1 and "
                f"{pages}."
            )
        super().set_value(value)
        return self

    def select(self, page: int) -> Pagination:
        """Stage going to ``page``."""
        return self.set_value(page)


class LinkButton(Element):
    """``st.link_button``: ``.value`` is its label (as Streamlit's AppTest), ``.url`` the URL
    it opens."""

    @property
    def value(self) -> str:
        """The label."""
        return str(self.props["label"])

    @property
    def url(self) -> str:
        """The URL."""
        return str(self.props["url"])

    @property
    def label(self) -> str:
        """The button's label."""
        return str(self.props["label"])


class LinkButtonWidget(Widget):
    """``st.link_button`` with an ``on_click``: a link that also reruns when clicked
    (``click()`` is tidal's; Streamlit's AppTest cannot click link buttons)."""

    @property
    def value(self) -> str:
        """The label, as for a link button without ``on_click``."""
        return str(self.props["label"])

    @property
    def url(self) -> str:
        """The URL."""
        return str(self.props["url"])

    def click(self) -> LinkButtonWidget:
        """Stage a click."""
        return self.set_value(True)


INPUT_CLASSES: dict[str, type[Element]] = {
    "date_input": DateInput,
    "datetime_input": DateTimeInput,
    "time_input": TimeInput,
    "color_picker": ColorPicker,
    "pills": ButtonGroup,
    "segmented_control": ButtonGroup,
    "feedback": Feedback,
    "menu_button": MenuButton,
    "pagination": Pagination,
}
"""The wrapper class of each widget type of this module (``link_button``: see
``link_button_class``)."""


def link_button_class(props: dict[str, Any]) -> type[Element]:
    """``LinkButtonWidget`` for a link button with an ``on_click`` (it has an id), else
    ``LinkButton``."""
    return LinkButtonWidget if "id" in props else LinkButton
