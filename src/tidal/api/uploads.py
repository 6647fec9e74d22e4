"""File inputs: ``st.file_uploader``, ``st.camera_input`` and ``st.audio_input``.

Their bytes never travel over the websocket: the browser uploads each file over HTTP to the
session's file store (``tidal.uploads``) and then sends, as the widget's value, the list of
its files' ids and metadata. The value check here turns those ids into ``UploadedFile``
objects, refusing ids the session does not hold and files the widget does not accept. All
three are read-only in session state (W-10). Knows nothing about HTTP or where files are kept.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

from tidal.api.widget_args import Args, Kwargs
from tidal.context import RunContext, api_function, get_run
from tidal.errors import StreamlitValueError, TidalAPIError
from tidal.uploaded_file import FILE_ID, Accept, SessionFiles, UploadedFile
from tidal.widget_meta import Callback
from tidal.widgets import Spec, label_text, register

OnChange = Callback | Literal["rerun", "ignore"] | None
RESOLUTIONS = {"480p": 480, "720p": 720, "1080p": 1080}
"""``st.camera_input(resolution=...)``: the camera height asked for."""
SAMPLE_RATES = (8000, 11025, 16000, 22050, 24000, 32000, 44100, 48000)
"""The sample rates ``st.audio_input`` records at (or None: the microphone's own)."""
Width = Literal["stretch"] | int


def _callback(name: str, on_change: object) -> Callback | None:
    """``"rerun"``/None: rerun only; ``"ignore"``: no rerun; a callable: call it, rerun."""
    if on_change is None or on_change in ("rerun", "ignore"):
        return None
    if callable(on_change):
        return on_change
    raise StreamlitValueError(
        "Invalid `on_change` value. Supported values: 'rerun', 'ignore', a callback function."
    )


def _width(name: str, width: object) -> str | int:
    if width == "stretch" or (isinstance(width, int) and not isinstance(width, bool) and width > 0):
        return width
    raise TidalAPIError(
        f"st.{name} got width={width!r}: use 'stretch' or a positive number of pixels."
    )


def _files_to_wire(value: Any) -> list[dict[str, Any]]:
    """The file list the browser shows: id, name, size, type of each file."""
    files = value if isinstance(value, list | tuple) else [value]
    return [
        {"file_id": f.file_id, "name": f.name, "size": f.size, "type": f.type}
        for f in files
        if isinstance(f, UploadedFile)
    ]


def _reader(
    files: SessionFiles | None, accept: Accept, multiple: bool, held: dict[str, UploadedFile]
) -> Callable[[Any], Any]:
    """The widget's value check: browser file list -> ``UploadedFile``(s).

    ``held`` are the files the widget already has (its value in the run that drew it): they
    are taken as they are, without reading the store again. Raises ValueError for anything
    but a list of objects naming files this session holds and this widget accepts (a forged
    or foreign id, a type or size it refuses).
    """

    def from_wire(raw: Any) -> Any:
        if raw is None:
            raw = []
        if not isinstance(raw, list) or not all(isinstance(f, dict) for f in raw):
            raise ValueError("expected a list of uploaded files")
        if not multiple:
            raw = raw[:1]  # one file: the first, as Streamlit takes it
        out: list[UploadedFile] = []
        for entry in raw:
            file_id = entry.get("file_id")
            if not isinstance(file_id, str) or not FILE_ID.fullmatch(file_id):
                raise ValueError("not a file id")
            if file_id in held:
                out.append(held[file_id])
                continue
            found = files.get(file_id) if files is not None else None
            if found is None:
                raise ValueError(f"no uploaded file {file_id!r} in this session")
            info, data = found
            refusal = accept.refusal(info.name, info.type, info.size)
            if refusal is not None:
                raise ValueError(refusal)
            out.append(UploadedFile(info, data))
        if multiple:
            return out
        return out[0] if out else None

    return from_wire


def _file_input(
    ctx: RunContext,
    kind: str,
    label: str,
    accept: Accept,
    multiple: bool | Literal["directory"],
    key: object,
    help: str | None,
    on_change: OnChange,
    args: Args,
    kwargs: Kwargs,
    disabled: bool,
    label_visibility: str,
    identity: tuple[Any, ...],
    props: dict[str, Any],
) -> Any:
    text = label_text(label)
    many = bool(multiple)
    held: dict[str, UploadedFile] = {}
    result = register(
        ctx,
        Spec(
            kind=kind,
            label=text,
            key=key,
            identity=(text, *identity, help),
            keyed_identity=identity,
            default=[] if many else None,
            from_wire=_reader(ctx.state.files, accept, many, held),
            to_wire=_files_to_wire,
            callback=_callback(kind, on_change),
            args=args,
            kwargs=kwargs,
            help=help,
            disabled=disabled,
            label_visibility=label_visibility,
            readonly=True,
            props={
                "types": list(accept.types),
                "max_bytes": accept.max_bytes,
                "multiple": multiple,
                "ignore": on_change == "ignore",
                **props,
            },
            clear_default=[],
        ),
    )
    for f in result if isinstance(result, list) else [result]:
        if isinstance(f, UploadedFile):
            held[f.file_id] = f
    return result


@api_function
def file_uploader(
    label: str,
    type: str | list[str] | None = None,
    accept_multiple_files: bool | Literal["directory"] = False,
    key: str | None = None,
    help: str | None = None,
    on_change: OnChange = "rerun",
    args: Args = None,
    kwargs: Kwargs = None,
    *,
    max_upload_size: int | None = None,
    disabled: bool = False,
    label_visibility: str = "visible",
    width: Width = "stretch",
) -> Any:
    """A file picker with drag and drop. Returns an ``UploadedFile`` (a ``BytesIO`` with
    ``name``, ``type``, ``size`` and ``file_id``) or None; with ``accept_multiple_files=True``
    (or ``"directory"``, to pick a folder) a list of them.

    ``type`` lists the accepted extensions (``"csv"``, ``".png"``) or MIME types
    (``"image/png"``, ``"image/*"``); ``max_upload_size`` is in megabytes (default:
    ``server.maxUploadSize``). Files refused by type or size are refused by the server too.

    Example:
        >>> f = st.file_uploader("Choose a CSV", type="csv")
        >>> if f is not None:
        ...     st.write(f.name, len(f.getvalue()), "bytes")
    """
    ctx = get_run()
    if accept_multiple_files not in (True, False, "directory"):
        raise TidalAPIError(
            f"st.file_uploader got accept_multiple_files={accept_multiple_files!r}: use "
            "True, False or 'directory'."
        )
    if max_upload_size is not None and (
        isinstance(max_upload_size, bool)
        or not isinstance(max_upload_size, int)
        or max_upload_size < 1
    ):
        raise StreamlitValueError(
            "Invalid `max_upload_size` value. Supported values: a positive integer. Set it to "
            "None to fall back to the `server.maxUploadSize` configuration option."
        )
    limit = ctx.options.max_upload_size if max_upload_size is None else max_upload_size
    accept = Accept.of(type, limit)
    return _file_input(
        ctx,
        "file_uploader",
        label,
        accept,
        accept_multiple_files,
        key,
        help,
        on_change,
        args,
        kwargs,
        disabled,
        label_visibility,
        (accept.types, accept_multiple_files, max_upload_size),
        {"width": _width("file_uploader", width)},
    )


@api_function
def camera_input(
    label: str,
    key: str | None = None,
    help: str | None = None,
    on_change: OnChange = "rerun",
    args: Args = None,
    kwargs: Kwargs = None,
    *,
    disabled: bool = False,
    label_visibility: str = "visible",
    resolution: Literal["480p", "720p", "1080p"] | None = None,
    width: Width = "stretch",
) -> UploadedFile | None:
    """Take a photo with the webcam: returns it as an ``UploadedFile`` (JPEG) or None.
    ``resolution`` (``"480p"``, ``"720p"``, ``"1080p"``) asks the camera for that height.

    Example:
        >>> photo = st.camera_input("Take a picture")
        >>> if photo is not None:
        ...     st.image(photo)
    """
    ctx = get_run()
    if resolution is not None and resolution not in RESOLUTIONS:
        raise StreamlitValueError(
            "Invalid `resolution` value. Supported values: '480p', '720p', '1080p', None."
        )
    accept = Accept.of(["image/jpeg"], ctx.options.max_upload_size)
    result: UploadedFile | None = _file_input(
        ctx,
        "camera_input",
        label,
        accept,
        False,
        key,
        help,
        on_change,
        args,
        kwargs,
        disabled,
        label_visibility,
        (resolution,),
        {
            "resolution": resolution,
            "height": None if resolution is None else RESOLUTIONS[resolution],
            "width": _width("camera_input", width),
        },
    )
    return result


@api_function
def audio_input(
    label: str,
    *,
    sample_rate: int | None = 16000,
    key: str | None = None,
    help: str | None = None,
    on_change: OnChange = "rerun",
    args: Args = None,
    kwargs: Kwargs = None,
    disabled: bool = False,
    label_visibility: str = "visible",
    width: Width = "stretch",
) -> UploadedFile | None:
    """Record from the microphone: returns the recording as an ``UploadedFile`` (WAV at
    ``sample_rate`` Hz; None keeps the microphone's own rate) or None.

    Example:
        >>> voice = st.audio_input("Record a voice message", sample_rate=16000)
        >>> if voice is not None:
        ...     st.audio(voice)
    """
    ctx = get_run()
    if sample_rate is not None and sample_rate not in SAMPLE_RATES:
        raise StreamlitValueError(
            "Invalid `sample_rate` value. Supported values: "
            f"{', '.join(map(str, SAMPLE_RATES))}, None."
        )
    accept = Accept.of(["audio/wav", ".wav"], ctx.options.max_upload_size)
    result: UploadedFile | None = _file_input(
        ctx,
        "audio_input",
        label,
        accept,
        False,
        key,
        help,
        on_change,
        args,
        kwargs,
        disabled,
        label_visibility,
        (sample_rate,),
        {"sample_rate": sample_rate, "width": _width("audio_input", width)},
    )
    return result
