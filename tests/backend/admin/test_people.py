"""The people directory: CRUD and bulk import from JSON and CSV, row by row."""

import pytest

from tests.backend.admin.api import url
from tests.support.factories import bearer


def post(client, ws, body, **query):
    return client.post(
        url(ws.id, "/people/import"),
        json=body,
        query_string=query,
        headers=bearer(ws.owner_token),
    )


def post_csv(client, ws, text, **query):
    return client.post(
        url(ws.id, "/people/import"),
        data=text.encode(),
        content_type="text/csv",
        query_string=query,
        headers=bearer(ws.owner_token),
    )


def everyone(client, ws):
    items = client.get(url(ws.id, "/people"), headers=bearer(ws.owner_token)).json["items"]
    return {p["external_id"]: p for p in items}


def test_crud(client, ws):
    auth = bearer(ws.owner_token)
    made = client.post(
        url(ws.id, "/people"),
        json={
            "external_id": "ada@acme.test",
            "display_name": "Ada",
            "email": "ADA@acme.test",
            "attributes": {"department": "Engineering", "level": 3, "remote": True},
        },
        headers=auth,
    )
    assert made.status_code == 201
    person = made.json
    assert person["email"] == "ada@acme.test"
    assert person["attributes"] == {"department": "Engineering", "level": "3", "remote": "true"}
    target = url(ws.id, f"/people/{person['id']}")
    patched = client.patch(
        target, json={"attributes": {"level": None, "locale": "de-AT"}}, headers=auth
    ).json
    assert patched["attributes"] == {
        "department": "Engineering",
        "remote": "true",
        "locale": "de-AT",
    }
    again = client.post(url(ws.id, "/people"), json={"external_id": "ada@acme.test"}, headers=auth)
    assert again.status_code == 409
    assert client.delete(target, headers=auth).status_code == 204
    assert client.get(target, headers=auth).status_code == 404


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"external_id": ""}, "external_id"),
        ({"external_id": "x", "email": "nope"}, "email"),
        ({"external_id": "x", "attributes": {"bad name!": "v"}}, "attributes"),
        ({"external_id": "x", "attributes": {"locale": "not a locale"}}, "attributes"),
        ({"external_id": "x", "attributes": {"team": {"nested": 1}}}, "attributes"),
        ({"display_name": "no id"}, "external_id"),
    ],
)
def test_invalid_people_are_422_with_the_field(client, ws, body, field):
    response = client.post(url(ws.id, "/people"), json=body, headers=bearer(ws.owner_token))
    assert response.status_code == 422
    assert field in response.json["error"]["details"]["json"]


def test_json_import_all_or_nothing_reports_every_bad_row(client, ws):
    rows = [
        {"external_id": "a", "attributes": {"department": "Sales"}},
        {"external_id": "", "email": "x"},
        {"external_id": "c", "email": "not-an-email"},
        {"external_id": "a"},
        "not an object",
    ]
    response = post(client, ws, {"people": rows})
    assert response.status_code == 422
    errors = response.json["error"]["details"]["errors"]
    assert {(e["row"], e["field"]) for e in errors} == {
        (2, "external_id"),
        (2, "email"),
        (3, "email"),
        (4, "external_id"),
        (5, ""),
    }
    assert everyone(client, ws) == {}


def test_json_import_per_row_writes_the_good_rows(client, ws):
    rows = [{"external_id": "a"}, {"external_id": "b", "email": "bad"}, {"external_id": "c"}]
    result = post(client, ws, rows, mode="per_row").json
    assert (result["created"], result["rejected"]) == (2, 1)
    assert result["errors"][0]["row"] == 2
    assert set(everyone(client, ws)) == {"a", "c"}


def test_import_upserts_by_external_id(client, ws):
    post(
        client,
        ws,
        {"people": [{"external_id": "a", "attributes": {"department": "Sales", "x": "1"}}]},
    )
    result = post(
        client,
        ws,
        {
            "people": [
                {"external_id": "a", "attributes": {"department": "Support", "x": None}},
                {"external_id": "b"},
            ]
        },
    ).json
    assert (result["created"], result["updated"], result["unchanged"]) == (1, 1, 0)
    assert everyone(client, ws)["a"]["attributes"] == {"department": "Support"}
    same = post(client, ws, [{"external_id": "b"}]).json
    assert same["unchanged"] == 1


