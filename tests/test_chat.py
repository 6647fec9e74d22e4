"""st.chat_message and st.chat_input, driven with AppTest and over a real socket."""

from __future__ import annotations

import httpx
import pytest

from tests.fixtures.server import serve_app  # noqa: F401
from tidal.api.chat import avatar_of
from tidal.api.chat_input import ChatInputValue, file_type_allowed, normalize_file_types

CHAT = """
import tidal as st
st.session_state.setdefault("log", [])
prompt = st.chat_input("Say something", key="box", max_chars=20,
                       on_submit=lambda: st.session_state.log.append("cb"))
st.session_state.log.append(("run", prompt))
if prompt:
    with st.chat_message("user"):
        st.write(prompt)
    st.chat_message("assistant").write(f"echo: {prompt}")
"""


def test_chat_input_returns_the_message_once_then_none(app_test):
    at = app_test(CHAT).run()
    assert at.chat_input[0].value is None
    at.chat_input[0].set_value("hello").run()
    assert at.session_state.log == [("run", None), "cb", ("run", "hello")]
    at.run()
    assert at.session_state.log[-1] == ("run", None)
    assert at.session_state["box"] is None


def test_chat_input_value_is_in_session_state_on_the_submit_run(app_test):
    at = app_test(
        """
        import tidal as st
        st.chat_input(key="box")
        st.write("state:", st.session_state.box)
        """
    ).run()
    at.chat_input(key="box").set_value("hi").run()
    assert at.markdown[0].value == "state: hi"


def test_chat_messages_have_names_avatars_and_children(app_test):
    at = app_test(CHAT).run()
    at.chat_input[0].set_value("hey").run()
    user, bot = at.chat_message
    assert (user.name, user.avatar) == ("user", "user")
    assert (bot.name, bot.avatar) == ("assistant", "assistant")
    assert user.markdown[0].value == "hey"
    assert bot.children[0].value == "echo: hey"


@pytest.mark.parametrize(
    ("name", "avatar", "expected"),
    [
        ("human", None, ("icon", "user")),
        ("ai", None, ("icon", "assistant")),
        ("Bob", None, ("icon", "")),
        ("Bob", "🦖", ("emoji", "🦖")),
        ("Bob", ":material/thumb_up:", ("icon", ":material/thumb_up:")),
        ("Bob", "https://example.com/a.png", ("image", "https://example.com/a.png")),
        ("Bob", b"\x89PNG", ("image", "data:image/png;base64,iVBORw==")),
    ],
)
def test_avatars_follow_streamlits_rules(name, avatar, expected):
    assert avatar_of(name, avatar) == expected


def test_a_bad_avatar_and_a_missing_name_are_errors(app_test):
    at = app_test('import tidal as st\nst.chat_message("Bob", avatar="no such file.png")').run()
    assert at.exception[0].value == "Failed to load the provided avatar value as an image."
    at = app_test("import tidal as st\nst.chat_message(None)").run()
    assert "The author name is required" in at.exception[0].value


def test_chat_input_in_the_main_area_is_pinned_and_elsewhere_inline(app_test):
    at = app_test(
        """
        import tidal as st
        st.chat_input("bottom")
        with st.sidebar:
            st.chat_input("side")
        with st.container():
            st.chat_input("boxed")
        """
    ).run()
    positions = {c.placeholder: c.props["position"] for c in at.chat_input}
    assert positions == {"bottom": "bottom", "side": "inline", "boxed": "inline"}


def test_chat_input_in_a_form_is_an_error(app_test):
    at = app_test(
        """
        import tidal as st
        with st.form("f"):
            st.chat_input()
            st.form_submit_button()
        """
    ).run()
    assert at.exception[0].value == "`st.chat_input()` can't be used in a `st.form()`."


@pytest.mark.parametrize(
    ("call", "message"),
    [
        ("accept_file='folder'", "must be a boolean or 'multiple' or 'directory'"),
        ("max_upload_size=0", "must be a positive integer"),
        ("audio_sample_rate=1234", "Invalid audio_sample_rate: 1234"),
        ("max_chars=0", "must be a positive integer or None"),
    ],
)
def test_bad_chat_input_settings_are_errors(app_test, call, message):
    at = app_test(f"import tidal as st\nst.chat_input({call})").run()
    assert message in at.exception[0].value


def test_a_message_staged_over_max_chars_is_cut_to_it_as_streamlits_apptest_does(app_test):
    # checked side by side with Streamlit 1.67's AppTest; a browser cannot send such a
    # message, and the server refuses one (test_the_server_refuses_a_message_over_max_chars)
    at = app_test(CHAT).run()
    at.chat_input[0].set_value("x" * 21).run()
    assert at.session_state.log[-1] == ("run", "x" * 20)


def test_file_and_audio_settings_give_a_chat_input_value(app_test):
    at = app_test(
        """
        import tidal as st
        v = st.chat_input(accept_file="multiple", file_type=["csv", "image"], accept_audio=True)
        if v:
            st.write(v.text, len(v.files), v.audio, sorted(v))
        """
    ).run()
    box = at.chat_input[0]
    assert box.props["accept_file"] == "multiple"
    assert box.props["file_type"] == [".csv", "image/*"]
    assert box.props["accept_audio"] is True
    box.set_value("just text").run()
    assert at.markdown[0].value == "just text `0` `None`"
    assert at.json[0].value == '["audio", "files", "text"]'


