"""The demo app as a breaking release would serve it: a proxy in front of a live
server that rewrites one static file's text on the way back, on a free port."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import requests

_KEPT = {"content-type", "location", "set-cookie", "cache-control"}


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self):
        proxy = self.server
        answer = requests.get(
            proxy.upstream + self.path,
            headers={k: v for k, v in self.headers.items() if k.lower() == "cookie"},
            allow_redirects=False,
            timeout=30,
        )
        body = answer.content
        if self.path.split("?")[0] == proxy.path:
            body = body.decode().replace(proxy.old, proxy.new).encode()
        self.send_response(answer.status_code)
        for name, value in answer.headers.items():
            if name.lower() in _KEPT:
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, upstream: str, path: str, old: str, new: str):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.upstream, self.path, self.old, self.new = upstream.rstrip("/"), path, old, new


class ReleaseProxy:
    """``url`` serves ``upstream`` with ``old`` replaced by ``new`` in the file at ``path``."""

    def __init__(self, upstream: str, path: str, old: str, new: str):
        self._server = _Server(upstream, path, old, new)
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> ReleaseProxy:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()
