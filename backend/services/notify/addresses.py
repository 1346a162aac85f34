"""Where a webhook may point: public http(s) addresses, unless private ones are allowed.

Checked when an endpoint is saved and again before every delivery, since a name
may resolve elsewhere later (DNS rebinding).
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from backend.services.errors import Invalid


def _refusal(message: str) -> Invalid:
    return Invalid(message, code="url_refused", details={"url": [message]})


def _is_private(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not ip.is_global or ip.is_multicast


def check_url(url: str, allow_private: bool) -> None:
    """Invalid unless ``url`` is http(s) with a host whose every address may be reached."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise _refusal("The URL must start with http:// or https:// and name a host.")
    if parts.username or parts.password:
        raise _refusal("The URL must not carry credentials; the signature authenticates.")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        infos = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, ValueError):
        raise _refusal(f"The host {parts.hostname!r} does not resolve.") from None
    if allow_private:
        return
    for info in infos:
        if _is_private(info[4][0]):
            raise _refusal(
                "The URL points at a loopback, private or reserved address; "
                "the server's settings do not allow that."
            )
