"""Mail: queued as rows in a command, sent over SMTP by the scheduler's delivery job."""

from __future__ import annotations

import json
import logging
import smtplib
import ssl
from dataclasses import dataclass, field
from datetime import datetime
from email.message import EmailMessage

from sqlalchemy import select

from backend.extensions import db
from backend.models import OutgoingMail

log = logging.getLogger(__name__)

# A message that failed this often is left in the log and not tried again.
MAX_ATTEMPTS = 5


@dataclass(frozen=True)
class SmtpSettings:
    """Where mail goes; the password never appears in a repr or a log line."""

    host: str = ""
    port: int = 587
    security: str = "starttls"  # starttls | tls | none
    username: str = ""
    password: str = field(default="", repr=False)
    sender: str = "trailguide@localhost"
    timeout: float = 20.0


def queue(
    recipient: str,
    subject: str,
    body: str,
    now: datetime,
    *,
    workspace_id: int | None = None,
    headers: dict[str, str] | None = None,
    attachment: dict | None = None,
) -> OutgoingMail:
    """Add a message to the current transaction; it is sent after the command commits.

    ``attachment`` is ``{"filename": ..., "data": <JSON-able>}``, attached as JSON.
    """
    mail = OutgoingMail(
        workspace_id=workspace_id,
        recipient=recipient,
        subject=subject,
        body=body,
        headers=headers or {},
        attachment=attachment,
        created_at=now,
        attempts=0,
        last_error="",
    )
    db.session.add(mail)
    return mail


def pending(limit: int = 100) -> list[int]:
    """Ids of messages still to send, oldest first."""
    return list(
        db.session.execute(
            select(OutgoingMail.id)
            .where(OutgoingMail.sent_at.is_(None), OutgoingMail.attempts < MAX_ATTEMPTS)
            .order_by(OutgoingMail.id)
            .limit(limit)
        ).scalars()
    )


def _message(settings: SmtpSettings, mail: OutgoingMail) -> EmailMessage:
    message = EmailMessage()
    message["From"] = settings.sender
    message["To"] = mail.recipient
    message["Subject"] = mail.subject
    for name, value in (mail.headers or {}).items():
        message[name] = value
    message.set_content(mail.body)
    if mail.attachment:
        message.add_attachment(
            json.dumps(mail.attachment["data"], indent=2, default=str).encode(),
            maintype="application",
            subtype="json",
            filename=mail.attachment["filename"],
        )
    return message


def _transmit(settings: SmtpSettings, message: EmailMessage) -> None:
    if settings.security == "tls":
        context = ssl.create_default_context()
        client = smtplib.SMTP_SSL(
            settings.host, settings.port, timeout=settings.timeout, context=context
        )
    else:
        client = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
    with client:
        if settings.security == "starttls":
            client.starttls(context=ssl.create_default_context())
        if settings.username:
            client.login(settings.username, settings.password)
        client.send_message(message)


def send(settings: SmtpSettings, mail_id: int, now: datetime) -> bool:
    """Send one queued message; True when the server took it. A failure is recorded
    on the row (without credentials) and retried by a later run."""
    mail = db.session.get(OutgoingMail, mail_id)
    if mail is None or mail.sent_at is not None or not settings.host:
        return False
    mail.attempts += 1
    try:
        _transmit(settings, _message(settings, mail))
    except (OSError, smtplib.SMTPException) as exc:
        # smtplib's errors carry the server's reply, never the credentials sent.
        mail.last_error = f"{type(exc).__name__}: {exc}"[:500]
        log.warning("mail not sent", extra={"mail_id": mail.id, "error": mail.last_error})
        return False
    mail.sent_at = now
    mail.last_error = ""
    return True
