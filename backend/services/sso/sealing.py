"""The SSO client secret and PKCE verifiers, encrypted at rest.

Sealed under a key of their own (backend/services/secret_box.py). Rotating the
secret key means re-sealing with :func:`reseal` (``trailguide sso reseal``).
"""

from __future__ import annotations

from backend.services.secret_box import SecretBox

_BOX = SecretBox(
    b"trailguide sso client secrets v1",
    "The stored SSO client secret cannot be read with this server's secret key; "
    "re-seal it with the previous key (trailguide sso reseal) or enter it again.",
)
seal = _BOX.seal
unseal = _BOX.unseal
reseal = _BOX.reseal
