"""st.secrets: the secrets files, dict and attribute access, Streamlit's errors, AppTest."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from tidal.api.secrets import AttrDict, Secrets, secrets_files
from tidal.testing import AppTest

APP = """
import tidal as st
st.write(st.secrets["db"]["user"], st.secrets.db.password, st.secrets.token)
"""


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A home folder of the test's own, a working folder without secrets, and the
    environment put back afterwards (root secrets become environment variables)."""
    home = tmp_path / "home"
    home.mkdir()
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(work)
    saved = dict(os.environ)
    yield home
    os.environ.clear()
    os.environ.update(saved)


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text))


def app_in(folder: Path, source: str) -> AppTest:
    folder.mkdir(parents=True, exist_ok=True)
    script = folder / "app.py"
    script.write_text(textwrap.dedent(source))
    return AppTest.from_file(script)


def test_secrets_are_read_from_the_apps_streamlit_folder(home: Path, tmp_path: Path):
    app = tmp_path / "app"
    write(
        app / ".streamlit" / "secrets.toml",
        """
        token = "t0"
        [db]
        user = "ann"
        password = "pw"
    """,
    )
    at = app_in(app, APP).run()
    assert at.markdown[0].value == "ann pw t0"


def test_the_apps_tidal_folder_overrides_streamlits_and_the_home_folder(home: Path, tmp_path: Path):
    app = tmp_path / "app"
    write(
        home / ".streamlit" / "secrets.toml", 'token = "home"\n[db]\nuser = "h"\npassword = "h"\n'
    )
    write(app / ".streamlit" / "secrets.toml", 'token = "streamlit"\n')
    write(app / ".tidal" / "secrets.toml", 'token = "tidal"\n')
    at = app_in(app, APP).run()
    assert at.markdown[0].value == "h h tidal"
    assert secrets_files(app.resolve())[-1] == app.resolve() / ".tidal" / "secrets.toml"


def test_a_missing_key_is_streamlits_error_for_items_and_attributes(home: Path, tmp_path: Path):
    app = tmp_path / "app"
    write(app / ".streamlit" / "secrets.toml", 'token = "t"\n')
    at = app_in(
        app,
        """
        import tidal as st
        try:
            st.secrets["missing"]
        except KeyError as exc:
            st.text(exc.args[0])
        try:
            st.secrets.missing
        except AttributeError as exc:
            st.text(str(exc))
        st.write("missing" in st.secrets, st.secrets.get("missing", "dflt"))
    """,
    ).run()
    assert at.text[0].value.startswith('st.secrets has no key "missing". Did you forget to add it')
    assert at.text[1].value.startswith('st.secrets has no attribute "missing".')
    assert at.markdown[0].value == "`False` dflt"


def test_no_secrets_file_at_all_says_where_one_may_go(home: Path, tmp_path: Path):
    at = app_in(tmp_path / "app", 'import tidal as st\nst.secrets["x"]\n').run()
    exc = at.exception[0]
    assert exc.exception_type == "StreamlitSecretNotFoundError"
    assert exc.value.startswith("No secrets found. Valid paths for a secrets.toml file are:")
    assert ".streamlit/secrets.toml" in exc.value


def test_a_secrets_file_with_bad_toml_names_the_file(home: Path, tmp_path: Path):
    app = tmp_path / "app"
    write(app / ".streamlit" / "secrets.toml", "token = \n")
    at = app_in(app, 'import tidal as st\nst.secrets["token"]\n').run()
    assert "Error parsing secrets file at" in at.exception[0].value


def test_apptest_secrets_replace_the_files(app_test):
    at = app_test(APP)
    at.secrets["token"] = "T"
    at.secrets["db"] = {"user": "u", "password": "p"}
    at.run()
    assert at.markdown[0].value == "u p T"


def test_secrets_cannot_be_assigned_and_their_repr_shows_no_value():
    table = AttrDict({"password": "hunter2", "nested": {"k": "v"}})
    with pytest.raises(TypeError):
        table["password"] = "x"  # type: ignore[index]
    with pytest.raises(TypeError):
        table.password = "x"
    assert "hunter2" not in repr(table)
    assert table.nested.k == "v"
    assert table.to_dict() == {"password": "hunter2", "nested": {"k": "v"}}


def test_root_string_secrets_become_environment_variables(home: Path, tmp_path: Path):
    write(tmp_path / "work" / ".streamlit" / "secrets.toml", 'TIDAL_TEST_SECRET_ENV = "yes"\n')
    os.environ.pop("TIDAL_TEST_SECRET_ENV", None)
    try:
        store = Secrets()
        assert store.load_if_toml_exists()
        assert store["TIDAL_TEST_SECRET_ENV"] == "yes"
        assert os.environ["TIDAL_TEST_SECRET_ENV"] == "yes"
        assert "yes" not in repr(store)
    finally:
        os.environ.pop("TIDAL_TEST_SECRET_ENV", None)


def test_a_changed_secrets_file_is_read_again(home: Path, tmp_path: Path):
    path = tmp_path / "work" / ".streamlit" / "secrets.toml"
    write(path, 'v = "one"\n')
    store = Secrets()
    assert store["v"] == "one"
    write(path, 'v = "two"\n')
    os.utime(path, (1, 1))  # a different mtime, whatever the clock's resolution
    assert store["v"] == "two"
    assert store.to_dict() == {"v": "two"} and store.has_key("v")


def test_without_a_secrets_file_in_and_get_find_nothing(home: Path, tmp_path: Path):
    at = app_in(
        tmp_path / "app",
        """
        import tidal as st
        st.write("x" in st.secrets, st.secrets.get("x", "dflt"), len(st.secrets))
    """,
    ).run()
    assert at.markdown[0].value == "`False` dflt `0`"
