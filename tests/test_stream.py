"""st.write_stream: generators, async generators, LLM client chunks; append-only deltas."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import pytest

from tests.fixtures.server import serve_app  # noqa: F401
from tidal.api.stream import chunk_text
from tidal.delta import DeltaWriter
from tidal.server_messages import AppendOp, Delta, decode_outbound, encode
from tidal.tree import Node


def test_a_generator_streams_into_one_markdown_element_and_returns_the_text(app_test):
    at = app_test(
        """
        import tidal as st
        def words():
            yield "Hello "
            yield "**world**"
        st.session_state.text = st.write_stream(words())
        """
    ).run()
    assert [m.value for m in at.markdown] == ["Hello **world**"]
    assert at.session_state.text == "Hello **world**"


def test_an_async_generator_and_a_function_stream_too(app_test):
    at = app_test(
        """
        import asyncio
        import tidal as st
        async def words():
            for w in ["a", "b", "c"]:
                await asyncio.sleep(0)
                yield w
        st.session_state.a = st.write_stream(words())
        st.session_state.b = st.write_stream(lambda: iter(["x", "y"]))
        """
    ).run()
    assert (at.session_state.a, at.session_state.b) == ("abc", "xy")


def test_an_async_generator_streams_inside_an_async_script(app_test):
    at = app_test(
        """
        import asyncio
        import tidal as st
        async def words():
            for w in ["one ", "two"]:
                await asyncio.sleep(0.01)
                yield w
        await asyncio.sleep(0)
        st.session_state.t = st.write_stream(words())
        """
    ).run()
    assert at.session_state.t == "one two"
    assert not at.exception


def test_st_write_of_a_generator_streams(app_test):
    at = app_test(
        """
        import tidal as st
        st.write(w for w in ["a", "b"])
        """
    ).run()
    assert at.markdown[0].value == "ab"


def test_objects_in_a_stream_are_written_and_the_result_is_a_list(app_test):
    at = app_test(
        """
        import tidal as st
        st.session_state.out = st.write_stream(iter(["text ", "more", {"a": 1}, "after"]))
        """
    ).run()
    assert at.session_state.out == ["text more", {"a": 1}, "after"]
    assert [m.value for m in at.markdown] == ["text more", "after"]
    assert json.loads(at.json[0].value) == {"a": 1}


@dataclass
class _Delta:
    content: str | None


@dataclass
class _Choice:
    delta: _Delta


@dataclass
class ChatCompletionChunk:
    choices: list[_Choice] = field(default_factory=list)


@dataclass
class ResponseTextDeltaEvent:
    delta: str
    type: str = "response.output_text.delta"


@dataclass
class AIMessageChunk:
    content: str


def test_llm_client_chunks_are_read_like_streamlit_does():
    assert chunk_text(ChatCompletionChunk([_Choice(_Delta("Hi"))])) == "Hi"
    assert chunk_text(ChatCompletionChunk([_Choice(_Delta(None))])) == ""  # a role-only delta
    assert chunk_text(ChatCompletionChunk([])) == ""
    assert chunk_text(ResponseTextDeltaEvent("there")) == "there"
    assert chunk_text(ResponseTextDeltaEvent("x", type="response.completed")) == ""
    assert chunk_text(AIMessageChunk("!")) == "!"
    assert chunk_text(42) is None


def test_an_openai_like_stream_returns_its_text(app_test):
    chunks = [
        ChatCompletionChunk([_Choice(_Delta(None))]),
        ChatCompletionChunk([_Choice(_Delta("Hel"))]),
        ChatCompletionChunk([_Choice(_Delta("lo"))]),
        AIMessageChunk("!"),
    ]
    at = app_test(
        """
        import tidal as st
        st.session_state.t = st.write_stream(iter(CHUNKS))
        """
    )
    at._script.extra_globals = {"CHUNKS": chunks}
    at.run()
    assert at.session_state.t == "Hello!"
    assert len(at.markdown) == 1


@pytest.mark.parametrize("value", ["a string", 42, None])
def test_a_non_iterable_is_streamlits_error(app_test, value):
    at = app_test(f"import tidal as st\nst.write_stream({value!r})").run()
    assert at.exception[0].value == (
        f"st.write_stream expects a generator or stream-like object as input not "
        f"{type(value)}. Please use st.write instead for this data type."
    )


def test_a_cursor_shows_while_streaming_and_goes_at_the_end(app_test):
    at = app_test(
        """
        import tidal as st
        st.write_stream(iter(["a", "b"]), cursor="▌")
        """
    ).run()
    assert at.markdown[0].value == "ab"
    assert "cursor" not in at.markdown[0].props


def test_consecutive_appends_travel_as_one_op():
    writer = DeltaWriter()
    node = Node("markdown", {"body": "a"})
    writer.set((0, 0), node)
    writer.take()
    for piece in ["b", "c", "d"]:
        writer.append((0, 0), "body", piece)
    ops = writer.take()
    assert ops == [AppendOp(p=[0, 0], k="body", s="bcd")]
    msg = decode_outbound(encode(Delta(run=1, ops=ops, at=[0, 0])))
    assert isinstance(msg, Delta) and msg.ops == ops


STREAM_APP = """
import time
import tidal as st
if st.button("Stream"):
    def tokens():
        for i in range(300):
            yield f"w{i} "
            time.sleep(0.0005)
    st.write_stream(tokens)
"""


def test_streamed_deltas_carry_only_the_new_text(serve_app):  # noqa: F811
    client = serve_app(STREAM_APP).client()
    ops: list[dict] = []
    apply = client._apply

    def record(op: dict) -> None:
        ops.append(op)
        apply(op)

    client._apply = record  # type: ignore[method-assign]
    client.click("Stream")
    text = "".join(f"w{i} " for i in range(300))
    assert text in client.texts()
    # Count the characters of text that travelled, whatever the frames' timing: every token
    # once in an `append` op; a `set` of the element at most once more (its final form).
    # Resending the whole text per token would be ~250,000 characters.
    appended = "".join(op["s"] for op in ops if op["o"] == "append")
    bodies = [
        op["e"]["p"]["body"]
        for op in ops
        if op["o"] == "set" and isinstance(op["e"].get("p", {}).get("body"), str)
    ]
    assert appended and text.endswith(appended)  # the first token came with the element
    assert len(appended) + sum(len(b) for b in bodies) <= 2 * len(text) + 100
