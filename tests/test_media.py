"""st.image, st.audio, st.video, st.pdf, st.logo and st.download_button, driven with AppTest."""

from __future__ import annotations

import io
import wave
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from tests.conftest import AppTestFactory
from tidal.api.media_data import vtt_of
from tidal.media_file import MediaFile
from tidal.testing import AppTest

PNG_1x1 = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)


def media_of(at: AppTest, kind: str, index: int = 0) -> dict[str, MediaFile]:
    extra = at.get(kind)[index].node.extra
    assert isinstance(extra, dict)
    return extra


def test_an_image_from_bytes_is_kept_by_content_hash_not_inlined(
    app_test: AppTestFactory,
) -> None:
    at = app_test(f"import tidal as st\nst.image({PNG_1x1!r}, caption='dot')").run()
    img = at.image[0]
    src = img.props["images"][0]["src"]
    assert src.endswith(".png") and len(src) == 36
    assert "IHDR" not in repr(img.props)  # no bytes in the props the browser gets
    assert media_of(at, "image")[src].data == PNG_1x1
    assert img.captions == ["dot"]


def test_the_same_image_gets_the_same_id_on_every_run(app_test: AppTestFactory) -> None:
    at = app_test(f"import tidal as st\nst.image({PNG_1x1!r})").run()
    first = at.image[0].props["images"][0]["src"]
    at.run()
    assert at.image[0].props["images"][0]["src"] == first


def test_a_numpy_array_becomes_a_png_without_pillow_in_the_way(app_test: AppTestFactory) -> None:
    at = app_test(
        """
        import numpy as np
        import tidal as st
        a = np.zeros((2, 3, 3), dtype=np.uint8)
        a[0, 0] = (255, 0, 0)
        st.image(a, channels="BGR")
        """
    ).run()
    (file,) = media_of(at, "image").values()
    assert isinstance(file.data, bytes)
    decoded = np.asarray(Image.open(io.BytesIO(file.data)))
    assert decoded.shape == (2, 3, 3)
    assert tuple(decoded[0, 0]) == (0, 0, 255)  # BGR read as RGB


def test_float_arrays_outside_0_1_need_clamp(app_test: AppTestFactory) -> None:
    at = app_test("import numpy as np\nimport tidal as st\nst.image(np.full((2, 2), 2.0))").run()
    assert at.exception[0].value == "Data is outside [0.0, 1.0] and clamp is not set."
    at = app_test(
        "import numpy as np\nimport tidal as st\nst.image(np.full((2, 2), 2.0), clamp=True)"
    ).run()
    assert not at.exception


def test_a_pil_image_can_be_sent_as_jpeg(app_test: AppTestFactory) -> None:
    at = app_test(
        """
        from PIL import Image
        import tidal as st
        st.image(Image.new("RGB", (4, 4), "red"), output_format="JPEG")
        """
    ).run()
    (file,) = media_of(at, "image").values()
    assert file.mime == "image/jpeg"
    assert isinstance(file.data, bytes) and file.data.startswith(b"\xff\xd8")


def test_urls_go_to_the_browser_as_they_are_and_lists_pair_captions(
    app_test: AppTestFactory,
) -> None:
    at = app_test(
        """
        import tidal as st
        st.image(["https://example.com/a.png", "https://example.com/b.png"],
                 caption=["a", "b"], width=100, link="https://example.com")
        """
    ).run()
    img = at.image[0]
    assert [i["src"] for i in img.props["images"]] == [
        "https://example.com/a.png",
        "https://example.com/b.png",
    ]
    assert img.captions == ["a", "b"]
    assert img.props["width"] == 100 and img.props["link"] == "https://example.com"


def test_captions_must_pair_with_images(app_test: AppTestFactory) -> None:
    at = app_test('import tidal as st\nst.image(["https://x.io/a.png"], caption=["a", "b"])')
    assert at.run().exception[0].value == "Cannot pair 2 captions with 1 images."
    two = '["https://x.io/a.png", "https://x.io/b.png"]'
    at = app_test(f"import tidal as st\nst.image({two}, caption='one for both')").run()
    assert at.exception[0].value == "Cannot pair 1 captions with 2 images."


