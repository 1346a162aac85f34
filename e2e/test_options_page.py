"""The options page while the worker is still starting: it says it is loading and
takes no input until the settings arrive, so nothing typed is overwritten by them."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from playwright.sync_api import expect

from e2e.support.player import configure, stop_service_worker
from tests.support import procs


class _HeldServer(ThreadingHTTPServer):
    """Answers the extension's applications request only while its gate is open."""

    daemon_threads = True
    gate: threading.Event


class _Handler(BaseHTTPRequestHandler):
    server: _HeldServer

    def do_GET(self):
        self.server.gate.wait(30)
        body = json.dumps({"applications": []}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):
        pass


@pytest.fixture
def held_server():
    """An API stand-in whose answers wait until the test opens ``server.gate``."""
    server = _HeldServer(("127.0.0.1", procs.free_port()), _Handler)
    server.gate = threading.Event()
    server.gate.set()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.gate.set()
    server.shutdown()
    server.server_close()
    thread.join(10)


def test_loading_state_until_the_settings_arrive_then_saved_values_stay(
    extension_browser, held_server
):
    url = f"http://127.0.0.1:{held_server.server_address[1]}"
    configure(extension_browser, serverUrl=url, clientKey="tgc_first", user={"id": "ada"})
    # A worker that starts again syncs first, and the sync now waits on the server.
    held_server.gate.clear()
    stop_service_worker(extension_browser)
    page = extension_browser.context.new_page()
    page.goto(f"chrome-extension://{extension_browser.extension_id}/options/options.html")

    expect(page.get_by_role("status")).to_have_text("Loading settings…")
    expect(page.locator("#settings")).to_have_attribute("aria-busy", "true")
    expect(page.get_by_label("Server URL")).to_be_disabled()
    expect(page.get_by_role("button", name="Save")).to_be_disabled()

    held_server.gate.set()
    expect(page.get_by_label("Server URL")).to_have_value(url)
    expect(page.get_by_label("User id")).to_have_value("ada")
    expect(page.get_by_label("Server URL")).to_be_editable()
    expect(page.get_by_role("status")).to_have_text("")
    expect(page.locator("#settings")).not_to_have_attribute("aria-busy", "true")

    page.get_by_label("User id").fill("grace")
    page.get_by_label("Client key").fill("tgc_second")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("Saved.")
    expect(page.locator("#user-source")).to_have_text("Set in this browser.")
    expect(page.get_by_label("User id")).to_have_value("grace")
    expect(page.get_by_label("Client key")).to_have_value("tgc_second")
    expect(page.get_by_label("Server URL")).to_have_value(url)
