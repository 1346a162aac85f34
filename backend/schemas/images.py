"""Image uploads for articles (multipart) and what the API says of a stored image."""

from __future__ import annotations

import marshmallow as ma
from flask_smorest.fields import Upload


class ImageUpload(ma.Schema):
    file = Upload(
        required=True,
        metadata={"description": "a PNG, JPEG, WebP or GIF of at most 2 MB (SVG is refused)"},
    )


class ImageResponse(ma.Schema):
    id = ma.fields.String(metadata={"description": "the image's id (32 hex digits)"})
    url = ma.fields.String(
        metadata={"description": "the path that serves it; an article's body names it in img src"}
    )
    content_type = ma.fields.String(metadata={"description": "decided from the bytes"})
    size = ma.fields.Integer()
    width = ma.fields.Integer()
    height = ma.fields.Integer()
