"""``st.secrets``: values from ``secrets.toml`` files, read with dict or attribute access.

Files are read in this order, later ones overriding earlier keys: ``~/.streamlit/``,
``~/.tidal/``, then ``.streamlit/`` and ``.tidal/`` in the working folder and in the app's
folder (each ``secrets.toml``). They are read on first use and again when one changes. Root
level string values also become environment variables, as in Streamlit. A test gives its own
secrets with ``AppTest.secrets``. Secrets never reach the browser unless the script shows them,
and their values are never logged: ``repr`` lists keys only. Without any secrets file,
``st.secrets["x"]`` raises ``StreamlitSecretNotFoundError`` while ``"x" in st.secrets`` and
``st.secrets.get("x")`` quietly find nothing.
"""

from __future__ import annotations

import os
import threading
import tomllib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, NoReturn

from tidal.context import maybe_run
from tidal.errors import TidalError

_DOCS = "https://docs.streamlit.io/develop/concepts/connections/secrets-management"


class StreamlitSecretNotFoundError(TidalError, FileNotFoundError):
    """No secrets file exists, or one is not valid TOML."""


def _missing_key(key: str) -> str:
    return (
        f'st.secrets has no key "{key}". Did you forget to add it to secrets.toml, mount it to '
        f"secret directory, or the app settings on Streamlit Cloud? More info: {_DOCS}"
    )


class AttrDict(Mapping[str, Any]):
    """A read-only table of secrets: ``d["key"]`` and ``d.key``; nested tables are AttrDicts.

    Example:
        >>> db = st.secrets.database
        >>> db.user == db["user"]
        True
    """

    __slots__ = ("_values",)

    def __init__(self, values: Mapping[str, Any]) -> None:
        object.__setattr__(self, "_values", dict(values))

    def __getitem__(self, key: str) -> Any:
        try:
            value = self._values[key]
        except KeyError:
            raise KeyError(_missing_key(key)) from None
        return AttrDict(value) if isinstance(value, Mapping) else value

    def __getattr__(self, key: str) -> Any:
        try:
            return self[key]
        except KeyError:
            raise AttributeError(
                f'st.secrets has no attribute "{key}". Did you forget to add it to '
                f"secrets.toml, mount it to secret directory, or the app settings on Streamlit "
                f"Cloud? More info: {_DOCS}"
            ) from None

    def __setattr__(self, key: str, value: Any) -> NoReturn:
        raise TypeError("Secrets does not support attribute assignment.")

    def __setitem__(self, key: str, value: Any) -> NoReturn:
        raise TypeError("Secrets does not support item assignment.")

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def to_dict(self) -> dict[str, Any]:
        """A plain, mutable copy (nested tables as dicts)."""
        return _plain(self._values)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(keys={sorted(self._values)!r})"


def _plain(values: Mapping[str, Any]) -> dict[str, Any]:
    return {k: _plain(v) if isinstance(v, Mapping) else v for k, v in values.items()}


def secrets_files(app_dir: Path | None) -> list[Path]:
    """The files ``st.secrets`` reads, lowest precedence first."""
    home = Path.home()
    folders = [home / ".streamlit", home / ".tidal"]
    for base in dict.fromkeys([Path.cwd(), *([app_dir] if app_dir else [])]):
        folders += [base / ".streamlit", base / ".tidal"]
    return [f / "secrets.toml" for f in dict.fromkeys(folders)]


class Secrets(Mapping[str, Any]):
    """``st.secrets``: every key of the secrets files (see the module docstring).

    Example:
        >>> password = st.secrets["db_password"]
        >>> user = st.secrets.database.user
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._cache: tuple[tuple[tuple[str, float], ...], dict[str, Any]] | None = None

    # ------------------------------------------------------------------ loading
    def _values(self) -> dict[str, Any]:
        ctx = maybe_run()
        if ctx is not None and ctx.visitor is not None and ctx.visitor.secrets is not None:
            return ctx.visitor.secrets
        return self.of_app(ctx.page_table.main_path.parent if ctx is not None else None)

    def of_app(self, app_dir: Path | None) -> dict[str, Any]:
        """The secrets of the app in ``app_dir`` as the files have them, outside any run
        (the server's routes read ``[auth]`` this way).

        Raises:
            StreamlitSecretNotFoundError: there is no secrets file, or one is not valid TOML.

        Example:
            >>> secrets.of_app(Path("app.py").resolve().parent).get("auth")
        """
        files = secrets_files(app_dir)
        stamp = tuple((str(f), f.stat().st_mtime) for f in files if f.is_file())
        with self._lock:
            if self._cache is not None and self._cache[0] == stamp:
                return self._cache[1]
            if not stamp:
                listed = ", ".join(str(f) for f in files)
                raise StreamlitSecretNotFoundError(
                    f"No secrets found. Valid paths for a secrets.toml file are: {listed}"
                )
            merged: dict[str, Any] = {}
            for name, _ in stamp:
                try:
                    merged.update(tomllib.loads(Path(name).read_text("utf-8")))
                except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
                    raise StreamlitSecretNotFoundError(
                        f"Error parsing secrets file at {name}: {exc}. Fix the TOML syntax."
                    ) from None
            for key, value in merged.items():
                if isinstance(value, str):
                    os.environ[key] = value
            self._cache = (stamp, merged)
            return merged

    def load_if_toml_exists(self) -> bool:
        """Read the secrets now; False when there is no secrets file (no error)."""
        try:
            self._values()
        except StreamlitSecretNotFoundError:
            return False
        return True

    # ------------------------------------------------------------------ access
    def _table(self) -> AttrDict:
        return AttrDict(self._values())

    def __getitem__(self, key: str) -> Any:
        return self._table()[key]

    def __getattr__(self, key: str) -> Any:
        if key.startswith("_"):
            raise AttributeError(key)
        return getattr(self._table(), key)

    def _values_or_none(self) -> dict[str, Any]:
        """The secrets, or none when there is no secrets file (``in``, ``get``, ``len``)."""
        try:
            return self._values()
        except StreamlitSecretNotFoundError:
            return {}

    def __iter__(self) -> Iterator[str]:
        return iter(self._values_or_none())

    def __len__(self) -> int:
        return len(self._values_or_none())

    def __contains__(self, key: object) -> bool:
        return key in self._values_or_none()

    def get(self, key: str, default: Any = None) -> Any:
        """The secret ``key``, or ``default`` when it (or any secrets file) is missing."""
        values = self._values_or_none()
        if key not in values:
            return default
        return self._table()[key]

    def has_key(self, key: str) -> bool:
        """Whether ``key`` is a top-level secret."""
        return key in self

    def to_dict(self) -> dict[str, Any]:
        """Every secret as a plain dict."""
        return _plain(self._values())

    def __repr__(self) -> str:
        try:
            keys = sorted(self._values())
        except StreamlitSecretNotFoundError:
            keys = []
        return f"Secrets(keys={keys!r})"


secrets = Secrets()
"""``st.secrets``."""
