"""``tidal.testing``: run an app headless and drive its widgets from a test.

Mirrors ``streamlit.testing.v1`` (which ``tidal.compat`` aliases to this package). It only
re-exports: ``AppTest`` from ``apptest.py``, the page queries (``Block``) from ``blocks.py``,
and the element wrappers from ``elements.py``.

Example:
    >>> at = AppTest.from_string('''
    ... import tidal as st
    ... if st.button("Increment"):
    ...     st.session_state.count = st.session_state.get("count", 0) + 1
    ... ''').run()
    >>> at.button[0].click().run()
    >>> at.session_state.count
    1
"""

from __future__ import annotations

from tidal.testing.apptest import AppTest as AppTest
from tidal.testing.apptest import SessionStateView as SessionStateView
from tidal.testing.blocks import Block as Block
from tidal.testing.elements import Button as Button
from tidal.testing.elements import Checkbox as Checkbox
from tidal.testing.elements import Choice as Choice
from tidal.testing.elements import Element as Element
from tidal.testing.elements import ElementList as ElementList
from tidal.testing.elements import ExceptionElement as ExceptionElement
from tidal.testing.elements import Multiselect as Multiselect
from tidal.testing.elements import NumberInput as NumberInput
from tidal.testing.elements import Slider as Slider
from tidal.testing.elements import TextInput as TextInput
from tidal.testing.elements import Widget as Widget

__all__ = [
    "AppTest",
    "Block",
    "Button",
    "Checkbox",
    "Choice",
    "Element",
    "ElementList",
    "ExceptionElement",
    "Multiselect",
    "NumberInput",
    "SessionStateView",
    "Slider",
    "TextInput",
    "Widget",
]
