"""Media data: what the media elements accept, turned into bytes and a MIME type.

Owns the conversions behind ``st.image``, ``st.audio``, ``st.video``, ``st.pdf`` and
``st.logo``: paths, URLs, bytes, file objects, SVG text, PIL images and numpy arrays (images
as PNG, audio as 16-bit WAV), plus media times (``"2s"``, ``timedelta``) and subtitles (SRT to
WebVTT). numpy and PIL are used only when given such an object, and PNG needs no PIL at all.
Knows nothing about elements, sessions or HTTP.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path
from typing import Any

from tidal.errors import TidalAPIError

URL = re.compile(r"(https?:)?//", re.IGNORECASE)


def is_url(value: object) -> bool:
    """Whether ``value`` is an http(s) URL (or a data: URL) to hand to the browser as is."""
    return isinstance(value, str) and (
        bool(URL.match(value)) or value.startswith(("data:image/", "data:audio/", "data:video/"))
    )


def sniff(data: bytes, default: str) -> str:
    """The MIME type the first bytes show, else ``default``."""
    head = data[:64]
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "image/gif"
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "image/webp"
    if head.startswith(b"RIFF") and head[8:12] == b"WAVE":
        return "audio/wav"
    if head.startswith(b"%PDF"):
        return "application/pdf"
    if head.lstrip().startswith((b"<svg", b"<?xml")) and b"<svg" in data[:4096]:
        return "image/svg+xml"
    return default


def read_bytes(data: Any, what: str) -> tuple[bytes, str | None]:
    """Bytes from bytes-likes, file objects and paths, with the MIME type a path implies.

    Raises:
        TidalAPIError: the type is not one of those, or the file cannot be read.
    """
    if isinstance(data, bytes | bytearray | memoryview):
        return bytes(data), None
    if isinstance(data, str | Path):
        import mimetypes  # stdlib, imported on first use to keep `import tidal` fast

        path = Path(data)
        try:
            return path.read_bytes(), mimetypes.guess_type(path.name)[0]
        except OSError as exc:
            raise TidalAPIError(
                f"{what} could not read the file {str(data)!r}: {exc.strerror}. Pass a path "
                "that exists (relative to the folder you started the app in), a URL or bytes."
            ) from None
    if hasattr(data, "getvalue"):
        return bytes(data.getvalue()), getattr(data, "type", None) or None
    if hasattr(data, "read"):
        if hasattr(data, "seek"):
            data.seek(0)
        return bytes(data.read()), None
    raise TidalAPIError(
        f"{what} cannot show data of type {type(data).__name__}. Pass a path, a URL, bytes, "
        "a file object or a numpy array."
    )


# ----------------------------------------------------------------------------- images
def _png(pixels: bytes, width: int, height: int, channels: int) -> bytes:
    """An 8-bit PNG of raw rows (grey, grey+alpha, RGB or RGBA); no PIL needed."""
    import struct
    import zlib

    color = {1: 0, 2: 4, 3: 2, 4: 6}[channels]
    stride = width * channels
    raw = b"".join(b"\0" + pixels[y * stride : (y + 1) * stride] for y in range(height))

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, color, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 6))
        + chunk(b"IEND", b"")
    )


def _pil_bytes(image: Any, output_format: str) -> tuple[bytes, str]:
    fmt = output_format.upper()
    if fmt == "AUTO":
        has_alpha = image.mode in ("RGBA", "LA", "P", "PA")
        fmt = "JPEG" if getattr(image, "format", None) == "JPEG" and not has_alpha else "PNG"
    if fmt == "JPG":
        fmt = "JPEG"
    if fmt == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    out = io.BytesIO()
    image.save(out, format=fmt)
    return out.getvalue(), f"image/{fmt.lower()}"


def _array_bytes(array: Any, clamp: bool, channels: str, output_format: str) -> tuple[bytes, str]:
    import numpy as np  # only imported when given an array

    a = np.asarray(array)
    if a.ndim == 3 and a.shape[2] == 1:
        a = a[:, :, 0]
    if a.ndim not in (2, 3) or (a.ndim == 3 and a.shape[2] not in (3, 4)):
        raise TidalAPIError(
            f"st.image got an array of shape {a.shape}: pass (height, width) for greyscale, "
            "(height, width, 3) for RGB or (height, width, 4) for RGBA."
        )
    if a.dtype.kind == "f":
        if clamp:
            a = np.clip(a, 0.0, 1.0)
        elif a.size and (a.min() < 0.0 or a.max() > 1.0):
            raise TidalAPIError("Data is outside [0.0, 1.0] and clamp is not set.")
        a = (a * 255).round()
    elif clamp:
        a = np.clip(a, 0, 255)
    elif a.size and (a.min() < 0 or a.max() > 255):
        raise TidalAPIError("Data is outside [0, 255] and clamp is not set.")
    a = a.astype(np.uint8)
    if channels == "BGR" and a.ndim == 3:
        a = a[:, :, [2, 1, 0, 3][: a.shape[2]]]
    if output_format.upper() in ("JPEG", "JPG"):
        try:
            from PIL import Image
        except ImportError:
            raise TidalAPIError(
                "st.image(output_format='JPEG') of an array needs Pillow: pip install pillow, "
                "or use output_format='PNG'."
            ) from None
        return _pil_bytes(Image.fromarray(a), "JPEG")
    height, width = a.shape[:2]
    depth = 1 if a.ndim == 2 else a.shape[2]
    return _png(np.ascontiguousarray(a).tobytes(), width, height, depth), "image/png"


def image_data(image: Any, clamp: bool, channels: str, output_format: str) -> tuple[bytes, str]:
    """One image as bytes and a MIME type (URLs are handled by the caller)."""
    if channels not in ("RGB", "BGR"):
        raise TidalAPIError(f'st.image got channels={channels!r}: use "RGB" or "BGR".')
    if output_format.upper() not in ("AUTO", "PNG", "JPEG", "JPG"):
        raise TidalAPIError(
            f'st.image got output_format={output_format!r}: use "auto", "PNG" or "JPEG".'
        )
    module = type(image).__module__
    if module.startswith("PIL."):
        return _pil_bytes(image, output_format)
    if module == "numpy" or hasattr(image, "__array_interface__"):
        return _array_bytes(image, clamp, channels, output_format)
    if isinstance(image, str) and "<svg" in image[:4096] and image.lstrip().startswith("<"):
        return image.encode(), "image/svg+xml"
    data, mime = read_bytes(image, "st.image")
    return data, sniff(data, mime or "application/octet-stream")


# ----------------------------------------------------------------------------- audio
def wav_of(array: Any, sample_rate: int) -> bytes:
    """numpy samples as a 16-bit PCM WAV: 1-D is mono, 2-D is (channels, samples); scaled to
    the loudest sample, as Streamlit does."""
    import wave

    import numpy as np  # only imported when given an array

    a = np.asarray(array, dtype=np.float64)
    if a.ndim == 1:
        channels = 1
    elif a.ndim == 2:
        channels = a.shape[0]
        a = a.T.reshape(-1)
    else:
        raise TidalAPIError(
            "Numpy array audio input must be a 1D or 2D array: (samples,) for mono or "
            f"(channels, samples); got shape {a.shape}."
        )
    peak = float(np.max(np.abs(a))) if a.size else 0.0
    scaled = (a / peak * 32767) if peak > 0 else a
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(channels)
        w.setsampwidth(2)
        w.setframerate(sample_rate)
        w.writeframes(scaled.astype("<i2").tobytes())
    return out.getvalue()


_TIME = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*")
_UNITS = {
    "": 1.0,
    "ms": 0.001,
    **dict.fromkeys(("s", "sec", "secs", "second", "seconds"), 1.0),
    **dict.fromkeys(("m", "min", "mins", "minute", "minutes"), 60.0),
    **dict.fromkeys(("h", "hour", "hours"), 3600.0),
}


def media_time(value: object, name: str) -> float | None:
    """Seconds from ``start_time``/``end_time``: a number, a timedelta, or text such as
    ``"2s"``, ``"1.5 min"``, ``"1h"``; None stays None."""
    if value is None:
        return None
    seconds: float | None = None
    if isinstance(value, dt.timedelta):
        seconds = value.total_seconds()
    elif isinstance(value, int | float) and not isinstance(value, bool):
        seconds = float(value)
    elif isinstance(value, str) and (m := _TIME.fullmatch(value.lower())):
        factor = _UNITS.get(m.group(2))
        seconds = None if factor is None else float(m.group(1)) * factor
    if seconds is None:
        raise TidalAPIError(
            f"{name}={value!r} is not a time: pass seconds (a number), a timedelta, or text "
            'such as "2s", "1.5 min" or "1h".'
        )
    if seconds < 0:
        raise TidalAPIError(f"{name}={value!r} is negative: pass a time of 0 or more.")
    return seconds


_SRT_TIME = re.compile(r"(\d+:\d\d:\d\d),(\d\d\d)")


def vtt_of(data: bytes) -> bytes:
    """Subtitles as WebVTT: WebVTT is kept, SRT converted (its comma before the milliseconds
    becomes a dot)."""
    text = data.decode("utf-8-sig", errors="replace")
    if text.lstrip().startswith("WEBVTT"):
        return text.encode()
    return ("WEBVTT\n\n" + _SRT_TIME.sub(r"\1.\2", text.replace("\r\n", "\n"))).encode()
