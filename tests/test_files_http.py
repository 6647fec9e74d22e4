"""Uploads and media over a real socket: the endpoints, their limits and their refusals."""

from __future__ import annotations

import time
import urllib.parse
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.fixtures.server import Client, LiveServer
from tidal.media import media_key

UPLOAD_APP = """
import tidal as st
f = st.file_uploader("CSV", type="csv", max_upload_size=1)
st.markdown(f"got {f.name} {f.getvalue().decode()}" if f else "nothing")
"""


def upload(
    server: LiveServer,
    client: Client,
    data: bytes,
    name: str = "a.csv",
    mime: str = "text/csv",
    *,
    widget: str | None = None,
    token: str | None = None,
) -> httpx.Response:
    wid = widget if widget is not None else client.widget("CSV")["id"]
    return httpx.post(
        f"{server.url}/_tidal/upload/{urllib.parse.quote(wid, safe='')}",
        content=data,
        headers={
            "X-Tidal-Session": client.token if token is None else token,
            "X-Tidal-Filename": urllib.parse.quote(name),
            "Content-Type": mime,
        },
        timeout=30,
    )


def media(server: LiveServer, client: Client, src: str, **headers: str) -> httpx.Response:
    return httpx.get(
        f"{server.url}/_tidal/media/{media_key(client.token)}/{src}", headers=headers, timeout=10
    )


def test_an_upload_over_http_becomes_the_widget_value(serve_app: Any) -> None:
    server = serve_app(UPLOAD_APP)
    client = server.client()
    reply = upload(server, client, b"x,y\n1,2")
    assert reply.status_code == 200
    info = reply.json()
    assert (info["name"], info["size"], info["type"]) == ("a.csv", 7, "text/csv")
    client.change("CSV", [info])
    assert "got a.csv x,y\n1,2" in client.texts()


def test_a_file_over_the_limit_is_refused_with_streamlits_message(serve_app: Any) -> None:
    server = serve_app(UPLOAD_APP)
    client = server.client()
    reply = upload(server, client, b"x" * (1024 * 1024 + 1))
    assert reply.status_code == 413
    assert reply.json()["error"] == "File must be 1.0MB or smaller."


def test_the_limit_holds_while_streaming_without_a_content_length(serve_app: Any) -> None:
    server = serve_app(UPLOAD_APP)
    client = server.client()
    wid = client.widget("CSV")["id"]

    def body() -> Any:
        for _ in range(40):
            yield b"y" * 65536  # 2.5 MB in chunks, no Content-Length

    reply = httpx.post(
        f"{server.url}/_tidal/upload/{urllib.parse.quote(wid, safe='')}",
        content=body(),
        headers={"X-Tidal-Session": client.token, "X-Tidal-Filename": "big.csv"},
        timeout=30,
    )
    assert reply.status_code == 413
    assert server.app.state.runtime.durability.files.usage() == 0


def test_a_type_the_widget_refuses_is_refused_by_the_server(serve_app: Any) -> None:
    server = serve_app(UPLOAD_APP)
    client = server.client()
    reply = upload(server, client, b"<html>", name="page.html", mime="text/html")
    assert reply.status_code == 415
    assert reply.json()["error"] == "text/html files are not allowed."


def test_an_upload_without_a_live_session_is_forbidden(serve_app: Any) -> None:
    server = serve_app(UPLOAD_APP)
    client = server.client()
    assert upload(server, client, b"a", token="forged-token").status_code == 403
    assert upload(server, client, b"a", token="").status_code == 403


def test_an_upload_for_a_widget_that_is_not_a_file_input_is_not_found(serve_app: Any) -> None:
    server = serve_app(UPLOAD_APP + 'st.button("Go")\n')
    client = server.client()
    assert upload(server, client, b"a", widget="$$ID-nope-None").status_code == 404
    button = client.widget("Go")["id"]
    assert upload(server, client, b"a", widget=button).status_code == 404


def test_a_file_of_another_session_cannot_be_claimed(serve_app: Any) -> None:
    server = serve_app(UPLOAD_APP)
    owner, thief = server.client(nonce="a"), server.client(nonce="b")
    info = upload(server, owner, b"secret").json()
    thief.change("CSV", [info])
    assert "nothing" in thief.texts()
    assert any("no uploaded file" in e for e in thief.errors)


