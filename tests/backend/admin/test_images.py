"""Article images: uploaded as multipart, checked by their content, served by id."""

import io

import pytest
from PIL import Image

from backend.services import images
from tests.backend.admin.api import url
from tests.support.factories import add_member, bearer


def picture(fmt: str, size=(3, 2)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, format=fmt)
    return out.getvalue()


BOUNDARY = "trailguide-test-boundary"


def multipart(field: str, data: bytes, name: str, mimetype: str) -> bytes:
    """A multipart body made here: werkzeug's test client spools large ones to a
    temporary file it never closes."""
    head = (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{field}"; '
        f'filename="{name}"\r\nContent-Type: {mimetype}\r\n\r\n'
    )
    return head.encode() + data + f"\r\n--{BOUNDARY}--\r\n".encode()


def upload(client, ws, data: bytes, name="picture.png", token=None, mimetype="image/png"):
    return client.post(
        url(ws.id, "/images"),
        data=multipart("file", data, name, mimetype),
        content_type=f"multipart/form-data; boundary={BOUNDARY}",
        headers=bearer(token or ws.owner_token),
    )


@pytest.mark.parametrize(
    ("fmt", "content_type"),
    [("PNG", "image/png"), ("JPEG", "image/jpeg"), ("WEBP", "image/webp"), ("GIF", "image/gif")],
)
def test_an_image_is_stored_and_served_with_its_type(client, ws, fmt, content_type):
    data = picture(fmt)
    # The declared type is ignored: the bytes decide.
    made = upload(client, ws, data, name="x.bin", mimetype="application/octet-stream")
    assert made.status_code == 201, made.json
    assert made.json["content_type"] == content_type
    assert (made.json["width"], made.json["height"], made.json["size"]) == (3, 2, len(data))
    served = client.get(made.json["url"])
    assert served.status_code == 200
    assert served.data == data
    assert served.headers["Content-Type"] == content_type
    assert served.headers["X-Content-Type-Options"] == "nosniff"
    assert "max-age=31536000" in served.headers["Cache-Control"]
    assert "immutable" in served.headers["Cache-Control"]


def test_svg_is_refused_even_named_png(client, ws):
    svg = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>x</script></svg>'
    response = upload(client, ws, svg)
    assert response.status_code == 422
    assert response.json["error"]["code"] == "svg_refused"


@pytest.mark.parametrize(
    "data",
    [b"just some text", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, b"GIF89a not really"],
    ids=["text", "png-magic-only", "gif-magic-only"],
)
def test_what_does_not_decode_as_an_accepted_image_is_refused(client, ws, data):
    response = upload(client, ws, data)
    assert response.status_code == 422
    assert response.json["error"]["code"] in {"unsupported_image", "broken_image"}


def test_an_image_over_two_megabytes_is_refused(client, ws):
    data = picture("PNG") + b"\x00" * images.MAX_BYTES
    response = upload(client, ws, data)
    assert response.status_code == 413
    assert response.json["error"]["code"] == "image_too_large"


def test_a_body_far_over_the_limit_is_refused_before_it_is_read(client, ws):
    response = upload(client, ws, b"\x00" * (images.MAX_BYTES + 200 * 1024))
    assert response.status_code == 413


def test_an_upload_without_a_file_is_a_422(client, ws):
    response = client.post(
        url(ws.id, "/images"),
        data=multipart("other", b"x", "x.txt", "text/plain"),
        content_type=f"multipart/form-data; boundary={BOUNDARY}",
        headers=bearer(ws.owner_token),
    )
    assert response.status_code == 422
    assert "file" in response.json["error"]["details"]["files"]


def test_an_analyst_may_not_upload(app, client, ws):
    analyst = add_member(app, ws.id, "analyst")
    assert upload(client, ws, picture("PNG"), token=analyst).status_code == 403


@pytest.mark.parametrize("image_id", ["0" * 32, "nope", "../../etc/passwd"])
def test_an_unknown_image_is_a_404(client, image_id):
    response = client.get(f"/api/v1/images/{image_id}")
    assert response.status_code == 404
    assert response.json["error"]["code"] == "not_found"


def test_parts_beside_the_file_are_refused(client, ws):
    body = multipart("file", picture("PNG"), "x.png", "image/png")
    extra = f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="note"\r\n\r\nhi\r\n'.encode()
    response = client.post(
        url(ws.id, "/images"),
        data=extra + body,
        content_type=f"multipart/form-data; boundary={BOUNDARY}",
        headers=bearer(ws.owner_token),
    )
    assert response.status_code == 422
    assert "note" in response.json["error"]["details"]["files"]
