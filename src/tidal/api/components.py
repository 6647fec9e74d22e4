"""Custom components: Streamlit's ``components.v1`` API, so component packages run unchanged.

Owns the process-wide registry of declared components (``declare_component``), the callable a
declaration returns (``CustomComponent``), and ``html``/``iframe``. A component is shown in a
sandboxed iframe that speaks Streamlit's component protocol over ``postMessage`` (the browser
side is ``static/elements/component.js``); its value is a widget value like any other. Which
files are served for a component is ``component_files.py``'s business, from this registry.
"""

from __future__ import annotations

import base64
import inspect
import json
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tidal.api.handle import ElementHandle, add_element
from tidal.context import get_run
from tidal.errors import TidalAPIError
from tidal.widget_meta import Callback
from tidal.widgets import Spec, register

COMPONENT_TYPE = "component_instance"


class MarshallComponentException(TidalAPIError):
    """A component was called with arguments it cannot send to the browser."""


@dataclass(frozen=True, slots=True)
class Declared:
    """A declared component: its full name and where its front end comes from."""

    name: str
    path: Path | None
    url: str | None


class ComponentRegistry:
    """Every component declared in this process, by full name (thread-safe)."""

    def __init__(self) -> None:
        self._components: dict[str, Declared] = {}
        self._lock = threading.Lock()

    def register(self, component: Declared) -> None:
        """Add or replace a component (a module reloaded after an edit declares it again)."""
        with self._lock:
            self._components[component.name] = component

    def get(self, name: str) -> Declared | None:
        """The component declared under ``name``, or None."""
        with self._lock:
            return self._components.get(name)

    def get_component_path(self, name: str) -> str | None:
        """The folder a component's files are served from (Streamlit's registry method)."""
        found = self.get(name)
        return str(found.path) if found is not None and found.path is not None else None

    def get_module_name(self, name: str) -> str | None:
        """The module that declared the component (the part of its name before the dot)."""
        found = self.get(name)
        return found.name.rsplit(".", 1)[0] if found is not None else None

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self.get(name) is not None


REGISTRY = ComponentRegistry()
"""The components of this process; the component file route serves from it."""


def _caller_module_name(frame: Any) -> str:
    """The module name Streamlit prefixes a component's name with: the declaring module's
    ``__name__``, or the file's stem for a script run as ``__main__``."""
    module = inspect.getmodule(frame)
    name = module.__name__ if module is not None else "__main__"
    if name == "__main__":
        filename = os.path.basename(inspect.getfile(frame))
        name = os.path.splitext(filename)[0]
    return name


def declare_component(
    name: str, path: str | Path | None = None, url: str | None = None
) -> CustomComponent:
    """Declare a custom component; returns the function an app calls to show it.

    Args:
        name: the component's name, prefixed with the declaring module's name.
        path: the folder of the component's built front end (its ``index.html``).
        url: the address of a development server serving the front end instead.

    Returns:
        A ``CustomComponent``: call it with keyword arguments (sent to the front end as its
        ``args``), ``key``, ``default`` and ``on_change``; it returns the component's value.

    Raises:
        StreamlitAPIException: neither or both of ``path`` and ``url``.

    Example:
        >>> my_component = components.declare_component("my_component", path="frontend/build")
        >>> value = my_component(greeting="hello", default=0)
    """
    if (path is None) == (url is None):
        raise TidalAPIError("Either 'path' or 'url' must be set, but not both.")
    frame = inspect.currentframe()
    caller = frame.f_back if frame is not None else None
    module_name = _caller_module_name(caller) if caller is not None else "__main__"
    full_name = f"{module_name}.{name}"
    folder = None
    if path is not None:
        folder = Path(path).resolve()
        if not folder.is_dir():
            raise TidalAPIError(
                f"No such component directory: '{folder}'. Pass the folder that holds the "
                "component's built front end (its index.html)."
            )
    component = CustomComponent(full_name, folder, url)
    REGISTRY.register(Declared(full_name, folder, url))
    return component


