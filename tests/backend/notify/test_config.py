"""Notification settings: read once, a bad value named in one line."""

from __future__ import annotations

import pytest

from backend.config import ConfigError
from backend.notify_config import NotifyConfig


def test_defaults_need_no_mail_server():
    config = NotifyConfig.from_env({})
    assert (config.smtp.host, config.smtp.security, config.allow_private_webhooks) == (
        "",
        "starttls",
        False,
    )


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("SMTP_SECURITY", "ssl3"),
        ("SMTP_PORT", "mail"),
        ("WEBHOOKS_ALLOW_PRIVATE", "maybe"),
        ("WEBHOOK_ATTEMPTS", "0"),
        ("SCHEDULER_TICK", "0"),
    ],
)
def test_a_bad_setting_is_named(name, value):
    with pytest.raises(ConfigError, match=f"TRAILGUIDE_{name}"):
        NotifyConfig.from_env({f"TRAILGUIDE_{name}": value})
