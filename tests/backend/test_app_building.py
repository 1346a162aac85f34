"""Building an app: what is pure is built once per process, what is rarely read waits."""

import flask_smorest
import pytest

from backend import close_connections, create_app


@pytest.fixture
def documented(monkeypatch):
    """The blueprints whose views were put in an OpenAPI document, in order."""
    names = []
    register = flask_smorest.Blueprint.register_views_in_doc

    def recording(self, *args, **kwargs):
        names.append(kwargs["name"])
        return register(self, *args, **kwargs)

    monkeypatch.setattr(flask_smorest.Blueprint, "register_views_in_doc", recording)
    return names


def test_building_an_app_documents_no_view_until_the_document_is_read(app_config, documented):
    app = create_app(app_config)
    try:
        assert documented == []
        spec = app.test_client().get("/api/v1/openapi.json").json
        assert "EventBatch" in spec["components"]["schemas"]
        assert "content_walkthroughs" in documented
    finally:
        app.extensions["trailguide.ingest"].close()
        app.config["ANALYTICS_BACKEND"].drop_database()
        close_connections(app)


def test_apps_share_the_routes_built_from_the_same_declarations(app, app_config):
    # ``app_config`` names the same stores: the second app is only built, never served.
    second = create_app({**app_config, "WITHOUT_ANALYTICS": True})
    try:
        for name in ("content_walkthroughs", "content_tips", "reports"):
            assert second.blueprints[name] is app.blueprints[name]
    finally:
        close_connections(second)
