"""uvicorn's limits as tidal sets them: a partial request is closed after the header
timeout, and the limits come from the configuration."""

from __future__ import annotations

import socket
import time
from pathlib import Path

from tests.fixtures.processes import free_port, tidal_process  # noqa: F401
from tests.fixtures.server import COUNTER
from tidal.config import load_config
from tidal.http_protocol import uvicorn_settings


def closed_after(sock: socket.socket, limit: float) -> float:
    """Seconds until the server closes ``sock`` (reads nothing but EOF), at most ``limit``."""
    start = time.monotonic()
    sock.settimeout(limit)
    data = sock.recv(1024)
    assert data == b"", data
    return time.monotonic() - start


def test_a_partial_request_is_closed_after_the_header_timeout(tidal_process, tmp_path: Path):  # noqa: F811
    app = tmp_path / "app.py"
    app.write_text(COUNTER)
    server = tidal_process(app, free_port(), "--server.headerTimeout", "0.5").start()
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as partial:
        partial.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")  # no blank line: the head never ends
        assert 0.3 < closed_after(partial, 5) < 3
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as silent:
        assert closed_after(silent, 5) < 3
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as slow:
        start = time.monotonic()
        try:
            for byte in b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: yes\r\n":
                slow.sendall(bytes([byte]))  # a byte at a time never extends the deadline
                time.sleep(0.1)
        except OSError:
            pass  # closed while sending: what we expect
        assert time.monotonic() - start < 3
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as whole:
        whole.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        assert whole.recv(1024).startswith(b"HTTP/1.1 200")


def test_the_uvicorn_limits_come_from_the_configuration(tmp_path):
    config = load_config(
        cli={
            "server.keepAliveTimeout": "2",
            "server.maxConnections": "300",
            "server.maxIncomingMessageSize": "256",
        },
        env={},
        home=tmp_path,
    )
    settings = uvicorn_settings(config)
    assert settings["timeout_keep_alive"] == 2.0
    assert settings["limit_concurrency"] == 300
    assert settings["ws_max_size"] == 256 * 1024
    assert settings["ws_per_message_deflate"] is False
