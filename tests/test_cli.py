"""The ``tidal`` command: its help, ``config show``, the errors a person sees, and ``tidal run``.

Everything runs with HOME in a temporary folder (the configuration reads
``~/.tidal/config.toml``) and without TIDAL_*/STREAMLIT_* variables from the outer
environment. In-process invocations (click's CliRunner) never serve: ``tidal.cli.serve`` is
replaced. The last tests start ``python -m tidal run`` as a real subprocess on a loopback port
and always kill it.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from tests.fixtures.server import Client
from tidal import __version__
from tidal.cli import main
from tidal.config_options import OPTIONS

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "seeds" / "unserializable_lambda.py"
TINY_APP = 'import tidal as st\n\nst.write("hello from the tiny app")\n'


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """HOME and the working folder in tmp_path; no tidal/Streamlit variables. Returns cwd."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    for name in list(os.environ):
        if name.startswith(("TIDAL_", "STREAMLIT_")):
            monkeypatch.delenv(name)
    cwd = tmp_path / "project"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    return cwd


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, Path]]:
    """Replace the server: records (config, app) and returns at once, as if Ctrl-C came."""
    calls: list[tuple[Any, Path]] = []

    def fake_serve(config: Any, script_path: Path, **kwargs: Any) -> None:
        calls.append((config, script_path))

    monkeypatch.setattr("tidal.cli.serve", fake_serve)
    return calls


@pytest.fixture
def never_served(monkeypatch: pytest.MonkeyPatch) -> None:
    """A command that should fail before serving must not start a server (nor hang)."""

    def fail(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("the server was started")

    monkeypatch.setattr("tidal.cli.serve", fail)


def invoke(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False, prog_name="tidal")


# ----------------------------------------------------------------------------- help, version
def test_version_command_and_flag() -> None:
    result = invoke("version")
    assert result.exit_code == 0
    assert result.output == f"tidal {__version__}\n"

    result = invoke("--version")
    assert result.exit_code == 0
    assert result.output.strip() == f"tidal, version {__version__}"


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help_lists_the_commands(flag: str) -> None:
    result = invoke(flag)
    assert result.exit_code == 0
    assert "Usage: tidal" in result.output
    for command in ("run", "hello", "config", "version"):
        assert re.search(rf"^\s+{command}\s+\S", result.output, re.M), result.output


def test_run_help_explains_app_and_flags() -> None:
    result = invoke("run", "--help")
    assert result.exit_code == 0
    text = " ".join(result.output.split())  # click wraps lines
    assert "APP" in text
    for flag in ("--server.port 8502", "--server.headless true"):
        assert flag in text
    assert "--runner.enforceSerializableSessionState true" in text
    assert "after -- go to the script" in text


def test_config_show_help() -> None:
    result = invoke("config", "show", "--help")
    assert result.exit_code == 0
    assert "where the value came from" in " ".join(result.output.split())


# ----------------------------------------------------------------------------- config show
def rows(output: str) -> dict[str, tuple[str, str]]:
    """``tidal config show`` output -> {option: (value, source)}."""
    out = {}
    for line in output.splitlines()[1:]:
        if not line.strip():
            break
        name, value, source = re.fullmatch(r"(\S+)\s+(\".*?\"|\S+)\s+(.+)", line).groups()  # type: ignore[union-attr]
        out[name] = (value, source)
    return out


def test_config_show_lists_every_option_with_its_default() -> None:
    result = invoke("config", "show")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0].split() == ["option", "value", "source"]
    shown = rows(result.output)
    assert set(shown) == {o.name for o in OPTIONS}
    assert all(source == "default" for _, source in shown.values())
    assert shown["server.port"] == ("8501", "default")
    assert shown["runner.enforceSerializableSessionState"] == ("false", "default")