class CustomComponent:
    """A declared component: call it to show it and get its value."""

    def __init__(self, name: str, path: Path | None = None, url: str | None = None) -> None:
        self.name = name
        self.path = str(path) if path is not None else None
        self.url = url

    def __repr__(self) -> str:
        return f"CustomComponent(name={self.name!r}, path={self.path!r}, url={self.url!r})"

    def __call__(
        self,
        *args: Any,
        default: Any = None,
        key: str | None = None,
        on_change: Callback | None = None,
        tab_index: int | None = None,
        **kwargs: Any,
    ) -> Any:
        """Show the component with ``kwargs`` as its arguments; returns its value (``default``
        until the component sends one)."""
        return self.create_instance(
            *args, default=default, key=key, on_change=on_change, tab_index=tab_index, **kwargs
        )

    def create_instance(
        self,
        *args: Any,
        default: Any = None,
        key: str | None = None,
        on_change: Callback | None = None,
        tab_index: int | None = None,
        **kwargs: Any,
    ) -> Any:
        """What calling the component does (Streamlit's method name)."""
        if args:
            raise MarshallComponentException(f"Argument '{args[0]}' needs a label")
        _check_tab_index(tab_index)
        json_args, dfs, binary = _split_args(kwargs)
        try:
            args_text = json.dumps(json_args, sort_keys=True, default=_unserializable)
        except (TypeError, ValueError) as exc:
            raise MarshallComponentException(
                f"Could not convert component args to JSON: {exc}"
            ) from None
        ctx = get_run()
        result = register(
            ctx,
            Spec(
                kind=COMPONENT_TYPE,
                label="",
                key=key,
                identity=(self.name, self.url, args_text, tuple(dfs), tuple(binary)),
                keyed_identity=(),
                default=None,
                from_wire=decode_value,
                to_wire=encode_value,
                callback=on_change,
                callback_allowed_in_form=False,
                props={
                    "value": None,  # the component keeps its own value; it is not echoed
                    "name": self.name,
                    "url": self.url,
                    "args": json.loads(args_text),
                    "dfs": dfs,
                    "bytes": binary,
                    "tab_index": tab_index,
                },
            ),
        )
        return default if result is None else result


def _check_tab_index(tab_index: object) -> None:
    if tab_index is None:
        return
    if isinstance(tab_index, bool) or not isinstance(tab_index, int) or tab_index < -1:
        raise TidalAPIError(
            f"tab_index must be None, -1, or a non-negative integer. Got {tab_index!r}."
        )


def _unserializable(value: object) -> Any:
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _is_dataframe(value: object) -> bool:
    return type(value).__module__.startswith("pandas") and type(value).__name__ == "DataFrame"


def _split_args(kwargs: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any], dict[str, str]]:
    """JSON args, DataFrame args (as Arrow, base64) and bytes args (base64), as Streamlit
    sends them: the component library turns the last two into ArrowTables and Uint8Arrays."""
    json_args: dict[str, Any] = {}
    dfs: dict[str, Any] = {}
    binary: dict[str, str] = {}
    for name, value in kwargs.items():
        if isinstance(value, bytes | bytearray | memoryview):
            binary[name] = base64.b64encode(bytes(value)).decode("ascii")
        elif _is_dataframe(value):
            dfs[name] = _dataframe_arg(value)
        else:
            json_args[name] = value
    return json_args, dfs, binary


def _dataframe_arg(df: Any) -> dict[str, str]:
    """A DataFrame as the component library's ArrowTable reads it: data, index and columns,
    each an Arrow IPC stream (base64 on tidal's JSON wire)."""
    try:
        import pyarrow as pa
    except ImportError:
        raise MarshallComponentException(
            "Passing a DataFrame to a component needs pyarrow: `pip install pyarrow`."
        ) from None

    def ipc(frame: Any) -> str:
        table = _older_arrow_types(pa, pa.Table.from_pandas(frame))
        sink = pa.BufferOutputStream()
        with pa.ipc.new_stream(sink, table.schema) as writer:
            writer.write_table(table)
        return base64.b64encode(sink.getvalue().to_pybytes()).decode("ascii")

    data = df.copy()
    data.columns = [str(c) for c in data.columns]
    return {
        "data": ipc(data.reset_index(drop=True)),
        "index": ipc(df.index.to_frame(index=False)),
        "columns": ipc(df.columns.to_frame(index=False)),
    }


