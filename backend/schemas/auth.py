"""Sign-in, sign-out and password change."""

import marshmallow as ma


class LoginRequest(ma.Schema):
    email = ma.fields.String(required=True, validate=ma.validate.Length(max=254))
    password = ma.fields.String(
        required=True, load_only=True, validate=ma.validate.Length(max=1024)
    )


class UserResponse(ma.Schema):
    id = ma.fields.Integer()
    email = ma.fields.String()
    display_name = ma.fields.String()


class WorkspaceRoleResponse(ma.Schema):
    id = ma.fields.Integer()
    name = ma.fields.String()
    slug = ma.fields.String()
    role = ma.fields.String(metadata={"description": "owner, admin, editor or analyst"})


class LoginResponse(ma.Schema):
    token = ma.fields.String(
        metadata={"description": "bearer token; send as 'Authorization: Bearer <token>'"}
    )
    token_type = ma.fields.String(metadata={"example": "Bearer"})
    expires_at = ma.fields.DateTime()
    user = ma.fields.Nested(UserResponse)
    workspaces = ma.fields.List(ma.fields.Nested(WorkspaceRoleResponse))


class InvitationJoined(ma.Schema):
    token = ma.fields.String(
        metadata={"description": "only when accepting created the account: its bearer token"}
    )
    token_type = ma.fields.String(metadata={"example": "Bearer"})
    expires_at = ma.fields.DateTime()
    user = ma.fields.Nested(UserResponse, required=True)
    workspaces = ma.fields.List(ma.fields.Nested(WorkspaceRoleResponse), required=True)


class MeResponse(ma.Schema):
    user = ma.fields.Nested(UserResponse)
    workspaces = ma.fields.List(ma.fields.Nested(WorkspaceRoleResponse))


class PasswordChangeRequest(ma.Schema):
    current_password = ma.fields.String(required=True, load_only=True)
    new_password = ma.fields.String(required=True, load_only=True)
