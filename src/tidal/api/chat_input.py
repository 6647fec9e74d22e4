"""The chat message box: ``st.chat_input``, pinned below the main area or inline in a
container, and ``ChatInputValue``, its value when it accepts files or audio.

A chat input is a trigger widget: its value is the message on the run that handles the
submit, and None on every other run. Messages are checked on the server (type, ``max_chars``,
file types) before they reach session state. Files and audio recordings arrive over HTTP
through the upload endpoint (``uploads.py``) into the session's files, where the ids the
browser sends are looked up. Knows nothing about how the browser draws it.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Iterator, MutableMapping, Sequence
from typing import Any, Literal, overload

from tidal.api.widget_args import Args, Kwargs
from tidal.context import api_function, get_run
from tidal.errors import StreamlitInvalidLayoutContextError, TidalAPIError
from tidal.state_keys import check_user_key
from tidal.tree import MAIN
from tidal.uploaded_file import SessionFiles, UploadedFile
from tidal.widget_meta import Callback
from tidal.widgets import Spec, register

_SAMPLE_RATES = (8000, 11025, 16000, 22050, 24000, 32000, 44100, 48000)
_MEDIA_TYPES = ("image", "audio", "video", "text")


class ChatInputValue(MutableMapping[str, Any]):
    """What ``st.chat_input`` returns when it accepts files or audio: the message ``text``,
    its ``files`` (when ``accept_file``) and its ``audio`` recording (when ``accept_audio``),
    by attribute or by key.

    Example:
        >>> prompt = st.chat_input("Say something", accept_file=True)
        >>> if prompt and prompt["files"]:
        ...     st.write(prompt.files[0].name)
    """

    __slots__ = ("_keys", "audio", "files", "text")

    def __init__(
        self,
        text: str,
        files: list[Any] | None = None,
        audio: Any = None,
        *,
        include_files: bool = False,
        include_audio: bool = False,
    ) -> None:
        self.text = text
        self.files = list(files or [])
        self.audio = audio
        keys = ["text"]
        if include_files:
            keys.append("files")
        if include_audio:
            keys.append("audio")
        self._keys = tuple(keys)

    def __getattribute__(self, name: str) -> Any:
        if name in ("files", "audio") and name not in object.__getattribute__(self, "_keys"):
            setting = "accept_file" if name == "files" else "accept_audio"
            raise AttributeError(
                f"'ChatInputValue' object has no attribute {name!r} ({setting}=False)"
            )
        return object.__getattribute__(self, name)

    def __getitem__(self, key: str) -> Any:
        if key not in self._keys:
            raise KeyError(f"Invalid key: {key}")
        return getattr(self, key)

    def __setitem__(self, key: str, value: Any) -> None:
        if key not in self._keys:
            raise KeyError(f"Invalid key: {key}")
        setattr(self, key, value)

    def __delitem__(self, key: str) -> None:
        raise KeyError(f"Cannot delete {key!r} from a chat input value")

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, ChatInputValue):
            return self.to_dict() == other.to_dict()
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def to_dict(self) -> dict[str, Any]:
        """The value as a plain dict."""
        return {k: getattr(self, k) for k in self._keys}

    def __repr__(self) -> str:
        return f"ChatInputValue({self.to_dict()!r})"


def normalize_file_types(file_type: str | Sequence[str] | None) -> list[str] | None:
    """``"csv"``/``".CSV"`` -> ``".csv"``; ``"image"`` -> ``"image/*"``; MIME types kept."""
    if file_type is None:
        return None
    types = [file_type] if isinstance(file_type, str) else list(file_type)
    out: list[str] = []
    for t in types:
        if not isinstance(t, str) or not t.strip():
            raise TidalAPIError(
                f"st.chat_input(file_type={file_type!r}): each file type must be a non-empty "
                "string such as 'csv', '.png', 'image/jpeg' or 'image'."
            )
        t = t.strip().lower()
        if t in _MEDIA_TYPES:
            out.append(f"{t}/*")
        elif "/" in t:
            out.append(t)
        else:
            out.append(t if t.startswith(".") else f".{t}")
    return out


def file_type_allowed(name: str, mime: str | None, types: list[str] | None) -> bool:
    """Whether a file named ``name`` (of MIME type ``mime``) is one of ``types``."""
    if not types:
        return True
    lowered = name.lower()
    mime = (mime or mimetypes.guess_type(name)[0] or "").lower()
    for t in types:
        if t.startswith(".") and lowered.endswith(t):
            return True
        if t.endswith("/*") and mime.startswith(t[:-1]):
            return True
        if mime and t == mime:
            return True
    return False


class _ChatWire:
    """Validates what the browser sends for one chat input (``from_wire``) and spells the
    value for the browser and AppTest (``to_wire``)."""

    __slots__ = ("accept_audio", "accept_files", "files", "max_chars", "types")

    def __init__(
        self,
        max_chars: int | None,
        accept_files: bool,
        accept_audio: bool,
        types: list[str] | None,
        files: SessionFiles | None = None,
    ) -> None:
        self.max_chars = max_chars
        self.accept_files = accept_files
        self.accept_audio = accept_audio
        self.types = types
        self.files = files
        """The session's uploaded files, where the ids the browser sends are looked up."""

    def _file(self, file_id: str) -> UploadedFile:
        """The uploaded file with this id (sent to the upload endpoint by this session)."""
        found = self.files.get(file_id) if self.files is not None else None
        if found is None:
            raise ValueError(f"no uploaded file {file_id[:40]!r} in this session")
        info, data = found
        return UploadedFile(info, data)

    def from_wire(self, v: Any) -> str | ChatInputValue | None:
        if v is None:
            return None
        files: list[str] = []
        audio: str | None = None
        if isinstance(v, dict):
            text = v.get("text", "")
            files = v.get("files") or []
            audio = v.get("audio")
            if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
                raise ValueError("files must be a list of upload ids")
            if audio is not None and not isinstance(audio, str):
                raise ValueError("audio must be an upload id or null")
            if files and not self.accept_files:
                raise ValueError("this chat input does not accept files")
            if audio is not None and not self.accept_audio:
                raise ValueError("this chat input does not accept audio")
        else:
            text = v
        if not isinstance(text, str):
            raise ValueError("a chat message must be text")
        if self.max_chars is not None and len(text) > self.max_chars:
            raise ValueError(
                f"the message has {len(text)} characters, over max_chars={self.max_chars}"
            )
        if not (self.accept_files or self.accept_audio):
            return text
        uploaded = [self._file(f) for f in files]
        for f in uploaded:
            if not file_type_allowed(getattr(f, "name", ""), getattr(f, "type", None), self.types):
                accepted = ", ".join(self.types or [])
                name = getattr(f, "name", "?")
                raise ValueError(f"{name} is not an accepted file type ({accepted})")
        recording = self._file(audio) if audio is not None else None
        if recording is not None and not file_type_allowed(
            recording.name, recording.type, [".wav", "audio/wav"]
        ):
            raise ValueError(f"{recording.name} is not a WAV recording")
        return ChatInputValue(
            text,
            uploaded,
            recording,
            include_files=self.accept_files,
            include_audio=self.accept_audio,
        )

    @staticmethod
    def to_wire(value: Any) -> Any:
        if isinstance(value, ChatInputValue):
            # as the browser sends it: the files and the recording by their upload ids
            wire: dict[str, Any] = {"text": value.text}
            if "files" in value:
                wire["files"] = [f.file_id for f in value.files]
            if "audio" in value and value.audio is not None:
                wire["audio"] = value.audio.file_id
            return wire
        return value


