"""A real OpenID Connect provider (npm ``oidc-provider``, tests/support/oidc/) on a free
port, and a person signing in at it the way a browser would."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import requests

from tests.support import procs

HERE = Path(__file__).parent / "oidc"
CLIENT_ID = "trailguide"
CLIENT_SECRET = "trailguide-secret"
OTHER_CLIENT_ID = "other-app"


@dataclass(frozen=True)
class OidcProvider:
    issuer: str


@contextmanager
def running_provider(tmp: Path) -> Iterator[OidcProvider]:
    """The provider on 127.0.0.1, stopped afterwards (also when a test fails)."""
    if not (HERE / "node_modules" / "oidc-provider").is_dir():
        raise RuntimeError("oidc-provider is not installed: run `make oidc-provider`")
    port = procs.free_port()
    proc = procs.start(
        [shutil.which("node") or "node", str(HERE / "provider.mjs"), str(port)],
        tmp / "oidc-provider.log",
        cwd=HERE,
    )
    try:
        procs.wait_until(lambda: procs.port_open(port), 20, "oidc-provider", proc)
        yield OidcProvider(f"http://127.0.0.1:{port}")
    finally:
        procs.stop(proc)


def sign_in_at(authorize_url: str, login: str, callback_prefix: str) -> str:
    """Follow the provider's sign-in as a browser would, typing ``login`` (the email);
    returns the callback URL the provider sends the browser back to."""
    with requests.Session() as browser:
        url = authorize_url
        for _ in range(10):
            answer = browser.get(url, allow_redirects=False, timeout=10)
            if answer.status_code == 200 and 'name="login"' in answer.text:
                action = answer.text.split('action="', 1)[1].split('"', 1)[0]
                answer = browser.post(
                    urljoin(url, action),
                    data={"prompt": "login", "login": login, "password": "any"},
                    allow_redirects=False,
                    timeout=10,
                )
            if answer.status_code not in (302, 303):
                raise AssertionError(f"provider answered {answer.status_code}: {answer.text[:300]}")
            url = urljoin(url, answer.headers["Location"])
            if url.startswith(callback_prefix):
                return url
    raise AssertionError("the provider never sent the browser back")
