"""What a test gets back for the file widgets: ``st.file_uploader``, ``st.camera_input`` and
``st.audio_input``.

Owns ``FileInput``: files staged as ``(filename, content, mime_type)`` tuples, as in
Streamlit's AppTest, and ``store_upload``, which puts each in the session's file store as an
upload over HTTP would put it (the chat input's files go the same way).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tidal.testing.elements import _MISSING
from tidal.testing.widget_elements import Widget
from tidal.uploaded_file import UploadedFile

if TYPE_CHECKING:
    from tidal.testing.host import AppHost


def store_upload(
    app: AppHost, widget_id: str, filename: str, content: bytes | str, mime_type: str
) -> UploadedFile:
    """Put one file in the session's file store for ``widget_id``, as an upload over HTTP
    would, and give it back as the script would get it.

    Example:
        >>> store_upload(at, at.file_uploader[0].id, "a.csv", b"x", "text/csv").name
        'a.csv'
    """
    raw = content.encode() if isinstance(content, str) else bytes(content)
    files = app._session.state.files
    assert files is not None, "the AppTest session keeps uploaded files"
    return UploadedFile(files.add(filename, mime_type, raw, widget_id), raw)


class FileInput(Widget):
    """``st.file_uploader``, ``st.camera_input`` and ``st.audio_input``.

    Files are ``(filename, content, mime_type)`` tuples, as in Streamlit's AppTest: ``upload``
    stages one (a file uploader collects the files staged before the next ``run()``; a camera
    or audio input keeps the last), ``set_value`` stages one, a list, or None. Each staged file
    goes into the session's file store, as an upload over HTTP would put it.
    """

    @property
    def accept_multiple_files(self) -> bool:
        """Whether the widget takes several files (a folder too)."""
        return bool(self.props.get("multiple"))

    @property
    def accept_directory(self) -> bool:
        """Whether the widget takes a folder (``accept_multiple_files="directory"``)."""
        return self.props.get("multiple") == "directory"

    @property
    def resolution(self) -> str | None:
        """``st.camera_input``'s ``resolution`` (``"720p"``...), or None."""
        value = self.props.get("resolution")
        return None if value is None else str(value)

    @property
    def sample_rate(self) -> int | None:
        """``st.audio_input``'s sample rate in Hz (None: the microphone's own)."""
        rate = self.props.get("sample_rate")
        return None if rate is None else int(rate)

    @property
    def allowed_type(self) -> list[str]:
        """The accepted extensions and MIME types (empty: any file)."""
        return list(self.props.get("types") or [])

    def _check(self, filename: str, mime_type: str) -> str:
        """Camera and audio inputs only make what a browser makes: a .jpg or a .wav."""
        need = {"camera_input": (".jpg", "image/jpeg"), "audio_input": (".wav", "audio/wav")}
        if self.type not in need:
            return mime_type
        ext, mime = need[self.type]
        what = "captures" if self.type == "camera_input" else "records"
        if not filename.lower().endswith(ext):
            raise ValueError(f"st.{self.type} only {what} {ext} files. Got filename {filename!r}.")
        if mime_type.lower() != mime:
            raise ValueError(f"st.{self.type} files use MIME type {mime!r}. Got {mime_type!r}.")
        return mime

    def _stage_file(self, filename: str, content: bytes | str, mime_type: str) -> UploadedFile:
        return store_upload(self._app, self.id, filename, content, self._check(filename, mime_type))

    def upload(
        self, filename: str, content: bytes, mime_type: str = "application/octet-stream"
    ) -> FileInput:
        """Stage one uploaded file (added to the files staged since the last run; a camera
        or audio input keeps only the last).

        Example:
            >>> at.file_uploader[0].upload("a.csv", b"x,y\n1,2\n", "text/csv").run()
        """
        if self.type == "camera_input" and mime_type == "application/octet-stream":
            mime_type = "image/jpeg"
        if self.type == "audio_input" and mime_type == "application/octet-stream":
            mime_type = "audio/wav"
        uploaded = self._stage_file(filename, content, mime_type)
        if self.type != "file_uploader":
            return self.set_value(uploaded)
        staged = self._app._staged.get(self.id, _MISSING)
        files = list(staged) if isinstance(staged, list) else []
        if isinstance(staged, UploadedFile):
            files = [staged]  # a single-file uploader takes the first, as Streamlit's
        return self.set_value([*files, uploaded])

    def set_value(self, value: Any) -> FileInput:
        """Stage files: a ``(filename, content, mime_type)`` tuple, a list of them, None (no
        file), or ``UploadedFile`` objects."""
        if isinstance(value, tuple) and len(value) == 3 and isinstance(value[0], str):
            value = self._stage_file(*value)
        elif isinstance(value, list | tuple):
            value = [self._stage_file(*v) if isinstance(v, tuple) else v for v in value]
        if self.type == "file_uploader" and not self.accept_multiple_files:
            if isinstance(value, list):
                value = value[0] if value else None
        elif self.type == "file_uploader" and isinstance(value, UploadedFile):
            value = [value]
        # Like Streamlit's AppTest for files, refuse at once what the widget would not take
        # (a type it does not accept, a file over its size, an id it never issued)
        meta = self._app._session.state.meta(self.id)
        if meta is not None:
            meta.from_wire(meta.to_wire(value))
        super().set_value(value)
        return self

    def clear(self) -> FileInput:
        """Stage no file."""
        return self.set_value(None)


class FileUploader(FileInput):
    """``st.file_uploader``."""


class CameraInput(FileInput):
    """``st.camera_input``."""


class AudioInput(FileInput):
    """``st.audio_input``."""


FILE_CLASSES: dict[str, type[Widget]] = {
    "file_uploader": FileUploader,
    "camera_input": CameraInput,
    "audio_input": AudioInput,
}
"""The wrapper class of each file widget type."""