def _position(ctx_path: tuple[int, ...]) -> Literal["bottom", "inline"]:
    """Directly in the main area: pinned to the bottom of the page (in the bottom root, so
    what the script writes after it goes above it); anywhere else, inline."""
    return "bottom" if ctx_path == (MAIN,) else "inline"


@overload
def chat_input(
    placeholder: str = "Your message",
    *,
    key: str | int | None = None,
    max_chars: int | None = None,
    max_upload_size: int | None = None,
    accept_file: Literal[False] = False,
    file_type: str | Sequence[str] | None = None,
    accept_audio: Literal[False] = False,
    audio_sample_rate: int | None = 16000,
    disabled: bool = False,
    submit_mode: str = "submit",
    on_submit: Callback | None = None,
    args: Args = None,
    kwargs: Kwargs = None,
    width: int | Literal["stretch"] = "stretch",
    height: int | Literal["content", "stretch"] = "content",
) -> str | None: ...


@overload
def chat_input(
    placeholder: str = "Your message",
    *,
    key: str | int | None = None,
    max_chars: int | None = None,
    max_upload_size: int | None = None,
    accept_file: Literal[False] = False,
    file_type: str | Sequence[str] | None = None,
    accept_audio: Literal[True],
    audio_sample_rate: int | None = 16000,
    disabled: bool = False,
    submit_mode: str = "submit",
    on_submit: Callback | None = None,
    args: Args = None,
    kwargs: Kwargs = None,
    width: int | Literal["stretch"] = "stretch",
    height: int | Literal["content", "stretch"] = "content",
) -> ChatInputValue | None: ...


@overload
def chat_input(
    placeholder: str = "Your message",
    *,
    key: str | int | None = None,
    max_chars: int | None = None,
    max_upload_size: int | None = None,
    accept_file: Literal[True, "multiple", "directory"],
    file_type: str | Sequence[str] | None = None,
    accept_audio: bool = False,
    audio_sample_rate: int | None = 16000,
    disabled: bool = False,
    submit_mode: str = "submit",
    on_submit: Callback | None = None,
    args: Args = None,
    kwargs: Kwargs = None,
    width: int | Literal["stretch"] = "stretch",
    height: int | Literal["content", "stretch"] = "content",
) -> ChatInputValue | None: ...


