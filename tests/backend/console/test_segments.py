"""Saved segments in the console: built from attribute rows, counted, edited, guarded on delete."""

import re

from tests.support import content


def _directory(app, workspace):
    content.person(app, workspace.id, "ada", department="Sales", region="EMEA")
    content.person(app, workspace.id, "bo", department="Sales", region="AMER")
    content.person(app, workspace.id, "cy", department="Support", region="EMEA")


def _form(name="EMEA sales", key="emea-sales", action="save", **rows):
    data = {"name": name, "key": key, "match": "all", "action": action}
    data.update(rows)
    return data


def test_counting_shows_the_people_the_rows_match_before_saving(app, as_role, workspace):
    _directory(app, workspace)
    page = f"/console/w/{workspace.id}/segments"
    form = _form(action="count", attribute_0="department", op_0="eq", value_0="sales")
    response = as_role("editor").post(page, form, page=page)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert re.search(r'data-testid="match-count">2<', html)
    assert 'data-testid="match-sample">ada, bo<' in html


def test_a_saved_segment_is_edited_and_its_count_follows(app, as_role, workspace):
    _directory(app, workspace)
    editor = as_role("editor")
    page = f"/console/w/{workspace.id}/segments"
    rows = {"attribute_0": "department", "op_0": "eq", "value_0": "Sales"}
    made = editor.post(page, _form(**rows), page=page)
    assert made.status_code == 303
    location = made.headers["Location"]
    rows = {**rows, "attribute_1": "region", "op_1": "in", "value_1": "emea, uk"}
    edited = editor.post(location, _form(**rows), page=location)
    assert edited.status_code == 303
    html = editor.get(location).get_data(as_text=True)
    assert re.search(r'data-testid="match-count">1<', html)
    assert 'value="emea, uk"' in html


def test_a_segment_in_use_cannot_be_deleted_and_the_page_names_the_item(app, as_role, workspace):
    editor = as_role("editor")
    page = f"/console/w/{workspace.id}/segments"
    rows = {"attribute_0": "department", "op_0": "exists"}
    location = editor.post(page, _form(**rows), page=page).headers["Location"]
    crm = content.application(app, workspace.id)
    audience = {"rules": [{"segment": "emea-sales"}]}
    content.publish(
        app, workspace.id, crm, "walkthrough", "tour", content.walkthrough_doc(audience=audience)
    )
    refused = editor.post(f"{location}/delete", {}, page=location)
    assert refused.status_code == 409
    assert "walkthrough tour" in refused.get_data(as_text=True)


def test_a_bad_rule_is_a_422_naming_it(as_role, workspace):
    page = f"/console/w/{workspace.id}/segments"
    form = _form(attribute_0="not an attribute!", op_0="eq", value_0="x")
    response = as_role("editor").post(page, form, page=page)
    assert response.status_code == 422
    assert "Not an attribute name." in response.get_data(as_text=True)


def test_an_analyst_may_look_but_not_save(as_role, workspace):
    analyst = as_role("analyst")
    page = f"/console/w/{workspace.id}/segments"
    assert analyst.get(page).status_code == 200
    assert analyst.post(page, _form(), page=page).status_code == 403
