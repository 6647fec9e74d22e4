"""What a test gets back for the elements that report progress: ``st.progress``,
``st.toast`` and ``st.spinner``, with Streamlit's AppTest names, and ``FEEDBACK_CLASSES``,
their element type -> class table.
"""

from __future__ import annotations

from tidal.testing.elements import Element


class Progress(Element):
    """``st.progress``: ``value`` is the percentage done (0 to 100, as Streamlit's AppTest:
    ``st.progress(0.25)`` gives 25), ``text`` its label."""

    @property
    def value(self) -> int:
        """The progress from 0 to 100."""
        return int(self.props["value"])

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


FEEDBACK_CLASSES: dict[str, type[Element]] = {
    "progress": Progress,
    "toast": Toast,
    "spinner": Spinner,
}
"""The wrapper class of each of these element types."""