@api_function
def chat_input(
    placeholder: str = "Your message",
    *,
    key: str | int | None = None,
    max_chars: int | None = None,
    max_upload_size: int | None = None,
    accept_file: bool | Literal["multiple", "directory"] = False,
    file_type: str | Sequence[str] | None = None,
    accept_audio: bool = False,
    audio_sample_rate: int | None = 16000,
    disabled: bool = False,
    submit_mode: str = "submit",
    on_submit: Callback | None = None,
    args: Args = None,
    kwargs: Kwargs = None,
    width: int | Literal["stretch"] = "stretch",
    height: int | Literal["content", "stretch"] = "content",
) -> str | ChatInputValue | None:
    """A message box: returns the message on the run after the person sends it, else None.

    In the main area it is pinned to the bottom of the page; inside a container, a column,
    the sidebar or a fragment it sits where it is called. With ``accept_file`` (``True``,
    ``"multiple"``, ``"directory"``) or ``accept_audio``, the value is a ``ChatInputValue``
    with ``.text``, ``.files`` and ``.audio``.

    Example:
        >>> if prompt := st.chat_input("Say something"):
        ...     with st.chat_message("user"):
        ...         st.write(prompt)
    """
    ctx = get_run()
    if ctx.block.form:
        raise StreamlitInvalidLayoutContextError(
            "`st.chat_input()` can't be used in a `st.form()`."
        )
    if accept_file not in (True, False, "multiple", "directory"):
        raise TidalAPIError(
            "The `accept_file` parameter must be a boolean or 'multiple' or 'directory'."
        )
    if max_upload_size is not None and (
        isinstance(max_upload_size, bool)
        or not isinstance(max_upload_size, int)
        or max_upload_size <= 0
    ):
        raise TidalAPIError(
            "The `max_upload_size` parameter must be a positive integer representing the maximum "
            "file size in megabytes, or None to fall back to the `server.maxUploadSize` "
            "configuration option."
        )
    if max_chars is not None and (not isinstance(max_chars, int) or max_chars <= 0):
        raise TidalAPIError(
            f"st.chat_input(max_chars={max_chars!r}) must be a positive integer or None."
        )
    if audio_sample_rate is not None and audio_sample_rate not in _SAMPLE_RATES:
        raise TidalAPIError(
            f"Invalid audio_sample_rate: {audio_sample_rate}. Must be one of "
            f"{sorted(_SAMPLE_RATES)} Hz, or None for browser default."
        )
    if not isinstance(submit_mode, str):
        raise TidalAPIError(f"st.chat_input(submit_mode={submit_mode!r}) must be a string.")
    types = normalize_file_types(file_type)
    accepts_files = accept_file in (True, "multiple", "directory")
    wire = _ChatWire(max_chars, accepts_files, bool(accept_audio), types, ctx.state.files)
    position = _position(ctx.block.path)
    # Streamlit: text assigned to the key in this run fills the box (not sent: None returned)
    user_key = None if key is None else check_user_key(key)
    assigned = ctx.state.get(user_key) if ctx.state.assigned_this_run(user_key) else None
    prefill = None if assigned is None else str(assigned)
    files_setting = (
        accept_file if isinstance(accept_file, str) else ("single" if accept_file else "none")
    )
    spec = Spec(
        kind="chat_input",
        label="",
        key=key,
        identity=(
            str(placeholder),
            max_chars,
            max_upload_size,
            files_setting,
            tuple(types or ()),
            bool(accept_audio),
            audio_sample_rate,
            width,
            height,
        ),
        # like Streamlit: these reset a keyed chat input when they change
        keyed_identity=(files_setting, tuple(types or ()), max_chars, max_upload_size),
        default=None,
        from_wire=wire.from_wire,
        to_wire=wire.to_wire,
        callback=on_submit,
        args=args,
        kwargs=kwargs,
        disabled=bool(disabled),
        label_visibility="collapsed",
        trigger=True,
        props={
            "placeholder": str(placeholder),
            "max_chars": max_chars,
            "accept_file": files_setting,
            "file_type": types,
            "max_upload_size": max_upload_size,
            "accept_audio": bool(accept_audio),
            "audio_sample_rate": audio_sample_rate,
            "submit_mode": submit_mode,
            "position": position,
            "width": width,
            "height": height,
            "set_value": prefill,
        },
    )
    block = ctx.block if position == "inline" else ctx.bottom_block()
    with ctx.inside(block):
        value: str | ChatInputValue | None = register(ctx, spec)
    if prefill is not None:
        children = block.node.children
        assert children is not None
        ctx.state.set_widget_value(children[-1].props["id"], None)
        return None
    return value
