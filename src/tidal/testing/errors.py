"""``AppTestError``: a test asked AppTest for something it cannot do.

Raised for an explicit test action a person could not perform in the browser (changing a
disabled widget) or that AppTest does not model (``set_value``/``click`` on an element that is
not a widget). Errors of the app itself are shown as exception elements, never raised.
"""

from __future__ import annotations


class AppTestError(Exception):
    """An AppTest query or interaction that cannot be done (Streamlit's name and meaning).

    Example:
        >>> at.text_input(key="locked").set_value("x")  # disabled=True
        Traceback (most recent call last):
        AppTestError: Cannot update a disabled text_input widget (key='locked'). ...
    """