def test_a_forged_file_id_is_refused_and_deletes_find_nothing(serve_app: Any) -> None:
    server = serve_app(UPLOAD_APP)
    client = server.client()
    client.change("CSV", [{"file_id": "A" * 24, "name": "a.csv", "size": 1, "type": "text/csv"}])
    assert "nothing" in client.texts()
    wid = urllib.parse.quote(client.widget("CSV")["id"], safe="")
    gone = httpx.delete(
        f"{server.url}/_tidal/upload/{wid}/{'A' * 24}", headers={"X-Tidal-Session": client.token}
    )
    assert gone.status_code == 404


def test_a_removed_file_is_deleted_from_the_store(serve_app: Any) -> None:
    server = serve_app(UPLOAD_APP)
    client = server.client()
    info = upload(server, client, b"1").json()
    wid = urllib.parse.quote(client.widget("CSV")["id"], safe="")
    url = f"{server.url}/_tidal/upload/{wid}/{info['file_id']}"
    assert httpx.delete(url, headers={"X-Tidal-Session": "x" * 32}).status_code == 403
    assert httpx.delete(url, headers={"X-Tidal-Session": client.token}).status_code == 204
    assert server.app.state.runtime.durability.files.usage() == 0


def test_an_upload_from_a_foreign_origin_is_forbidden(serve_app: Any) -> None:
    server = serve_app(UPLOAD_APP)
    client = server.client()
    wid = urllib.parse.quote(client.widget("CSV")["id"], safe="")
    reply = httpx.post(
        f"{server.url}/_tidal/upload/{wid}",
        content=b"a",
        headers={
            "X-Tidal-Session": client.token,
            "X-Tidal-Filename": "a.csv",
            "Origin": "https://evil.example",
        },
    )
    assert reply.status_code == 403


IMAGE_APP = """
import tidal as st
st.image(b"\\x89PNG\\r\\n\\x1a\\n" + bytes(range(256)) * 4, caption="pic")
st.button("Again")
"""


def image_src(client: Client) -> str:
    for e in client.elements():
        if e["t"] == "image":
            return str(e["p"]["images"][0]["src"])
    raise AssertionError("no image")


def test_media_are_served_by_id_with_safe_headers(serve_app: Any) -> None:
    server = serve_app(IMAGE_APP)
    client = server.client()
    reply = media(server, client, image_src(client))
    assert reply.status_code == 200
    assert reply.content == b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
    assert reply.headers["content-type"] == "image/png"
    assert reply.headers["x-content-type-options"] == "nosniff"
    assert reply.headers["content-security-policy"].startswith("sandbox")
    assert "immutable" in reply.headers["cache-control"]
    again = media(server, client, image_src(client), **{"If-None-Match": reply.headers["etag"]})
    assert again.status_code == 304


def test_a_range_request_gets_206_and_just_those_bytes(serve_app: Any) -> None:
    server = serve_app(IMAGE_APP)
    client = server.client()
    part = media(server, client, image_src(client), Range="bytes=8-11")
    assert part.status_code == 206
    assert part.content == bytes(range(4))
    assert part.headers["content-range"] == "bytes 8-11/1032"
    tail = media(server, client, image_src(client), Range="bytes=-2")
    assert tail.content == bytes([254, 255])
    assert media(server, client, image_src(client), Range="bytes=5000-").status_code == 416


def test_media_are_served_only_to_the_session_that_shows_them(serve_app: Any) -> None:
    server = serve_app(IMAGE_APP + 'if st.session_state.get("x"): st.image(b"GIF89a-only")\n')
    owner, other = server.client(nonce="a"), server.client(nonce="b")
    src = image_src(owner)
    assert media(server, other, src).status_code == 200  # it shows the same image itself
    assert media(server, other, "0" * 32 + ".png").status_code == 404
    forged = httpx.get(f"{server.url}/_tidal/media/{'f' * 32}/{src}")
    assert forged.status_code == 404


def test_an_unchanged_image_sends_nothing_on_a_rerun(serve_app: Any) -> None:
    server = serve_app(IMAGE_APP)
    client = server.client()
    before = client.bytes_in
    client.click("Again")
    sent = client.bytes_in - before
    assert sent < 400, sent  # run start and end, the button value: no image, not even its id


