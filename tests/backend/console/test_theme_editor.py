"""The theme editor: font and corner radius saved, a live preview, WCAG AA warnings."""

import pytest

from backend.console import theme
from backend.extensions import db
from backend.models import Workspace
from backend.schemas.settings import FONTS

SETTINGS = {"name": "Acme", "retention_days": "395", "default_locale": "en"}
SERIF = FONTS["Serif"]


def _page(workspace):
    return f"/console/w/{workspace.id}/settings"


def _save(console, workspace, **theme_fields):
    return console.post(_page(workspace), {**SETTINGS, **theme_fields}, page=_page(workspace))


def _preview(console, workspace, **theme_fields):
    return console.post(f"{_page(workspace)}/theme-preview", theme_fields, page=_page(workspace))


@pytest.mark.parametrize(
    ("first", "second", "ratio"),
    [("#000000", "#ffffff", 21.0), ("#ffffff", "#ffffff", 1.0), ("#767676", "#ffffff", 4.54)],
)
def test_contrast_ratio_follows_wcag(first, second, ratio):
    assert theme.contrast_ratio(first, second) == pytest.approx(ratio, abs=0.01)


def test_the_player_defaults_meet_aa():
    assert theme.contrast_warnings({}) == []


@pytest.mark.parametrize(
    ("colours", "pair"),
    [
        ({"text": "#999999"}, "Text on the background"),
        ({"accent": "#e8590c"}, "White button labels on the accent colour"),
        (
            {"accent": "#3451d1", "background": "#2a3a8f", "text": "#ffffff"},
            "The accent colour on the background",
        ),
    ],
)
def test_a_pair_below_aa_is_named(colours, pair):
    named = [warning.split(" has a contrast")[0] for warning in theme.contrast_warnings(colours)]
    assert named == [pair]


def test_font_and_radius_are_saved_with_the_colours(app, as_role, workspace):
    response = _save(
        as_role("admin"),
        workspace,
        theme_accent="#0b5cad",
        theme_background="#ffffff",
        theme_text="#111111",
        theme_font=SERIF,
        theme_radius="4",
    )
    assert response.status_code == 303
    with app.app_context():
        saved = db.session.get(Workspace, workspace.id).theme
    assert saved == {
        "accent": "#0b5cad",
        "background": "#ffffff",
        "text": "#111111",
        "font": SERIF,
        "radius": 4,
    }


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("theme_font", "Comic Sans; color: red", "One of the offered fonts."),
        ("theme_radius", "99", "theme.radius"),
    ],
)
def test_a_font_or_radius_not_offered_is_refused(app, as_role, workspace, field, value, message):
    response = _save(as_role("owner"), workspace, **{field: value})
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    with app.app_context():
        assert not db.session.get(Workspace, workspace.id).theme


def test_the_editor_shows_the_saved_theme_in_its_controls(as_role, workspace):
    admin = as_role("admin")
    _save(admin, workspace, theme_accent="#0b5cad", theme_font=SERIF, theme_radius="4")
    html = admin.get(_page(workspace)).get_data(as_text=True)
    assert 'type="color" value="#0b5cad"' in html
    assert 'name="theme_radius" type="number" min="0" max="24" value="4"' in html
    assert "--tg-accent: #0b5cad;" in html and "--tg-radius: 4px;" in html


def test_the_preview_follows_the_typed_theme_without_saving(app, as_role, workspace):
    response = _preview(as_role("admin"), workspace, theme_accent="#aa0000", theme_radius="0")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "--tg-accent: #aa0000;" in html and "--tg-radius: 0px;" in html
    assert 'data-testid="contrast-ok"' in html
    with app.app_context():
        assert not db.session.get(Workspace, workspace.id).theme


def test_the_preview_warns_below_aa(as_role, workspace):
    html = _preview(as_role("admin"), workspace, theme_text="#bbbbbb").get_data(as_text=True)
    assert 'data-testid="contrast-warning"' in html
    assert "Text on the background has a contrast of" in html


def test_the_preview_names_a_bad_value_and_draws_the_defaults(as_role, workspace):
    html = _preview(as_role("admin"), workspace, theme_accent="red").get_data(as_text=True)
    assert "A color like #3451d1." in html
    assert "--tg-accent: #3451d1;" in html


def test_the_theme_needs_the_settings_permission(as_role, workspace):
    response = _preview(as_role("editor"), workspace, theme_accent="#aa0000")
    assert response.status_code == 403
