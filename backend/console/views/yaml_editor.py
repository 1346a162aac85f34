"""The advanced YAML tab's server side: the draft's lint messages while the author types.

The code editor (static/yaml_editor.js, CodeMirror 6) asks here and puts each message
on its line; saving still goes through the draft form and its full validation.
"""

from __future__ import annotations

from dataclasses import asdict

from flask import request

from backend.auth import Permission
from backend.console import documents
from backend.console.blueprint import blp
from backend.console.session import workspace_page
from backend.console.views.guidance import PLURAL
from walkthroughs import kinds


@blp.route(f"/w/<int:workspace_id>/{PLURAL}/lint", methods=["POST"])
@workspace_page(Permission.CONTENT_WRITE)
def lint_yaml(workspace_id: int, plural: str):
    item_type = kinds.by_plural(plural).name
    found = documents.lint_document(item_type, request.form.get("yaml", ""))
    return {"messages": [asdict(message) for message in found]}
