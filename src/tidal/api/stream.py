"""Streaming output: ``st.write_stream`` of generators, async generators, iterables and the
chunk objects of LLM client libraries.

Text chunks grow one Markdown element: the first chunk adds it, every later chunk travels as
an ``append`` op carrying only the new text. Any other chunk is written with ``st.write``
and ends the current text element. Knows nothing about sockets or how the browser renders.
"""

from __future__ import annotations

import inspect
from collections.abc import AsyncIterable, Callable, Iterable, Iterator
from typing import Any

from tidal.context import API, RunContext, api_function, get_run
from tidal.errors import TidalAPIError
from tidal.eventloop import iterate_async
from tidal.tree import Block, Node


def chunk_text(chunk: object) -> str | None:
    """The text of one streamed chunk, or None if it is not text.

    Understands plain strings, OpenAI chat completion chunks (``choices[0].delta.content``),
    OpenAI Responses API text events (``type == "response.output_text.delta"``, ``.delta``)
    and LangChain message chunks (``.content``). A chunk that carries no text (a role-only
    delta, a tool call) is ``""``.
    """
    if isinstance(chunk, str):
        return chunk
    choices = getattr(chunk, "choices", None)
    if isinstance(choices, list | tuple) and type(chunk).__name__.startswith("ChatCompletion"):
        if not choices:
            return ""
        delta = getattr(choices[0], "delta", None)
        content = getattr(delta, "content", None)
        return content if isinstance(content, str) else ""
    event = getattr(chunk, "type", None)
    if isinstance(event, str) and event.startswith("response."):
        delta = getattr(chunk, "delta", None)
        if event == "response.output_text.delta" and isinstance(delta, str):
            return delta
        return ""
    name = type(chunk).__name__
    if name.endswith("MessageChunk") or name in ("AIMessage", "BaseMessage"):
        content = getattr(chunk, "content", None)
        if isinstance(content, str):
            return content
    return None


class _TextStream:
    """The Markdown element that the current run of text chunks grows."""

    __slots__ = ("block", "ctx", "cursor", "node")

    def __init__(self, ctx: RunContext, text: str, cursor: str | None) -> None:
        self.ctx = ctx
        self.cursor = cursor
        props: dict[str, Any] = {"body": text, "unsafe_allow_html": False, "help": None}
        if cursor is not None:
            props["cursor"] = cursor
        self.node = Node("markdown", props)
        self.block: Block = ctx.add(self.node)

    def add(self, text: str) -> None:
        if not text:
            return
        self.ctx.check()
        # new props, never mutated: a set op not yet sent holds the old dict
        self.node.props = {**self.node.props, "body": self.node.props["body"] + text}
        writer = self.ctx.writer
        if writer is not None:
            writer.append(self.block.path, "body", text)
            if self.ctx.on_flush is not None:
                self.ctx.on_flush()

    def close(self) -> None:
        """The text is complete: take the cursor away (one last full set of the element)."""
        if self.cursor is None:
            return
        props = {k: v for k, v in self.node.props.items() if k != "cursor"}
        self.node = Node("markdown", props)
        self.ctx.add(self.node, self.block)


def _items(stream: object, ctx: RunContext) -> Iterator[Any]:
    if isinstance(stream, AsyncIterable):
        return iterate_async(aiter(stream), ctx.interrupt)
    if isinstance(stream, str | bytes) or not isinstance(stream, Iterable):
        raise TidalAPIError(
            f"st.write_stream expects a generator or stream-like object as input not "
            f"{type(stream)}. Please use st.write instead for this data type."
        )
    return iter(stream)


@api_function
def write_stream(
    stream: Callable[..., Any] | Iterable[Any] | AsyncIterable[Any],
    *,
    cursor: str | None = None,
) -> list[Any] | str:
    """Write a stream to the app as it arrives; text chunks grow one Markdown element.

    ``stream`` may be a generator, an async generator, any iterable, a function returning
    one, or an LLM client's stream (OpenAI chat completions and Responses, LangChain). Other
    chunks (a dataframe, a figure) are written with ``st.write``. Returns the whole text, or,
    when anything but text was streamed, the list of everything written.

    Example:
        >>> def reply():
        ...     for word in "Hello there, how are you?".split():
        ...         yield word + " "
        ...         time.sleep(0.05)
        >>> with st.chat_message("assistant"):
        ...     text = st.write_stream(reply)
    """
    ctx = get_run()
    if (
        callable(stream)
        and not inspect.isgenerator(stream)
        and not isinstance(stream, Iterable | AsyncIterable)
    ):
        stream = stream()
    if cursor is not None and not isinstance(cursor, str):
        raise TidalAPIError(f"st.write_stream(cursor={cursor!r}) must be a string or None.")
    written: list[Any] = []
    text: _TextStream | None = None
    parts: list[str] = []

    def end_text() -> None:
        nonlocal text
        if text is not None:
            text.close()
            written.append("".join(parts))
            parts.clear()
            text = None

    for chunk in _items(stream, ctx):
        piece = chunk_text(chunk)
        if piece is None:
            end_text()
            _write_object(chunk)
            written.append(chunk)
            continue
        if not piece:
            continue
        parts.append(piece)
        if text is None:
            text = _TextStream(ctx, piece, cursor)
        else:
            text.add(piece)
    end_text()
    if not written:
        return ""
    if len(written) == 1 and isinstance(written[0], str):
        return written[0]
    return written


def _write_object(obj: object) -> None:
    # st.write, looked up when called: it lives in text.py, which imports this module
    API["write"](obj)
