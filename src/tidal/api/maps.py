"""``st.map``: points from latitude/longitude columns on a map.

Owns the function: it finds the coordinate columns (``lat``/``latitude``/``LAT``/``LATITUDE``
and the same for ``lon``/``longitude``, or the ones named), checks them (numbers, no missing
values, on the globe), and sends them as compact columns (``chart_data.py``) with each
point's colour and radius (a column, or one value for all; the radius in metres, 100 by
default), and the map tiles of the configuration (``map.tileUrl``, shared with
``st.pydeck_chart``). The browser draws the points on a canvas in Web Mercator, fitted to them
unless ``zoom`` is given, over those tiles, or over a plain base when there are none (so the
map works without a network). Knows nothing about how it is drawn.
"""

from __future__ import annotations

from typing import Any

from tidal.api.builtin_charts import chart_size, css_color, is_color
from tidal.api.chart_data import encode_column
from tidal.api.handle import ElementHandle, add_element
from tidal.context import api_function, maybe_run
from tidal.dataframes import to_table
from tidal.errors import StreamlitAPIException
from tidal.tables import Column, Table, is_missing

MAP_TYPE = "map"
LAT_NAMES = ("LAT", "LATITUDE", "lat", "latitude")
LON_NAMES = ("LON", "LONGITUDE", "lon", "longitude")
DEFAULT_RADIUS = 100
"""Metres, as Streamlit's."""
DEFAULT_COLOR = "#ff2b2bc8"


def tile_props() -> dict[str, str] | None:
    """The tiles maps draw under their points (``map.tileUrl``), or None for a plain base.

    Example:
        >>> tile_props()  # with map.tileUrl = "https://t.example/{z}/{x}/{y}.png"
        {'url': 'https://t.example/{z}/{x}/{y}.png', 'attribution': ''}
    """
    ctx = maybe_run()
    config = ctx.options.config if ctx is not None else None
    if config is None or not config.map.tile_url:
        return None
    return {"url": config.map.tile_url, "attribution": config.map.tile_attribution}


def _find(table: Table, given: str | None, names: tuple[str, ...], what: str) -> Column:
    columns = {c.name: c for c in table.columns}
    if given is not None:
        if given not in columns:
            raise StreamlitAPIException(
                f'Map data does not have a column named "{given}" for {what}. Existing '
                f"columns: {', '.join(columns) or 'none'}."
            )
        return columns[given]
    for name in names:
        if name in columns:
            return columns[name]
    raise StreamlitAPIException(
        f"Map data must contain a {what} column named: "
        f"{', '.join(repr(n) for n in names)}. Existing columns: "
        f"{', '.join(repr(n) for n in columns) or 'none'}. Or pass {what}='<column>'."
    )


def _check_coordinates(col: Column, lo: float, hi: float) -> None:
    if col.kind not in ("int", "float", "decimal"):
        raise StreamlitAPIException(
            f'Column "{col.name}" must hold numbers (degrees); it holds {col.kind} values.'
        )
    for v in col.values:
        if is_missing(v):
            raise StreamlitAPIException(
                f'Column "{col.name}" is not allowed to contain null values, such as NaN, NaT, '
                "or None. Drop those rows first (df.dropna())."
            )
        if not lo <= float(v) <= hi:
            raise StreamlitAPIException(
                f'Column "{col.name}" holds {v!r}, outside {lo}..{hi} degrees.'
            )


def _per_point(table: Table, value: Any, what: str) -> dict[str, Any] | None:
    """A column name -> its encoded column; None when ``value`` is not a column."""
    if isinstance(value, str) and not is_color(value):
        for c in table.columns:
            if c.name == value:
                return encode_column(c)
        raise StreamlitAPIException(
            f'Map data does not have a column named "{value}" for {what}. Pass a column name '
            f"or one {what} for every point."
        )
    return None


@api_function
def map(
    data: Any = None,
    *,
    latitude: str | None = None,
    longitude: str | None = None,
    color: str | tuple[float, ...] | None = None,
    size: str | float | None = None,
    zoom: int | None = None,
    width: int | str = "stretch",
    height: int | str = 500,
    use_container_width: bool | None = None,
    alt: str | None = None,
) -> ElementHandle:
    """Show points on a map.

    Args:
        data: anything ``st.dataframe`` takes, with latitude and longitude columns.
        latitude: the latitude column (None: ``lat``, ``latitude``, ``LAT`` or ``LATITUDE``).
        longitude: the longitude column (None: ``lon``, ``longitude``, ``LON``, ``LONGITUDE``).
        color: a column of colours, or one colour for every point.
        size: a column of radii in metres, or one radius (100 by default).
        zoom: the zoom level (0: the whole world); None fits the map to the points.
        width: ``"stretch"`` or pixels.
        height: pixels (500) or ``"stretch"``.
        use_container_width: deprecated; True is ``width="stretch"``.
        alt: text describing the map for screen readers.

    Example:
        >>> st.map({"lat": [38.72, 59.91], "lon": [-9.14, 10.75]}, size=20000, color="#0068c9")
    """
    table = to_table(data, command="st.map")
    lat = _find(table, latitude, LAT_NAMES, "latitude")
    lon = _find(table, longitude, LON_NAMES, "longitude")
    _check_coordinates(lat, -90, 90)
    _check_coordinates(lon, -180, 180)
    width, height = chart_size(width, height, use_container_width)
    if zoom is not None and (not isinstance(zoom, int | float) or not 0 <= zoom <= 24):
        raise StreamlitAPIException(f"zoom must be a number from 0 to 24; got {zoom!r}.")
    colors = _per_point(table, color, "color")
    if colors is None and color is not None and not is_color(color):
        raise StreamlitAPIException(
            f"This does not look like a valid color argument: {color!r}. Pass a column name or "
            'a colour ("#ff0000", (255, 0, 0)).'
        )
    sizes = _per_point(table, size, "size")
    if sizes is None and size is not None and not isinstance(size, int | float):
        raise StreamlitAPIException(f"size must be a column name or a number; got {size!r}.")
    props = {
        "n": table.nrows,
        "lat": encode_column(lat),
        "lon": encode_column(lon),
        "color": colors if colors is not None else css_color(color or DEFAULT_COLOR),
        "size": sizes if sizes is not None else (size if size is not None else DEFAULT_RADIUS),
        "zoom": zoom,
        "width": width,
        "height": height,
        "alt": alt,
        "tiles": tile_props(),
    }
    return add_element(MAP_TYPE, props, extra=data)
