"""A real SMTP server (aiosmtpd) and a real webhook receiver on free local ports."""

from __future__ import annotations

import email
import email.policy
import threading
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from aiosmtpd.controller import Controller

from tests.support import procs


class _Collect:
    def __init__(self):
        self.messages: list[EmailMessage] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, _server, _session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.messages.append(message)
        return "250 OK"


class SmtpSink:
    """aiosmtpd on 127.0.0.1 keeping every message it accepts."""

    def __init__(self):
        self.handler = _Collect()
        self.port = procs.free_port()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)

    def start(self) -> SmtpSink:
        self.controller.start()
        return self

    def stop(self) -> None:
        self.controller.stop()

    @property
    def messages(self) -> list[EmailMessage]:
        with self.handler.lock:
            return list(self.handler.messages)

    def clear(self) -> None:
        with self.handler.lock:
            self.handler.messages.clear()

    def env(self) -> dict[str, str]:
        """Settings that send Trailguide's mail here."""
        return {
            "TRAILGUIDE_SMTP_HOST": "127.0.0.1",
            "TRAILGUIDE_SMTP_PORT": str(self.port),
            "TRAILGUIDE_SMTP_SECURITY": "none",
            "TRAILGUIDE_MAIL_SENDER": "alerts@trailguide.test",
        }


class WebhookReceiver:
    """An HTTP server recording every POST; ``fail_next(n)`` answers the next n with 500."""

    def __init__(self):
        self.requests: list[tuple[dict[str, str], bytes]] = []
        self.failures = 0
        self.lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                with receiver.lock:
                    receiver.requests.append((dict(self.headers), body))
                    failing = receiver.failures > 0
                    receiver.failures -= failing
                self.send_response(500 if failing else 204)
                self.end_headers()

            def log_message(self, *_args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hook"

    def start(self) -> WebhookReceiver:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=10)

    def fail_next(self, count: int) -> None:
        with self.lock:
            self.failures = count

    def received(self) -> list[tuple[dict[str, str], bytes]]:
        with self.lock:
            return list(self.requests)

    def clear(self) -> None:
        with self.lock:
            self.requests.clear()
            self.failures = 0
