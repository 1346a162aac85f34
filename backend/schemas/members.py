"""Members, invitations, API tokens and client keys."""

import marshmallow as ma

from backend.models import ROLES
from backend.models.credentials import INVITATION_MAX_TTL_DAYS, INVITATION_TTL_DAYS
from backend.schemas.email import EmailAddress
from backend.schemas.pagination import page_of
from backend.schemas.storable import StrictBoolean
from walkthroughs.schemas.fields import PlainText

ROLE = ma.validate.OneOf(ROLES)


class MemberResponse(ma.Schema):
    user_id = ma.fields.Integer()
    email = ma.fields.String()
    display_name = ma.fields.String()
    role = ma.fields.String()
    joined_at = ma.fields.DateTime()


MembersResponse = page_of(MemberResponse, "MembersResponse")


class RoleChange(ma.Schema):
    role = ma.fields.String(required=True, validate=ROLE)


class InvitationCreate(ma.Schema):
    email = EmailAddress(required=True)
    role = ma.fields.String(required=True, validate=ROLE)
    expires_in_days = ma.fields.Integer(
        load_default=INVITATION_TTL_DAYS,
        validate=ma.validate.Range(min=1, max=INVITATION_MAX_TTL_DAYS),
    )


class InvitationResponse(ma.Schema):
    id = ma.fields.Integer()
    email = ma.fields.String()
    role = ma.fields.String()
    status = ma.fields.String(metadata={"description": "pending, accepted, revoked or expired"})
    created_at = ma.fields.DateTime()
    expires_at = ma.fields.DateTime()
    accepted_at = ma.fields.DateTime(allow_none=True)


class InvitationCreated(InvitationResponse):
    token = ma.fields.String(
        metadata={
            "description": "shown once: the invitee sends it to POST /api/v1/auth/invitations/"
            "accept (put it in the link you share, e.g. in its #fragment)"
        }
    )


InvitationsResponse = page_of(InvitationResponse, "InvitationsResponse")


class InvitationToken(ma.Schema):
    token = ma.fields.String(required=True, validate=ma.validate.Length(max=100))


class InvitationAccept(InvitationToken):
    password = ma.fields.String(
        load_default="",
        load_only=True,
        validate=ma.validate.Length(max=1024),
        metadata={
            "description": "the new account's password (10+ characters); not used when the "
            "email has an account already (accept signed in as it instead)"
        },
    )
    display_name = PlainText(120, load_default="")


class InvitationWorkspace(ma.Schema):
    id = ma.fields.Integer()
    name = ma.fields.String()


class InvitationInfo(ma.Schema):
    workspace = ma.fields.Nested(InvitationWorkspace)
    email = ma.fields.String()
    role = ma.fields.String()
    expires_at = ma.fields.DateTime()
    account_exists = ma.fields.Boolean(
        metadata={"description": "true: accepting asks for that account's password"}
    )


class TokenCreate(ma.Schema):
    name = PlainText(120, min_length=1, required=True)
    expires_in_days = ma.fields.Integer(load_default=90, validate=ma.validate.Range(min=1, max=366))


class TokenResponse(ma.Schema):
    id = ma.fields.Integer()
    name = ma.fields.String()
    prefix = ma.fields.String(metadata={"description": "first characters, to tell tokens apart"})
    user_id = ma.fields.Integer()
    user_email = ma.fields.String()
    status = ma.fields.String(metadata={"description": "active, expired or revoked"})
    created_at = ma.fields.DateTime()
    expires_at = ma.fields.DateTime()
    revoked_at = ma.fields.DateTime(allow_none=True)
    last_used_at = ma.fields.DateTime(allow_none=True)


class TokenCreated(TokenResponse):
    token = ma.fields.String(metadata={"description": "shown once; stored only as a hash"})


TokensResponse = page_of(TokenResponse, "TokensResponse")


class ClientKeyCreate(ma.Schema):
    name = PlainText(120, load_default="")


class ClientKeyRotate(ma.Schema):
    revoke_old = StrictBoolean(
        load_default=False,
        metadata={"description": "revoke the old key now (default: keep it until you revoke it)"},
    )


class ClientKeyResponse(ma.Schema):
    id = ma.fields.Integer()
    name = ma.fields.String()
    prefix = ma.fields.String()
    status = ma.fields.String(metadata={"description": "active or revoked"})
    created_at = ma.fields.DateTime()
    revoked_at = ma.fields.DateTime(allow_none=True)


class ClientKeyCreated(ClientKeyResponse):
    key = ma.fields.String(metadata={"description": "shown once; configure the extension with it"})


ClientKeysResponse = page_of(ClientKeyResponse, "ClientKeysResponse")
