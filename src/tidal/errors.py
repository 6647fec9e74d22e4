"""The tidal error tree.

Owns every exception class that tidal raises or that a script may catch, under the names
Streamlit apps already use (``StreamlitAPIException`` and friends), so a drop-in app that
catches them keeps working. Knows nothing about sessions, widgets or the server.

Control-flow signals (``RerunRequested``, ``StopRequested``, ``ScriptInterrupted``) derive
from ``BaseException`` so that a script's ``except Exception:`` cannot swallow them.
"""

from __future__ import annotations

__all__ = [
    "CachedWidgetWarning",
    "CodecError",
    "DuplicateWidgetID",
    "Error",
    "MarkdownFormattedException",
    "NoRunContextError",
    "RerunRequested",
    "RunTimedOut",
    "ScriptInterrupted",
    "StopRequested",
    "StreamlitAPIException",
    "StreamlitAPIWarning",
    "StreamlitDuplicateElementId",
    "StreamlitDuplicateElementKey",
    "StreamlitInvalidFormCallbackError",
    "StreamlitInvalidLayoutContextError",
    "StreamlitMixedNumericTypesError",
    "StreamlitValueAboveMaxError",
    "StreamlitValueAssignmentNotAllowedError",
    "StreamlitValueBelowMinError",
    "StreamlitValueError",
    "StreamlitValueOutOfRangeError",
    "StreamlitWidgetAlreadyInstantiatedError",
    "TidalAPIError",
    "TidalError",
    "UnserializableSessionStateError",
]


class Error(Exception):
    """Base class of every error tidal raises on purpose (Streamlit's ``errors.Error``)."""


TidalError = Error
"""tidal's name for :class:`Error`."""


class MarkdownFormattedException(Error):
    """An error whose message is Markdown: the app renders it as such."""


class StreamlitAPIException(MarkdownFormattedException):
    """A st.* function was used in a way it does not support.

    Shown in the app with its message rendered as Markdown (``is_markdown`` is true). The
    class keeps Streamlit's name, so ``type(e).__name__`` and the exception element's type read
    as they do on Streamlit; ``TidalAPIError`` is the same class.
    """


TidalAPIError = StreamlitAPIException
"""tidal's name for :class:`StreamlitAPIException`."""


class StreamlitAPIWarning(TidalAPIError):
    """Shown in the app like an exception, but the run goes on (e.g. a cached widget)."""


class CachedWidgetWarning(StreamlitAPIWarning):
    """A widget was called inside a function decorated with ``st.cache_data`` or
    ``st.cache_resource``: it still works, but the function only runs on a cache miss (QP-3)."""

    def __init__(self) -> None:
        super().__init__(
            "Your script uses a widget command in a cached function\n"
            "(function decorated with `@st.cache_data` or `@st.cache_resource`).\n"
            'This code will only be called when we detect a cache "miss",\n'
            "which can lead to unexpected results.\n\n"
            "To fix this, move all widget commands outside the cached function."
        )


class CodecError(TidalError):
    """Stored bytes could not be decoded: malformed, tampered, foreign or too new (session
    snapshots), or a signing secret file that does not hold a secret."""


class NoRunContextError(TidalError):
    """A st.* function was called outside a script run (e.g. at import time of a module)."""


class DuplicateWidgetID(TidalAPIError):
    """Two elements in one run resolved to the same id."""


class StreamlitDuplicateElementId(DuplicateWidgetID):
    """Two keyless widgets of one type had the same identity parameters in one run."""


class StreamlitDuplicateElementKey(DuplicateWidgetID):
    """The same user ``key`` was used by two elements (or two forms) in one run."""


class StreamlitWidgetAlreadyInstantiatedError(TidalAPIError):
    """``st.session_state[k]`` was assigned after the widget (or form) with key ``k`` was made."""


class StreamlitValueAssignmentNotAllowedError(TidalAPIError):
    """A read-only widget's key (button, form submit, file uploader) was assigned this run."""


class StreamlitInvalidFormCallbackError(TidalAPIError):
    """A widget inside a form other than ``st.form_submit_button`` was given a callback."""


class StreamlitInvalidLayoutContextError(TidalAPIError):
    """An element was used where the layout does not allow it (nested forms, ...)."""


class StreamlitValueError(TidalAPIError):
    """A parameter value is invalid (for example an empty ``key``)."""


class StreamlitValueBelowMinError(TidalAPIError):
    """A widget value is below its ``min_value``."""


class StreamlitValueAboveMaxError(TidalAPIError):
    """A widget value is above its ``max_value``."""


class StreamlitValueOutOfRangeError(TidalAPIError):
    """An index or value is outside the range the widget accepts."""


class StreamlitMixedNumericTypesError(TidalAPIError):
    """Numeric widget parameters mix ``int`` and ``float``."""


class UnserializableSessionStateError(TidalAPIError):
    """A session-state value cannot be pickled while serializable state is enforced."""


class RerunRequested(BaseException):
    """Raised by ``st.rerun()``: ends the current run and starts a new one.

    ``scope`` is ``"app"`` (the whole script) or ``"fragment"`` (the fragment being rerun).
    """

    def __init__(self, scope: str = "app") -> None:
        super().__init__(scope)
        self.scope = scope


class StopRequested(BaseException):
    """Raised by ``st.stop()``: ends the current run quietly."""


class ScriptInterrupted(BaseException):
    """Raised at the next st.* call when a newer event supersedes the current run."""


class RunTimedOut(BaseException):
    """Raised in a run that went past ``runner.maxRunSeconds``; shown in the app like an
    exception (a BaseException, so a script's ``except Exception`` cannot swallow it)."""

    @classmethod
    def explained(cls) -> RunTimedOut:
        """The instance the app shows (the one raised in the thread carries no message)."""
        return cls(
            "This run took longer than runner.maxRunSeconds and was stopped. Make the "
            "script faster (st.cache_data helps), or raise runner.maxRunSeconds."
        )
