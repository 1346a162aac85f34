"""Single sign-on settings and the extension's one-time code exchange."""

import marshmallow as ma

from backend.schemas.storable import StrictBoolean

# https anywhere; plain http only on this machine (a provider under test). No query or fragment.
ISSUER = ma.validate.Regexp(
    r"^(https://[A-Za-z0-9.-]+|http://(127\.0\.0\.1|localhost))(:[0-9]{1,5})?(/[A-Za-z0-9._~%/-]*)?$",
    error="An https:// URL without query or fragment (plain http only on this machine).",
)
DOMAIN = ma.validate.Regexp(
    r"^([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$",
    error="An email domain such as example.com.",
)


class SsoSettingsUpdate(ma.Schema):
    """Only the fields given change; a first configuration needs the first four."""

    issuer = ma.fields.String(
        validate=[ma.validate.Length(max=500), ISSUER],
        metadata={
            "description": "the provider's issuer URL (its discovery document lives under it)"
        },
    )
    client_id = ma.fields.String(validate=ma.validate.Length(min=1, max=255))
    client_secret = ma.fields.String(
        load_only=True,
        validate=ma.validate.Length(min=1, max=1000),
        metadata={"description": "stored encrypted; never shown again"},
    )
    allowed_domains = ma.fields.List(
        ma.fields.String(validate=[ma.validate.Length(max=253), DOMAIN]),
        validate=ma.validate.Length(min=1, max=50),
        metadata={"description": "email domains that may sign in, e.g. ['example.com']"},
    )
    first_role = ma.fields.String(
        validate=ma.validate.OneOf(["editor", "analyst"]),
        metadata={"description": "role of a person whose first SSO sign-in makes them a member"},
    )
    enabled = StrictBoolean()
    sso_only = StrictBoolean(
        metadata={"description": "refuse password sign-in to members but the break-glass owner"}
    )
    break_glass_user_id = ma.fields.Integer(
        allow_none=True,
        metadata={"description": "an owner who may still sign in with a password"},
    )


class SsoSettingsResponse(ma.Schema):
    configured = ma.fields.Boolean(required=True)
    issuer = ma.fields.String()
    client_id = ma.fields.String()
    client_secret_set = ma.fields.Boolean()
    allowed_domains = ma.fields.List(ma.fields.String())
    first_role = ma.fields.String()
    enabled = ma.fields.Boolean()
    sso_only = ma.fields.Boolean()
    break_glass_user_id = ma.fields.Integer(allow_none=True)
    updated_at = ma.fields.DateTime()
    redirect_uri = ma.fields.String(
        metadata={"description": "register this callback URL with the identity provider"}
    )


class SsoExchangeRequest(ma.Schema):
    code = ma.fields.String(required=True, validate=ma.validate.Length(max=100))
    verifier = ma.fields.String(
        required=True, load_only=True, validate=ma.validate.Length(min=43, max=128)
    )