def test_config_show_names_the_file_a_value_came_from(isolated: Path) -> None:
    (isolated / ".tidal").mkdir()
    config_file = isolated / ".tidal" / "config.toml"
    config_file.write_text('[server]\nport = 9000\n\n[session]\nstore = "memory://"\n')
    home_file = Path(os.environ["HOME"]) / ".tidal" / "config.toml"
    home_file.parent.mkdir()
    home_file.write_text("[session]\nttl = 600\n")

    result = invoke("config", "show")
    assert result.exit_code == 0, result.output
    path = str(Path.cwd() / ".tidal" / "config.toml")
    assert re.search(rf"^server\.port\s+9000\s+{re.escape(path)}$", result.output, re.M)
    shown = rows(result.output)
    assert shown["session.ttl"] == ("600.0", str(home_file))
    assert shown["session.store"] == ('"memory://"', path)
    assert shown["server.address"] == ('"localhost"', "default")


def test_config_show_reads_the_environment_over_files(isolated: Path) -> None:
    (isolated / ".tidal").mkdir()
    (isolated / ".tidal" / "config.toml").write_text("[server]\nport = 9000\n")
    env = {
        "TIDAL_SERVER_PORT": "9100",
        "STREAMLIT_SERVER_HEADLESS": "true",
        "TIDAL_RUNNER_ENFORCE_SERIALIZABLE_SESSION_STATE": "yes",
    }
    result = invoke("config", "show", env=env)
    assert result.exit_code == 0, result.output
    shown = rows(result.output)
    assert shown["server.port"] == ("9100", "env TIDAL_SERVER_PORT")
    assert shown["server.headless"] == ("true", "env STREAMLIT_SERVER_HEADLESS")
    assert shown["runner.enforceSerializableSessionState"] == (
        "true",
        "env TIDAL_RUNNER_ENFORCE_SERIALIZABLE_SESSION_STATE",
    )


def test_config_show_hides_the_secret() -> None:
    result = invoke("config", "show", env={"TIDAL_SERVER_SECRET": "s3cr3t-value"})
    assert result.exit_code == 0
    assert "s3cr3t-value" not in result.output
    assert rows(result.output)["server.secret"] == ('"<hidden>"', "env TIDAL_SERVER_SECRET")


def test_config_show_lists_ignored_streamlit_options(isolated: Path) -> None:
    (isolated / ".streamlit").mkdir()
    path = isolated / ".streamlit" / "config.toml"
    path.write_text("[browser]\ngatherUsageStats = false\n\n[server]\nport = 8600\n")
    result = invoke("config", "show")
    assert result.exit_code == 0, result.output
    assert rows(result.output)["server.port"] == (
        "8600",
        str(Path.cwd() / ".streamlit/config.toml"),
    )
    assert "Ignored" in result.output
    assert re.search(r"^\s+browser\.gatherUsageStats\s+\S*config\.toml$", result.output, re.M)


def test_config_show_explains_a_bad_file(isolated: Path) -> None:
    (isolated / ".tidal").mkdir()
    (isolated / ".tidal" / "config.toml").write_text("[server]\nprot = 9000\n")
    result = invoke("config", "show")
    assert result.exit_code != 0
    assert 'Unknown option "server.prot"' in result.output
    assert 'Did you mean "server.port"?' in result.output
    assert "config.toml" in result.output
    assert "Traceback" not in result.output


def test_config_show_explains_a_bad_environment_variable() -> None:
    result = invoke("config", "show", env={"TIDAL_SERVER_PORT": "abc"})
    assert result.exit_code != 0
    assert "TIDAL_SERVER_PORT" in result.output
    assert 'must be an integer, got "abc"' in result.output


# ----------------------------------------------------------------------------- run: errors
@pytest.fixture
def app(isolated: Path) -> Path:
    (isolated / "app.py").write_text(TINY_APP)
    return isolated / "app.py"


