"""Settings of notifications (mail, webhooks, the scheduler), read once from ``TRAILGUIDE_*``.

- ``SMTP_HOST`` (empty: mail is queued but not sent), ``SMTP_PORT`` (587),
  ``SMTP_SECURITY`` (``starttls``, ``tls`` or ``none``), ``SMTP_USERNAME``,
  ``SMTP_PASSWORD`` (never logged), ``MAIL_SENDER`` (``trailguide@localhost``).
- ``WEBHOOKS_ALLOW_PRIVATE`` (false): let endpoints point at loopback or private
  addresses (tests and single-host setups); refused otherwise.
- ``WEBHOOK_ATTEMPTS`` (5) and ``WEBHOOK_BACKOFF`` (1.0 s, doubled per retry).
- ``SCHEDULER`` (true): run the schedules inside the server; ``SCHEDULER_TICK`` (5 s)
  between checks; ``ALERTS_INTERVAL`` (300 s); ``DELIVERY_INTERVAL`` (30 s).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from backend.config import PREFIX, ConfigError, number_setting
from backend.services.notify.mail import SmtpSettings

_SECURITY = ("starttls", "tls", "none")


@dataclass(frozen=True)
class NotifyConfig:
    """How one process sends mail and webhooks and runs its schedules."""

    smtp: SmtpSettings = field(default_factory=SmtpSettings)
    allow_private_webhooks: bool = False
    webhook_attempts: int = 5
    webhook_backoff: float = 1.0
    scheduler: bool = True
    scheduler_tick: float = 5.0
    alerts_interval: float = 300.0
    delivery_interval: float = 30.0

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> NotifyConfig:
        """Read and validate the notification variables from ``env``."""
        defaults = cls()
        security = (env.get(f"{PREFIX}SMTP_SECURITY") or "starttls").strip().lower()
        if security not in _SECURITY:
            raise ConfigError(
                f"{PREFIX}SMTP_SECURITY: expected one of {', '.join(_SECURITY)}, got {security!r}"
            )
        smtp = SmtpSettings(
            host=(env.get(f"{PREFIX}SMTP_HOST") or "").strip(),
            port=number_setting(env, "SMTP_PORT", 587, 1),
            security=security,
            username=env.get(f"{PREFIX}SMTP_USERNAME") or "",
            password=env.get(f"{PREFIX}SMTP_PASSWORD") or "",
            sender=(env.get(f"{PREFIX}MAIL_SENDER") or "trailguide@localhost").strip(),
        )
        return cls(
            smtp=smtp,
            allow_private_webhooks=_flag(env, "WEBHOOKS_ALLOW_PRIVATE", False),
            webhook_attempts=number_setting(env, "WEBHOOK_ATTEMPTS", defaults.webhook_attempts, 1),
            webhook_backoff=number_setting(
                env, "WEBHOOK_BACKOFF", defaults.webhook_backoff, 0.0, float
            ),
            scheduler=_flag(env, "SCHEDULER", True),
            scheduler_tick=number_setting(
                env, "SCHEDULER_TICK", defaults.scheduler_tick, 0.05, float
            ),
            alerts_interval=number_setting(
                env, "ALERTS_INTERVAL", defaults.alerts_interval, 1.0, float
            ),
            delivery_interval=number_setting(
                env, "DELIVERY_INTERVAL", defaults.delivery_interval, 0.1, float
            ),
        )


def _flag(env: Mapping[str, str], name: str, default: bool) -> bool:
    raw = env.get(PREFIX + name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off", ""):
        return False
    raise ConfigError(f"{PREFIX}{name}: expected true or false, got {raw!r}")
