"""PATCH requests exactly as Entra ID and Okta send them; the directory follows each at once."""

from tests.backend.scim.conftest import ENTERPRISE, USER

GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group"


def _ada(provisioning, **fields) -> dict:
    return provisioning.create_user(
        "ada@corp.test",
        emails=[{"value": "ada@corp.test", "type": "work", "primary": True}],
        **fields,
    )


def test_entra_replaces_a_work_email_through_a_value_path(provisioning):
    user = _ada(provisioning)
    response = provisioning.patch(
        f"/Users/{user['id']}",
        {"op": "Replace", "path": 'emails[type eq "work"].value', "value": "ada.l@corp.test"},
    )
    assert response.status_code == 200, response.text
    assert response.json()["emails"] == [
        {"value": "ada.l@corp.test", "type": "work", "primary": True}
    ]
    assert provisioning.person("ada@corp.test")["email"] == "ada.l@corp.test"


def test_entra_adds_an_email_type_that_did_not_exist(provisioning):
    user = provisioning.create_user("bo@corp.test")
    response = provisioning.patch(
        f"/Users/{user['id']}",
        {"op": "Add", "path": 'emails[type eq "work"].value', "value": "bo@corp.test"},
    )
    assert response.json()["emails"] == [{"type": "work", "value": "bo@corp.test"}]
    assert provisioning.person("bo@corp.test")["email"] == "bo@corp.test"


def test_entra_sets_department_title_and_manager_with_capitalised_ops(provisioning):
    boss = provisioning.create_user("grace@corp.test")
    user = _ada(provisioning)
    response = provisioning.patch(
        f"/Users/{user['id']}",
        {"op": "Replace", "path": f"{ENTERPRISE}:department", "value": "Sales"},
        {"op": "Add", "path": f"{ENTERPRISE}:manager", "value": boss["id"]},
        {"op": "Replace", "path": "title", "value": "Account executive"},
    )
    assert response.status_code == 200, response.text
    assert response.json()[ENTERPRISE] == {"department": "Sales", "manager": {"value": boss["id"]}}
    attributes = provisioning.person("ada@corp.test")["attributes"]
    assert attributes == {
        "department": "Sales",
        "manager": "grace@corp.test",
        "title": "Account executive",
    }


def test_entra_deactivates_with_a_string_boolean(provisioning):
    user = _ada(provisioning)
    response = provisioning.patch(
        f"/Users/{user['id']}", {"op": "Replace", "path": "active", "value": "False"}
    )
    assert response.json()["active"] is False
    assert provisioning.call("GET", f"/Users/{user['id']}").json()["active"] is False


def test_entra_adds_and_removes_group_members_by_value(provisioning):
    user = _ada(provisioning)
    group = provisioning.call(
        "POST", "/Groups", {"schemas": [GROUP], "displayName": "Sales EMEA"}
    ).json()
    added = provisioning.patch(
        f"/Groups/{group['id']}",
        {"op": "Add", "path": "members", "value": [{"value": user["id"]}]},
    )
    assert [m["value"] for m in added.json()["members"]] == [user["id"]]
    assert provisioning.person("ada@corp.test")["attributes"]["groups"] == "Sales EMEA"
    provisioning.patch(
        f"/Groups/{group['id']}",
        {"op": "Remove", "path": "members", "value": [{"value": user["id"]}]},
    )
    assert "groups" not in provisioning.person("ada@corp.test")["attributes"]


def test_okta_deactivates_with_a_pathless_replace(provisioning):
    user = _ada(provisioning)
    response = provisioning.patch(
        f"/Users/{user['id']}", {"op": "replace", "value": {"active": False}}
    )
    assert response.status_code == 200, response.text
    assert response.json()["active"] is False
    listed = provisioning.call("GET", '/Users?filter=userName eq "ada@corp.test"').json()
    assert listed["Resources"][0]["active"] is False


def test_okta_renames_a_group_and_removes_a_member_by_filter(provisioning):
    ada, bo = _ada(provisioning), provisioning.create_user("bo@corp.test")
    group = provisioning.call(
        "POST",
        "/Groups",
        {
            "schemas": [GROUP],
            "displayName": "Support",
            "members": [{"value": ada["id"]}, {"value": bo["id"]}],
        },
    ).json()
    response = provisioning.patch(
        f"/Groups/{group['id']}",
        {"op": "replace", "value": {"id": group["id"], "displayName": "Customer care"}},
        {"op": "remove", "path": f'members[value eq "{bo["id"]}"]'},
    )
    assert response.status_code == 200, response.text
    assert response.json()["displayName"] == "Customer care"
    assert provisioning.person("ada@corp.test")["attributes"]["groups"] == "Customer care"
    assert "groups" not in provisioning.person("bo@corp.test")["attributes"]


def test_okta_put_replaces_the_whole_user(provisioning):
    user = _ada(provisioning, title="Engineer", **{ENTERPRISE: {"department": "R&D"}})
    body = {"schemas": [USER], "userName": "ada@corp.test", "name": {"givenName": "Ada"}}
    response = provisioning.call("PUT", f"/Users/{user['id']}", body)
    assert response.status_code == 200, response.text
    person = provisioning.person("ada@corp.test")
    assert person["attributes"] == {}
    assert person["display_name"] == "Ada"
    assert person["email"] == ""


def test_a_patch_with_an_unknown_operation_is_a_scim_error(provisioning):
    user = _ada(provisioning)
    response = provisioning.patch(f"/Users/{user['id']}", {"op": "Move", "path": "title"})
    assert response.status_code == 400
    assert response.headers["Content-Type"] == "application/scim+json"
    assert response.json()["scimType"] == "invalidValue"
    assert response.json()["schemas"] == ["urn:ietf:params:scim:api:messages:2.0:Error"]
