"""SCIM Users onto the people directory: create, replace, patch, deactivate, delete.

Every change bumps the workspace's content_version (ingest stamps events with the
directory's attributes, delivery chooses guidance by them) and is audited. A
deactivated person gets no guidance, and if they are also a member, their sign-ins
and tokens stop working at once.
"""

from __future__ import annotations

from sqlalchemy import func, or_, select, update

from backend.extensions import db
from backend.models import (
    ApiToken,
    Membership,
    Person,
    ScimGroup,
    ScimGroupMember,
    User,
    Workspace,
)
from backend.models.types import utcnow
from backend.services import audit, console_sessions, settings
from backend.services.errors import Conflict, not_found
from backend.services.scim import filters, patch
from backend.services.scim.resources import ENTERPRISE, user_fields, user_resource

MANAGED = "scim"
# People read at a time when a filter is evaluated on the SCIM form.
_SCAN = 500


def _groups_of(person_ids: list[int]) -> dict[int, list[tuple[int, str]]]:
    found: dict[int, list[tuple[int, str]]] = {pid: [] for pid in person_ids}
    rows = db.session.execute(
        select(ScimGroupMember.person_id, ScimGroup.id, ScimGroup.display_name)
        .join(ScimGroup, ScimGroup.id == ScimGroupMember.group_id)
        .where(ScimGroupMember.person_id.in_(person_ids))
        .order_by(ScimGroup.display_name)
    ).all()
    for person_id, group_id, name in rows:
        found[person_id].append((group_id, name))
    return found


def describe(person: Person) -> dict:
    return user_resource(person, _groups_of([person.id])[person.id])


def get(workspace_id: int, scim_id: str) -> Person:
    person = (
        db.session.get(Person, int(scim_id)) if scim_id.isdigit() and len(scim_id) < 12 else None
    )
    if person is None or person.workspace_id != workspace_id:
        raise not_found("User")
    return person


def search(workspace_id: int, filter_text: str | None, start: int, count: int) -> dict:
    """One page of Users (``start`` is 1-based) and how many match in all."""
    query = select(Person).where(Person.workspace_id == workspace_id)
    matcher = None
    if filter_text:
        simple = filters.simple_equality(filter_text)
        condition = _indexed_equality(*simple) if simple else None
        if condition is not None:
            query = query.where(condition)
        else:
            matcher = filters.compile_filter(filter_text)
    query = query.order_by(Person.id)
    if matcher is None:
        total = db.session.execute(select(func.count()).select_from(query.subquery())).scalar_one()
        people = list(db.session.execute(query.offset(start - 1).limit(count)).scalars())
        return {"total": total, "resources": [describe(p) for p in people]}
    # Any other filter is evaluated on the SCIM form, as the provider wrote it.
    matched, after = [], 0
    while True:
        people = list(db.session.execute(query.where(Person.id > after).limit(_SCAN)).scalars())
        groups = _groups_of([p.id for p in people])
        matched += [r for p in people if matcher(r := user_resource(p, groups[p.id]))]
        if len(people) < _SCAN:
            break
        after = people[-1].id
    return {"total": len(matched), "resources": matched[start - 1 : start - 1 + count]}


def _indexed_equality(attribute: str, value: str):
    """The SQL condition for ``attribute eq value`` where the columns can answer it (what
    providers send to find one person), else None (the filter runs on the SCIM form)."""
    if attribute == "id":
        return Person.id == (int(value) if value.isdigit() and len(value) < 12 else -1)
    if attribute == "username":
        # userName is case-insensitive (RFC 7643 4.1.1), externalId is case-exact.
        return func.lower(Person.external_id) == value.lower()
    if attribute == "externalid":
        return Person.scim_external_id == value
    if attribute == "displayname":
        return func.lower(Person.display_name) == value.lower()
    return None


def _by_user_name(workspace_id: int, user_name: str) -> Person | None:
    """The person with this userName (case-insensitive, RFC 7643 4.1.1; an exact match first)."""
    return db.session.execute(
        select(Person)
        .where(
            Person.workspace_id == workspace_id,
            func.lower(Person.external_id) == user_name.lower(),
        )
        .order_by((Person.external_id == user_name).desc(), Person.id)
        .limit(1)
    ).scalar()


def _manager_name(workspace_id: int, manager: str | None) -> str | None:
    """The manager's userName when the provider names a provisioned person by SCIM id."""
    if manager and manager.isdigit() and len(manager) < 12:
        found = db.session.get(Person, int(manager))
        if found is not None and found.workspace_id == workspace_id:
            return found.external_id
    return manager


def _store(person: Person, fields: dict) -> list[str]:
    """Write ``fields`` onto ``person``; the names of the directory fields that changed."""
    attributes = dict(person.attributes or {})
    wanted = dict(fields["attributes"])
    wanted["manager"] = _manager_name(person.workspace_id, fields["manager"])
    for name, value in wanted.items():
        if value is None:
            attributes.pop(name, None)
        else:
            attributes[name] = value
    wanted_columns = {
        "external_id": fields["external_id"],
        "scim_external_id": fields["scim_external_id"],
        "display_name": fields["display_name"],
        "email": fields["email"],
        "attributes": attributes,
        "scim_resource": fields["resource"],
        "managed_by": MANAGED,
    }
    changed = [name for name, value in wanted_columns.items() if getattr(person, name) != value]
    for name in changed:
        setattr(person, name, wanted_columns[name])
    return changed


