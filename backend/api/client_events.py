"""POST /api/v1/client/events: the extension reports what happened."""

from __future__ import annotations

from flask import request

from analytics.events import MAX_BATCH_BYTES
from backend import metrics
from backend.api.blueprint import JSON, Blueprint, require_media_type
from backend.auth import client_key_required, current_client
from backend.errors import APIError, status_of
from backend.events_pipeline import pipeline
from backend.ratelimit import events_rate_limited
from backend.schemas.events import EventsAnswerSchema
from backend.services import ingest, repairs
from backend.services.errors import DomainError

blp = Blueprint(
    "client_events", __name__, url_prefix="/api/v1/client", description="Events from the extension"
)

_BODY = {
    "required": True,
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/EventBatch"}}},
}


@blp.route("/events", methods=["POST"])
@blp.doc(requestBody=_BODY)
@blp.response(200, EventsAnswerSchema, description="durably stored; rejected events listed")
@blp.alt_response(400, description="malformed JSON or batch envelope")
@blp.alt_response(413, description="over 500 events or 512 KB")
@blp.alt_response(415, description="the body is not application/json")
@blp.alt_response(422, description="no event in the batch is valid (details: the answer)")
@blp.alt_response(429, description="rate limited per client key or address; see Retry-After")
@blp.alt_response(503, description="cannot keep events now; retry after Retry-After")
@events_rate_limited
@client_key_required
def post_events():
    """Record a batch of events; each is checked on its own and resends count once."""
    if (request.content_length or 0) > MAX_BATCH_BYTES:
        raise APIError(413, "payload_too_large", f"A batch is at most {MAX_BATCH_BYTES} bytes.")
    require_media_type(request, JSON)
    client = current_client()
    try:
        done = ingest.ingest(
            pipeline(), client.workspace_id, client.content_version, request.get_data(cache=False)
        )
    except DomainError as error:
        metrics.refused(status_of(error))
        raise
    if done.repairs:
        # In this request's transaction; a resend after a failure counts each person once.
        repairs.record_sightings(client.workspace_id, done.repairs)
    return done.answer


def register(api) -> None:
    """Register the endpoint and the event schemas of the OpenAPI document."""
    from backend.schemas.events import register_components

    api.document(register_components)
    api.register_blueprint(blp)
