"""Dimensions: the ``width``, ``height`` and ``gap`` arguments layout and elements share.

Owns their validation, with Streamlit's accepted values and messages, and their wire form
(``"stretch"``, ``"content"`` or a number of pixels). Knows nothing about any one element.
"""

from __future__ import annotations

from typing import Literal

from tidal.errors import TidalAPIError

GAP_SIZES = ("xxsmall", "xsmall", "small", "medium", "large", "xlarge", "xxlarge")
"""Named gaps between the children of a container, smallest first."""

Gap = Literal["xxsmall", "xsmall", "small", "medium", "large", "xlarge", "xxlarge"] | None
Width = int | Literal["stretch", "content"]
Height = int | Literal["stretch", "content", "auto"]
Dimension = int | str


def _is_pixels(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def check_width(
    value: object, *, command: str, allowed: tuple[str, ...] = ("stretch", "content")
) -> Dimension:
    """A valid ``width``: one of ``allowed`` or a positive number of pixels.

    Raises:
        TidalAPIError: anything else, with the values that would be accepted.
    """
    if _is_pixels(value) or (isinstance(value, str) and value in allowed):
        return value  # type: ignore[return-value]
    raise _invalid("width", value, command, allowed)


def check_height(
    value: object, *, command: str, allowed: tuple[str, ...] = ("stretch", "content")
) -> Dimension:
    """A valid ``height``: one of ``allowed`` or a positive number of pixels.

    Raises:
        TidalAPIError: anything else, with the values that would be accepted.
    """
    if _is_pixels(value) or (isinstance(value, str) and value in allowed):
        return value  # type: ignore[return-value]
    raise _invalid("height", value, command, allowed)


def check_gap(value: object, *, command: str) -> str | None:
    """A valid ``gap``: a size of ``GAP_SIZES`` or None (no gap).

    Raises:
        TidalAPIError: anything else.
    """
    if value is None or (isinstance(value, str) and value in GAP_SIZES):
        return value
    sizes = ", ".join(f'"{g}"' for g in GAP_SIZES)
    raise _api_error(
        f"The gap argument to st.{command} must be one of {sizes} or None. "
        f"The argument passed was {value!r}."
    )


def check_choice(name: str, value: object, choices: tuple[str, ...], *, command: str) -> str:
    """``value`` if it is one of ``choices``, else Streamlit's "must be" error."""
    if isinstance(value, str) and value in choices:
        return value
    spelled = ", ".join(f'"{c}"' for c in choices[:-1]) + f', or "{choices[-1]}"'
    raise _api_error(
        f"The {name} argument to st.{command} must be {spelled}. "
        f"\nThe argument passed was {value!r}."
    )


def _invalid(name: str, value: object, command: str, allowed: tuple[str, ...]) -> Exception:
    words = " or ".join(f"'{a}'" for a in allowed)
    return _api_error(
        f"Invalid {name} value: {value!r} in st.{command}. {name.capitalize()} must be either "
        f"an integer (pixels) or {words}."
    )


def _api_error(message: str) -> Exception:
    return TidalAPIError(message)
