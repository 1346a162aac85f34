"""Acme Billing: customer accounts and their invoices, served on an origin of its own.

The accounts are Acme CRM's customers. Sending an invoice is remembered by the
serving process until it stops (the invoices themselves never change), which is
all a guided walkthrough needs to see its outcome.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import UTC, datetime

from flask import Blueprint, abort, redirect, render_template, url_for

blp = Blueprint("billing", __name__, url_prefix="/billing")


@dataclass(frozen=True)
class Line:
    description: str
    quantity: int
    unit_price: int  # whole euros

    @property
    def amount(self) -> int:
        return self.quantity * self.unit_price


@dataclass(frozen=True)
class Invoice:
    id: str
    account: str
    issued: str
    due: str
    lines: tuple[Line, ...]

    @property
    def total(self) -> int:
        return sum(line.amount for line in self.lines)


@dataclass(frozen=True)
class Account:
    id: str
    name: str
    contact: str
    email: str
    plan: str


ACCOUNTS = (
    Account("a1", "Analytical Engines", "Ada Lovelace", "ada@analytical.test", "Growth"),
    Account("a2", "Navy Labs", "Grace Hopper", "grace@cobol.test", "Starter"),
    Account("a3", "Bletchley Park", "Alan Turing", "alan@bletchley.test", "Growth"),
    Account("a4", "Langley Research", "Katherine Johnson", "katherine@orbit.test", "Enterprise"),
)
INVOICES = (
    Invoice("INV-1001", "a1", "2026-11-01", "2026-12-01", (Line("Growth plan, November", 1, 490),)),
    Invoice(
        "INV-1004",
        "a1",
        "2026-12-01",
        "2026-12-31",
        (Line("Growth plan, December", 1, 490), Line("Extra seats", 3, 25)),
    ),
    Invoice("INV-1002", "a2", "2026-12-01", "2026-12-31", (Line("Starter plan", 1, 90),)),
    Invoice("INV-1003", "a3", "2026-12-01", "2026-12-31", (Line("Growth plan", 1, 490),)),
    Invoice(
        "INV-1005",
        "a4",
        "2026-12-01",
        "2026-12-31",
        (Line("Enterprise plan", 1, 2400), Line("Onboarding workshop", 2, 600)),
    ),
)
_ACCOUNTS = {account.id: account for account in ACCOUNTS}
_INVOICES = {invoice.id: invoice for invoice in INVOICES}
# invoice id -> when it was sent; bounded by the fixed set of invoices.
_sent: dict[str, datetime] = {}
_lock = threading.Lock()


def _account(account_id: str) -> Account:
    return _ACCOUNTS.get(account_id) or abort(404)


def _invoice(invoice_id: str) -> Invoice:
    return _INVOICES.get(invoice_id) or abort(404)


def _invoices_of(account: Account) -> list[Invoice]:
    return sorted((i for i in INVOICES if i.account == account.id), key=lambda i: i.issued)


@blp.route("/")
def home():
    return redirect(url_for("billing.accounts"))


@blp.route("/accounts")
def accounts():
    rows = [(account, _invoices_of(account)) for account in ACCOUNTS]
    return render_template("demo_app/billing/accounts.html", rows=rows)


@blp.route("/accounts/<account_id>")
def account(account_id: str):
    found = _account(account_id)
    invoices = _invoices_of(found)
    with _lock:
        sent = dict(_sent)
    return render_template(
        "demo_app/billing/account.html",
        account=found,
        invoices=invoices,
        latest=invoices[-1],
        sent=sent,
    )


@blp.route("/invoices/<invoice_id>")
def invoice(invoice_id: str):
    found = _invoice(invoice_id)
    with _lock:
        sent = _sent.get(found.id)
    return render_template(
        "demo_app/billing/invoice.html",
        invoice=found,
        account=_ACCOUNTS[found.account],
        sent=sent,
    )


@blp.route("/invoices/<invoice_id>/send", methods=["POST"])
def send(invoice_id: str):
    found = _invoice(invoice_id)
    with _lock:
        _sent.setdefault(found.id, datetime.now(UTC))
    # Post/redirect/get: a reload of the outcome page never sends again.
    return redirect(url_for("billing.sent", invoice_id=found.id), code=303)


@blp.route("/invoices/<invoice_id>/sent")
def sent(invoice_id: str):
    found = _invoice(invoice_id)
    with _lock:
        when = _sent.get(found.id)
    if when is None:
        return redirect(url_for("billing.invoice", invoice_id=found.id))
    return render_template(
        "demo_app/billing/sent.html", invoice=found, account=_ACCOUNTS[found.account], when=when
    )
