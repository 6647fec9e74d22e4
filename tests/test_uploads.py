"""st.file_uploader, st.camera_input and st.audio_input, driven with AppTest."""

from __future__ import annotations

import io

import pytest

from tests.conftest import AppTestFactory
from tidal.codec import SafeCodec
from tidal.durability import Durability
from tidal.state import SessionState
from tidal.stores import open_store
from tidal.uploaded_file import Accept, FileInfo, FileRef, UploadedFile, size_text

UPLOADER = """
import tidal as st
f = st.file_uploader("CSV", type="csv", key="up")
if f is None:
    st.text("none")
else:
    st.text(f"{f.name} {f.type} {f.size} {f.read().decode()}")
"""


def test_a_file_uploader_returns_none_until_a_file_is_uploaded(app_test: AppTestFactory) -> None:
    at = app_test(UPLOADER).run()
    assert at.text[0].value == "none"
    assert at.file_uploader[0].value is None


def test_an_uploaded_file_reads_like_a_binary_file_with_its_metadata(
    app_test: AppTestFactory,
) -> None:
    at = app_test(UPLOADER).run()
    at.file_uploader(key="up").upload("data.csv", b"a,b\n1,2", "text/csv").run()
    assert at.text[0].value == "data.csv text/csv 7 a,b\n1,2"
    value = at.session_state.up
    assert isinstance(value, UploadedFile) and isinstance(value, io.BytesIO)
    assert value.getvalue() == b"a,b\n1,2"
    assert len(value.file_id) >= 16


def test_the_file_stays_on_later_runs_until_cleared(app_test: AppTestFactory) -> None:
    at = app_test(UPLOADER).run()
    at.file_uploader[0].upload("data.csv", "x", "text/csv").run()
    at.run()
    assert at.text[0].value == "data.csv text/csv 1 x"
    at.file_uploader[0].clear().run()
    assert at.text[0].value == "none"


def test_several_files_come_back_as_a_list_in_upload_order(app_test: AppTestFactory) -> None:
    at = app_test(
        """
        import tidal as st
        files = st.file_uploader("Files", accept_multiple_files=True)
        st.text(repr([f.name for f in files]))
        """
    ).run()
    assert at.text[0].value == "[]"
    up = at.file_uploader[0]
    assert up.accept_multiple_files and not up.accept_directory
    up.upload("a.txt", b"a").upload("b.txt", b"b").run()
    assert at.text[0].value == "['a.txt', 'b.txt']"


def test_a_directory_uploader_takes_several_files(app_test: AppTestFactory) -> None:
    at = app_test(
        """
        import tidal as st
        files = st.file_uploader("Folder", accept_multiple_files="directory")
        st.text(str(len(files)))
        """
    ).run()
    assert at.file_uploader[0].accept_directory
    at.file_uploader[0].upload("x/a.txt", b"a").upload("x/b.txt", b"b").run()
    assert at.text[0].value == "2"


def test_on_change_runs_once_per_new_file(app_test: AppTestFactory) -> None:
    at = app_test(
        """
        import tidal as st
        st.session_state.setdefault("calls", 0)
        def changed():
            st.session_state.calls += 1
        st.file_uploader("F", on_change=changed)
        """
    ).run()
    at.file_uploader[0].upload("a.txt", b"a").run()
    at.run()
    assert at.session_state.calls == 1


def test_on_change_must_be_rerun_ignore_or_a_callable(app_test: AppTestFactory) -> None:
    at = app_test('import tidal as st\nst.file_uploader("F", on_change="later")').run()
    assert at.exception[0].value == (
        "Invalid `on_change` value. Supported values: 'rerun', 'ignore', a callback function."
    )


@pytest.mark.parametrize("size", [0, 1.5, True, "2"])
def test_max_upload_size_is_a_positive_integer(app_test: AppTestFactory, size: object) -> None:
    at = app_test(f'import tidal as st\nst.file_uploader("F", max_upload_size={size!r})').run()
    assert at.exception[0].exception_type == "StreamlitValueError"
    assert at.exception[0].value.startswith(
        "Invalid `max_upload_size` value. Supported values: a positive integer."
    )


def test_W_10_setting_a_file_uploader_key_in_the_same_run_raises(
    app_test: AppTestFactory,
) -> None:
    at = app_test(
        """
        import tidal as st
        st.session_state.up = "not a file"
        st.file_uploader("F", key="up")
        """
    ).run()
    assert at.exception[0].exception_type == "StreamlitValueAssignmentNotAllowedError"
    assert "is read-only" in at.exception[0].value


