"""Accepting a batch of events: check each, enrich, spool durably, answer.

The path is built for speed (it is benchmarked against a raw ClickHouse
insert): a wholly valid batch is decoded and checked in one C pass (msgspec),
any other by one ``json.loads`` and the compiled checker; cached workspace rules and
people attributes, one spool append (group-committed fsync). The INSERT into
ClickHouse happens later, in the writer's batches.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

import orjson

from analytics.events import (
    MAX_BATCH_BYTES,
    MAX_EVENT_BYTES,
    MAX_EVENTS_PER_BATCH,
    IngestContext,
    check_event,
    to_row,
)
from analytics.events.contract import MAX_EXTENSION_VERSION, REPAIR_KINDS
from analytics.events.decode import KIND_OF, as_dict, decode_valid_batch
from analytics.events.normalize import decoded_rows
from analytics.spool import SpoolError, SpoolFull
from analytics.writer import Writer
from backend import metrics
from backend.ingest_config import IngestConfig
from backend.services.errors import Invalid, Malformed, TooLarge, Unavailable
from backend.services.ingest_lookups import IngestLookups

log = logging.getLogger(__name__)

_ENVELOPE_KEYS = frozenset({"events", "extension_version"})


@dataclass
class Pipeline:
    """One process's events pipeline: its spool, writer and cached lookups."""

    config: IngestConfig
    writer: Writer
    lookups: IngestLookups

    def close(self) -> None:
        """Insert what can be inserted now; the rest stays spooled for the next start."""
        self.writer.close()


@dataclass(frozen=True)
class Ingested:
    """The answer to the extension, and the accepted events the authoring side acts on."""

    answer: dict
    # Accepted target_repaired events: each is one person's sighting of a repaired target.
    repairs: list


def _parse(body: bytes) -> tuple[list, str]:
    try:
        # orjson: strict RFC 8259 (no NaN), a depth limit instead of RecursionError, fast.
        data = orjson.loads(body)
    except (ValueError, RecursionError) as exc:
        raise Malformed(f"The body is not JSON: {exc}"[:200], code="malformed_json") from None
    if type(data) is not dict:
        raise Malformed('The body must be an object {"events": [...]}.', code="invalid_batch")
    unknown = data.keys() - _ENVELOPE_KEYS
    if unknown:
        raise Malformed(
            f"Unknown field {sorted(unknown)[0][:40]!r} in batch.", code="invalid_batch"
        )
    events = data.get("events")
    if type(events) is not list:
        raise Malformed("`events` must be a list of events.", code="invalid_batch")
    if len(events) > MAX_EVENTS_PER_BATCH:
        raise TooLarge(
            f"A batch holds at most {MAX_EVENTS_PER_BATCH} events.", code="too_many_events"
        )
    version = data.get("extension_version", "")
    if type(version) is not str or len(version) > MAX_EXTENSION_VERSION:
        raise Malformed(
            f"`extension_version` must be a string of at most {MAX_EXTENSION_VERSION} characters.",
            code="invalid_batch",
        )
    return events, version


def _reason_label(reason: str) -> str:
    if reason.startswith("kind:"):
        return "kind"
    if reason.startswith("the event is larger"):
        return "too_large"
    if reason.endswith("unknown field"):
        return "unknown_field"
    return "invalid_field"


def ingest(current: Pipeline, workspace_id: int, content_version: int, body: bytes) -> Ingested:
    """Check, enrich and durably spool a batch; the answer counts accepted and rejected events.

    400/413 for a batch that breaks the envelope, 422 when no event in it is
    valid, 503 with Retry-After when the spool cannot keep it. A 2xx answer
    means every accepted event is fsynced and will reach ClickHouse.
    """
    received_ms = time.time_ns() // 1_000_000
    if len(body) > MAX_BATCH_BYTES:
        raise TooLarge(f"A batch is at most {MAX_BATCH_BYTES} bytes.", code="payload_too_large")
    # Most batches are wholly valid: one C pass decodes and checks them. Any other batch
    # takes the per-event path, which names each rejected event's reason.
    decoded = decode_valid_batch(body)
    if decoded is not None:
        events, times, version = decoded
        ctx = _context(current, workspace_id, content_version, received_ms, version)
        return _accept(current, ctx, content_version, events, times)
    events, version = _parse(body)
    ctx = _context(current, workspace_id, content_version, received_ms, version)
    valid, rejected, seen, duplicates = [], [], set(), 0
    # No event of a body within the per-event limit can exceed it: skip measuring.
    measure = len(body) > MAX_EVENT_BYTES
    for index, event in enumerate(events):
        client_ms, reason = check_event(event, measure)
        if reason is not None:
            rejected.append({"index": index, "reason": reason})
            metrics.rejected(_reason_label(reason))
            continue
        event_id = event["event_id"]
        if event_id in seen:
            duplicates += 1
            continue
        seen.add(event_id)
        valid.append((event, client_ms))
    rows = []
    if valid:
        attributes = current.lookups.attributes_for(
            workspace_id, content_version, {e["user_id"] for e, _ in valid}
        )
        rows = [to_row(e, ms, ctx, attributes[e["user_id"]]) for e, ms in valid]
        _spool(current.writer, rows)
        metrics.accepted(len(rows))
    answer = {"accepted": len(rows), "rejected": rejected, "duplicates": duplicates}
    if not rows and rejected:
        raise Invalid(
            "No event in the batch is valid; do not resend it.",
            code="events_rejected",
            details=answer,
        )
    repairs = [event for event, _ms in valid if event["kind"] in REPAIR_KINDS]
    return Ingested(answer, repairs)


def _context(
    current: Pipeline, workspace_id: int, content_version: int, received_ms: int, version: str
) -> IngestContext:
    rules = current.lookups.rules_for(workspace_id, content_version)
    return IngestContext(
        workspace_id,
        received_ms,
        rules.retention_days,
        rules.keep_query_string,
        rules.pseudonym_secret,
        version,
    )


def _accept(
    current: Pipeline, ctx: IngestContext, content_version: int, events: list, times: list[int]
) -> Ingested:
    """Spool a batch the decoder found wholly valid (resends within it count once)."""
    ids = {event.event_id for event in events}
    if len(ids) == len(events):
        # The usual batch: no event in it twice.
        valid = list(zip(events, times, strict=True))
    else:
        valid, seen = [], set()
        for event, client_ms in zip(events, times, strict=True):
            if event.event_id not in seen:
                seen.add(event.event_id)
                valid.append((event, client_ms))
    rows = []
    if valid:
        attributes = current.lookups.attributes_for(
            ctx.workspace_id, content_version, {e.user_id for e, _ in valid}
        )
        rows = decoded_rows(valid, ctx, attributes)
        _spool(current.writer, rows)
        metrics.accepted(len(rows))
    answer = {"accepted": len(rows), "rejected": [], "duplicates": len(events) - len(valid)}
    repairs = [as_dict(e) for e, _ms in valid if KIND_OF[type(e)] in REPAIR_KINDS]
    return Ingested(answer, repairs)


def _spool(writer: Writer, rows: list[list]) -> None:
    try:
        writer.submit(rows)
    except SpoolFull as exc:
        log.warning("spool full, refusing events", extra={"reason": str(exc)})
        raise Unavailable(
            "The server is holding as many unsent events as it may; retry later.",
            code="spool_full",
            retry_after=exc.retry_after,
        ) from None
    except SpoolError as exc:
        log.error("cannot spool events", extra={"reason": str(exc)})
        raise Unavailable(
            "The server cannot store events right now; retry later.",
            code="spool_unavailable",
            retry_after=5,
        ) from None
