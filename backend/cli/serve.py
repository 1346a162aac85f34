"""``trailguide serve`` and ``trailguide demo``: run the app under gunicorn."""

from __future__ import annotations

import errno
import logging
import os
import socket
from pathlib import Path

import click
from gunicorn.app.base import BaseApplication

from backend.cli import data_dir_option, fails_in_one_line
from backend.config import PREFIX, ConfigError, Settings
from backend.preflight import preflight

# prometheus_client is never imported in this (parent) process: it reads this variable on
# import, so the workers it forks must be the first to import it.
MULTIPROC_DIR = "PROMETHEUS_MULTIPROC_DIR"


class _Server(BaseApplication):
    """gunicorn, configured from code; the app is built in the worker, after the fork."""

    def __init__(self, options: dict, banner, prepare=None):
        self.options = options
        self.banner = banner  # a str, or a callable made after the app is prepared
        self.prepare = prepare
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            self.cfg.set(key, value)
        banner = self.banner

        def child_exit(_server, worker):
            # A dead worker's live gauges must stop counting; its counters stay summed.
            from prometheus_client import multiprocess

            multiprocess.mark_process_dead(worker.pid)

        self.cfg.set("child_exit", child_exit)

        def post_worker_init(worker):
            if banner:
                click.echo(banner() if callable(banner) else banner, err=True)

        self.cfg.set("post_worker_init", post_worker_init)

    def load(self):
        from backend import create_app

        app = create_app()
        if self.prepare is not None:
            self.prepare(app)
        return app


def _options(host: str, ports: list[int], workers: int, threads: int) -> dict:
    return {
        "bind": [f"{host}:{port}" for port in ports],
        "workers": workers,
        "worker_class": "gthread",
        "threads": threads,
        "timeout": 60,
        "graceful_timeout": 20,
        "keepalive": 5,
        # A page URL may be 4096 characters, percent-encoded up to 12 bytes each; gunicorn's
        # limits top out at 8190 bytes and answer with their own HTML 414, so the line is not
        # capped here and the app refuses what is too long with its JSON 400 (the document's
        # maxLength).
        "limit_request_line": 0,
        "accesslog": None,
        "errorlog": "-",
        "loglevel": "warning",
        "proc_name": "trailguide",
        # Several servers may run side by side (tests, benchmarks): no shared control socket.
        "control_socket_disable": True,
        # Each worker listens on its own SO_REUSEPORT socket and the kernel spreads new
        # connections over them; with one shared socket the first worker to accept can end
        # up owning every keep-alive connection while the others idle.
        "reuse_port": True,
    }


def _metrics_dir(settings: Settings) -> None:
    """Give the workers one directory for their metric files (prometheus_client's
    multiprocess mode), emptied first: files of an earlier run would count again.

    Set before any worker imports prometheus_client, which reads it on import.
    """
    directory = Path(os.environ.get(MULTIPROC_DIR) or settings.data_dir / "metrics")
    directory.mkdir(parents=True, exist_ok=True)
    for stale in directory.glob("*.db"):
        stale.unlink()
    os.environ[MULTIPROC_DIR] = str(directory)


def refuse_taken_port(host: str, port: int) -> None:
    """ConfigError when another process listens on ``host:port``.

    gunicorn binds with SO_REUSEPORT (see ``_options``), and the kernel would then
    silently share the port with whatever else listens there, splitting connections
    between two servers and their different databases. A probe bound without
    SO_REUSEPORT fails while any listener holds the port.
    """
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
    except socket.gaierror as exc:
        raise ConfigError(f"--host {host}: cannot resolve it ({exc.strerror})") from None
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        # SO_REUSEADDR: a port left in TIME_WAIT by a stopped server is free again.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise ConfigError(
                    f"port {port} on {host} is in use by another process; "
                    "stop it or choose another --port"
                ) from None
            raise ConfigError(f"cannot listen on {host}:{port} ({exc.strerror})") from None


def listening_ports(port: int, settings: Settings) -> list[int]:
    """The server's port, then the demo tools' ports when the demo is served on them."""
    ports = [port]
    if settings.serve_demo:
        tools = (settings.demo_billing_port, settings.demo_support_port)
        ports += [tool for tool in tools if tool is not None]
    if len(set(ports)) < len(ports):
        raise ConfigError(
            "the server and the demo's Billing and Support each need a port of their own, "
            f"got {ports}"
        )
    return ports


def _serve(host: str, port: int, workers: int, threads: int, banner, prepare=None) -> None:
    if workers < 1 or threads < 1:
        raise ConfigError("--workers and --threads must be at least 1")
    settings = Settings.from_env()
    ports = listening_ports(port, settings)
    for each in ports:
        refuse_taken_port(host, each)
    preflight(settings, workers)
    _metrics_dir(settings)
    _Server(_options(host, ports, workers, threads), banner, prepare).run()


def _common(func):
    func = click.option("--threads", default=8, show_default=True, help="Threads per worker.")(func)
    func = click.option(
        "--workers",
        default=1,
        show_default=True,
        help="Worker processes (several need a ClickHouse server, not chDB).",
    )(func)
    func = click.option("--port", default=8080, show_default=True)(func)
    func = click.option("--host", default="127.0.0.1", show_default=True)(func)
    return data_dir_option(func)


@click.command()
@_common
@fails_in_one_line
def serve(host: str, port: int, workers: int, threads: int):
    """Serve the API (and, with TRAILGUIDE_DEMO=1, the demo app)."""
    _serve(host, port, workers, threads, f"Trailguide is serving on http://{host}:{port}")


def _demo_port(name: str, help_text: str):
    return click.option(
        f"--{name}-port",
        type=click.IntRange(1, 65535),
        envvar=f"{PREFIX}DEMO_{name.upper()}_PORT",
        show_envvar=True,
        help=help_text,
    )


@click.command()
@_common
@_demo_port("billing", "Port of Acme Billing's own origin  [default: --port + 1]")
@_demo_port("support", "Port of Acme Support's own origin  [default: --port + 2]")
@fails_in_one_line
def demo(
    host: str,
    port: int,
    workers: int,
    threads: int,
    billing_port: int | None,
    support_port: int | None,
):
    """Serve Trailguide with the demo applications (Acme CRM, and Acme Billing and Acme
    Support on origins of their own) on the embedded stores."""
    os.environ[f"{PREFIX}DEMO"] = "1"
    # Set for the worker too: it builds the app, which answers these ports with the tools.
    os.environ[f"{PREFIX}DEMO_BILLING_PORT"] = str(billing_port or port + 1)
    os.environ[f"{PREFIX}DEMO_SUPPORT_PORT"] = str(support_port or port + 2)
    # A person reads this terminal: readable lines, and only what needs attention
    # (TRAILGUIDE_LOG_LEVEL=INFO shows every request).
    os.environ.setdefault(f"{PREFIX}LOG_FORMAT", "text")
    os.environ.setdefault(f"{PREFIX}LOG_LEVEL", "WARNING")
    base = f"http://{host}:{port}"
    settings = Settings.from_env()
    data_dir = settings.data_dir
    seeded = {}

    def prepare(app):
        # In the worker, after the fork: chDB admits only the serving process.
        from backend.demo import seed_once

        try:
            seeded["info"] = seed_once(app, base_url=base)
        except Exception:  # the console and Acme CRM still work without the demo data
            logging.getLogger(__name__).exception("seeding the demo failed")

    def banner():
        from backend.demo import DemoUrls
        from backend.demo import banner as demo_banner

        return demo_banner(DemoUrls.of(host, port, settings), seeded.get("info"), data_dir)

    _serve(host, port, workers, threads, banner, prepare)