def test_W_11_a_value_set_from_a_test_is_returned_once(app_test: AppTestFactory) -> None:
    at = app_test(
        """
        import tidal as st
        st.text(repr(st.file_uploader("F", key="up")))
        """
    ).run()
    at.session_state.up = "not a file"
    at.run()
    assert at.text[0].value == "'not a file'"


def test_allowed_types_are_normalised_and_jpg_accepts_jpeg(app_test: AppTestFactory) -> None:
    at = app_test(
        'import tidal as st\nst.file_uploader("I", type=["JPG", ".png", "Text/CSV", "audio"])'
    )
    at.run()
    assert at.file_uploader[0].allowed_type == ["text/csv", "audio/*", ".jpg", ".png", ".jpeg"]


def test_a_name_with_a_null_byte_is_refused() -> None:
    assert Accept.of(None, 1).refusal("a.csv\0.exe", "", 1) == "Filename cannot contain null bytes."


def test_a_file_of_a_refused_type_is_refused_by_the_server(app_test: AppTestFactory) -> None:
    at = app_test(UPLOADER).run()
    with pytest.raises(ValueError, match="application/x-msdownload files are not allowed"):
        at.file_uploader[0].upload("evil.exe", b"MZ", "application/x-msdownload").run()


def test_a_file_over_max_upload_size_is_refused(app_test: AppTestFactory) -> None:
    at = app_test('import tidal as st\nst.file_uploader("F", max_upload_size=1)').run()
    with pytest.raises(ValueError, match=r"File must be 1\.0MB or smaller\."):
        at.file_uploader[0].upload("big.bin", b"x" * (1024 * 1024 + 1)).run()


def test_a_forged_file_id_is_refused(app_test: AppTestFactory) -> None:
    at = app_test(UPLOADER).run()
    forged = UploadedFile(FileInfo("A" * 24, "x.csv", "text/csv", 1, "w"), b"x")
    with pytest.raises(ValueError, match="no uploaded file"):
        at.file_uploader[0].set_value(forged).run()


def test_accept_checks_extensions_and_mime_patterns() -> None:
    accept = Accept.of(["csv", "image/*"], 1)
    assert accept.allows_type("A.CSV", "text/plain")
    assert accept.allows_type("photo", "image/png")
    assert not accept.allows_type("page.html", "text/html")
    assert Accept.of(None, 1).allows_type("anything", "")


def test_camera_and_audio_inputs_return_uploaded_files(app_test: AppTestFactory) -> None:
    at = app_test(
        """
        import tidal as st
        photo = st.camera_input("Photo")
        voice = st.audio_input("Voice", sample_rate=16000)
        st.text(f"{photo and photo.type} {voice and voice.name}")
        """
    ).run()
    assert at.text[0].value == "None None"
    at.camera_input[0].upload("photo.jpg", b"\xff\xd8\xff")
    at.audio_input[0].set_value(("recording.wav", b"RIFF", "audio/wav")).run()
    assert at.text[0].value == "image/jpeg recording.wav"
    at.camera_input[0].clear().run()
    assert at.text[0].value == "None recording.wav"


def test_a_camera_input_takes_only_what_a_camera_makes(app_test: AppTestFactory) -> None:
    at = app_test('import tidal as st\nst.camera_input("Photo")').run()
    with pytest.raises(ValueError, match=r"only captures \.jpg files"):
        at.camera_input[0].upload("photo.png", b"png")
    voice = app_test('import tidal as st\nst.audio_input("Voice")').run().audio_input[0]
    with pytest.raises(ValueError, match=r"MIME type 'audio/wav'\. Got 'audio/mp3'"):
        voice.upload("v.wav", b"RIFF", "audio/mp3")


def test_set_value_takes_streamlits_tuples(app_test: AppTestFactory) -> None:
    at = app_test(
        """
        import tidal as st
        one = st.file_uploader("One")
        many = st.file_uploader("Many", accept_multiple_files=True)
        st.text(f"{one and one.name} {[f.name for f in many]}")
        """
    ).run()
    at.file_uploader[0].set_value(("a.csv", b"1", "text/csv"))
    at.file_uploader[1].set_value([("b.csv", b"2", "text/csv"), ("c.csv", b"3", "text/csv")])
    at.run()
    assert at.text[0].value == "a.csv ['b.csv', 'c.csv']"
    at.file_uploader[0].upload("x.txt", b"x").upload("y.txt", b"y").run()
    assert at.text[0].value == "x.txt ['b.csv', 'c.csv']"  # one file: the first staged


