"""Translations side by side: each text per locale, missing flagged, fallback shown."""

import pytest

from tests.support.content import walkthrough_doc
from walkthroughs import translations
from walkthroughs.schemas import load_document


@pytest.fixture
def document():
    return load_document(
        "walkthrough",
        walkthrough_doc(
            "Tour",
            steps=2,
            translations={"de": {"name": "Rundgang", "steps": {"s0": {"title": "Schritt 0"}}}},
        ),
    )


def _cells(document, locales, default=None):
    rows = translations.table("walkthrough", document, locales, default)
    return {text.path: cells for text, cells in rows}


def test_every_declared_text_is_listed_in_document_order(document):
    paths = [text.path for text in translations.texts("walkthrough", document)]
    assert paths[:2] == [("name",), ("description",)]
    assert paths[2:] == [
        ("steps", "s0", "title"),
        ("steps", "s0", "body"),
        ("steps", "s1", "title"),
        ("steps", "s1", "body"),
    ]


def test_a_translated_text_is_shown_as_translated(document):
    cell = _cells(document, ["de"])[("name",)]["de"]
    assert (cell.text, cell.shown, cell.missing) == ("Rundgang", "Rundgang", False)


def test_a_missing_text_is_flagged_and_shows_the_original(document):
    cell = _cells(document, ["de"])[("steps", "s1", "title")]["de"]
    assert (cell.text, cell.shown, cell.missing) == ("", "Step 1", True)


def test_an_empty_original_is_not_missing_in_a_translation(document):
    assert not _cells(document, ["de"])[("description",)]["de"].missing


def test_a_locale_without_translation_shows_the_workspace_default(document):
    """A person in French falls back to the workspace default (German) before English."""
    cell = _cells(document, ["fr"], default="de")[("name",)]["fr"]
    assert (cell.shown, cell.missing) == ("Rundgang", True)


def test_the_locales_beside_the_original_come_once_and_normalized(document):
    assert translations.locales_of(document, "en", ["de_at", "DE", "fr"]) == ["de", "de-AT", "fr"]


def test_a_translation_is_written_and_an_emptied_text_removed(document):
    changed = translations.with_translation(
        "walkthrough",
        document,
        "de",
        {("name",): "", ("steps", "s1", "title"): " Schritt 1 "},
    )
    assert changed["translations"]["de"] == {
        "steps": {"s0": {"title": "Schritt 0"}, "s1": {"title": "Schritt 1"}}
    }
    assert document["translations"]["de"]["name"] == "Rundgang"  # the original is untouched


def test_a_translation_left_empty_is_dropped(document):
    emptied = {("name",): "", ("steps", "s0", "title"): ""}
    changed = translations.with_translation("walkthrough", document, "de", emptied)
    assert changed["translations"] == {}


def test_a_text_the_document_does_not_have_is_refused(document):
    with pytest.raises(KeyError):
        translations.with_translation(
            "walkthrough", document, "de", {("steps", "nope", "title"): "x"}
        )
