"""``st.download_button``: a button that downloads data the script provides.

The data (str, bytes, a file object, or a function called only when the button is clicked)
is kept in the element as a ``MediaFile`` with its file name; the browser downloads it from
the media endpoint, with ``Content-Disposition: attachment``, byte for byte. The click then
reruns the app (``on_click="rerun"``), runs a callback first, or does nothing more
(``"ignore"``). Like ``st.button`` it is True for the run its click causes and is read-only in
session state. Knows nothing about HTTP.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

from tidal.api.shortcut import claim_shortcut, parse_shortcut
from tidal.api.widget_args import Args, Kwargs
from tidal.context import api_function, get_run
from tidal.errors import StreamlitInvalidLayoutContextError, StreamlitValueError, TidalAPIError
from tidal.forms import FORM_DOCS_TRAILER
from tidal.media_file import MediaFile, deferred_id, extension, media_id
from tidal.widget_meta import Callback
from tidal.widgets import Spec, label_text, register

OnClick = Callback | Literal["rerun", "ignore"] | None


def _click_from_wire(v: Any) -> bool:
    if v is not True:
        raise ValueError("a button click must be sent as true")
    return True


def _data_bytes(data: Any) -> bytes:
    if isinstance(data, str):
        return data.encode()
    if isinstance(data, bytes | bytearray | memoryview):
        return bytes(data)
    if hasattr(data, "getvalue"):
        return _data_bytes(data.getvalue())
    if hasattr(data, "read"):
        if hasattr(data, "seek"):
            data.seek(0)
        return _data_bytes(data.read())
    raise TidalAPIError(
        f"Invalid binary data format: {type(data)}. Pass a str, bytes, a file object, or a "
        "function that returns one of those."
    )


def _named(data: Any, file_name: str | None, mime: str | None) -> tuple[str | None, str | None]:
    """A file opened from disk names the download: its base name, and the type it implies."""
    try:
        name = getattr(data, "name", None)
    except (AttributeError, ValueError, OSError):
        return file_name, mime
    if not isinstance(name, str) or not name:
        return file_name, mime
    import mimetypes  # stdlib, imported on first use to keep `import tidal` fast
    import os.path

    file_name = file_name if file_name is not None else os.path.basename(name)
    return file_name, mime if mime is not None else mimetypes.guess_type(file_name)[0]


def _default_mime(data: Any) -> str:
    if isinstance(data, str) or isinstance(getattr(data, "getvalue", lambda: b"")(), str):
        return "text/plain"
    return "application/octet-stream"


@api_function
def download_button(
    label: str,
    data: Any,
    file_name: str | None = None,
    mime: str | None = None,
    key: str | None = None,
    help: str | None = None,
    on_click: OnClick = "rerun",
    args: Args = None,
    kwargs: Kwargs = None,
    *,
    type: Literal["primary", "secondary", "tertiary"] = "secondary",
    icon: str | None = None,
    icon_position: Literal["left", "right"] = "left",
    disabled: bool = False,
    use_container_width: bool | None = None,
    width: int | Literal["content", "stretch"] = "content",
    shortcut: str | None = None,
    wrap: bool | None = None,
) -> bool:
    """A button that downloads ``data`` as ``file_name``; True for the run its click causes.

    ``data`` may be a function: it is called only when the button is clicked (for data that
    is slow to make). ``on_click``: ``"rerun"`` (default), ``"ignore"`` (no rerun) or a
    callback.

    Example:
        >>> csv = df.to_csv(index=False)
        >>> st.download_button("Download CSV", csv, file_name="data.csv", mime="text/csv")
    """
    ctx = get_run()
    canonical = parse_shortcut(shortcut)  # checked as a button's: "Ctrl+K", "Enter"...
    claim_shortcut(ctx, canonical)
    if ctx.block.form:
        raise StreamlitInvalidLayoutContextError(
            "`st.download_button()` can't be used in an `st.form()`." + FORM_DOCS_TRAILER
        )
    if on_click is not None and on_click not in ("rerun", "ignore") and not callable(on_click):
        raise StreamlitValueError(
            "Invalid `on_click` value. Supported values: 'rerun', 'ignore', a callback function."
        )
    if icon_position not in ("left", "right"):
        raise TidalAPIError(f"st.download_button got icon_position={icon_position!r}.")
    text = label_text(label)
    if callable(data) and not hasattr(data, "read"):
        kind = mime or "application/octet-stream"
        name = file_name or "download" + extension(kind)
        mid = deferred_id(repr((text, key, name, kind, ctx.page_hash)))
        made: Callable[[], Any] = data
        file = MediaFile(made, kind, name)
    else:
        file_name, mime = _named(data, file_name, mime)
        raw = _data_bytes(data)
        kind = mime or _default_mime(data)
        name = file_name or "download" + extension(kind)
        mid = media_id(raw, kind, name)
        file = MediaFile(raw, kind, name)
    if use_container_width is not None:
        width = "stretch" if use_container_width else "content"
    callback = on_click if callable(on_click) else None
    value: bool = register(
        ctx,
        Spec(
            kind="download_button",
            label=text,
            key=key,
            identity=(text, help, type, icon, file_name, mime),
            keyed_identity=(),
            default=False,
            from_wire=_click_from_wire,
            callback=callback,
            args=args,
            kwargs=kwargs,
            help=help,
            disabled=disabled,
            trigger=True,
            readonly=True,
            props={
                # a disabled button offers nothing to download, not even on request
                "url": None if disabled else mid,
                "file_name": name,
                "kind": type,
                "icon": icon,
                "icon_position": icon_position,
                "ignore": on_click == "ignore",
                "width": width,
                "shortcut": canonical,
                "wrap": wrap,
            },
            extra={} if disabled else {mid: file},
        ),
    )
    return value
