"""Users and Groups onto the people directory: creates, replaces, deletes, filters, pages."""

import pytest
import requests

from tests.backend.scim.conftest import ENTERPRISE, USER
from tests.support.factories import add_member, bearer

GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group"


def test_a_created_user_is_in_the_people_directory(provisioning):
    provisioning.create_user(
        "ada@corp.test",
        displayName="Ada Lovelace",
        title="Engineer",
        locale="en-GB",
        emails=[{"value": "Ada@Corp.test", "type": "work", "primary": True}],
        **{ENTERPRISE: {"department": "R&D"}},
    )
    person = provisioning.person("ada@corp.test")
    assert person["display_name"] == "Ada Lovelace"
    assert person["email"] == "ada@corp.test"
    assert person["attributes"] == {"title": "Engineer", "locale": "en-GB", "department": "R&D"}
    assert [e["action"] for e in provisioning.audit("scim.*")] == ["scim.user.create"]


def test_creating_a_provisioned_user_again_is_a_uniqueness_conflict(provisioning):
    provisioning.create_user("ada@corp.test")
    again = provisioning.call("POST", "/Users", {"schemas": [USER], "userName": "ADA@corp.test"})
    assert again.status_code == 409
    assert again.json()["scimType"] == "uniqueness"


def test_a_directory_entry_from_an_import_is_taken_over(provisioning):
    imported = provisioning.admin(
        "POST", "/people/import", json={"people": [{"external_id": "ada@corp.test"}]}
    )
    assert imported.status_code == 200, imported.text
    user = provisioning.create_user("ada@corp.test", title="Engineer")
    assert user["id"] == str(provisioning.person("ada@corp.test")["id"])
    assert [e["action"] for e in provisioning.audit("scim.user.*")] == ["scim.user.adopt"]


def test_the_import_refuses_provisioned_people_and_names_them(provisioning):
    provisioning.create_user("ada@corp.test")
    csv = "external_id,department\nada@corp.test,Sales\nbo@corp.test,Sales\n"
    response = provisioning.admin(
        "POST", "/people/import", data=csv, headers={"Content-Type": "text/csv"}
    )
    assert response.status_code == 409
    error = response.json()["error"]
    assert error["code"] == "managed_by_identity_provider"
    assert "ada@corp.test" in error["message"]
    assert error["details"] == {"external_ids": ["ada@corp.test"]}
    assert provisioning.person("bo@corp.test") is None


def test_replacing_with_the_same_user_changes_nothing(provisioning):
    user = provisioning.create_user("ada@corp.test", title="Engineer")
    body = {"schemas": [USER], "userName": "ada@corp.test", "title": "Engineer"}
    for _ in range(2):
        assert provisioning.call("PUT", f"/Users/{user['id']}", body).status_code == 200
    assert provisioning.audit("scim.user.update") == []


def test_a_deleted_user_leaves_the_directory_and_is_gone_after(provisioning):
    user = provisioning.create_user("ada@corp.test")
    assert provisioning.call("DELETE", f"/Users/{user['id']}").status_code == 204
    assert provisioning.person("ada@corp.test") is None
    again = provisioning.call("DELETE", f"/Users/{user['id']}")
    assert again.status_code == 404
    assert again.json()["status"] == "404"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('userName eq "BO@corp.test"', ["bo@corp.test"]),
        ('externalId eq "E-3"', ["cy@corp.test"]),
        ('externalId eq "e-3"', []),
        ('displayName eq "bo b"', ["bo@corp.test"]),
        ('title sw "eng" and not (userName eq "ada@corp.test")', ["bo@corp.test"]),
        (f'{ENTERPRISE}:department eq "sales"', ["cy@corp.test"]),
    ],
)
def test_filters_as_identity_providers_send_them(provisioning, query, expected):
    provisioning.create_user("ada@corp.test", externalId="E-1", title="Engineer")
    provisioning.create_user(
        "bo@corp.test", externalId="E-2", title="Engineering lead", displayName="Bo B"
    )
    provisioning.create_user(
        "cy@corp.test", externalId="E-3", **{ENTERPRISE: {"department": "Sales"}}
    )
    found = provisioning.http.get(
        f"{provisioning.base}/scim/v2/Users", params={"filter": query}, timeout=10
    ).json()
    assert [r["userName"] for r in found["Resources"]] == expected
    assert found["totalResults"] == len(expected)


