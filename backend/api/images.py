"""Images for articles: members upload them; anyone with an image's id may load it.

An image is served by its unguessable id without an account, like the article
readers it is shown to (who need no account either): the id is the capability.
"""

from __future__ import annotations

from flask import Response, request

from backend.api.blueprint import Blueprint
from backend.auth import Permission, workspace_access
from backend.limits import allow_body
from backend.schemas.images import ImageResponse, ImageUpload
from backend.services import images
from backend.services.errors import Invalid

blp = Blueprint("images", __name__, url_prefix="/api/v1", description="Images that articles show")
# Room for the multipart envelope around the largest image.
_UPLOAD_BYTES = images.MAX_BYTES + 64 * 1024
# An image never changes under its id: caches may keep it for a year.
_CACHE = "public, max-age=31536000, immutable"


@blp.route("/workspaces/<int:workspace_id>/images", methods=["POST"])
@allow_body(_UPLOAD_BYTES)
@workspace_access(Permission.CONTENT_WRITE)
@blp.arguments(ImageUpload, location="files")
@blp.response(201, ImageResponse)
@blp.alt_response(413, description="larger than 2 MB")
@blp.alt_response(422, description="not a PNG, JPEG, WebP or GIF that decodes; SVG is refused")
def upload_image(files, workspace_id: int):
    """Store an image for the workspace's articles (checked by its content)."""
    extra = sorted((set(request.form) | set(request.files)) - {"file"})
    if extra:
        raise Invalid(
            "Send the image alone, as the part named file.",
            code="validation_error",
            details={"files": {name: ["Unknown field."] for name in extra}},
        )
    upload = files["file"]
    try:
        data = upload.read(_UPLOAD_BYTES)
    finally:
        # A large part is spooled to a temporary file: release it now, not at collection.
        upload.close()
    return images.describe(images.store(workspace_id, data))


@blp.route("/images/<string:image_id>")
@blp.response(200, description="the image's bytes", content_type="image/*")
@blp.alt_response(404, description="no such image")
def get_image(image_id: str):
    """An image by its id, with its Content-Type, cacheable for a year."""
    image = images.get(image_id)
    response = Response(image.data, mimetype=image.content_type)
    response.headers["Cache-Control"] = _CACHE
    response.headers["ETag"] = f'"{image.token}"'
    response.headers["X-Content-Type-Options"] = "nosniff"
    # Opened on its own, the image is still only an image: no script, no plugin, no frame.
    response.headers["Content-Security-Policy"] = "default-src 'none'; frame-ancestors 'none'"
    response.headers["Cross-Origin-Resource-Policy"] = "cross-origin"
    return response
