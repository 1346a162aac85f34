"""The console's content lists: filters kept in the URL, bulk actions with per-item answers."""

import re

from tests.support import content


def _items(app, workspace, *names, app_key="crm"):
    app_id = content.application(app, workspace.id, key=app_key)
    for name in names:
        key = name.lower().replace(" ", "-")
        content.publish(
            app, workspace.id, app_id, "walkthrough", key, content.walkthrough_doc(name)
        )
    return app_id


def _ids(html):
    return dict(
        (key, int(item_id))
        for key, item_id in re.findall(r'data-key="([^"]+)" data-id="(\d+)"', html)
    )


def test_filters_and_sort_are_kept_in_the_url_and_the_form(app, as_role, workspace):
    _items(app, workspace, "Banana tour", "Apple tour", "Cherry tips")
    page = f"/console/w/{workspace.id}/walkthroughs"
    html = as_role("analyst").get(f"{page}?q=tour&sort=title").get_data(as_text=True)
    assert list(_ids(html)) == ["apple-tour", "banana-tour"]
    assert 'value="tour"' in html
    assert '<option value="title" selected>' in html
    assert 'name="ids"' not in html  # an analyst gets no selection and no bulk bar


def test_a_bad_filter_is_explained_and_the_whole_list_shown(app, as_role, workspace):
    _items(app, workspace, "Apple tour")
    html = (
        as_role("editor")
        .get(f"/console/w/{workspace.id}/content?sort=colour")
        .get_data(as_text=True)
    )
    assert "Must be one of" in html
    assert list(_ids(html)) == ["apple-tour"]


def test_the_next_page_keeps_the_filters(app, as_role, workspace):
    _items(app, workspace, "A tour", "B tour", "C tour")
    page = f"/console/w/{workspace.id}/walkthroughs?q=tour&sort=title&limit=2"
    editor = as_role("editor")
    html = editor.get(page).get_data(as_text=True)
    assert list(_ids(html)) == ["a-tour", "b-tour"]
    next_url = re.search(r'href="([^"]+)" rel="next"', html).group(1).replace("&amp;", "&")
    assert "q=tour" in next_url and "sort=title" in next_url
    assert list(_ids(editor.get(next_url).get_data(as_text=True))) == ["c-tour"]


def test_bulk_archive_and_restore_answer_per_item_and_come_back(app, as_role, workspace):
    _items(app, workspace, "Apple tour", "Banana tour")
    editor = as_role("editor")
    listing = f"/console/w/{workspace.id}/content?sort=title"
    ids = _ids(editor.get(listing).get_data(as_text=True))
    archived = editor.post(
        f"/console/w/{workspace.id}/content/bulk",
        {"action": "archive", "ids": [str(ids["apple-tour"]), "99999999"], "next": listing},
        page=listing,
    )
    assert archived.status_code == 303 and archived.headers["Location"].endswith(listing)
    html = editor.get(listing).get_data(as_text=True)
    assert "Archived 1 item." in html and "#99999999: No such item" in html
    assert list(_ids(html)) == ["banana-tour"]
    archive = f"/console/w/{workspace.id}/content?status=archived"
    html = editor.get(archive).get_data(as_text=True)
    assert list(_ids(html)) == ["apple-tour"] and 'value="restore"' in html
    editor.post(
        f"/console/w/{workspace.id}/content/bulk",
        {"action": "restore", "ids": str(ids["apple-tour"]), "next": archive},
        page=archive,
    )
    assert list(_ids(editor.get(listing).get_data(as_text=True))) == ["apple-tour", "banana-tour"]


def test_bulk_tagging_then_filtering_by_the_tag(app, as_role, workspace):
    _items(app, workspace, "Apple tour", "Banana tour")
    editor = as_role("editor")
    listing = f"/console/w/{workspace.id}/walkthroughs"
    ids = _ids(editor.get(listing).get_data(as_text=True))
    editor.post(
        f"/console/w/{workspace.id}/content/bulk",
        {"action": "tag", "tag": "Launch", "ids": str(ids["banana-tour"]), "next": listing},
        page=listing,
    )
    html = editor.get(f"{listing}?tag=launch").get_data(as_text=True)
    assert list(_ids(html)) == ["banana-tour"]
    assert '<option value="launch" selected>' in html


def test_nothing_selected_is_explained(app, as_role, workspace):
    _items(app, workspace, "Apple tour")
    editor = as_role("editor")
    listing = f"/console/w/{workspace.id}/walkthroughs"
    response = editor.post(
        f"/console/w/{workspace.id}/content/bulk",
        {"action": "archive", "next": listing},
        page=listing,
        follow_redirects=True,
    )
    assert "Select the items first." in response.get_data(as_text=True)


def test_bulk_never_sends_people_to_another_site(app, as_role, workspace):
    _items(app, workspace, "Apple tour")
    editor = as_role("editor")
    listing = f"/console/w/{workspace.id}/walkthroughs"
    ids = _ids(editor.get(listing).get_data(as_text=True))
    response = editor.post(
        f"/console/w/{workspace.id}/content/bulk",
        {
            "action": "tag",
            "tag": "x",
            "ids": str(ids["apple-tour"]),
            "next": "https://evil.test/w/",
        },
        page=listing,
    )
    assert response.headers["Location"].endswith(f"/console/w/{workspace.id}/content")
