"""The demo's people directory: about 200 employees of Acme Inc, the same every time.

Departments, roles, locales, managers and start dates make the segment filters
and the onboarding-by-department dashboard mean something. Jordan Lee
(``jordan@acme.test``) is the person Acme CRM signs in by default.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

SIZE = 200
DEFAULT_USER = "jordan@acme.test"

# department -> (share of the company, roles in it)
DEPARTMENTS = {
    "Sales": (0.30, ("account-executive", "sales-development", "sales-manager")),
    "Customer Success": (0.20, ("success-manager", "support-engineer")),
    "Marketing": (0.15, ("marketer", "content-writer")),
    "Engineering": (0.20, ("engineer", "engineering-manager")),
    "Finance": (0.07, ("accountant", "controller")),
    "People": (0.08, ("recruiter", "people-partner")),
}
LOCALES = (("en", 0.55), ("de", 0.2), ("fr", 0.15), ("en-GB", 0.1))
# fmt: off
_FIRST = (
    "Ada", "Alan", "Amara", "Ana", "Ben", "Carla", "Chen", "Dana", "Diego", "Elena", "Emil",
    "Fatima", "Felix", "Greta", "Hana", "Ines", "Ivan", "Jonas", "Julia", "Kai", "Keiko", "Lars",
    "Lea", "Leo", "Lina", "Luca", "Maya", "Mila", "Nadia", "Noah", "Omar", "Priya", "Rafael",
    "Rosa", "Sara", "Sofia", "Tariq", "Theo", "Uma", "Vera", "Yara", "Yusuf", "Zoe",
)
_LAST = (
    "Adams", "Bauer", "Costa", "Dubois", "Eriksen", "Fischer", "Garcia", "Haddad", "Ito",
    "Jensen", "Kowalski", "Lambert", "Moreau", "Nakamura", "Okafor", "Petrov", "Quinn", "Rossi",
    "Schmidt", "Tanaka", "Usman", "Varga", "Weber", "Novak", "Silva", "Laurent",
)
# fmt: on


@dataclass(frozen=True)
class Employee:
    external_id: str
    display_name: str
    department: str
    role: str
    locale: str
    manager: str
    start_date: date

    def attributes(self) -> dict[str, str]:
        """The directory attributes (strings, as the people directory keeps them)."""
        return {
            "department": self.department,
            "role": self.role,
            "locale": self.locale,
            "manager": self.manager,
            "start_date": self.start_date.isoformat(),
        }

    def import_row(self) -> dict:
        return {
            "external_id": self.external_id,
            "display_name": self.display_name,
            "email": self.external_id,
            "attributes": self.attributes(),
        }


def _email(first: str, last: str, taken: set[str]) -> str:
    base = f"{first}.{last}".lower()
    email, n = f"{base}@acme.test", 2
    while email in taken:
        email, n = f"{base}{n}@acme.test", n + 1
    taken.add(email)
    return email


def employees(today: date, size: int = SIZE, seed: int = 2024) -> list[Employee]:
    """``size`` employees; about a quarter started within the last six weeks."""
    rng = random.Random(seed)  # noqa: S311 - repeatable demo data, not secrets
    taken = {DEFAULT_USER}
    managers: dict[str, str] = {}
    people: list[Employee] = []
    names = list(DEPARTMENTS)
    weights = [share for share, _roles in DEPARTMENTS.values()]
    for n in range(size - 1):
        department = names[n] if n < len(names) else rng.choices(names, weights)[0]
        first, last = rng.choice(_FIRST), rng.choice(_LAST)
        email = _email(first, last, taken)
        roles = DEPARTMENTS[department][1]
        if department not in managers:
            # The first person of each department leads it (and reports to the CEO).
            managers[department] = email
            role, manager = roles[-1] if "manager" in roles[-1] else roles[0], "ceo@acme.test"
        else:
            role, manager = rng.choice(roles[:-1] or roles), managers[department]
        recent = rng.random() < 0.25
        days_ago = rng.randrange(1, 42) if recent else rng.randrange(60, 1500)
        locale = rng.choices([lo for lo, _ in LOCALES], [w for _, w in LOCALES])[0]
        people.append(
            Employee(
                email,
                f"{first} {last}",
                department,
                role,
                locale,
                manager,
                today - timedelta(days=days_ago),
            )
        )
    people.append(
        Employee(
            DEFAULT_USER,
            "Jordan Lee",
            "Sales",
            "account-executive",
            "en",
            managers["Sales"],
            today - timedelta(days=20),
        )
    )
    return people