def _taken(workspace_id: int, user_name: str, person_id: int | None) -> None:
    other = _by_user_name(workspace_id, user_name)
    if other is not None and other.id != person_id:
        raise Conflict(f"userName {user_name!r} is taken.", code="uniqueness")


def create(workspace_id: int, body: object) -> Person:
    """A new User; a directory entry with the same userName not yet provisioned is taken
    over (the provider becomes its source), one already provisioned is a 409."""
    fields = user_fields(body)
    person = _by_user_name(workspace_id, fields["external_id"])
    if person is not None and person.managed_by == MANAGED:
        raise Conflict(f"userName {fields['external_id']!r} is taken.", code="uniqueness")
    adopted = person is not None
    if person is None:
        # Active until told otherwise, so that creating someone inactive revokes like a PATCH.
        person = Person(
            workspace_id=workspace_id,
            external_id=fields["external_id"],
            attributes={},
            active=True,
        )
        db.session.add(person)
    _store(person, fields)
    _set_active(person, fields["active"])
    db.session.flush()
    audit.record(
        "scim.user.adopt" if adopted else "scim.user.create",
        "person",
        person.id,
        {"user_name": person.external_id, "active": person.active},
        workspace_id=workspace_id,
    )
    _changed(workspace_id)
    return person


def replace(workspace_id: int, scim_id: str, body: object) -> Person:
    """PUT: the User becomes exactly ``body`` (idempotent)."""
    person = get(workspace_id, scim_id)
    fields = user_fields(body)
    _taken(workspace_id, fields["external_id"], person.id)
    _update(person, fields)
    return person


def apply_patch(workspace_id: int, scim_id: str, body: object) -> Person:
    """PATCH: the operations applied to the User's SCIM form, then stored as a PUT would."""
    person = get(workspace_id, scim_id)
    ops = patch.operations(body)
    current = describe(person)
    patched = patch.apply(current, ops, (ENTERPRISE, "urn:ietf:params:scim:schemas:core:2.0:User"))
    fields = user_fields(patched)
    _taken(workspace_id, fields["external_id"], person.id)
    _update(person, fields)
    return person


def _update(person: Person, fields: dict) -> None:
    changed = _store(person, fields)
    was_active = person.active
    _set_active(person, fields["active"])
    if changed or was_active != person.active:
        person.updated_at = utcnow()
        details = {"user_name": person.external_id, "changed": sorted(changed)}
        if was_active != person.active:
            details["active"] = person.active
        action = "scim.user.update"
        if was_active != person.active:
            action = "scim.user.reactivate" if person.active else "scim.user.deactivate"
        audit.record(action, "person", person.id, details, workspace_id=person.workspace_id)
        _changed(person.workspace_id)
    db.session.flush()


def _set_active(person: Person, active: bool) -> None:
    if person.active and not active:
        revoke_access(person)
    person.active = active


def delete(workspace_id: int, scim_id: str) -> None:
    """Remove the person from the directory (their group memberships go with them)."""
    person = get(workspace_id, scim_id)
    revoke_access(person)
    audit.record(
        "scim.user.delete",
        "person",
        person.id,
        {"user_name": person.external_id},
        workspace_id=workspace_id,
    )
    db.session.delete(person)
    _changed(workspace_id)
    db.session.flush()


def revoke_access(person: Person) -> None:
    """End the sign-ins and tokens of the member this person is (matched by email), and
    with the workspace's ``scim_removes_members`` their membership (never the last owner's)."""
    if not person.email:
        return
    row = db.session.execute(
        select(User, Membership)
        .join(Membership, Membership.user_id == User.id)
        .where(Membership.workspace_id == person.workspace_id, User.email == person.email.lower())
    ).first()
    if row is None:
        return
    user, membership = row
    workspace = db.session.get(Workspace, person.workspace_id)
    removed = workspace.scim_removes_members and not _last_owner(membership)
    if removed:
        db.session.delete(membership)
    revoked = db.session.execute(
        update(ApiToken)
        .where(
            ApiToken.user_id == user.id,
            or_(ApiToken.workspace_id == person.workspace_id, ApiToken.workspace_id.is_(None)),
            ApiToken.revoked_at.is_(None),
        )
        .values(revoked_at=utcnow())
    ).rowcount
    sessions = console_sessions.end_all(user.id)
    audit.record(
        "scim.member.revoke",
        "user",
        user.id,
        {
            "email": user.email,
            "tokens": revoked,
            "console_sessions": sessions,
            "membership_removed": removed,
        },
        workspace_id=person.workspace_id,
    )


def _last_owner(membership: Membership) -> bool:
    if membership.role != "owner":
        return False
    owners = db.session.execute(
        select(func.count())
        .select_from(Membership)
        .where(Membership.workspace_id == membership.workspace_id, Membership.role == "owner")
    ).scalar_one()
    return owners <= 1


def _changed(workspace_id: int) -> None:
    settings.bump_content_version(workspace_id)
