"""tidal hello: the "Chat" example: a chat that streams from a local fake model."""

import random
import time
from collections.abc import Iterator

import tidal as st

ss = st.session_state

REPLIES = [
    "Streaming means each word shows up **as soon as it is made**: tidal sends only the new "
    "text in each update, never the whole message again.",
    "Here is a list, rendered while it streams:\n\n1. a chat message container\n2. a pinned "
    "chat input\n3. `st.write_stream` of a generator",
    "Every interaction reruns the script from the top; the history lives in "
    "`st.session_state`, so it survives the rerun, a page refresh and, with a durable store, "
    "a server restart.",
]


def fake_model(prompt: str) -> Iterator[str]:
    """A stand-in for a language model: yields a reply word by word, with a small delay."""
    reply = f"You said *{prompt}*. " + random.choice(REPLIES)
    for word in reply.split(" "):
        yield word + " "
        time.sleep(0.03)


st.header("Chat")
st.caption(
    "`st.chat_message` and `st.chat_input`, with the answer streamed by `st.write_stream` "
    "from a local fake model (a generator with a small delay)."
)
ss.setdefault("chat_messages", [])
if st.button("Clear the conversation", key="chat_clear"):
    ss.chat_messages = []
for message in ss.chat_messages:
    with st.chat_message(message["role"]):
        st.markdown(message["content"])
if prompt := st.chat_input("Ask the fake model something", key="chat_prompt", max_chars=500):
    ss.chat_messages.append({"role": "user", "content": prompt})
    with st.chat_message("user"):
        st.markdown(prompt)
    with st.chat_message("assistant"):
        answer = st.write_stream(fake_model(prompt))
    ss.chat_messages.append({"role": "assistant", "content": answer})
