"""A recording, rewriting HTTP proxy in front of a live server, on a free port.

It stands for a server of another contract version: every request goes to the
real server, and content answers can be rewritten on the way back. Switched
``offline``, it stands for a network that is down.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import requests

from tests.support import procs

CONTENT_PATH = "/api/v1/client/content"
# Hop-by-hop headers and those the proxy recomputes for the body it sends.
_DROPPED = {"connection", "keep-alive", "transfer-encoding", "host", "content-length"}
_DROPPED_BACK = _DROPPED | {"content-encoding"}


class _Handler(BaseHTTPRequestHandler):
    server: ContentProxyServer

    def _forward(self):
        proxy = self.server.owner
        if proxy.offline:  # as a dropped network: the connection closes with no answer
            self.close_connection = True
            return
        proxy.paths.append(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        sent = self.rfile.read(length) if length else None
        headers = {k: v for k, v in self.headers.items() if k.lower() not in _DROPPED}
        answer = requests.request(
            self.command,
            proxy.upstream + self.path,
            headers=headers,
            data=sent,
            timeout=30,
            allow_redirects=False,
        )
        body = answer.content
        if self.path.startswith(CONTENT_PATH):
            proxy.record(self.headers, answer)
            if answer.status_code == 200:
                body = json.dumps(proxy.rewrite(answer.json())).encode()
        self.send_response(answer.status_code)
        for key, value in answer.headers.items():
            if key.lower() not in _DROPPED_BACK:
                self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_OPTIONS = _forward

    def log_message(self, format, *args):
        pass


class ContentProxyServer(ThreadingHTTPServer):
    daemon_threads = True
    owner: ContentProxy


class ContentProxy:
    """Forwards to ``upstream``; content answers pass through ``rewrite``.

    ``declared`` lists the X-Trailguide-Contract header of each content request
    (None when absent), ``answered`` the contract_version of each 200 answer, ``paths``
    the path and query of every request forwarded.
    """

    def __init__(self, upstream: str, rewrite: Callable[[dict], dict] = lambda body: body):
        self.upstream = upstream
        self.rewrite = rewrite
        # While True every request fails as if the network were down.
        self.offline = False
        self.declared: list[str | None] = []
        self.answered: list[int | None] = []
        self.paths: list[str] = []
        self._lock = threading.Lock()
        self.httpd = ContentProxyServer(("127.0.0.1", procs.free_port()), _Handler)
        self.httpd.owner = self
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def record(self, headers, answer: requests.Response) -> None:
        with self._lock:
            self.declared.append(headers.get("X-Trailguide-Contract"))
            if answer.status_code == 200:
                self.answered.append(answer.json().get("contract_version"))

    def start(self) -> ContentProxy:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(5)
