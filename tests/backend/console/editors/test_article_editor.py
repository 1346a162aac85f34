"""The article editor: the body is rich text with an image upload beside it; the upload
checks the image like the API does and answers with the tag's address."""

import io
import re

import pytest
from PIL import Image

from tests.backend.console.conftest import csrf_of
from tests.support import content

ARTICLE = {"title": "How we log calls", "body": "<p>Why.</p>"}


@pytest.fixture
def article(app, workspace):
    crm = content.application(app, workspace.id)
    return content.publish(app, workspace.id, crm, "article", "calls", ARTICLE)


def upload(console, workspace, article, data: bytes):
    page = f"/console/w/{workspace.id}/articles/{article}/edit"
    token = csrf_of(console.get(page).get_data(as_text=True))
    return console.client.post(
        f"/console/w/{workspace.id}/images",
        data={"file": (io.BytesIO(data), "form.png")},
        content_type="multipart/form-data",
        headers={"X-CSRF-Token": token, "Accept": "application/json"},
    )


def test_the_body_is_a_rich_text_field_with_an_image_upload(as_role, workspace, article):
    html = (
        as_role("editor")
        .get(f"/console/w/{workspace.id}/articles/{article}/edit")
        .get_data(as_text=True)
    )
    assert re.search(r'data-field="body" data-widget="richtext"', html)
    assert f'data-image-upload="/console/w/{workspace.id}/images"' in html
    assert "editors/images.js" in html


def test_an_analyst_sees_no_upload(as_role, workspace, article):
    html = as_role("analyst").get(f"/console/w/{workspace.id}/articles/{article}/edit")
    assert "data-image-upload" not in html.get_data(as_text=True)


def test_an_uploaded_image_answers_with_its_address(as_role, workspace, article):
    picture = io.BytesIO()
    Image.new("RGB", (4, 4)).save(picture, format="GIF")
    made = upload(as_role("editor"), workspace, article, picture.getvalue())
    assert made.status_code == 201, made.get_json()
    assert re.fullmatch(r"/api/v1/images/[0-9a-f]{32}", made.get_json()["url"])
    assert made.get_json()["content_type"] == "image/gif"


def test_an_svg_upload_is_refused_with_the_reason(as_role, workspace, article):
    refused = upload(as_role("editor"), workspace, article, b"<svg xmlns='x'></svg>")
    assert refused.status_code == 422
    assert refused.get_json()["error"]["code"] == "svg_refused"