def test_alt_texts_pair_with_images(app_test: AppTestFactory) -> None:
    two = '["https://x.io/a.png", "https://x.io/b.png"]'
    at = app_test(f"import tidal as st\nst.image({two}, alt=['A', None])").run()
    assert [i["alt"] for i in at.image[0].props["images"]] == ["A", None]
    at = app_test(f"import tidal as st\nst.image({two}, alt='A')").run()
    assert at.exception[0].value.startswith(
        "A single `alt` string can only be used with a single image. You passed 2 images"
    )


def test_an_svg_string_is_an_svg_image(app_test: AppTestFactory) -> None:
    at = app_test("import tidal as st\nst.image('<svg xmlns=\"http://www.w3.org/2000/svg\"/>')")
    (file,) = media_of(at.run(), "image").values()
    assert file.mime == "image/svg+xml"


def test_use_container_width_means_stretch(app_test: AppTestFactory) -> None:
    at = app_test(f"import tidal as st\nst.image({PNG_1x1!r}, use_container_width=True)").run()
    assert at.image[0].props["width"] == "stretch"


def test_an_image_from_a_path_is_read(app_test: AppTestFactory, tmp_path: Path) -> None:
    path = tmp_path / "dot.png"
    path.write_bytes(PNG_1x1)
    at = app_test(f"import tidal as st\nst.image({str(path)!r})").run()
    assert next(iter(media_of(at, "image").values())).data == PNG_1x1


def test_numpy_audio_is_played_as_16_bit_wav_at_its_sample_rate(
    app_test: AppTestFactory,
) -> None:
    at = app_test(
        """
        import numpy as np
        import tidal as st
        st.audio(np.array([0.0, 0.5, -1.0, 1.0]), sample_rate=8000, start_time="1s",
                 end_time=3, loop=True)
        """
    ).run()
    props = at.audio[0].props
    assert (props["start"], props["end"], props["loop"], props["mime"]) == (
        1.0,
        3.0,
        True,
        "audio/wav",
    )
    data = at.audio[0].value
    with wave.open(io.BytesIO(data)) as w:
        assert (w.getframerate(), w.getnchannels(), w.getsampwidth(), w.getnframes()) == (
            8000,
            1,
            2,
            4,
        )
        samples = np.frombuffer(w.readframes(4), dtype="<i2")
    assert list(samples) == [0, 16383, -32767, 32767]


def test_audio_of_an_array_needs_a_sample_rate(app_test: AppTestFactory) -> None:
    at = app_test("import numpy as np\nimport tidal as st\nst.audio(np.zeros(10))").run()
    assert "needs its sample_rate" in at.exception[0].value


def test_end_time_must_come_after_start_time(app_test: AppTestFactory) -> None:
    at = app_test("import tidal as st\nst.audio(b'RIFF', start_time=5, end_time=2)").run()
    assert "is not after start_time" in at.exception[0].value


def test_a_video_with_srt_subtitles_serves_them_as_webvtt(app_test: AppTestFactory) -> None:
    at = app_test(
        """
        import tidal as st
        srt = "1\\n00:00:01,000 --> 00:00:02,500\\nHello\\n"
        st.video(b"\\x00\\x00\\x00\\x18ftypmp42", subtitles={"English": srt}, muted=True,
                 autoplay=True)
        """
    ).run()
    props = at.video[0].props
    assert props["muted"] and props["autoplay"] and props["mime"] == "video/mp4"
    track = props["subtitles"][0]
    assert track["label"] == "English"
    vtt = media_of(at, "video")[track["src"]].data
    assert vtt == b"WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.500\nHello\n"


def test_webvtt_stays_as_it_is() -> None:
    assert vtt_of(b"WEBVTT\n\n00:01.000 --> 00:02.000\nHi\n").startswith(b"WEBVTT\n\n00:01")


def test_a_pdf_is_kept_with_its_height(app_test: AppTestFactory) -> None:
    at = app_test("import tidal as st\nst.pdf(b'%PDF-1.4 test', height=300)").run()
    (file,) = media_of(at, "pdf").values()
    assert file.mime == "application/pdf" and at.pdf[0].props["height"] == 300


def test_a_logo_goes_to_the_page_with_its_link(app_test: AppTestFactory) -> None:
    at = app_test(
        f"import tidal as st\nst.logo({PNG_1x1!r}, link='https://example.com', size='large')"
    ).run()
    (logo,) = at.get("logo")
    assert logo.props["size"] == "large" and logo.props["link"] == "https://example.com"


