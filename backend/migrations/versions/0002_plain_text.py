"""plain text kept as written

Revision ID: 0002_plain_text
Revises: 0001_authoring
Create Date: 2026-12-05 20:45:00

Plain fields (names, titles, descriptions, labels, text a target is found by)
are text now: what was stored entity-escaped (``Show the &lt;div&gt;``) is
decoded back to what the author typed. Rich bodies keep their sanitized HTML
but drop the escapes HTML does not need (``Salt &amp; Pepper`` -> ``Salt &
Pepper``), so an exported draft reads as written. The rules are copied here,
not imported, so this revision keeps meaning what it meant.
"""

import html
import re

import sqlalchemy as sa
from alembic import op

revision = "0002_plain_text"
down_revision = "0001_authoring"
branch_labels = None
depends_on = None

PLAIN_KEYS = frozenset({"name", "title", "description", "label", "text"})
RICH_KEYS = frozenset({"body"})
# Target alternatives whose `value` is text shown on the page (others are selectors).
TEXT_LOCATORS = frozenset({"text", "label"})
_NEEDLESS_AMP = re.compile(r"&amp;(?![A-Za-z0-9#])")
_ENTITY = re.compile(r"&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")


def plain(value):
    if not isinstance(value, str) or not _ENTITY.search(value):
        return value
    return html.unescape(value)


def rich(value):
    if not isinstance(value, str):
        return value
    return _NEEDLESS_AMP.sub("&", value.replace("&gt;", ">"))


def convert(node):
    """``node`` with its plain fields decoded and its rich fields tidied."""
    if isinstance(node, list):
        return [convert(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if key in RICH_KEYS:
            out[key] = rich(value) if isinstance(value, str) else convert(value)
        elif key in PLAIN_KEYS and isinstance(value, str):
            out[key] = plain(value)
        elif key == "labels" and isinstance(value, dict):
            out[key] = {name: plain(label) for name, label in value.items()}
        elif key == "value" and node.get("by") in TEXT_LOCATORS:
            out[key] = plain(value)
        else:
            out[key] = convert(value)
    return out


def _rewrite(table: str, column: str) -> None:
    rows = sa.table(table, sa.column("id", sa.Integer), sa.column(column, sa.JSON))
    bind = op.get_bind()
    for row_id, document in bind.execute(sa.select(rows.c.id, rows.c[column])).all():
        converted = convert(document)
        if converted != document:
            bind.execute(rows.update().where(rows.c.id == row_id).values({column: converted}))


def upgrade():
    _rewrite("content_items", "draft")
    _rewrite("content_versions", "document")
    apps = sa.table(
        "applications",
        sa.column("id", sa.Integer),
        sa.column("name", sa.String),
        sa.column("description", sa.String),
    )
    bind = op.get_bind()
    for row_id, name, description in bind.execute(
        sa.select(apps.c.id, apps.c.name, apps.c.description)
    ).all():
        if (plain(name), plain(description)) != (name, description):
            bind.execute(
                apps.update()
                .where(apps.c.id == row_id)
                .values(name=plain(name), description=plain(description))
            )


def downgrade():
    # The decoded text is what the authors typed; escaping it again would lose that.
    pass