@pytest.mark.usefixtures("never_served")
@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["missing.py"], ["No app at missing.py", "tidal run app.py"]),
        (["folder"], ["folder is a folder", "tidal run folder/app.py"]),
        (["notes.txt"], ["notes.txt is not a Python file (.py)"]),
        (
            ["app.py", "--server.prot", "1"],
            ['Unknown option "server.prot"', 'Did you mean "server.port"?'],
        ),
        (["app.py", "--sever.port", "1"], ['Unknown section "sever"', 'Did you mean "server"?']),
        (["app.py", "--server.port", "abc"], ['"server.port"', 'must be an integer, got "abc"']),
        (["app.py", "--server.port=abc"], ['must be an integer, got "abc"']),
        (["app.py", "--server.port", "70000"], ["must be a port number between 1 and 65535"]),
        (["app.py", "--server.headless", "maybe"], ["must be true or false"]),
        (["app.py", "--server.port"], ["--server.port needs a value"]),
        (["app.py", "--server.port", "--server.headless", "true"], ["--server.port needs a value"]),
        (["app.py", "--port", "8502"], ["Unknown flag --port", "--server.port 8502"]),
        (["app.py", "-p"], ["Unknown flag -p"]),
        ([], ["Missing argument 'APP'"]),
        (["app.py", "--server.workers", "2"], ['"session.store"', "sqlite:///"]),
    ],
)
def test_run_explains_what_is_wrong(
    isolated: Path, app: Path, args: list[str], expected: list[str]
) -> None:
    (isolated / "folder").mkdir()
    (isolated / "notes.txt").write_text("not python")
    result = invoke("run", *args)
    assert result.exit_code not in (0, None), result.output
    for text in expected:
        assert text in result.output
    assert "Traceback" not in result.output
    assert result.output.count("Error:") == 1


@pytest.mark.usefixtures("never_served")
def test_run_explains_a_bad_config_file_in_the_apps_folder(isolated: Path) -> None:
    folder = isolated / "sub"
    (folder / ".streamlit").mkdir(parents=True)
    (folder / "app.py").write_text(TINY_APP)
    (folder / ".streamlit" / "config.toml").write_text(
        "[runner]\nenforceSerializableSessionState = 'sometimes'\n"
    )
    result = invoke("run", "sub/app.py")
    assert result.exit_code != 0
    assert "runner.enforceSerializableSessionState" in result.output
    assert str(folder.resolve() / ".streamlit" / "config.toml") in result.output


