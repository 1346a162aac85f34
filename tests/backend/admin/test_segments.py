"""Saved segments: built from directory attributes, counted, used by items, guarded on delete."""

import pytest

from tests.backend.admin.api import document, make_app, make_item, url
from tests.support.factories import bearer

EMEA_SALES = {
    "match": "all",
    "rules": [
        {"attribute": "department", "op": "eq", "value": "Sales"},
        {
            "match": "any",
            "rules": [
                {"attribute": "region", "op": "eq", "value": "EMEA"},
                {"attribute": "country", "op": "in", "value": ["UK", "IE"]},
            ],
        },
    ],
}


@pytest.fixture
def directory(client, ws):
    people = [
        ("ada", "Ada", {"department": "Sales", "region": "EMEA"}),
        ("bo", "Bo", {"department": "sales", "country": "UK"}),
        ("cy", "", {"department": "Sales", "region": "AMER"}),
        ("di", "Di", {"department": "Support", "region": "EMEA"}),
    ]
    body = {
        "people": [{"external_id": x, "display_name": n, "attributes": a} for x, n, a in people]
    }
    response = client.post(url(ws.id, "/people/import"), json=body, headers=bearer(ws.owner_token))
    assert response.status_code == 200, response.json


def create(client, ws, key="emea-sales", audience=EMEA_SALES):
    return client.post(
        url(ws.id, "/segments"),
        json={"key": key, "name": "EMEA sales", "audience": audience},
        headers=bearer(ws.owner_token),
    )


def test_a_segment_counts_the_people_it_matches_with_sample_names(client, ws, directory):
    made = create(client, ws)
    assert made.status_code == 201, made.json
    matching = client.get(
        url(ws.id, f"/segments/{made.json['id']}/matching"), headers=bearer(ws.owner_token)
    ).json
    assert matching == {"count": 2, "sample": ["Ada", "Bo"]}


def test_preview_counts_an_unsaved_audience(client, ws, directory):
    audience = {"rules": [{"attribute": "region", "op": "eq", "value": "amer"}]}
    response = client.post(
        url(ws.id, "/segments/preview"),
        json={"audience": audience},
        headers=bearer(ws.owner_token),
    )
    # Without a display name, the external id stands in.
    assert response.json == {"count": 1, "sample": ["cy"]}


def test_suggestions_list_directory_attributes_by_frequency(client, ws, directory):
    response = client.get(url(ws.id, "/segments/suggestions"), headers=bearer(ws.owner_token))
    attributes = response.json["attributes"]
    assert attributes["region"] == ["EMEA", "AMER"]
    assert sorted(attributes) == ["country", "department", "region"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"key": "Bad Key", "name": "x", "audience": {"rules": []}}, "key"),
        ({"key": "ok", "name": "", "audience": {"rules": []}}, "name"),
        ({"key": "ok", "name": "x", "audience": {"rules": [{"segment": "other"}]}}, "audience"),
        ({"key": "ok", "name": "x"}, "audience"),
    ],
)
def test_invalid_segments_are_422_with_the_field(client, ws, body, field):
    response = client.post(url(ws.id, "/segments"), json=body, headers=bearer(ws.owner_token))
    assert response.status_code == 422
    assert field in response.json["error"]["details"]["json"]


def test_a_taken_key_is_409(client, ws):
    assert create(client, ws).status_code == 201
    assert create(client, ws).json["error"]["code"] == "key_taken"


def test_deleting_a_segment_in_use_is_409_naming_the_items(client, ws):
    segment = create(client, ws).json
    crm = make_app(client, ws.id, ws.owner_token)
    draft = {**document("tip"), "audience": {"rules": [{"segment": segment["key"]}]}}
    tip = make_item(client, ws.id, ws.owner_token, "tip", crm["id"], key="emea-tip", draft=draft)
    target = url(ws.id, f"/segments/{segment['id']}")
    refused = client.delete(target, headers=bearer(ws.owner_token))
    assert refused.status_code == 409
    assert refused.json["error"]["code"] == "segment_in_use"
    assert refused.json["error"]["details"]["items"] == [
        {"id": tip["id"], "type": "tip", "key": "emea-tip"}
    ]
    assert "tip emea-tip" in refused.json["error"]["message"]
    client.delete(
        url(ws.id, f"/tips/{tip['id']}"), headers={**bearer(ws.owner_token), "If-Match": "*"}
    )
    assert client.delete(target, headers=bearer(ws.owner_token)).status_code == 204


def test_an_item_naming_an_unknown_segment_is_422(client, ws):
    crm = make_app(client, ws.id, ws.owner_token)
    draft = {**document("tip"), "audience": {"rules": [{"segment": "nobody-made-this"}]}}
    response = client.post(
        url(ws.id, "/tips"),
        json={"key": "t", "application_id": crm["id"], "draft": draft},
        headers=bearer(ws.owner_token),
    )
    assert response.status_code == 422
    assert "nobody-made-this" in str(response.json["error"]["details"]["json"]["draft"])
