"""The translations panel: an item's texts with its locales side by side.

Missing translations are flagged and each cell says what a person with that locale
sees under fallback (walkthroughs.translations, from the delivery's own rule). Saving
writes the draft's ``translations`` through the same validation as every draft.
"""

from __future__ import annotations

from flask import flash, render_template, request, url_for

from backend.auth import Permission
from backend.console import documents, lookups
from backend.console.blueprint import blp
from backend.console.forms import attempt, back, explain, number
from backend.console.session import workspace_page
from backend.console.views.guidance import PLURAL
from backend.errors import APIError
from backend.services import content, workspaces
from backend.services.revisions import Precondition
from walkthroughs import kinds, translations
from walkthroughs.flows import compact
from walkthroughs.locales import LOCALE_TAG, normalize_locale

ONE = f"/w/<int:workspace_id>/{PLURAL}/<int:item_id>"


def _asked_locales(source) -> list[str]:
    """Locale tags named in ``locale`` fields or arguments; 400 for one that is not a tag."""
    tags = [tag.strip() for tag in source.getlist("locale") if tag.strip()]
    for tag in tags:
        if not LOCALE_TAG.match(tag):
            raise APIError(400, "bad_locale", f"{tag!r} is not a locale such as de or fr-CA.")
    return [normalize_locale(tag) for tag in tags]


def _page(workspace_id, plural, item_id, extra=(), typed=None, lines=None, status=200):
    kind = kinds.by_plural(plural)
    stored = content.get_item(workspace_id, kind.name, item_id)
    record = content.describe(stored)
    draft = record["draft"]
    default_locale = workspaces.get(workspace_id).default_locale
    locales = translations.locales_of(draft, default_locale, extra)
    context = {
        "plural": plural,
        "title": kind.title,
        "singular": kind.singular,
        "record": record,
        "name": lookups.display_name(record),
        "base": draft.get("locale") or "en",
        "default_locale": default_locale,
        "locales": locales,
        "rows": translations.table(kind.name, draft, locales, default_locale),
        "typed": typed or {},
        "problems": lines or [],
        "code": lookups.managed_as_code(stored),
        "here": url_for(
            "console.translations", workspace_id=workspace_id, plural=plural, item_id=item_id
        ),
    }
    return render_template("console/translations.html", **context), status


@blp.route(f"{ONE}/translations", endpoint="translations")
@workspace_page(Permission.CONTENT_READ)
def translations_page(workspace_id: int, plural: str, item_id: int):
    return _page(workspace_id, plural, item_id, _asked_locales(request.args))


@blp.route(f"{ONE}/translations", methods=["POST"])
@workspace_page(Permission.CONTENT_WRITE)
def save_translations(workspace_id: int, plural: str, item_id: int):
    item_type = kinds.by_plural(plural).name
    locales = _asked_locales(request.form)
    precondition = Precondition(False, frozenset({number("revision")}))
    typed = {key: value for key, value in request.form.items() if key.startswith("t-")}

    def save():
        draft = content.get_item(workspace_id, item_type, item_id).draft
        paths = [text.path for text in translations.texts(item_type, draft)]
        for locale in locales:
            values = {path: typed.get(f"t-{locale}-{i}", "") for i, path in enumerate(paths)}
            draft = translations.with_translation(item_type, draft, locale, values)
        document = documents.validate_document(
            item_type, compact(kinds.get(item_type).schema(), draft)
        )
        content.update_item(workspace_id, item_type, item_id, document, None, precondition)

    _done, error = attempt(save, quiet=True)
    if error is not None:
        return _page(workspace_id, plural, item_id, locales, typed, explain(error), error.code)
    flash("Translations saved in the draft. Publish it to deliver them.", "success")
    return back("console.translations", plural=plural, item_id=item_id)
