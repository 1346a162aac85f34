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


def _bulk(console, workspace, page, **form):
    return console.post(
        f"/console/w/{workspace.id}/content/bulk", {"next": page, **form}, page=page
    )


def test_filters_sort_and_pages_are_kept_in_the_url_and_the_form(app, as_role, workspace):
    _items(app, workspace, "Banana tour", "Apple tour", "Cherry tips", "Date tour")
    page = f"/console/w/{workspace.id}/walkthroughs"
    analyst = as_role("analyst")
    html = analyst.get(f"{page}?q=tour&sort=title&limit=2").get_data(as_text=True)
    assert list(_ids(html)) == ["apple-tour", "banana-tour"]
    assert 'value="tour"' in html and '<option value="title" selected>' in html
    assert 'name="ids"' not in html  # an analyst gets no selection and no bulk bar
    next_url = re.search(r'href="([^"]+)" rel="next"', html).group(1).replace("&amp;", "&")
    assert "q=tour" in next_url and "sort=title" in next_url
    assert list(_ids(analyst.get(next_url).get_data(as_text=True))) == ["date-tour"]
    # A bad argument is explained, and the whole list shown instead.
    html = analyst.get(f"/console/w/{workspace.id}/content?sort=colour").get_data(as_text=True)
    assert "Must be one of" in html and len(_ids(html)) == 4


def test_bulk_archive_restore_and_tag_answer_per_item_and_come_back(app, as_role, workspace):
    _items(app, workspace, "Apple tour", "Banana tour")
    editor = as_role("editor")
    listing = f"/console/w/{workspace.id}/content?sort=title"
    ids = _ids(editor.get(listing).get_data(as_text=True))
    apple = str(ids["apple-tour"])
    archived = _bulk(editor, workspace, listing, action="archive", ids=[apple, "99999999"])
    assert archived.status_code == 303 and archived.headers["Location"].endswith(listing)
    html = editor.get(listing).get_data(as_text=True)
    assert "Archived 1 item." in html and "#99999999: No such item" in html
    assert list(_ids(html)) == ["banana-tour"]
    archive = f"/console/w/{workspace.id}/content?status=archived"
    html = editor.get(archive).get_data(as_text=True)
    assert list(_ids(html)) == ["apple-tour"] and 'value="restore"' in html
    _bulk(editor, workspace, archive, action="restore", ids=apple)
    assert list(_ids(editor.get(listing).get_data(as_text=True))) == ["apple-tour", "banana-tour"]
    _bulk(editor, workspace, listing, action="tag", tag="Launch", ids=str(ids["banana-tour"]))
    html = editor.get(f"{listing}&tag=launch").get_data(as_text=True)
    assert list(_ids(html)) == ["banana-tour"] and '<option value="launch" selected>' in html


def test_a_bulk_action_without_a_selection_or_with_a_foreign_return_address(
    app, as_role, workspace
):
    _items(app, workspace, "Apple tour")
    editor = as_role("editor")
    listing = f"/console/w/{workspace.id}/walkthroughs"
    nothing = _bulk(editor, workspace, listing, action="archive")
    assert "Select the items first." in editor.get(nothing.headers["Location"]).get_data(
        as_text=True
    )
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
