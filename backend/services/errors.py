"""What a service says when a command cannot be done, in the domain's words.

Services raise these and know nothing of HTTP; ``backend.errors`` maps each
class to a status and the one error shape, and the console maps them to its
error page. ``code`` is the machine-readable reason clients see; each class has
a default, and a service passes a more precise one where clients rely on it
(``Conflict("...", code="key_taken")``).
"""

from __future__ import annotations


class DomainError(Exception):
    """A command refused for a reason the caller can act on."""

    default_code = "error"

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        details: dict | None = None,
        retry_after: int | None = None,
        keep_changes: bool = False,
    ):
        super().__init__(message)
        self.message = message
        self.code = code or self.default_code
        self.details = details
        # Seconds after which the same command may succeed (only for refusals that pass).
        self.retry_after = retry_after
        # The refusal is itself a record to keep (a failed sign-in counts towards the
        # slowdown): the command boundary commits instead of rolling back.
        self.keep_changes = keep_changes

    def __str__(self) -> str:
        return self.message


class NotFound(DomainError):
    """Missing, or outside the caller's workspace (the two look the same)."""

    default_code = "not_found"


class Conflict(DomainError):
    """Clashes with what exists (a taken key, a revoked key, a concurrent change)."""

    default_code = "conflict"


class Invalid(DomainError):
    """Well-formed but not acceptable (a bad role, an unknown field value)."""

    default_code = "validation_error"


class Malformed(DomainError):
    """Cannot even be read (broken YAML or JSON, a URL that is not one)."""

    default_code = "malformed"


class Forbidden(DomainError):
    """The actor may not do this."""

    default_code = "forbidden"


class Unauthenticated(DomainError):
    """Who is asking is unknown: wrong credentials, an unknown or revoked key."""

    default_code = "invalid_credentials"


class PreconditionFailed(DomainError):
    """The caller acted on a version that changed meanwhile."""

    default_code = "precondition_failed"


class Gone(DomainError):
    """Existed once and is used up for good (an accepted or revoked invitation)."""

    default_code = "gone"


class TooLarge(DomainError):
    """More than one command may carry (bytes, rows, events)."""

    default_code = "too_large"


class TooMany(DomainError):
    """Too many attempts for now; ``retry_after`` says when to try again."""

    default_code = "too_many_requests"


class Unavailable(DomainError):
    """A store the command needs cannot be reached or is full; retry later."""

    default_code = "unavailable"


class Failed(DomainError):
    """A store answered with an error the caller cannot fix."""

    default_code = "failed"


def not_found(what: str) -> NotFound:
    """The one wording for anything missing or outside the caller's workspace."""
    return NotFound(f"{what} not found.")
