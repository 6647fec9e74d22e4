"""The ``tidal`` command: ``run``, ``hello``, ``config show``, ``version``.

Owns argument parsing (click, plus Streamlit-style ``--section.option value`` flags), the
errors a person sees when something is wrong before the server starts, and building the one
``Config`` that everything below receives. Knows nothing about sessions or widgets.
"""

from __future__ import annotations

import logging
import signal
import socket
import sys
import threading
import webbrowser
from pathlib import Path
from urllib.parse import urlsplit

import click

from tidal import __version__
from tidal.compat import NOTICE, install_if_needed
from tidal.config import Config, ConfigError, load_config
from tidal.config_docs import format_config
from tidal.serving import serve

HELLO_APP = Path(__file__).resolve().parent / "hello" / "app.py"
SHORTCUTS = {"--workers": "server.workers"}
"""Short flags for the most used options."""


def _split_args(args: list[str]) -> tuple[Path, dict[str, str], list[str]]:
    """``[--server.port 8502] app.py [--runner.x=true] [a] [-- b]`` -> (app, flags, script args).

    ``flags`` maps option names to raw values. Flags may come before or after APP; everything
    after ``--`` goes to the script untouched.
    """
    flags: dict[str, str] = {}
    positional: list[str] = []
    after: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            after = args[i + 1 :]
            break
        head = arg.split("=", 1)[0]
        if head in SHORTCUTS:  # --workers N is --server.workers N
            arg = "--" + SHORTCUTS[head] + arg[len(head) :]
        if arg.startswith("--") and "." in arg.split("=", 1)[0]:
            name, eq, raw = arg[2:].partition("=")
            if not eq:
                if i + 1 >= len(args) or args[i + 1].startswith("--"):
                    raise click.UsageError(f"--{name} needs a value, e.g. --{name} VALUE")
                raw = args[i + 1]
                i += 1
            flags[name] = raw
        elif arg.startswith("-"):
            raise click.UsageError(
                f"Unknown flag {arg}. Options look like --server.port 8502; "
                "see `tidal config show` for all of them."
            )
        else:
            positional.append(arg)
        i += 1
    if not positional:
        raise click.UsageError(
            "Missing argument 'APP': name the app's script, e.g. `tidal run app.py`."
        )
    return Path(positional[0]), flags, positional[1:] + after


class _RunCommand(click.Command):
    """``tidal run``: click handles only ``--help``; :func:`_split_args` reads the raw arguments.

    (click's own parsing would take a flag written before APP for the app, and swallow ``--``.)
    """

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        ctx.meta["tidal.run_args"] = list(args)
        return super().parse_args(ctx, args)


def build_config(app: Path, flags: dict[str, str]) -> Config:
    """The configuration for running ``app`` from the current directory with ``flags``."""
    dirs: list[Path] = [Path.cwd()]
    if app.parent.resolve() != Path.cwd().resolve():
        dirs.append(app.parent.resolve())
    try:
        return load_config(project_dirs=dirs, cli=flags)
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None


def _check_app(app: Path) -> None:
    if not app.exists():
        raise click.ClickException(f"No app at {app}. Check the path, e.g. `tidal run app.py`.")
    if app.is_dir():
        raise click.ClickException(
            f"{app} is a folder. Name the app's script, e.g. `tidal run {app / 'app.py'}`."
        )
    if app.suffix != ".py":
        raise click.ClickException(f"{app} is not a Python file (.py).")


def _syntax_problem(app: Path) -> str | None:
    """A one-line description of a syntax error in the app, or None."""
    try:
        compile(app.read_text("utf-8"), str(app), "exec", dont_inherit=True)
    except SyntaxError as exc:
        return f"{app.name}, line {exc.lineno}: SyntaxError: {exc.msg}."
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        return f"{app.name} cannot be read: {exc}."
    return None


ALL_ADDRESSES = ("0.0.0.0", "::")


def banner_urls(url: str, address: str) -> list[tuple[str, str]]:
    """The addresses the start banner shows: the one URL, or, when the server listens on
    every address, the local URL and (if this machine has one) the network URL, as
    Streamlit's banner does."""
    if address not in ALL_ADDRESSES:
        return [("URL", url)]
    port = urlsplit(url).port
    urls = [("Local URL", f"http://localhost:{port}")]
    ip = network_address()
    if ip is not None:
        urls.append(("Network URL", f"http://{ip}:{port}"))
    return urls


def network_address() -> str | None:
    """This machine's first non-loopback IPv4 address, from its host name (no traffic)."""
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
    except OSError:
        return None
    for info in infos:
        ip = str(info[4][0])
        if not ip.startswith("127."):
            return ip
    return None


def _serve(app: Path, config: Config) -> None:
    logging.basicConfig(
        level=config.logger.level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )

    if install_if_needed(app):
        click.echo(f"  {NOTICE}", err=True)
    problem = _syntax_problem(app)
    if problem:
        click.echo(f"  {problem} The page shows it; fix the file and it reloads.", err=True)

    def ready(url: str) -> None:
        urls = banner_urls(url, config.server.address)
        lines = "\n".join(f"  {name}: {link}" for name, link in urls)
        click.echo(f"\n  tidal is serving {app.name}\n\n{lines}\n")
        if not config.server.headless:
            threading.Thread(target=webbrowser.open, args=(urls[0][1],), daemon=True).start()

    # SIGTERM (a service manager, `docker stop`) stops like Ctrl-C: uvicorn shuts down
    # gracefully, then passes the signal on to this handler, and the process exits 0.
    previous = signal.signal(signal.SIGTERM, _stop_on_sigterm)
    try:
        serve(config, app, on_ready=ready)
    except KeyboardInterrupt:
        pass
    except OSError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        signal.signal(signal.SIGTERM, previous)
    click.echo("  Stopped.")


def _stop_on_sigterm(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="tidal")
def main() -> None:
    """tidal: interactive web apps as plain Python scripts."""


@main.command(
    cls=_RunCommand,
    context_settings={"ignore_unknown_options": True, "allow_extra_args": True},
)
@click.argument("args", metavar="APP [-- ARGS]", nargs=-1, type=click.UNPROCESSED)
@click.pass_context
def run(ctx: click.Context, args: tuple[str, ...]) -> None:
    """Serve APP (a Python script) in the browser.

    Options use Streamlit's names: --server.port 8502, --server.headless true,
    --runner.enforceSerializableSessionState true. Arguments after -- go to the script.
    """
    app, flags, script_args = _split_args(ctx.meta["tidal.run_args"])
    _check_app(app)
    config = build_config(app, flags)
    sys.argv = [str(app), *script_args]
    _serve(app, config)


@main.command(
    context_settings={"ignore_unknown_options": True, "allow_extra_args": True},
)
@click.pass_context
def hello(ctx: click.Context) -> None:
    """Serve tidal's own demo of session state (takes the same --section.option flags)."""
    _, flags, _ = _split_args([str(HELLO_APP), *ctx.args])
    config = build_config(HELLO_APP, flags)
    _serve(HELLO_APP, config)


@main.group(name="config")
def config_group() -> None:
    """Inspect the configuration."""


@config_group.command(name="show")
def config_show() -> None:
    """Print every option, its value and where the value came from."""
    config = build_config(Path.cwd() / "app.py", {})
    click.echo(format_config(config))


@main.command()
def version() -> None:
    """Print tidal's version."""
    click.echo(f"tidal {__version__}")