def _older_arrow_types(pa: Any, table: Any) -> Any:
    """``table`` with large strings and binaries as plain ones: pandas' string columns become
    ``large_string``, which the Arrow JS of most component builds cannot read."""
    fields, changed = [], False
    for field in table.schema:
        kind = field.type
        if pa.types.is_large_string(kind):
            kind, changed = pa.string(), True
        elif pa.types.is_large_binary(kind):
            kind, changed = pa.binary(), True
        fields.append(pa.field(field.name, kind, field.nullable, field.metadata))
    if not changed:
        return table
    return table.cast(pa.schema(fields, metadata=table.schema.metadata))


def encode_value(value: Any) -> Any:
    """A component value as the browser sends it: JSON as is, bytes and data frames tagged."""
    if isinstance(value, bytes | bytearray):
        return {"dataType": "bytes", "value": base64.b64encode(bytes(value)).decode("ascii")}
    if _is_dataframe(value):
        return {"dataType": "dataframe", "value": _dataframe_arg(value)["data"]}
    return {"dataType": "json", "value": value}


def decode_value(wire: Any) -> Any:
    """The browser's ``{dataType, value}`` as the Python value the app gets.

    Raises:
        ValueError: not a component value, undecodable bytes, or a data frame without pyarrow.
    """
    if not isinstance(wire, dict) or set(wire) != {"dataType", "value"}:
        raise ValueError("expected {dataType, value}")
    kind, value = wire["dataType"], wire["value"]
    if kind == "json":
        return value
    if kind not in ("bytes", "dataframe") or not isinstance(value, str):
        raise ValueError(f"unknown dataType {kind!r}")
    try:
        raw = base64.b64decode(value, validate=True)
    except ValueError:
        raise ValueError("bytes are not base64") from None
    if kind == "bytes":
        return raw
    try:
        import pyarrow as pa
    except ImportError:
        raise ValueError("a data frame from a component needs pyarrow on the server") from None
    try:
        return pa.ipc.open_stream(raw).read_all().to_pandas()
    except (pa.ArrowInvalid, OSError) as exc:
        raise ValueError(f"not an Arrow table ({exc})") from None


def _size(value: int | None, name: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise TidalAPIError(f"{name} must be a non-negative number of pixels, or None.")
    return value


def html(
    html: str,
    width: int | None = None,
    height: int | None = None,
    scrolling: bool = False,
    *,
    tab_index: int | None = None,
) -> ElementHandle:
    """Show an HTML document in a sandboxed iframe (scripts run inside it, not in the page).

    Example:
        >>> components.html("<p id='x'>hi</p><script>x.textContent = 'from JS'</script>")
    """
    _check_tab_index(tab_index)
    return add_element(
        "component_html",
        {
            "srcdoc": str(html),
            "width": _size(width, "width"),
            "height": _size(height, "height") if height is not None else 150,
            "scrolling": bool(scrolling),
            "tab_index": tab_index,
        },
    )


def iframe(
    src: str,
    width: int | None = None,
    height: int | None = None,
    scrolling: bool = False,
    *,
    tab_index: int | None = None,
) -> ElementHandle:
    """Show a web page in a sandboxed iframe.

    Example:
        >>> components.iframe("https://example.com", height=400)
    """
    _check_tab_index(tab_index)
    if not isinstance(src, str) or not src.startswith(("http://", "https://", "/")):
        raise TidalAPIError(
            f"components.iframe(src={src!r}): give an http(s) URL or a path on this server."
        )
    return add_element(
        "component_iframe",
        {
            "src": src,
            "width": _size(width, "width"),
            "height": _size(height, "height") if height is not None else 150,
            "scrolling": bool(scrolling),
            "tab_index": tab_index,
        },
    )
