"""Media elements: ``st.image``, ``st.audio``, ``st.video``, ``st.pdf`` and ``st.logo``.

Each turns its data into a ``MediaFile`` kept in the element (``Node.extra``) and puts only the
file's content-hash id in the props, so the bytes go over HTTP (the media endpoint), never the
websocket, and an unchanged element on a rerun sends nothing at all. URLs are handed to the
browser as they are. Knows nothing about HTTP or sessions.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from tidal.api.handle import ElementHandle, add_element
from tidal.api.media_data import (
    image_data,
    is_url,
    media_time,
    read_bytes,
    sniff,
    vtt_of,
    wav_of,
)
from tidal.context import api_function, get_run
from tidal.errors import TidalAPIError
from tidal.media_file import MediaFile, media_id
from tidal.tree import Node

MediaTime = int | float | dt.timedelta | str | None
Media = dict[str, MediaFile]


def _keep(media: Media, data: bytes, mime: str) -> str:
    """Keep ``data`` in the element's media and return its id."""
    mid = media_id(data, mime)
    media[mid] = MediaFile(data, mime)
    return mid


def _width(name: str, width: object, default: str, allowed: tuple[str, ...]) -> str | int:
    if width in allowed or (isinstance(width, int) and not isinstance(width, bool) and width > 0):
        return width
    shown = " or ".join(repr(a) for a in allowed)
    raise TidalAPIError(f"{name} got width={width!r}: use {shown} or a positive number of pixels.")


def _image_width(
    width: object, use_container_width: bool | None, use_column_width: object
) -> str | int:
    if use_container_width is not None:
        return "stretch" if use_container_width else "content"
    if use_column_width is not None:
        return "stretch" if use_column_width in (True, "always") else "content"
    return _width("st.image", width, "content", ("content", "stretch"))


def _alts(alt: Any, n: int, from_set: bool) -> list[str | None]:
    """One alt text per image: None, one value for a single image, or a sequence."""
    if alt is None:
        return [None] * n
    if isinstance(alt, str | bytes | bytearray) or not isinstance(alt, list | tuple):
        if n != 1:
            kind = "string" if isinstance(alt, str) else "value"
            raise TidalAPIError(
                f"A single `alt` {kind} can only be used with a single image. You passed {n} "
                f"images; provide a sequence of {n} alt values (use None to skip an image)."
            )
        return [alt.decode() if isinstance(alt, bytes | bytearray) else str(alt)]
    if from_set:
        raise TidalAPIError(
            "A sequence-valued `alt` cannot be paired with a set of images because set order "
            "is undefined. Pass a list or tuple of images."
        )
    if len(alt) != n:
        raise TidalAPIError(f"Cannot pair {len(alt)} alt values with {n} images.")
    return [None if a is None else str(a) for a in alt]


@api_function
def image(
    image: Any,
    caption: str | list[str] | None = None,
    width: int | Literal["content", "stretch"] = "content",
    clamp: bool = False,
    channels: Literal["RGB", "BGR"] = "RGB",
    output_format: Literal["auto", "PNG", "JPEG"] = "auto",
    *,
    use_container_width: bool | None = None,
    link: str | None = None,
    use_column_width: Any = None,
    alt: Any = None,
) -> ElementHandle:
    """Show an image, or several side by side: a path, a URL, bytes, a file (an upload), an
    SVG string, a PIL image or a numpy array (``clamp`` and ``channels`` apply to arrays).

    Example:
        >>> st.image("https://example.com/cat.png", caption="A cat", width=200)
        >>> st.image(numpy.zeros((20, 40, 3)), caption="black")
    """
    images = list(image) if isinstance(image, list | tuple | set) else [image]
    n = len(images)
    if caption is None:
        captions: list[str | None] = [None] * n
    elif isinstance(caption, str):
        captions = [caption]
    else:
        captions = [None if c is None else str(c) for c in caption]
    if len(captions) != n:
        raise TidalAPIError(f"Cannot pair {len(captions)} captions with {n} images.")
    alts = _alts(alt, n, isinstance(image, set))
    if link is not None and not is_url(link):
        raise TidalAPIError(f"st.image got link={link!r}: pass an http(s) URL.")
    media: Media = {}
    shown = []
    for one, text, alt_text in zip(images, captions, alts, strict=True):
        if is_url(one):
            src = str(one)
        else:
            src = _keep(media, *image_data(one, clamp, channels, output_format))
        shown.append({"src": src, "caption": text, "alt": alt_text})
    width_ = _image_width(width, use_container_width, use_column_width)
    props = {"images": shown, "width": width_, "link": link}
    return add_element("image", props, extra=media)


def _media_src(data: Any, mime: str, name: str, media: Media) -> tuple[str, str]:
    """The src (a URL, or the id of the kept bytes) and MIME type of audio, video or a PDF."""
    if is_url(data):
        return str(data), mime
    raw, guessed = read_bytes(data, name)
    kind = mime if mime != "" else (guessed or sniff(raw, "application/octet-stream"))
    if guessed and mime in ("audio/wav", "video/mp4") and not isinstance(data, bytes):
        kind = guessed  # a file's own type beats the default format
    return _keep(media, raw, kind), kind