def test_pages_by_start_index_and_count(provisioning):
    for n in range(5):
        provisioning.create_user(f"p{n}@corp.test")
    page = provisioning.call("GET", "/Users?startIndex=2&count=2").json()
    assert [r["userName"] for r in page["Resources"]] == ["p1@corp.test", "p2@corp.test"]
    assert (page["totalResults"], page["startIndex"], page["itemsPerPage"]) == (5, 2, 2)


def test_groups_are_found_by_display_name(provisioning):
    provisioning.call("POST", "/Groups", {"schemas": [GROUP], "displayName": "Sales"})
    found = provisioning.call("GET", '/Groups?filter=displayName eq "sales"').json()
    assert [g["displayName"] for g in found["Resources"]] == ["Sales"]


def test_an_unparseable_filter_is_an_invalid_filter(provisioning):
    response = provisioning.call("GET", "/Users?filter=userName%20eq")
    assert response.status_code == 400
    assert response.json()["scimType"] == "invalidFilter"


def test_a_token_sees_only_its_own_workspace(scim_app, provisioning):
    provisioning.create_user("ada@corp.test")
    other = requests.post(
        f"{provisioning.base}/api/v1/workspaces/{provisioning.workspace.id}/scim-tokens",
        json={"name": "second"},
        headers=bearer(provisioning.workspace.owner_token),
        timeout=10,
    )
    assert other.status_code == 201
    from tests.support.factories import create_workspace

    elsewhere = create_workspace(scim_app)
    token = requests.post(
        f"{provisioning.base}/api/v1/workspaces/{elsewhere.id}/scim-tokens",
        json={},
        headers=bearer(elsewhere.owner_token),
        timeout=10,
    ).json()["token"]
    found = requests.get(
        f"{provisioning.base}/scim/v2/Users", headers=bearer(token), timeout=10
    ).json()
    assert found["totalResults"] == 0


def test_a_revoked_token_is_refused_at_once(provisioning):
    tokens = provisioning.admin("GET", "/scim-tokens").json()["items"]
    assert provisioning.admin("DELETE", f"/scim-tokens/{tokens[0]['id']}").status_code == 204
    response = provisioning.call("GET", "/Users")
    assert response.status_code == 401
    assert response.json()["schemas"] == ["urn:ietf:params:scim:api:messages:2.0:Error"]
    actions = [e["action"] for e in provisioning.audit("scim_token.*")]
    assert actions == ["scim_token.revoke", "scim_token.create"]


def test_only_owners_and_admins_create_scim_tokens(scim_app, provisioning):
    editor = add_member(scim_app, provisioning.workspace.id, "editor")
    response = requests.post(
        f"{provisioning.base}/api/v1/workspaces/{provisioning.workspace.id}/scim-tokens",
        json={"name": "mine"},
        headers=bearer(editor),
        timeout=10,
    )
    assert response.status_code == 403


def test_attributes_the_server_does_not_keep_are_ignored(provisioning):
    user = provisioning.create_user(
        "ada@corp.test", nickName="Ada", name={"givenName": "Ada", "honorificPrefix": "Ms"}
    )
    assert "nickName" not in user
    assert user["name"] == {"givenName": "Ada"}


@pytest.mark.parametrize(
    ("body", "scim_type"),
    [
        ({"attributes": 5}, "invalidValue"),
        ({"filter": ["userName"]}, "invalidFilter"),
        ({"startIndex": "first"}, "invalidValue"),
    ],
)
def test_a_malformed_search_is_a_scim_error(provisioning, body, scim_type):
    search = {"schemas": ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"], **body}
    response = provisioning.call("POST", "/Users/.search", search)
    assert response.status_code == 400
    assert response.json()["scimType"] == scim_type


def test_a_start_index_past_everything_is_an_empty_page(provisioning):
    provisioning.create_user("ada@corp.test")
    page = provisioning.call("GET", "/Users?startIndex=99999999999999999999").json()
    assert (page["totalResults"], page["Resources"]) == (1, [])
