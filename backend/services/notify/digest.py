"""The weekly adoption digest: members subscribe; each Monday they get the previous ISO
week's figures, read through the report service so they equal the report API's.

The figures travel twice in each mail: as text for people and as ``digest.json``
(each report's rows exactly as the API returns them) for tools. Each mail carries
a signed link that unsubscribes without signing in; a member who has left the
workspace gets nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import select

from analytics.reports.registry import REPORTS
from backend.extensions import db
from backend.models import DigestSubscription, Membership, User, Workspace
from backend.services import audit, reports
from backend.services.errors import Conflict, NotFound, not_found
from backend.services.notify import mail

# The reports in a digest, in the order they are shown, with their arguments.
SECTIONS = (
    ("completion", {"granularity": "total"}),
    ("content-health", {}),
)
TOP_ROWS = 5
_SALT = "trailguide digest unsubscribe"


@dataclass(frozen=True)
class Week:
    """An ISO week, Monday to Sunday."""

    monday: date

    @property
    def sunday(self) -> date:
        return self.monday + timedelta(days=6)

    @property
    def label(self) -> str:
        year, number, _ = self.monday.isocalendar()
        return f"{year}-W{number:02d}"


def previous_week(now: datetime) -> Week:
    """The last whole ISO week before ``now`` (UTC)."""
    today = now.date()
    return Week(today - timedelta(days=today.weekday() + 7))


def query(week: Week) -> dict[str, str]:
    """The report API query of ``week``: what a person would ask for to check a digest."""
    return {"from": week.monday.isoformat(), "to": week.sunday.isoformat(), "tz": "UTC"}


def figures(workspace_id: int, week: Week) -> dict[str, list[dict]]:
    """Each section's report rows for ``week``, as the report API computes them."""
    out = {}
    for name, extra in SECTIONS:
        report = REPORTS[name]
        args = report.arguments().load({**query(week), **extra})
        # Through the declared rows schema: JSON values, as the API documents them.
        out[name] = report.rows(many=True).dump(reports.run(workspace_id, report, args))
    return out


def subscribe(workspace_id: int, user_id: int) -> DigestSubscription:
    """Subscribe a member (Conflict when already subscribed)."""
    found = _subscription(workspace_id, user_id)
    if found is not None:
        raise Conflict("Already subscribed to the weekly digest.", code="already_subscribed")
    subscription = DigestSubscription(workspace_id=workspace_id, user_id=user_id, last_week="")
    db.session.add(subscription)
    db.session.flush()
    audit.record(
        "digest.subscribed", "digest_subscription", subscription.id, workspace_id=workspace_id
    )
    return subscription


def _subscription(workspace_id: int, user_id: int) -> DigestSubscription | None:
    return db.session.execute(
        select(DigestSubscription).where(
            DigestSubscription.workspace_id == workspace_id,
            DigestSubscription.user_id == user_id,
        )
    ).scalar()


def is_subscribed(workspace_id: int, user_id: int) -> bool:
    return _subscription(workspace_id, user_id) is not None


def unsubscribe(workspace_id: int, user_id: int) -> None:
    """End a member's subscription (NotFound when there is none)."""
    subscription = _subscription(workspace_id, user_id)
    if subscription is None:
        raise not_found("Digest subscription")
    audit.record(
        "digest.unsubscribed",
        "digest_subscription",
        subscription.id,
        workspace_id=workspace_id,
        actor_id=user_id,
    )
    db.session.delete(subscription)


def unsubscribe_token(secret_key: str, subscription: DigestSubscription) -> str:
    return URLSafeSerializer(secret_key, salt=_SALT).dumps(
        [subscription.id, subscription.workspace_id, subscription.user_id]
    )


def read_token(secret_key: str, token: str) -> DigestSubscription:
    """The subscription a link names; NotFound when the link is forged or already used."""
    try:
        sub_id, workspace_id, user_id = URLSafeSerializer(secret_key, salt=_SALT).loads(token)
    except (BadSignature, ValueError, TypeError):
        raise NotFound("This unsubscribe link is not valid.", code="bad_link") from None
    found = db.session.get(DigestSubscription, sub_id)
    if found is None or (found.workspace_id, found.user_id) != (workspace_id, user_id):
        raise NotFound("This subscription has already ended.", code="already_unsubscribed")
    return found


def _rate(value: float) -> str:
    return f"{value:.0%}"


def _text(workspace: Workspace, week: Week, data: dict[str, list[dict]], link: str) -> str:
    completion = sorted(data["completion"], key=lambda r: (-r["attempts"], r["walkthrough_id"]))
    attempts = sum(r["attempts"] for r in completion)
    completed = sum(r["completed"] for r in completion)
    lines = [
        f"Trailguide weekly digest for {workspace.name}, {week.label} "
        f"({week.monday.isoformat()} to {week.sunday.isoformat()}, UTC)",
        "",
        f"Walkthrough attempts: {attempts}; completed: {completed}"
        + (f" ({_rate(completed / attempts)})" if attempts else ""),
        "",
        "Biggest drop-offs (attempts not completed):",
    ]
    drops = sorted(
        completion, key=lambda r: (-(r["attempts"] - r["completed"]), r["walkthrough_id"])
    )
    for row in drops[:TOP_ROWS]:
        lines.append(
            f"- walkthrough {row['walkthrough_id']}: {row['attempts'] - row['completed']} of "
            f"{row['attempts']} attempts not completed (completion {_rate(row['completion_rate'])})"
        )
    if not drops:
        lines.append("- none")
    lines += ["", "Broken steps (target not found):"]
    for row in data["content-health"][:TOP_ROWS]:
        lines.append(
            f"- walkthrough {row['walkthrough_id']} v{row['version']} step {row['step_key']}: "
            f"{row['failures']} failures, {row['people_affected']} people, "
            f"{_rate(row['failure_rate'])} of shows"
        )
    if not data["content-health"]:
        lines.append("- none")
    lines += ["", "The figures of every report are attached as digest.json.", ""]
    lines.append(f"Unsubscribe: {link}")
    return "\n".join(lines)


def send_due(now: datetime, public_url: str, secret_key: str) -> int:
    """Queue the previous week's digest for every subscriber still a member who has not
    had it yet; returns how many were queued."""
    week = previous_week(now)
    rows = db.session.execute(
        select(DigestSubscription, User.email, Workspace)
        .join(User, User.id == DigestSubscription.user_id)
        .join(Workspace, Workspace.id == DigestSubscription.workspace_id)
        .join(
            Membership,
            (Membership.user_id == DigestSubscription.user_id)
            & (Membership.workspace_id == DigestSubscription.workspace_id),
        )
        .where(DigestSubscription.last_week != week.label)
        .order_by(DigestSubscription.workspace_id, DigestSubscription.id)
    ).all()
    cache: dict[int, dict] = {}
    queued = 0
    for subscription, email, workspace in list(rows):
        if workspace.id not in cache:
            cache[workspace.id] = figures(workspace.id, week)
        data = cache[workspace.id]
        link = f"{public_url}/console/unsubscribe/{unsubscribe_token(secret_key, subscription)}"
        mail.queue(
            email,
            f"[Trailguide] Weekly digest {week.label}: {workspace.name}",
            _text(workspace, week, data, link),
            now,
            workspace_id=workspace.id,
            headers={"List-Unsubscribe": f"<{link}>"},
            attachment={
                "filename": "digest.json",
                "data": {
                    "workspace_id": workspace.id,
                    "week": week.label,
                    "query": query(week),
                    "reports": data,
                },
            },
        )
        subscription.last_week = week.label
        queued += 1
    return queued
