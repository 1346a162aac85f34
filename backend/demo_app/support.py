"""Acme Support: the tickets of Acme's customers, served on an origin of its own.

Tickets made here are kept by the serving process until it stops, at most
``KEPT`` of them (the oldest made go first); the seeded ones always stay.
"""

from __future__ import annotations

import itertools
import threading
from collections import OrderedDict
from dataclasses import dataclass

from flask import Blueprint, abort, redirect, render_template, request, url_for

from backend.demo_app.origins import PERSON

blp = Blueprint("support", __name__, url_prefix="/support")

KEPT = 200
SUBJECT_MAX = 120
BODY_MAX = 4000


@dataclass(frozen=True)
class Ticket:
    id: str
    subject: str
    body: str
    requester: str
    status: str


SEEDED = (
    Ticket("t1001", "Cannot export the deals board", "The CSV is empty.", "Grace Hopper", "open"),
    Ticket(
        "t1002", "Invoice address is wrong", "Please use our new address.", "Alan Turing", "open"
    ),
    Ticket("t1003", "Add two more seats", "For the new analysts.", "Ada Lovelace", "solved"),
)
_made: OrderedDict[str, Ticket] = OrderedDict()
_numbers = itertools.count(2001)
_lock = threading.Lock()


def _all() -> list[Ticket]:
    with _lock:
        made = list(_made.values())
    return [*reversed(made), *SEEDED]


def _problems(subject: str, body: str) -> dict[str, str]:
    problems = {}
    if not subject:
        problems["subject"] = "Give the ticket a subject."
    elif len(subject) > SUBJECT_MAX:
        problems["subject"] = f"Keep the subject under {SUBJECT_MAX} characters."
    if not body:
        problems["body"] = "Describe what the customer needs."
    elif len(body) > BODY_MAX:
        problems["body"] = f"Keep the description under {BODY_MAX} characters."
    return problems


@blp.route("/")
def home():
    return redirect(url_for("support.tickets"))


@blp.route("/tickets")
def tickets():
    return render_template("demo_app/support/tickets.html", tickets=_all())


@blp.route("/tickets/new")
def new_ticket():
    return render_template("demo_app/support/new.html", values={}, problems={})


@blp.route("/tickets", methods=["POST"])
def create_ticket():
    values = {name: request.form.get(name, "").strip() for name in ("subject", "body")}
    problems = _problems(values["subject"], values["body"])
    if problems:
        page = render_template("demo_app/support/new.html", values=values, problems=problems)
        return page, 400
    with _lock:
        ticket = Ticket(
            f"t{next(_numbers)}", values["subject"], values["body"], PERSON.name, "open"
        )
        _made[ticket.id] = ticket
        while len(_made) > KEPT:
            _made.popitem(last=False)
    # Post/redirect/get: a reload of the ticket's page never makes it again.
    return redirect(url_for("support.ticket", ticket_id=ticket.id), code=303)


@blp.route("/tickets/<ticket_id>")
def ticket(ticket_id: str):
    found = next((t for t in _all() if t.id == ticket_id), None)
    if found is None:
        abort(404)
    return render_template("demo_app/support/ticket.html", ticket=found)
