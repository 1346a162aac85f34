"""Webhook signing secrets, which the server must read back, encrypted at rest.

Changing the secret key makes the stored secrets unreadable, and their endpoints
must be given new ones (see backend/services/secret_box.py).
"""

from __future__ import annotations

from backend.services.secret_box import SecretBox

_BOX = SecretBox(
    b"trailguide webhook signing secrets v1",
    "A stored secret cannot be read with this server's secret key; "
    "give the endpoint a new signing secret.",
)
seal = _BOX.seal
unseal = _BOX.unseal