DOWNLOAD_APP = """
import tidal as st
st.download_button("Get", "naïve,ü\\n1,2", file_name="résumé.csv", mime="text/csv")
st.download_button("Make", lambda: b"\\x00made\\xff", file_name="m.bin")
st.markdown("<b>x</b>")
"""


def test_a_download_is_byte_for_byte_with_an_attachment_name(serve_app: Any) -> None:
    server = serve_app(DOWNLOAD_APP)
    client = server.client()
    reply = media(server, client, client.widget("Get")["url"])
    assert reply.content == "naïve,ü\n1,2".encode()
    assert reply.headers["content-type"].startswith("text/csv")
    disposition = reply.headers["content-disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=UTF-8''r%C3%A9sum%C3%A9.csv" in disposition


def test_download_data_from_a_function_is_made_on_request(serve_app: Any) -> None:
    server = serve_app(DOWNLOAD_APP)
    client = server.client()
    reply = media(server, client, client.widget("Make")["url"])
    assert reply.content == b"\x00made\xff"
    assert reply.headers["cache-control"] == "no-store"


def test_uploaded_html_shown_back_is_never_served_as_a_page(serve_app: Any, tmp_path: Path) -> None:
    server = serve_app(
        """
        import tidal as st
        f = st.file_uploader("Any")
        if f:
            st.audio(f, format="text/html")
        """
    )
    client = server.client()
    wid = client.widget("Any")["id"]
    info = upload(server, client, b"<script>alert(1)</script>", "x.html", "text/html", widget=wid)
    client.change("Any", [info.json()])
    src = next(e["p"]["src"] for e in client.elements() if e["t"] == "audio")
    reply = media(server, client, src)
    assert reply.headers["content-type"].startswith("text/plain")
    assert reply.headers["content-security-policy"].startswith("sandbox")


@pytest.mark.parametrize("path", ["../../etc/passwd.csv", "a/../../b.csv", "/abs/x.csv"])
def test_names_are_kept_as_names_never_as_paths(serve_app: Any, tmp_path: Path, path: str) -> None:
    server = serve_app(UPLOAD_APP)
    client = server.client()
    before = sorted(p.name for p in tmp_path.rglob("*"))
    reply = upload(server, client, b"1", name=path)
    assert reply.status_code == 200 and reply.json()["name"] == path
    assert sorted(p.name for p in tmp_path.rglob("*")) == before


def test_another_replica_serves_the_media_of_a_page_it_does_not_hold(
    serve_app: Any, tmp_path: Path
) -> None:
    store = f"sqlite:///{tmp_path / 'sessions.db'}"
    holder = serve_app(IMAGE_APP, session__store=store)
    other = serve_app(IMAGE_APP, name="same_app.py", session__store=store)
    client = holder.client()
    src = image_src(client)
    files = holder.app.state.runtime.durability.files
    deadline = time.monotonic() + 10  # published right after the run's document is saved
    while files.get(media_key(client.token), src) is None:
        assert time.monotonic() < deadline, "the holder never published the page's media"
        time.sleep(0.01)
    reply = media(other, client, src)
    assert reply.status_code == 200
    assert reply.content == b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
    assert media(other, client, "1" * 32 + ".png").status_code == 404


def test_on_change_ignore_keeps_the_file_for_the_next_run_without_a_rerun(
    serve_app: Any,
) -> None:
    server = serve_app(
        """
        import tidal as st
        f = st.file_uploader("CSV", type="csv", on_change="ignore")
        st.markdown(f"got {f.name}" if f else "nothing")
        st.button("Go")
        """
    )
    client = server.client()
    info = upload(server, client, b"1,2").json()
    wid = client.widget("CSV")["id"]
    assert client.widget("CSV")["ignore"] is True
    client.event({"t": "sync", "values": {wid: [info]}}, wait=False)
    client.click("Go")
    assert "got a.csv" in client.texts()


def test_a_session_that_expires_takes_its_files_with_it(serve_app: Any) -> None:
    server = serve_app(UPLOAD_APP, session__ttl="0.3")
    client = server.client()
    upload(server, client, b"1,2")
    files = server.app.state.runtime.durability.files
    assert files.usage() == 3
    client.close()
    started = time.monotonic()
    while server.sessions.get(client.token) is not None:
        assert time.monotonic() - started < 5, "the session never expired"
        time.sleep(0.01)
    assert files.usage() == 0