# ----------------------------------------------------------------------------- run: parsing
def test_run_passes_flags_and_script_args(
    app: Path, served: list[tuple[Any, Path]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "argv", list(sys.argv))  # `run` sets the script's argv
    result = invoke(
        "run",
        "--server.port",
        "8600",
        "app.py",
        "--server.headless=true",
        "one",
        "--",
        "--two",
        "-3",
    )
    assert result.exit_code == 0, result.output
    [(config, script)] = served
    assert script == Path("app.py")
    assert config.server.port == 8600
    assert config.server.headless is True
    assert config.source("server.port") == "command line"
    assert sys.argv == ["app.py", "one", "--two", "-3"]


def test_run_flags_override_files_and_environment(
    app: Path, isolated: Path, served: list[tuple[Any, Path]], monkeypatch: pytest.MonkeyPatch
) -> None:
    (isolated / ".tidal").mkdir()
    (isolated / ".tidal" / "config.toml").write_text("[server]\nport = 9000\nheadless = true\n")
    monkeypatch.setattr(sys, "argv", list(sys.argv))
    result = invoke("run", "app.py", "--server.port", "9200", env={"TIDAL_SERVER_PORT": "9100"})
    assert result.exit_code == 0, result.output
    [(config, _)] = served
    assert config.server.port == 9200
    assert config.server.headless is True
    assert config.source("server.headless") == str(Path.cwd() / ".tidal" / "config.toml")


def test_hello_serves_the_demo_with_flags(served: list[tuple[Any, Path]]) -> None:
    result = invoke("hello", "--server.port", "9300", "--server.headless", "true")
    assert result.exit_code == 0, result.output
    [(config, script)] = served
    assert script.name == "app.py" and script.parent.name == "hello"
    assert config.server.port == 9300

    result = invoke("hello", "--server.prot", "1")
    assert result.exit_code != 0
    assert 'Did you mean "server.port"?' in result.output
    assert len(served) == 1


# ----------------------------------------------------------------------------- run: a real process
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_for(
    check: Callable[[], Any], what: str, proc: subprocess.Popen[bytes], timeout: float
) -> Any:
    """Poll ``check`` until it returns something truthy: at most ``timeout`` s and 2000 tries."""
    deadline = time.monotonic() + timeout
    for _ in range(2000):
        value = check()
        if value:
            return value
        if proc.poll() is not None:
            raise AssertionError(f"tidal exited ({proc.returncode}) before {what}")
        if time.monotonic() > deadline:
            raise AssertionError(f"no {what} within {timeout} s")
        time.sleep(0.02)
    raise AssertionError(f"no {what} after 2000 tries")


def _healthy(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as r:
            return r.status == 200 and r.read() == b"ok"
    except OSError:
        return False


class Tidal:
    """``python -m tidal run APP --server.headless true --server.address 127.0.0.1 ...``."""

    def __init__(self, cwd: Path, app: str, *flags: str, port: int) -> None:
        self.port = port
        self.out_path = cwd.parent / f"tidal-{port}.out"
        self.err_path = cwd.parent / f"tidal-{port}.err"
        env = {k: v for k, v in os.environ.items() if not k.startswith(("TIDAL_", "STREAMLIT_"))}
        env["PYTHONUNBUFFERED"] = "1"  # HOME is already the temporary one (see isolated)
        with self.out_path.open("wb") as out, self.err_path.open("wb") as err:
            self.proc = subprocess.Popen(
                [
                    sys.executable, "-m", "tidal", "run", app,
                    "--server.headless", "true",
                    "--server.port", str(port),
                    "--server.address", "127.0.0.1",
                    *flags,
                ],
                cwd=cwd,
                env=env,
                stdout=out,
                stderr=err,
            )  # fmt: skip

    @property
    def stdout(self) -> str:
        return self.out_path.read_text(errors="replace")

    @property
    def stderr(self) -> str:
        return self.err_path.read_text(errors="replace")

    def wait_healthy(self, port: int | None = None) -> None:
        port = self.port if port is None else port
        _wait_for(lambda: _healthy(port), f"/healthz on port {port}", self.proc, 10)

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(5)


@pytest.fixture
def tidal_run(isolated: Path) -> Iterator[Callable[..., Tidal]]:
    started: list[Tidal] = []

    def start(app: str, *flags: str, port: int | None = None, cwd: Path | None = None) -> Tidal:
        t = Tidal(cwd or isolated, app, *flags, port=port or _free_port())
        started.append(t)
        return t

    yield start
    for t in started:
        t.kill()


def test_run_serves_prints_the_url_and_stops_on_ctrl_c(
    app: Path, tidal_run: Callable[..., Tidal]
) -> None:
    t = tidal_run("app.py")
    t.wait_healthy()
    url = re.compile(rf"URL: http://(localhost|127\.0\.0\.1):{t.port}\b")
    _wait_for(lambda: url.search(t.stdout), "URL on stdout", t.proc, 5)
    with urllib.request.urlopen(f"http://127.0.0.1:{t.port}/", timeout=5) as r:
        assert r.status == 200
        assert b"<html" in r.read().lower()

    t.proc.send_signal(signal.SIGINT)
    started = time.monotonic()
    assert t.proc.wait(5) == 0, t.stderr
    assert time.monotonic() - started < 5
    assert "Traceback" not in t.stderr
    assert not _healthy(t.port)


def test_run_stops_on_sigterm_with_exit_code_0(app: Path, tidal_run: Callable[..., Tidal]) -> None:
    t = tidal_run("app.py")
    t.wait_healthy()
    t.proc.send_signal(signal.SIGTERM)
    assert t.proc.wait(5) == 0, t.stderr
    _wait_for(lambda: "Stopped." in t.stdout, "Stopped. on stdout", t.proc, 5)
    assert "Traceback" not in t.stderr


def test_run_picks_the_next_port_when_the_port_is_taken(
    app: Path, tidal_run: Callable[..., Tidal]
) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as blocker:
        blocker.bind(("127.0.0.1", 0))
        blocker.listen(1)
        taken = blocker.getsockname()[1]
        t = tidal_run("app.py", port=taken)
        notice = re.compile(rf"Port {taken} is in use; serving on port (\d+) instead")
        match = _wait_for(lambda: notice.search(t.stderr), "the port notice on stderr", t.proc, 10)
        port = int(match.group(1))
        assert port > taken
        t.wait_healthy(port)
        _wait_for(lambda: f":{port}" in t.stdout, "URL with the new port", t.proc, 5)
        assert f":{taken}" not in t.stdout


def _page_errors(ws_port: int) -> tuple[list[str], list[dict[str, Any]]]:
    client = Client(f"ws://127.0.0.1:{ws_port}/ws", token=None, nonce="cli")
    try:
        exceptions = [e["p"] for e in client.elements() if e["t"] == "exception"]
        return client.errors, exceptions
    finally:
        client.close()


@pytest.mark.parametrize("how", ["flag", "streamlit config in the app's folder", "off"])
def test_run_enforces_serializable_session_state(
    isolated: Path, tidal_run: Callable[..., Tidal], how: str
) -> None:
    folder = isolated / "seeds"  # the app's folder is not the working folder
    folder.mkdir()
    shutil.copy(SEED, folder / SEED.name)
    flags: list[str] = []
    if how == "flag":
        flags = ["--runner.enforceSerializableSessionState", "true"]
    elif how.startswith("streamlit"):
        (folder / ".streamlit").mkdir()
        (folder / ".streamlit" / "config.toml").write_text(
            "[runner]\nenforceSerializableSessionState = true\n"
        )
    t = tidal_run(f"seeds/{SEED.name}", *flags)
    t.wait_healthy()
    errors, exceptions = _page_errors(t.port)
    assert errors == []
    if how == "off":
        assert exceptions == []
    else:
        assert [e["type"] for e in exceptions] == ["UnserializableSessionStateError"]
        assert (
            "Cannot serialize the value (of type `<class 'function'>`) of 'unserializable'"
            in (exceptions[0]["message"])
        )


def test_workers_is_a_shortcut_for_server_workers(tmp_path, monkeypatch):
    from tidal.cli import _split_args

    _app, flags, _ = _split_args(["app.py", "--workers", "3", "--workers=4"])
    assert flags == {"server.workers": "4"}
    _, flags, _ = _split_args(["--workers", "2", "app.py"])
    assert flags == {"server.workers": "2"}


def test_a_syntax_error_in_the_app_is_reported_at_start(tmp_path):
    from tidal.cli import _syntax_problem

    app = tmp_path / "broken.py"
    app.write_text("import tidal as st\nst.write('ok'\n")
    problem = _syntax_problem(app)
    assert problem is not None and problem.startswith("broken.py, line 2: SyntaxError")
    app.write_text("import tidal as st\n")
    assert _syntax_problem(app) is None


def test_the_banner_shows_one_url_when_bound_to_one_address():
    from tidal.cli import banner_urls

    assert banner_urls("http://localhost:8501", "") == [("URL", "http://localhost:8501")]


def test_the_banner_shows_the_local_and_network_urls_when_bound_to_all_addresses(monkeypatch):
    from tidal import cli

    monkeypatch.setattr(cli, "network_address", lambda: "192.0.2.7")
    assert cli.banner_urls("http://0.0.0.0:8502", "0.0.0.0") == [
        ("Local URL", "http://localhost:8502"),
        ("Network URL", "http://192.0.2.7:8502"),
    ]


def test_the_network_address_is_never_a_loopback_address():
    from tidal.cli import network_address

    ip = network_address()
    assert ip is None or not ip.startswith("127.")
