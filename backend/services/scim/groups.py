"""SCIM Groups: kept here and mirrored onto each member's ``groups`` directory attribute
(names joined by GROUP_SEPARATOR), which audiences and segments match like any other."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sqlalchemy import delete, func, select

from backend.extensions import db
from backend.models import Person, ScimGroup, ScimGroupMember
from backend.models.types import utcnow
from backend.services import audit, settings
from backend.services.errors import Conflict, not_found
from backend.services.scim import filters, patch
from backend.services.scim.resources import (
    GROUP,
    GROUP_ID_PREFIX,
    group_public_id,
    invalid_value,
)
from walkthroughs.audience import GROUP_SEPARATOR

GROUPS_ATTRIBUTE = "groups"


def _members(group: ScimGroup) -> list[tuple[int, str]]:
    return list(
        db.session.execute(
            select(Person.id, Person.display_name)
            .join(ScimGroupMember, ScimGroupMember.person_id == Person.id)
            .where(ScimGroupMember.group_id == group.id)
            .order_by(Person.id)
        ).all()
    )


def describe(group: ScimGroup) -> dict:
    body = {"schemas": [GROUP], "id": group_public_id(group.id), "displayName": group.display_name}
    if group.external_id:
        body["externalId"] = group.external_id
    body["members"] = [
        {"value": str(pid), **({"display": name} if name else {}), "type": "User"}
        for pid, name in _members(group)
    ]
    body["meta"] = {
        "resourceType": "Group",
        "created": group.created_at.isoformat(),
        "lastModified": group.updated_at.isoformat(),
    }
    return body


def get(workspace_id: int, group_scim_id: str) -> ScimGroup:
    number = group_scim_id.removeprefix(GROUP_ID_PREFIX)
    found = group_scim_id.startswith(GROUP_ID_PREFIX) and number.isdigit() and len(number) < 12
    group = db.session.get(ScimGroup, int(number)) if found else None
    if group is None or group.workspace_id != workspace_id:
        raise not_found("Group")
    return group


def search(workspace_id: int, filter_text: str | None, start: int, count: int) -> dict:
    query = select(ScimGroup).where(ScimGroup.workspace_id == workspace_id).order_by(ScimGroup.id)
    simple = filters.simple_equality(filter_text) if filter_text else None
    if simple and simple[0] == "displayname":
        query = query.where(func.lower(ScimGroup.display_name) == simple[1].lower())
    elif simple and simple[0] == "externalid":
        query = query.where(ScimGroup.external_id == simple[1])
    elif filter_text:
        matcher = filters.compile_filter(filter_text)
        found = [r for g in db.session.execute(query).scalars() if matcher(r := describe(g))]
        return {"total": len(found), "resources": found[start - 1 : start - 1 + count]}
    total = db.session.execute(select(func.count()).select_from(query.subquery())).scalar_one()
    groups = db.session.execute(query.offset(start - 1).limit(count)).scalars()
    return {"total": total, "resources": [describe(g) for g in groups]}


def _fields(workspace_id: int, body: object) -> tuple[str, str | None, set[int]]:
    if not isinstance(body, Mapping):
        raise invalid_value("A Group is a JSON object.")
    name = filters.lookup(body, "displayName")
    if not isinstance(name, str) or not name.strip() or len(name) > 256:
        raise invalid_value("displayName is required (at most 256 characters).")
    external = filters.lookup(body, "externalId")
    if external is not None and (not isinstance(external, str) or len(external) > 256):
        raise invalid_value("externalId is a string of at most 256 characters.")
    members = filters.lookup(body, "members") or []
    if not isinstance(members, list) or not all(isinstance(m, Mapping) for m in members):
        raise invalid_value("members is a list of objects.")
    ids = {str(filters.lookup(m, "value")) for m in members}
    known = {
        pid
        for (pid,) in db.session.execute(
            select(Person.id).where(
                Person.workspace_id == workspace_id,
                Person.id.in_([int(i) for i in ids if i.isdigit() and len(i) < 12]),
            )
        )
    }
    unknown = sorted(ids - {str(pid) for pid in known})
    if unknown:
        raise invalid_value(f"members names Users that do not exist: {', '.join(unknown[:10])}.")
    return name.strip(), external, known


def _name_taken(workspace_id: int, name: str, group_id: int | None) -> None:
    other = db.session.execute(
        select(ScimGroup.id).where(
            ScimGroup.workspace_id == workspace_id,
            func.lower(ScimGroup.display_name) == name.lower(),
        )
    ).scalar()
    if other is not None and other != group_id:
        raise Conflict(f"displayName {name!r} is taken.", code="uniqueness")


def create(workspace_id: int, body: object) -> ScimGroup:
    name, external, members = _fields(workspace_id, body)
    _name_taken(workspace_id, name, None)
    group = ScimGroup(workspace_id=workspace_id, display_name=name, external_id=external)
    db.session.add(group)
    db.session.flush()
    _set_members(group, members)
    audit.record(
        "scim.group.create",
        "scim_group",
        group.id,
        {"name": name, "members": len(members)},
        workspace_id=workspace_id,
    )
    return group


def replace(workspace_id: int, scim_id: str, body: object) -> ScimGroup:
    group = get(workspace_id, scim_id)
    _write(group, *_fields(workspace_id, body))
    return group


def apply_patch(workspace_id: int, scim_id: str, body: object) -> ScimGroup:
    group = get(workspace_id, scim_id)
    patched = patch.apply(describe(group), patch.operations(body), (GROUP,))
    _write(group, *_fields(workspace_id, patched))
    return group


def _write(group: ScimGroup, name: str, external: str | None, members: set[int]) -> None:
    _name_taken(group.workspace_id, name, group.id)
    before = {pid for pid, _ in _members(group)}
    renamed = name != group.display_name
    if not (renamed or external != group.external_id or before != members):
        return
    group.display_name, group.external_id, group.updated_at = name, external, utcnow()
    db.session.flush()
    _set_members(group, members, before | members if renamed else before ^ members, before)
    audit.record(
        "scim.group.update",
        "scim_group",
        group.id,
        {"name": name, "added": len(members - before), "removed": len(before - members)},
        workspace_id=group.workspace_id,
    )


def delete_group(workspace_id: int, scim_id: str) -> None:
    group = get(workspace_id, scim_id)
    before = {pid for pid, _ in _members(group)}
    audit.record(
        "scim.group.delete",
        "scim_group",
        group.id,
        {"name": group.display_name},
        workspace_id=workspace_id,
    )
    db.session.execute(delete(ScimGroupMember).where(ScimGroupMember.group_id == group.id))
    db.session.delete(group)
    db.session.flush()
    _mirror(workspace_id, before)


def _set_members(
    group: ScimGroup,
    members: set[int],
    touched: Iterable[int] | None = None,
    before: set[int] | None = None,
) -> None:
    before = before or set()
    db.session.execute(
        delete(ScimGroupMember).where(
            ScimGroupMember.group_id == group.id,
            ScimGroupMember.person_id.in_(before - members),
        )
    )
    for pid in members - before:
        db.session.add(ScimGroupMember(group_id=group.id, person_id=pid))
    db.session.flush()
    _mirror(group.workspace_id, members if touched is None else set(touched))


def _mirror(workspace_id: int, person_ids: set[int]) -> None:
    """Rewrite the ``groups`` attribute of ``person_ids`` from their memberships."""
    if not person_ids:
        return
    names: dict[int, list[str]] = {pid: [] for pid in person_ids}
    for pid, name in db.session.execute(
        select(ScimGroupMember.person_id, ScimGroup.display_name)
        .join(ScimGroup, ScimGroup.id == ScimGroupMember.group_id)
        .where(ScimGroupMember.person_id.in_(person_ids))
        .order_by(ScimGroup.display_name)
    ):
        names[pid].append(name)
    for person in db.session.execute(select(Person).where(Person.id.in_(person_ids))).scalars():
        attributes = dict(person.attributes or {})
        if names[person.id]:
            attributes[GROUPS_ATTRIBUTE] = GROUP_SEPARATOR.join(names[person.id])[:500]
        else:
            attributes.pop(GROUPS_ATTRIBUTE, None)
        if attributes != (person.attributes or {}):
            person.attributes = attributes
    settings.bump_content_version(workspace_id)
    db.session.flush()
