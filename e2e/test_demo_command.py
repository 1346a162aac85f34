"""`trailguide demo` on the embedded stores: healthy, ready, serves Acme CRM, keeps its data."""

import os
import subprocess

import requests

from tests.support import procs
from tests.support.live import TRAILGUIDE


def start_demo(data_dir, port, billing, support):
    proc = procs.start(
        [
            TRAILGUIDE,
            "demo",
            "--port",
            str(port),
            "--data-dir",
            str(data_dir),
            "--billing-port",
            str(billing),
            "--support-port",
            str(support),
        ],
        data_dir.parent / "demo.log",
        env={**os.environ},
    )
    url = f"http://127.0.0.1:{port}"
    procs.wait_until(
        lambda: requests.get(f"{url}/readyz", timeout=2).status_code == 200, 90, "demo", proc
    )
    return proc, url


def test_demo_serves_and_survives_a_restart(tmp_path):
    data_dir = tmp_path / "var"
    port, billing, support = procs.free_ports(3)
    proc, url = start_demo(data_dir, port, billing, support)
    try:
        assert requests.get(f"{url}/healthz", timeout=5).json() == {"status": "ok"}
        assert "Acme CRM" in requests.get(f"{url}/acme/contacts", timeout=5).text
        # Billing and Support, each on its own origin.
        billing_url = f"http://127.0.0.1:{billing}/billing/accounts"
        assert "Acme Billing" in requests.get(billing_url, timeout=5).text
        support_url = f"http://127.0.0.1:{support}/support/tickets"
        assert "Acme Support" in requests.get(support_url, timeout=5).text
        secret = (data_dir / "secret_key").read_text()
        migrations_before = subprocess.run(
            ["ls", str(data_dir / "events")], capture_output=True, text=True, check=True
        ).stdout
    finally:
        procs.stop(proc)

    proc, url = start_demo(data_dir, port, billing, support)
    try:
        assert requests.get(f"{url}/readyz", timeout=5).status_code == 200
        assert (data_dir / "secret_key").read_text() == secret
        assert (data_dir / "trailguide.db").exists()
        assert migrations_before
    finally:
        procs.stop(proc)
    log = (tmp_path / "demo.log").read_text()
    assert "Acme CRM (the app being guided)" in log
    assert f"Acme Billing (its own origin):    http://127.0.0.1:{billing}/billing/" in log
    assert f"Acme Support (its own origin):    http://127.0.0.1:{support}/support/" in log
    # People read this terminal: no JSON lines, no line per request.
    assert not [line for line in log.splitlines() if line.startswith("{")], log
    assert "/acme/contacts" not in log