def test_chat_input_value_is_dict_like():
    v = ChatInputValue("hi", [], None, include_files=True)
    assert v["text"] == "hi" and v["files"] == [] and list(v) == ["text", "files"]
    assert v.to_dict() == {"text": "hi", "files": []}
    with pytest.raises(AttributeError, match="accept_audio=False"):
        _ = v.audio
    with pytest.raises(KeyError):
        v["audio"]


def test_file_types_are_normalised_and_checked():
    types = normalize_file_types(["CSV", ".png", "image", "application/pdf"])
    assert types == [".csv", ".png", "image/*", "application/pdf"]
    assert file_type_allowed("data.CSV", None, types)
    assert file_type_allowed("photo.jpg", "image/jpeg", types)
    assert not file_type_allowed("notes.txt", "text/plain", types)


def test_the_server_refuses_a_message_over_max_chars(serve_app):  # noqa: F811
    client = serve_app(CHAT).client()
    box = next(e for e in client.elements() if e["t"] == "chat_input")["p"]
    assert box["position"] == "bottom" and box["max_chars"] == 20
    client.event({"t": "change", "id": box["id"], "v": "y" * 21})
    assert any("over max_chars=20" in e for e in client.errors)
    client.event({"t": "change", "id": box["id"], "v": 42})
    assert any("must be text" in e for e in client.errors)
    client.event({"t": "change", "id": box["id"], "v": "fine"})
    assert "echo: fine" in client.texts()


def test_files_sent_with_a_message_arrive_over_http_and_reach_the_app(serve_app):  # noqa: F811
    server = serve_app(
        "import tidal as st\n"
        "v = st.chat_input(accept_file=True, file_type='txt')\n"
        "if v:\n"
        "    st.text(f'{v.text}|' + ','.join(f.name + '=' + f.read().decode() for f in v.files))\n"
    )
    client = server.client()
    box = next(e for e in client.elements() if e["t"] == "chat_input")["p"]
    url = f"{server.url}/_tidal/upload/{box['id']}"
    headers = {"X-Tidal-Session": client.token, "X-Tidal-Filename": "note.txt"}
    reply = httpx.post(url, content=b"hello", headers={**headers, "Content-Type": "text/plain"})
    assert reply.status_code == 200, reply.text
    file_id = reply.json()["file_id"]
    refused = httpx.post(
        url,
        content=b"MZ",
        headers={**headers, "X-Tidal-Filename": "tool.exe", "Content-Type": "application/x"},
    )
    assert refused.status_code == 415  # the server checks the type, not only the browser
    client.event({"t": "change", "id": box["id"], "v": {"text": "see", "files": [file_id]}})
    assert "see|note.txt=hello" in client.texts()
    client.event({"t": "change", "id": box["id"], "v": {"text": "a", "files": ["F" * 24]}})
    assert any("no uploaded file" in e for e in client.errors)  # a forged id
    client.event({"t": "change", "id": box["id"], "v": {"text": "a", "audio": file_id}})
    assert any("does not accept audio" in e for e in client.errors)
    client.close()


def test_text_assigned_through_session_state_fills_the_box_without_sending(app_test):
    at = app_test(
        """
        import tidal as st
        if st.button("Set", key="set"):
            st.session_state.box = "Hello, world!"
        value = st.chat_input(key="box")
        st.write("value:", value, "state:", st.session_state.box)
        """
    ).run()
    at.button(key="set").click().run()
    assert at.chat_input[0].props["set_value"] == "Hello, world!"
    assert at.markdown[0].value == "value: `None` state: `None`"
    at.run()
    assert at.chat_input[0].props["set_value"] is None


def test_uploaded_files_of_a_type_not_accepted_are_refused(app_test):
    at = app_test(
        """
        import tidal as st
        st.session_state.setdefault("got", [])
        if v := st.chat_input(accept_file="multiple", file_type="csv"):
            st.session_state.got.append([f.name for f in v.files])
        """
    ).run()
    box = at.chat_input[0].id
    files = at._session.state.files
    csv = files.add("data.csv", "text/csv", b"a,b", box)  # as the upload endpoint adds them
    exe = files.add("tool.exe", "application/x-msdownload", b"MZ", box)
    meta = at._session.state.meta(box)
    got = meta.from_wire({"text": "x", "files": [csv.file_id]})
    assert got.files[0].name == "data.csv" and got.files[0].getvalue() == b"a,b"
    with pytest.raises(ValueError, match=r"tool.exe is not an accepted file type \(.csv\)"):
        meta.from_wire({"text": "x", "files": [csv.file_id, exe.file_id]})
    with pytest.raises(ValueError, match="no uploaded file"):
        meta.from_wire({"text": "x", "files": ["F" * 24]})  # forged or another session's
    assert at.session_state.got == []


def test_an_audio_recording_must_be_a_wav(app_test):
    at = app_test("import tidal as st\nst.chat_input(accept_audio=True)\n").run()
    box = at.chat_input[0].id
    files = at._session.state.files
    wav = files.add("audio.wav", "audio/wav", b"RIFF", box)
    mp3 = files.add("song.mp3", "audio/mpeg", b"ID3", box)
    meta = at._session.state.meta(box)
    assert meta.from_wire({"text": "", "files": [], "audio": wav.file_id}).audio.name == "audio.wav"
    with pytest.raises(ValueError, match="not a WAV recording"):
        meta.from_wire({"text": "", "files": [], "audio": mp3.file_id})
