"""A client key opens the extension's requests and nothing else.

The key ships inside every installed extension, so anyone can read it; every
operation the API document secures with a member's bearer token must refuse it
(401, as if no credentials were sent). The operations are read from the document
itself, so a new operation is covered the day it is documented.
"""

from __future__ import annotations

import re

import pytest

from tests.support.factories import create_workspace

METHODS = ("get", "post", "put", "patch", "delete")


def _bearer_operations(client) -> list[tuple[str, str]]:
    document = client.get("/api/v1/openapi.json").json
    return [
        (method.upper(), path)
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if method in METHODS and operation.get("security") == [{"bearerAuth": []}]
    ]


def _concrete(path: str, workspace_id: int) -> str:
    path = path.replace("{workspace_id}", str(workspace_id))
    return re.sub(r"\{[^}]+\}", "1", path)


def test_the_document_secures_member_operations_with_bearer_tokens(client):
    assert len(_bearer_operations(client)) > 50


@pytest.mark.parametrize("with_body", [False, True], ids=["no-body", "json-body"])
def test_a_client_key_alone_opens_no_member_operation(app, client, with_body):
    ws = create_workspace(app)
    opened = []
    for method, path in _bearer_operations(client):
        kwargs = {"json": {}} if with_body and method != "GET" else {}
        response = client.open(
            _concrete(path, ws.id),
            method=method,
            headers={"X-Trailguide-Key": ws.client_key, "If-Match": '"1"'},
            **kwargs,
        )
        if response.status_code != 401:
            opened.append(f"{method} {path}: {response.status_code}")
    assert opened == []
