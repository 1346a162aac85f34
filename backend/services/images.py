"""Images for articles: checked by their content, stored in the authoring database.

An upload is accepted only when its bytes are a PNG, JPEG, WebP or GIF that
decodes (the magic bytes pick the format, Pillow proves it); the type the
uploader declared is never trusted. SVG is refused outright: it is a document
that can carry script, not a picture. Stored images are served by an
unguessable token, so an article's readers can load them without an account.
"""

from __future__ import annotations

import io
import secrets
import warnings

from PIL import Image, UnidentifiedImageError
from sqlalchemy import select

from backend.extensions import db
from backend.models import StoredImage
from backend.services import audit
from backend.services.errors import Invalid, NotFound, TooLarge

MAX_BYTES = 2 * 1024 * 1024
# Decoding a small file can still take a lot of memory (a "decompression bomb").
MAX_PIXELS = 40_000_000
PATH = "/api/v1/images/"

# (leading bytes, format as Pillow names it, Content-Type)
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "PNG", "image/png"),
    (b"\xff\xd8\xff", "JPEG", "image/jpeg"),
    (b"GIF87a", "GIF", "image/gif"),
    (b"GIF89a", "GIF", "image/gif"),
)
TYPES = ("image/png", "image/jpeg", "image/webp", "image/gif")


def _sniffed(data: bytes) -> tuple[str, str] | None:
    """(Pillow format, Content-Type) named by the leading bytes, or None."""
    for magic, fmt, content_type in _MAGIC:
        if data.startswith(magic):
            return fmt, content_type
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP", "image/webp"
    return None


def _looks_like_svg(data: bytes) -> bool:
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<?xml", b"<svg", b"<!doctype svg")) or b"<svg" in head


def check(data: bytes) -> tuple[str, int, int]:
    """The Content-Type, width and height of an acceptable image; raises otherwise."""
    if not data:
        raise Invalid("The file is empty.", code="empty_image")
    if len(data) > MAX_BYTES:
        raise TooLarge(
            f"An image may be at most {MAX_BYTES} bytes.",
            code="image_too_large",
            details={"max_bytes": MAX_BYTES, "bytes": len(data)},
        )
    sniffed = _sniffed(data)
    if sniffed is None:
        if _looks_like_svg(data):
            raise Invalid(
                "SVG images are refused: they can carry script. Upload a PNG, JPEG, WebP or GIF.",
                code="svg_refused",
            )
        raise Invalid(
            "The file is not a PNG, JPEG, WebP or GIF image.",
            code="unsupported_image",
            details={"accepted": list(TYPES)},
        )
    fmt, content_type = sniffed
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=[fmt]) as image:
                width, height = image.size
                if width * height > MAX_PIXELS:
                    raise Invalid(
                        f"An image may have at most {MAX_PIXELS} pixels.",
                        code="image_too_large",
                        details={"max_pixels": MAX_PIXELS, "width": width, "height": height},
                    )
                image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError,
            Image.DecompressionBombWarning) as error:  # fmt: skip
        raise Invalid(
            f"The file starts like a {fmt} image but does not decode as one.",
            code="broken_image",
            details={"reason": str(error)[:200]},
        ) from None
    return content_type, width, height


def store(workspace_id: int, data: bytes) -> StoredImage:
    """Check and keep an image of the workspace (the caller commits)."""
    content_type, width, height = check(data)
    image = StoredImage(
        token=secrets.token_hex(16),
        workspace_id=workspace_id,
        content_type=content_type,
        size=len(data),
        width=width,
        height=height,
        data=data,
        created_by=audit.current_actor().user_id,
    )
    db.session.add(image)
    db.session.flush()
    audit.record(
        "image.upload",
        "image",
        image.id,
        {"content_type": content_type, "size": len(data)},
        workspace_id=workspace_id,
    )
    return image


def describe(image: StoredImage) -> dict:
    return {
        "id": image.token,
        "url": PATH + image.token,
        "content_type": image.content_type,
        "size": image.size,
        "width": image.width,
        "height": image.height,
    }


def get(token: str) -> StoredImage:
    """The stored image of a token (NotFound for any other string)."""
    image = db.session.execute(
        select(StoredImage).where(StoredImage.token == token)
    ).scalar_one_or_none()
    if image is None:
        raise NotFound("Image not found.")
    return image
