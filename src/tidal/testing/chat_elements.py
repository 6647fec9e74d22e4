"""What a test gets back for ``st.chat_input``: ``ChatInput``, which stages a message.

Owns the chat input's staging: its text (``set_value``), the files a chat input with
``accept_file`` takes (``upload``, each put in the session's file store as an upload over HTTP
would put it, refused at once when the chat input would refuse it) and ``clear``. The next
``run()`` sends the staged message; the script gets it once, as ``st.chat_input``'s value.
Knows nothing about how a run sends values (``staging.py``).
"""

from __future__ import annotations

from typing import Any

from tidal.api.chat_input import ChatInputValue
from tidal.testing.elements import Element
from tidal.testing.errors import AppTestError
from tidal.testing.file_elements import store_upload
from tidal.testing.widget_elements import Widget
from tidal.uploaded_file import MB, Accept, UploadedFile
from tidal.uploads import chat_accept


class ChatInput(Widget):
    """``st.chat_input``: ``set_value("text")`` and, with ``accept_file``, ``upload(...)``
    stage a message the next ``run()`` sends.

    Example:
        >>> at.chat_input[0].set_value("Summarise this").upload("a.csv", b"x,y\\n1,2\\n")
        >>> at.run()  # the script's st.chat_input returns the text with .files
    """

    @property
    def placeholder(self) -> str:
        """The placeholder text."""
        return str(self.props.get("placeholder", ""))

    @property
    def _file_setting(self) -> str:
        """``"none"``, ``"single"``, ``"multiple"`` or ``"directory"`` (``accept_file``)."""
        return str(self.props.get("accept_file") or "none")

    def _staged_files(self) -> list[Any]:
        staged = self._app._staged.get(self.id)
        return list(staged.files) if isinstance(staged, ChatInputValue) else []

    def _staged_text(self) -> str:
        staged = self._app._staged.get(self.id)
        if isinstance(staged, ChatInputValue):
            return staged.text
        return staged if isinstance(staged, str) else ""

    def _stage(self, text: str, files: list[Any]) -> ChatInput:
        if not files:
            super().set_value(text)  # a run cuts it to max_chars, as Streamlit's AppTest
            return self
        max_chars = self.props.get("max_chars")
        if isinstance(max_chars, int) and max_chars > 0:
            text = text[:max_chars]
        value = ChatInputValue(
            text,
            files,
            include_files=True,
            include_audio=bool(self.props.get("accept_audio")),
        )
        # refuse at once what the chat input would refuse from a browser, as file_uploader's
        # staging does (a file of a type it does not take)
        meta = self._app._session.state.meta(self.id)
        if meta is not None:
            meta.from_wire(meta.to_wire(value))
        super().set_value(value)
        return self

    def set_value(self, value: str | None) -> ChatInput:
        """Stage the message text (None: send nothing); files staged with ``upload`` stay.

        Example:
            >>> at.chat_input[0].set_value("Hello").run()
        """
        if value is None:
            return self.clear()
        return self._stage(value, self._staged_files())

    def upload(
        self, filename: str, content: bytes, mime_type: str = "application/octet-stream"
    ) -> ChatInput:
        """Stage one attached file for the next message (a chat input with ``accept_file=True``
        keeps the first staged since the last run, ``"multiple"`` and ``"directory"`` all of
        them; a folder's files are named by their path, ``"docs/a.txt"``).

        Raises:
            AppTestError: the chat input has no ``accept_file``, or it is disabled.
            ValueError: the chat input refuses the file (its ``file_type``, or over its
                ``max_upload_size``), with the message a person would see.

        Example:
            >>> at.chat_input[0].upload("notes.txt", b"hi", "text/plain").run()
        """
        if self._file_setting == "none":
            key = f"key={self.key!r}" if self.key else repr(self.placeholder)
            raise AppTestError(
                f"st.chat_input({key}) does not accept files. Give it accept_file=True, "
                "'multiple' or 'directory' to attach files to a message."
            )
        raw = content.encode() if isinstance(content, str) else bytes(content)
        limit = Accept((), self._app._session.options.max_upload_size * MB)
        accept = chat_accept(self.props, limit)
        refusal = accept.refusal(filename, mime_type, len(raw)) if accept is not None else None
        if refusal is not None:
            raise ValueError(f"st.chat_input refuses {filename!r}: {refusal}")
        if self.disabled:
            super().set_value(None)  # raises the disabled widget's error
        files = self._staged_files()
        if self._file_setting == "single" and files:
            return self  # one file per message: the first staged stays, as file_uploader's
        uploaded: UploadedFile = store_upload(self._app, self.id, filename, raw, mime_type)
        return self._stage(self._staged_text(), [*files, uploaded])

    def clear(self) -> ChatInput:
        """Stage nothing: the staged text and files are dropped, the next ``run()`` sends no
        message.

        Example:
            >>> at.chat_input[0].set_value("oops").clear().run()
        """
        self._app._staged.pop(self.id, None)
        return self


CHAT_CLASSES: dict[str, type[Element]] = {"chat_input": ChatInput}
"""The wrapper class of the chat input."""
