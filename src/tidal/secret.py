"""The app's signing secret: 32 random bytes kept in ``<app folder>/.tidal/secret``.

Owns ``load_or_create_secret``. What is signed with it (pickled session snapshots, cached
values on disk) is the business of ``codec.py`` and ``api/cache_disk.py``. Imports nothing
heavier than ``os`` so that modules loaded by ``import tidal`` may use it.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from tidal.errors import CodecError

logger = logging.getLogger("tidal.secret")


def load_or_create_secret(folder: Path) -> bytes:
    """Read ``<folder>/.tidal/secret`` (32 random bytes, hex), creating it (mode 0600) if absent.

    Every process that shares a session store must use the same secret; several processes
    starting at once agree on one file (it is created atomically).

    Raises:
        CodecError: the file exists but does not hold 32 hex-encoded bytes.
    """
    path = Path(folder) / ".tidal" / "secret"
    if not path.exists():
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        tmp = path.with_name(f".secret.{os.getpid()}.{os.urandom(4).hex()}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            os.fchmod(fd, 0o600)
            os.write(fd, os.urandom(32).hex().encode() + b"\n")
            os.fsync(fd)
        finally:
            os.close(fd)
        try:
            os.link(tmp, path)  # atomic; fails if another process created it first
        except FileExistsError:
            pass
        finally:
            tmp.unlink()
    text = path.read_text().strip()
    try:
        secret = bytes.fromhex(text)
    except ValueError:
        secret = b""
    if len(secret) != 32:
        raise CodecError(
            f"{path} does not hold a tidal secret (64 hex digits). Delete it to make a new "
            "one; snapshots signed with the old secret will not be readable."
        )
    if path.stat().st_mode & 0o077:
        logger.warning("%s is readable by other users; run: chmod 600 %s", path, path)
    return secret
