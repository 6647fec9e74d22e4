"""The keys of session state: user keys, widget ids, and the errors that name them.

A user key is any non-empty string (other keys are normalised with ``str()``, SS-4) that does
not start with ``WIDGET_ID_PREFIX``: every widget id does. Owns the texts of the errors
``st.session_state`` raises about a key (SS-6, SS-7, W-8). Knows nothing about values.
"""

from __future__ import annotations

from tidal.errors import StreamlitValueError, TidalAPIError

WIDGET_ID_PREFIX = "$$ID"
"""Every widget id starts with this; user keys may not."""

_DOCS = "https://docs.streamlit.io/develop/concepts/architecture/session-state#initialization"


def missing_key_message(key: str) -> str:
    """The KeyError text for a missing key (SS-6)."""
    return (
        f'st.session_state has no key "{key}". Did you forget to initialize it? More info: {_DOCS}'
    )


def missing_attr_message(key: str) -> str:
    """The AttributeError text for a missing attribute (SS-7)."""
    return (
        f'st.session_state has no attribute "{key}". Did you forget to initialize it? '
        f"More info: {_DOCS}"
    )


def already_instantiated_message(key: str) -> str:
    """The W-8 message."""
    return (
        f"`st.session_state['{key}']` cannot be modified after the widget with that key is "
        f"instantiated. Assign `st.session_state['{key}']` before creating the widget, or update "
        "it from an `on_change` or `on_click` callback, which runs before the widget is "
        "instantiated. If this is a read-only session state key (buttons, file and media inputs, "
        "`st.data_editor`, forms, chart or `ButtonColumn` selections), store the value under a "
        "different session state key."
    )


def check_user_key(key: object) -> str:
    """Normalise a user key with ``str()`` (SS-4) and refuse reserved or empty keys."""
    k = key if isinstance(key, str) else str(key)
    if k.startswith(WIDGET_ID_PREFIX):
        raise TidalAPIError(f"Keys beginning with {WIDGET_ID_PREFIX} are reserved.")
    if k == "":
        raise StreamlitValueError("Invalid `key` value. Supported values: a non-empty string.")
    return k
