"""st.user, st.login, st.logout and st.connection without an identity provider or drivers
(sign-in with a provider: tests/test_auth.py, tests/test_auth_flow.py)."""

from __future__ import annotations

import pytest

from tidal.api.auth import user


def test_st_user_is_not_logged_in_and_reads_like_a_mapping(app_test):
    at = app_test("""
        import tidal as st
        st.write(st.user.is_logged_in, st.user["is_logged_in"], st.user.to_dict(), st.user.tokens)
        try:
            st.user.email
        except AttributeError as exc:
            st.text(str(exc))
    """)
    # a served app's visitor is not logged in; AppTest's default user is Streamlit's
    # {"email": "test@example.com"}, so say so
    at.user = {"is_logged_in": False}
    at.run()
    assert at.markdown[0].value.startswith("`False` `False`")
    assert at.text[0].value == 'st.user has no attribute "email".'


def test_a_visitor_the_test_did_not_describe_is_not_logged_in():
    assert user.to_dict() == {"is_logged_in": False}


def test_login_without_auth_secrets_is_streamlits_error(app_test):
    at = app_test("import tidal as st\nst.login()\n").run()
    assert at.exception[0].value.startswith(
        "To use authentication features, you need to configure credentials"
    )


def test_logout_without_a_login_does_nothing(app_test):
    at = app_test("import tidal as st\nst.logout()\nst.write('still here')\n").run()
    assert not at.exception and at.markdown[0].value == "still here"


CONNECTION_CLASS = """
import tidal as st
from tidal.api.connections import BaseConnection

class Memory(BaseConnection[dict]):
    def _connect(self, **kwargs):
        st.session_state.setdefault("connects", 0)
        st.session_state.connects += 1
        return {"name": self._connection_name, **kwargs, **self._secrets.to_dict()}

    def get(self, key):
        return self._instance[key]
"""


def test_a_connection_class_is_made_once_and_shared(app_test):
    at = app_test(
        CONNECTION_CLASS
        + """
a = st.connection("mem", type=Memory, answer=42)
b = st.connection("mem", type=Memory, answer=42)
st.write(a is b, a.get("answer"), a.get("name"), repr(a))
"""
    )
    at.secrets["connections"] = {"mem": {"region": "eu"}}
    at.run()
    assert at.markdown[0].value == "`True` `42` mem Memory(name='mem')"
    at.run()  # a rerun keeps the same connection (made once per process)
    assert at.session_state.connects == 1


def test_a_connection_type_may_come_from_the_secrets_as_a_class_path(
    app_test, tmp_path, monkeypatch
):
    (tmp_path / "my_conn.py").write_text(
        "from tidal.api.connections import BaseConnection\n"
        "class Kv(BaseConnection):\n"
        "    def _connect(self, **kwargs):\n"
        "        return dict(self._secrets)\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    at = app_test("""
        import tidal as st
        conn = st.connection("kv")
        st.write(type(conn).__name__, conn._instance["type"])
    """)
    at.secrets["connections"] = {"kv": {"type": "my_conn.Kv"}}
    at.run()
    assert at.markdown[0].value == "Kv my_conn.Kv"


def test_reset_drops_the_underlying_connection(app_test):
    at = app_test(
        CONNECTION_CLASS
        + """
c = st.connection("reset-me", type=Memory)
c.get("name")
c.reset()
c.get("name")
st.write(st.session_state.connects)
"""
    ).run()
    assert at.markdown[0].value == "`2`"


@pytest.mark.parametrize(
    ("call", "message"),
    [
        ('st.connection("db", type="sql")', 'st.connection(type="sql") needs SQLAlchemy'),
        ('st.connection("db", type="snowflake")', "needs snowflake-connector-python"),
        ('st.connection("db")', "Missing connection type for connection `db`"),
        ('st.connection("db", type="no.such.Class")', "Invalid connection type 'no.such.Class'"),
        ('st.connection("db", type=dict)', "must be a subclass of"),
    ],
)
def test_unknown_connection_types_say_what_to_do(app_test, call, message):
    at = app_test(f"import tidal as st\n{call}\n").run()
    assert message in at.exception[0].value