def _times(start_time: MediaTime, end_time: MediaTime) -> tuple[float, float | None]:
    start = media_time(start_time, "start_time") or 0.0
    end = media_time(end_time, "end_time")
    if end is not None and end <= start:
        raise TidalAPIError(
            f"end_time={end_time!r} is not after start_time={start_time!r}: pass an end_time "
            "later than start_time, or None to play to the end."
        )
    return start, end


@api_function
def audio(
    data: Any,
    format: str = "audio/wav",
    start_time: MediaTime = 0,
    *,
    sample_rate: int | None = None,
    end_time: MediaTime = None,
    loop: bool = False,
    autoplay: bool = False,
    alt: str | None = None,
    width: int | Literal["stretch"] = "stretch",
) -> ElementHandle:
    """An audio player: a path, a URL, bytes, a file, or a numpy array of samples (give its
    ``sample_rate``; it is played as 16-bit WAV).

    Example:
        >>> st.audio("sound.mp3", format="audio/mpeg", start_time="2s", loop=True)
        >>> st.audio(numpy.sin(numpy.linspace(0, 880 * 6.28, 44100)), sample_rate=44100)
    """
    media: Media = {}
    if type(data).__module__ == "numpy" or hasattr(data, "__array_interface__"):
        if sample_rate is None:
            raise TidalAPIError(
                "st.audio of a numpy array needs its sample_rate (samples per second)."
            )
        src, mime = _keep(media, wav_of(data, sample_rate), "audio/wav"), "audio/wav"
    else:
        src, mime = _media_src(data, format, "st.audio", media)
    start, end = _times(start_time, end_time)
    props = {
        "src": src,
        "mime": mime,
        "start": start,
        "end": end,
        "loop": bool(loop),
        "autoplay": bool(autoplay),
        "alt": alt,
        "width": _width("st.audio", width, "stretch", ("stretch",)),
    }
    return add_element("audio", props, extra=media)


def _subtitles(subtitles: Any, media: Media) -> list[dict[str, str]]:
    if subtitles is None:
        return []
    tracks = subtitles if isinstance(subtitles, dict) else {"default": subtitles}
    out = []
    for label, data in tracks.items():
        if isinstance(data, str) and not is_url(data) and ("-->" in data or "\n" in data):
            raw = data.encode()  # the subtitles themselves
        else:
            raw = read_bytes(data, "st.video(subtitles=...)")[0]
        out.append({"label": str(label), "src": _keep(media, vtt_of(raw), "text/vtt")})
    return out


@api_function
def video(
    data: Any,
    format: str = "video/mp4",
    start_time: MediaTime = 0,
    *,
    subtitles: Any = None,
    end_time: MediaTime = None,
    loop: bool = False,
    autoplay: bool = False,
    muted: bool = False,
    alt: str | None = None,
    width: int | Literal["stretch"] = "stretch",
) -> ElementHandle:
    """A video player: a path, a URL, bytes or a file; ``subtitles`` as WebVTT or SRT (text,
    a path, bytes, or ``{label: data}`` for several tracks).

    Example:
        >>> st.video("clip.mp4", subtitles={"English": "en.vtt"}, muted=True, autoplay=True)
    """
    media: Media = {}
    src, mime = _media_src(data, format, "st.video", media)
    start, end = _times(start_time, end_time)
    props = {
        "src": src,
        "mime": mime,
        "start": start,
        "end": end,
        "loop": bool(loop),
        "autoplay": bool(autoplay),
        "muted": bool(muted),
        "subtitles": _subtitles(subtitles, media),
        "alt": alt,
        "width": _width("st.video", width, "stretch", ("stretch",)),
    }
    return add_element("video", props, extra=media)


@api_function
def pdf(
    data: Any,
    *,
    height: int | Literal["stretch"] = 500,
    key: str | None = None,
    alt: str | None = None,
) -> ElementHandle:
    """Show a PDF document: a path, a URL, bytes or a file (an upload).

    Example:
        >>> st.pdf("report.pdf", height=600)
    """
    if not (
        height == "stretch"
        or (isinstance(height, int) and not isinstance(height, bool) and height > 0)
    ):
        raise TidalAPIError(f"st.pdf got height={height!r}: use pixels or 'stretch'.")
    media: Media = {}
    src, _ = _media_src(data, "application/pdf", "st.pdf", media)
    return add_element("pdf", {"src": src, "height": height, "key": key, "alt": alt}, extra=media)


@api_function
def logo(
    image: Any,
    *,
    size: Literal["small", "medium", "large"] = "medium",
    link: str | None = None,
    icon_image: Any = None,
) -> None:
    """Show a logo in the app's upper-left corner (``icon_image``: a smaller one for narrow
    screens).

    Example:
        >>> st.logo("logo.png", link="https://example.com", size="large")
    """
    if size not in ("small", "medium", "large"):
        raise TidalAPIError(f"st.logo got size={size!r}: use 'small', 'medium' or 'large'.")
    if link is not None and not is_url(link):
        raise TidalAPIError(f"st.logo got link={link!r}: pass an http(s) URL.")
    media: Media = {}

    def src_of(img: Any) -> str:
        return str(img) if is_url(img) else _keep(media, *image_data(img, False, "RGB", "auto"))

    props = {
        "image": src_of(image),
        "icon": None if icon_image is None else src_of(icon_image),
        "size": size,
        "link": link,
    }
    ctx = get_run()
    ctx.add(Node("logo", props, extra=media), ctx.main_block())