def test_csv_import_with_line_numbers(client, ws):
    text = (
        "\ufeffexternal_id,display_name,email,department,locale\n"
        "ada@acme.test,Ada Lovelace,ada@acme.test,Engineering,en-GB\n"
        '"grace@acme.test","Grace ""Amazing"" Hopper",grace@acme.test,,en-US\n'
        "bad,Bad,not-an-email,Sales,en\n"
        "short,row\n"
    )
    response = post_csv(client, ws, text)
    assert response.status_code == 422
    errors = response.json["error"]["details"]["errors"]
    assert [(e["row"], e["line"], e["field"]) for e in errors] == [
        (3, 4, "email"),
        (4, 5, ""),
    ]
    result = post_csv(client, ws, text, mode="per_row").json
    assert (result["created"], result["rejected"]) == (2, 2)
    people = everyone(client, ws)
    assert people["grace@acme.test"]["display_name"] == 'Grace "Amazing" Hopper'
    assert people["grace@acme.test"]["attributes"] == {"locale": "en-US"}
    assert people["ada@acme.test"]["attributes"] == {"department": "Engineering", "locale": "en-GB"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("name,email\nx,y\n", "external_id column"),
        ("external_id,dept,dept\nx,1,2\n", "unique"),
    ],
)
def test_bad_csv_headers(client, ws, text, message):
    response = post_csv(client, ws, text)
    assert response.status_code == 422 and message in response.json["error"]["message"]


def test_import_needs_json_or_csv(client, ws):
    response = client.post(
        url(ws.id, "/people/import"),
        data=b"x",
        content_type="text/plain",
        headers=bearer(ws.owner_token),
    )
    assert response.status_code == 415


def test_import_size_limit(client, ws):
    rows = [{"external_id": f"p{i}"} for i in range(10_001)]
    assert post(client, ws, rows).status_code == 413


def test_search_and_pagination(client, ws):
    post(client, ws, [{"external_id": f"user{i}", "display_name": f"Person {i}"} for i in range(5)])
    auth = bearer(ws.owner_token)
    page = client.get(url(ws.id, "/people"), query_string={"limit": 3}, headers=auth).json
    rest = client.get(
        url(ws.id, "/people"),
        query_string={"limit": 3, "cursor": page["next_cursor"]},
        headers=auth,
    ).json
    assert [p["external_id"] for p in page["items"] + rest["items"]] == [
        f"user{i}" for i in range(5)
    ]
    assert rest["next_cursor"] is None
    found = client.get(url(ws.id, "/people"), query_string={"q": "PERSON 3"}, headers=auth).json
    assert [p["external_id"] for p in found["items"]] == ["user3"]


def test_cli_import(app, ws, tmp_path):
    from click.testing import CliRunner

    from backend.cli import main

    path = tmp_path / "people.csv"
    path.write_text("external_id,department\nx1,Sales\nx2,\n")
    env = {
        "TRAILGUIDE_DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "TRAILGUIDE_DATA_DIR": str(tmp_path),
    }
    result = CliRunner().invoke(
        main, ["people", "import", str(path), "--workspace", str(ws.id)], env=env
    )
    assert result.exit_code == 0, result.output
    assert "created 2, updated 0, unchanged 0, rejected 0" in result.output
    bad = tmp_path / "bad.csv"
    bad.write_text("external_id,email\nok,ok@x.test\nnope,not-an-email\n")
    result = CliRunner().invoke(
        main, ["people", "import", str(bad), "--workspace", str(ws.id)], env=env
    )
    assert result.exit_code == 1
    assert f"{bad}:3: email: Not an email address." in result.output


def test_json_import_refuses_fields_beside_people(client, ws):
    response = post(client, ws, {"people": [], "persons": []})
    assert response.status_code == 422
    assert response.json["error"]["details"]["json"] == {"persons": ["Unknown field."]}
