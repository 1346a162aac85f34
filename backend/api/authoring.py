"""The authoring admin API, registered in one call by the app factory."""

from __future__ import annotations


def register(api) -> None:
    """Register every authoring blueprint on the flask-smorest ``api``."""
    from backend.api import (
        applications,
        audit,
        content,
        content_list,
        feedback,
        flows,
        images,
        keys,
        members,
        people,
        segments,
        settings,
        sso,
    )

    for blueprint in (
        settings.blp,
        members.blp,
        members.public,
        keys.blp,
        people.blp,
        segments.blp,
        applications.blp,
        content_list.blueprint(),
        flows.blp,
        audit.blp,
        sso.blp,
        feedback.blp,
        feedback.client,
        images.blp,
    ):
        api.register_blueprint(blueprint)
    content.register(api)