DOWNLOAD = """
import tidal as st
clicked = st.download_button("Get", "a,b\\n1,2", file_name="data.csv", mime="text/csv",
                             key="dl")
st.text(f"clicked={clicked}")
"""


def test_a_download_button_keeps_its_data_with_name_and_type(app_test: AppTestFactory) -> None:
    at = app_test(DOWNLOAD).run()
    button = at.download_button(key="dl")
    file = button.node.extra[button.props["url"]]
    assert (file.data, file.mime, file.file_name) == (b"a,b\n1,2", "text/csv", "data.csv")
    assert at.text[0].value == "clicked=False"


def test_a_download_click_is_true_for_one_run(app_test: AppTestFactory) -> None:
    at = app_test(DOWNLOAD).run()
    at.download_button[0].click().run()
    assert at.text[0].value == "clicked=True"
    at.run()
    assert at.text[0].value == "clicked=False"


def test_download_data_from_a_function_is_made_only_on_request(
    app_test: AppTestFactory,
) -> None:
    at = app_test(
        """
        import tidal as st
        made = st.session_state.setdefault("made", [])
        def make():
            made.append(1)
            return b"fresh"
        st.download_button("Get", make, file_name="x.bin")
        """
    ).run()
    button = at.download_button[0]
    file = button.node.extra[button.props["url"]]
    assert at.session_state.made == []
    assert callable(file.data) and file.data() == b"fresh"
    assert at.session_state.made == [1]


def test_download_button_on_click_must_be_rerun_ignore_or_a_callable(
    app_test: AppTestFactory,
) -> None:
    at = app_test("import tidal as st\nst.download_button('G', 'x', on_click='later')").run()
    assert at.exception[0].value == (
        "Invalid `on_click` value. Supported values: 'rerun', 'ignore', a callback function."
    )


def test_W_10_a_download_button_key_is_read_only(app_test: AppTestFactory) -> None:
    at = app_test(
        """
        import tidal as st
        st.session_state.dl = True
        st.download_button("G", "x", key="dl")
        """
    ).run()
    assert at.exception[0].exception_type == "StreamlitValueAssignmentNotAllowedError"


@pytest.mark.parametrize("kind", ["image", "audio", "video", "pdf"])
def test_a_missing_file_says_what_to_pass(app_test: AppTestFactory, kind: str) -> None:
    at = app_test(f"import tidal as st\nst.{kind}('no/such/file.bin')").run()
    assert "could not read the file 'no/such/file.bin'" in at.exception[0].value


def test_a_disabled_download_button_serves_nothing(app_test: AppTestFactory) -> None:
    at = app_test("import tidal as st\nst.download_button('G', lambda: b'x', disabled=True)").run()
    button = at.download_button[0]
    assert button.props["url"] is None and button.node.extra == {}


def test_a_file_opened_from_disk_names_the_download(
    app_test: AppTestFactory, tmp_path: Path
) -> None:
    path = tmp_path / "report.csv"
    path.write_text("a,b\n")
    at = app_test(
        f"import tidal as st\nwith open({str(path)!r}, 'rb') as f:\n    st.download_button('G', f)"
    ).run()
    button = at.download_button[0]
    file = button.node.extra[button.props["url"]]
    assert (file.file_name, file.mime, file.data) == ("report.csv", "text/csv", b"a,b\n")


def test_download_data_of_another_type_is_an_invalid_binary_format(
    app_test: AppTestFactory,
) -> None:
    at = app_test("import tidal as st\nst.download_button('G', 3.5)").run()
    assert at.exception[0].value.startswith("Invalid binary data format: <class 'float'>")


def test_F_9_a_download_button_cannot_live_in_a_form(app_test: AppTestFactory) -> None:
    at = app_test(
        """
        import tidal as st
        with st.form("f"):
            st.download_button("G", "x")
            st.form_submit_button()
        """
    ).run()
    assert at.exception[0].exception_type == "StreamlitInvalidLayoutContextError"
    assert at.exception[0].value.startswith(
        "`st.download_button()` can't be used in an `st.form()`.\n\nFor more information"
    )
