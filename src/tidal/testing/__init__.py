"""``tidal.testing``: run an app headless and drive its widgets from a test.

Mirrors ``streamlit.testing.v1`` (which ``tidal.compat`` aliases to this package). It only
re-exports: ``AppTest`` from ``apptest.py``, ``SessionStateView`` from
``session_state_view.py``, the page queries (``Block``) from ``blocks.py``,
the lists queries return from ``element_list.py``, ``AppTestError`` from ``errors.py`` and
the element wrappers from ``elements.py`` (display) and ``widget_elements.py`` (widgets).

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
from tidal.testing.blocks import Block as Block
from tidal.testing.element_list import BlockList as BlockList
from tidal.testing.element_list import ElementList as ElementList
from tidal.testing.element_list import WidgetList as WidgetList
from tidal.testing.elements import Element as Element
from tidal.testing.elements import ExceptionElement as ExceptionElement
from tidal.testing.errors import AppTestError as AppTestError
from tidal.testing.session_state_view import SessionStateView as SessionStateView
from tidal.testing.widget_elements import Button as Button
from tidal.testing.widget_elements import Checkbox as Checkbox
from tidal.testing.widget_elements import Choice as Choice
from tidal.testing.widget_elements import Multiselect as Multiselect
from tidal.testing.widget_elements import NumberInput as NumberInput
from tidal.testing.widget_elements import Slider as Slider
from tidal.testing.widget_elements import TextInput as TextInput
from tidal.testing.widget_elements import Widget as Widget

__all__ = [
    "AppTest",
    "AppTestError",
    "Block",
    "BlockList",
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
    "WidgetList",
]