def test_audio_input_refuses_an_unusual_sample_rate(app_test: AppTestFactory) -> None:
    at = app_test('import tidal as st\nst.audio_input("V", sample_rate=12345)').run()
    assert at.exception[0].value == (
        "Invalid `sample_rate` value. Supported values: 8000, 11025, 16000, 22050, 24000, "
        "32000, 44100, 48000, None."
    )


def test_camera_input_refuses_an_unknown_resolution(app_test: AppTestFactory) -> None:
    at = app_test('import tidal as st\nst.camera_input("P", resolution="4k")').run()
    assert at.exception[0].exception_type == "StreamlitValueError"
    assert at.exception[0].value == (
        "Invalid `resolution` value. Supported values: '480p', '720p', '1080p', None."
    )


def test_a_saved_document_keeps_file_refs_and_the_files_come_back(tmp_path: object) -> None:
    store = open_store("memory://")
    durability = Durability(store, SafeCodec(), ttl=60)
    durability.durable = True
    token = "tok" * 8
    files = durability.files_of(token)
    info = files.add("a.csv", "text/csv", b"1,2", "$$ID-x-up")
    state = SessionState()
    state["kept"] = UploadedFile(info, b"1,2")
    epoch = store.acquire(token)
    encoded = durability.encode(state, page="", seq=1, token=token)
    assert durability.write(token, encoded.data, epoch).outcome == "saved"
    stored = store.load(token)
    assert stored is not None
    assert b"1,2" not in stored.data  # the bytes stay beside the document
    assert isinstance(SafeCodec().decode(stored.data).user["kept"], FileRef)
    snapshot = durability.decode(token, stored)
    assert snapshot is not None
    restored = snapshot.user["kept"]
    assert isinstance(restored, UploadedFile) and restored.getvalue() == b"1,2"


def test_files_the_widget_holds_stay_when_the_store_forgot_them(
    app_test: AppTestFactory,
) -> None:
    at = app_test(
        """
        import tidal as st
        files = st.file_uploader("Files", accept_multiple_files=True)
        st.text(repr([f.name for f in files]))
        """
    ).run()
    at.file_uploader[0].upload("a.txt", b"a").run()
    first = at.file_uploader[0].value[0]
    files = at._session.state.files
    assert files is not None
    files.store.delete(files.token, first.file_id)  # type: ignore[attr-defined]  # expired
    at.file_uploader[0].set_value([first, ("b.txt", b"b", "text/plain")]).run()
    assert at.text[0].value == "['a.txt', 'b.txt']"


def test_capture_inputs_report_their_resolution_and_sample_rate(
    app_test: AppTestFactory,
) -> None:
    at = app_test(
        """
        import tidal as st
        st.camera_input("Photo", resolution="720p")
        st.audio_input("Voice", sample_rate=44100)
        """
    ).run()
    assert at.camera_input[0].resolution == "720p"
    assert at.audio_input[0].sample_rate == 44100


def test_F_1_a_file_in_a_form_arrives_with_the_submit(app_test: AppTestFactory) -> None:
    at = app_test(
        """
        import tidal as st
        with st.form("f", clear_on_submit=True):
            f = st.file_uploader("F", key="up")
            st.form_submit_button("Send")
        st.text(repr(f and f.name))
        """
    ).run()
    at.file_uploader[0].upload("a.txt", b"a").run()
    assert at.text[0].value == "None"  # not without the submit, clicked in the same run
    at.file_uploader[0].upload("a.txt", b"a")
    at.button[0].click().run()
    assert at.text[0].value == "'a.txt'"


@pytest.mark.parametrize(
    ("size", "shown"),
    [(200 * 1024 * 1024, "200.0MB"), (1024 * 1024, "1.0MB"), (1024**3, "1.0GB"), (512, "512.0B")],
)
def test_sizes_read_as_streamlit_shows_them(size: int, shown: str) -> None:
    assert size_text(size) == shown


def test_a_file_without_a_type_is_this_type_of_file() -> None:
    assert Accept.of("csv", 1).refusal("x", "", 1) == "This type of files are not allowed."
