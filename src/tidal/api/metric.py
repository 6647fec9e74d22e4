"""``st.metric``: a big number with its change (delta) and an optional sparkline.

Owns the function, the number formats it applies (``format_number``: printf and the named
formats of ``st.column_config.NumberColumn``), and the delta's direction and colour. Knows
nothing about grids or tables.
"""

from __future__ import annotations

import decimal
import math
from collections.abc import Iterable
from typing import Any, Literal

from tidal.api.handle import ElementHandle, add_element
from tidal.context import api_function
from tidal.errors import StreamlitAPIException
from tidal.widgets import _LABEL_VISIBILITY

DeltaColor = str
_DELTA_COLORS = (
    "normal", "inverse", "off", "red", "orange", "yellow", "green", "blue", "violet", "gray",
    "grey", "primary",
)  # fmt: skip
_CHART_TYPES = ("line", "bar", "area")
_ARROWS = ("auto", "up", "down", "off")


def format_number(value: Any, fmt: str | None) -> str:
    """``value`` written with a printf format or a named one ("dollar", "percent"...).

    Example:
        >>> format_number(1234.5, "dollar"), format_number(0.25, "percent")
        ('$1,234.50', '25.00%')
    """
    if fmt is None:
        return str(value)
    v = float(value)
    if fmt == "plain":
        return repr(value) if isinstance(value, float) else str(value)
    if fmt == "localized":
        return f"{value:,}"
    if fmt == "percent":
        return f"{v * 100:,.2f}%"
    if fmt in ("dollar", "euro", "yen"):
        sign = "-" if v < 0 else ""
        symbol = {"dollar": "$", "euro": "€", "yen": "¥"}[fmt]
        digits = 0 if fmt == "yen" else 2
        return f"{sign}{symbol}{abs(v):,.{digits}f}"
    if fmt == "accounting":
        return f"({abs(v):,.2f})" if v < 0 else f"{v:,.2f}"
    if fmt == "compact":
        for size, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
            if abs(v) >= size:
                return f"{v / size:.1f}".rstrip("0").rstrip(".") + suffix
        return f"{v:.1f}".rstrip("0").rstrip(".")
    if fmt == "scientific":
        return f"{v:.3E}"
    if fmt == "engineering":
        if v == 0:
            return "0E+0"
        exp = int(math.floor(math.log10(abs(v)) / 3) * 3)
        return f"{v / 10**exp:.3f}E{exp:+d}"
    try:
        return _printf(fmt, value)
    except (TypeError, ValueError):
        raise StreamlitAPIException(
            f"Invalid format {fmt!r} for the value {value!r}: use a printf format such as "
            "'%.2f' or a named format ('dollar', 'percent', 'compact'...)."
        ) from None


def _printf(fmt: str, value: Any) -> str:
    if "%d" in fmt or "%i" in fmt:
        value = round(float(value))
    return str(fmt % value)


def _shown(value: Any, fmt: str | None) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool) or not isinstance(value, int | float | decimal.Decimal):
        if type(value).__module__ == "numpy" and hasattr(value, "item"):
            return _shown(value.item(), fmt)
        if isinstance(value, str):
            return value
        raise StreamlitAPIException(
            f"'{value}' is of type {type(value)}, which is not an accepted type. value only "
            "accepts: int, float, str, or None. Please convert the value to an accepted type."
        )
    return format_number(value, fmt) if fmt is not None else str(value)


def _chart_values(chart_data: Any) -> list[float | None] | None:
    if chart_data is None:
        return None
    module = type(chart_data).__module__.split(".", 1)[0]
    if module == "pandas" and type(chart_data).__name__ == "DataFrame":
        chart_data = chart_data.iloc[:, 0]
    if module in ("pandas", "numpy", "pyarrow", "polars"):
        chart_data = chart_data.tolist() if hasattr(chart_data, "tolist") else list(chart_data)
    if not isinstance(chart_data, Iterable) or isinstance(chart_data, str | bytes | dict):
        raise StreamlitAPIException(
            f"chart_data must be a list of numbers (or a Series, array or one-column frame); "
            f"got {type(chart_data).__name__}."
        )
    out: list[float | None] = []
    for v in chart_data:
        if v is None or (isinstance(v, float) and math.isnan(v)):
            out.append(None)
        elif isinstance(v, int | float | decimal.Decimal) and not isinstance(v, bool):
            out.append(float(v))
        else:
            raise StreamlitAPIException(f"chart_data holds numbers only; got {v!r}.")
    return out


@api_function
def metric(
    label: str,
    value: Any,
    delta: Any = None,
    delta_color: DeltaColor = "normal",
    *,
    help: str | None = None,
    icon: str | None = None,
    label_visibility: Literal["visible", "hidden", "collapsed"] = "visible",
    border: bool = False,
    width: Literal["stretch", "content"] | int = "stretch",
    height: Literal["content", "stretch"] | int = "content",
    chart_data: Any = None,
    chart_type: Literal["line", "bar", "area"] = "line",
    delta_arrow: Literal["auto", "up", "down", "off"] = "auto",
    format: str | None = None,
    delta_description: str | None = None,
) -> ElementHandle:
    """A metric: a label, a big value, its delta (green up, red down) and a sparkline.

    Example:
        >>> st.metric("Temperature", "70 °F", "1.2 °F", chart_data=[68, 69, 70], border=True)
    """
    if delta_color not in _DELTA_COLORS:
        raise StreamlitAPIException(
            f"'{delta_color}' is not an accepted value. delta_color only accepts: "
            f"{', '.join(repr(c) for c in _DELTA_COLORS)}."
        )
    if label_visibility not in _LABEL_VISIBILITY:
        raise StreamlitAPIException(
            f"Unsupported label_visibility option '{label_visibility}'. "
            "Valid values are 'visible', 'hidden' or 'collapsed'."
        )
    if chart_type not in _CHART_TYPES:
        raise StreamlitAPIException(
            f"Invalid chart_type {chart_type!r}: use 'line', 'bar' or 'area'."
        )
    if delta_arrow not in _ARROWS:
        raise StreamlitAPIException(
            f"Invalid delta_arrow {delta_arrow!r}: use 'auto', 'up', 'down' or 'off'."
        )
    body = _shown(value, format)
    delta_text = "" if delta is None or delta == "" else _shown(delta, format)
    negative = delta_text.strip().startswith("-")
    direction = "down" if negative else "up"
    if delta_arrow in ("up", "down"):
        direction = delta_arrow
    color: str
    if delta_color == "normal":
        color = "red" if negative else "green"
    elif delta_color == "inverse":
        color = "green" if negative else "red"
    elif delta_color in ("off", "grey"):
        color = "gray"
    else:
        color = delta_color
    props: dict[str, Any] = {
        "label": str(label),
        "body": body,
        "delta": delta_text,
        "color": color if delta_text else "gray",
        "arrow": "off" if delta_arrow == "off" or not delta_text else direction,
        "help": help,
        "icon": icon,
        "label_visibility": label_visibility,
        "border": bool(border),
        "width": width,
        "height": height,
        "chart": _chart_values(chart_data),
        "chart_type": chart_type,
        "delta_description": delta_description,
    }
    return add_element("metric", props, value=body)
