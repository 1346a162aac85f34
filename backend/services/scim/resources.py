"""A person as a SCIM User and back: what the provider sends, projected onto the directory."""

from __future__ import annotations

from collections.abc import Mapping

from backend.models import Person
from backend.services.errors import Invalid
from backend.services.scim.filters import lookup
from walkthroughs.locales import LOCALE_TAG

USER = "urn:ietf:params:scim:schemas:core:2.0:User"
GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group"
ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
LIST_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:ListResponse"
MAX_TEXT = 500
# Group ids differ from User ids: a search over both finds each resource by its id.
GROUP_ID_PREFIX = "g"
# What is kept of a User, in the schema's spelling (discovery.SCHEMAS publishes the same):
# anything else a provider sends is ignored, as RFC 7644 3.3 allows.
_KEPT = ("userName", "externalId", "name", "displayName", "title", "locale", "active", "emails")
_KEPT_NAME = ("formatted", "givenName", "familyName")
_KEPT_EMAIL = ("value", "type", "primary")


def group_public_id(group_id: int) -> str:
    return f"{GROUP_ID_PREFIX}{group_id}"


def invalid_value(message: str) -> Invalid:
    return Invalid(message, code="invalidValue")


def _text(value, name: str, limit: int = MAX_TEXT) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or len(value) > limit or not value.isprintable():
        raise invalid_value(f"{name} is a printable string of at most {limit} characters.")
    return value.strip() or None


def boolean(value, name: str) -> bool:
    """A SCIM boolean; Entra sends "True"/"False" as strings."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    raise invalid_value(f"{name} is true or false.")


def _kept(container: Mapping, names: tuple[str, ...]) -> dict:
    """The attributes of ``container`` named in ``names`` (found ignoring case), spelt as in
    ``names``."""
    kept = {name: lookup(container, name) for name in names}
    return {name: value for name, value in kept.items() if value is not None}


def _emails(value) -> list[dict]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(i, Mapping) for i in value):
        raise invalid_value("emails is a list of objects.")
    for item in value:
        _text(lookup(item, "value"), "emails.value", 254)
        _text(lookup(item, "type"), "emails.type", 64)
    return [_kept(item, _KEPT_EMAIL) for item in value]


def _primary_email(emails: list[dict]) -> str:
    chosen = next((e for e in emails if lookup(e, "primary") in (True, "true", "True")), None)
    chosen = chosen or (emails[0] if emails else None)
    return (lookup(chosen, "value") or "").strip().lower() if chosen else ""


def _manager(value) -> str | None:
    # Entra sends the manager's id as a bare string; the schema says {"value": id}.
    if isinstance(value, Mapping):
        value = lookup(value, "value")
    return _text(value, "manager.value", 256)


def user_fields(resource: object) -> dict:
    """What a SCIM User says, checked: the stored representation and its directory projection.

    ``manager`` is the manager's SCIM id as sent (the caller resolves it).
    """
    if not isinstance(resource, Mapping):
        raise invalid_value("A User is a JSON object.")
    user_name = _text(lookup(resource, "userName"), "userName", 256)
    if not user_name:
        raise invalid_value("userName is required.")
    name = lookup(resource, "name") or {}
    if not isinstance(name, Mapping):
        raise invalid_value("name is an object.")
    given = _text(lookup(name, "givenName"), "name.givenName")
    family = _text(lookup(name, "familyName"), "name.familyName")
    formatted = _text(lookup(name, "formatted"), "name.formatted", 200)
    display = (
        _text(lookup(resource, "displayName"), "displayName", 200)
        or formatted
        or " ".join(part for part in (given, family) if part)[:200]
    )
    extension = lookup(resource, ENTERPRISE) or {}
    if not isinstance(extension, Mapping):
        raise invalid_value(f"{ENTERPRISE} is an object.")
    emails = _emails(lookup(resource, "emails"))
    active = lookup(resource, "active")
    locale = _text(lookup(resource, "locale"), "locale")
    attributes = {
        "title": _text(lookup(resource, "title"), "title"),
        "department": _text(lookup(extension, "department"), "department"),
        # Only a real locale tag steers delivery's language; anything else is kept as sent.
        "locale": locale if locale and LOCALE_TAG.match(locale) else None,
    }
    stored = _kept(resource, _KEPT)
    stored.update(emails=emails, name=_kept(name, _KEPT_NAME))
    if active is not None:
        stored["active"] = boolean(active, "active")
    if not stored["name"]:
        del stored["name"]
    if lookup(resource, ENTERPRISE) is not None:
        stored[ENTERPRISE] = _kept(extension, ("department",))
        if lookup(extension, "manager") is not None:
            stored[ENTERPRISE]["manager"] = {"value": _manager(lookup(extension, "manager"))}
    return {
        "external_id": user_name,
        "scim_external_id": _text(lookup(resource, "externalId"), "externalId", 256),
        "display_name": display or "",
        "email": _primary_email(emails),
        # Unstated (or removed) means active: only a provider's "false" deactivates.
        "active": stored.get("active", True),
        "attributes": attributes,
        "manager": _manager(lookup(extension, "manager")),
        "resource": stored,
    }


def user_resource(person: Person, groups: list[tuple[int, str]]) -> dict:
    """The person as a SCIM User (``meta.location`` is the caller's to add)."""
    attributes = person.attributes or {}
    if person.scim_resource is not None:
        body = dict(person.scim_resource)
    else:
        # A directory entry the provider never wrote: what the directory knows of them.
        body = {"name": {"formatted": person.display_name}} if person.display_name else {}
        if person.email:
            body["emails"] = [{"value": person.email, "type": "work", "primary": True}]
        for name in ("title", "locale"):
            if attributes.get(name):
                body[name] = attributes[name]
        if attributes.get("department"):
            body[ENTERPRISE] = {"department": attributes["department"]}
    body.update(
        schemas=[USER, ENTERPRISE] if ENTERPRISE in body else [USER],
        id=str(person.id),
        userName=person.external_id,
    )
    if person.scim_resource is None or "active" in body or not person.active:
        body["active"] = person.active
    if person.display_name:
        body["displayName"] = person.display_name
    if person.scim_external_id:
        body["externalId"] = person.scim_external_id
    if groups:
        body["groups"] = [{"value": group_public_id(gid), "display": name} for gid, name in groups]
    body["meta"] = {
        "resourceType": "User",
        "created": person.created_at.isoformat(),
        "lastModified": person.updated_at.isoformat(),
    }
    return body
