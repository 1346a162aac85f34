"""Acme Billing: accounts, an account's invoices, an invoice, and sending it."""

import pytest

from backend.demo_app import billing
from backend.demo_app.origins import origin_app


@pytest.fixture
def client():
    return origin_app(billing.blp, "Acme Billing").test_client()


def text(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.get_data(as_text=True)


def test_accounts_list_links_each_account(client):
    html = text(client, "/billing/accounts")
    for account in billing.ACCOUNTS:
        assert f'href="/billing/accounts/{account.id}" data-testid="account-{account.id}"' in html


def test_open_invoice_opens_the_accounts_latest_invoice(client):
    html = text(client, "/billing/accounts/a1")
    assert 'href="/billing/invoices/INV-1004" data-testid="open-invoice"' in html


def test_an_invoice_shows_its_lines_total_and_send_control(client):
    html = text(client, "/billing/invoices/INV-1005")
    assert 'data-testid="invoice-total">€3,600<' in html
    assert 'action="/billing/invoices/INV-1005/send"' in html
    assert 'data-testid="send-invoice"' in html


def test_sending_leads_to_the_outcome_and_marks_the_invoice_sent(client):
    sent = client.post("/billing/invoices/INV-1003/send")
    assert (sent.status_code, sent.headers["Location"]) == (303, "/billing/invoices/INV-1003/sent")
    assert "Sent to Alan Turing (alan@bletchley.test)" in text(client, sent.headers["Location"])
    assert 'data-testid="invoice-status">Sent' in text(client, "/billing/invoices/INV-1003")


def test_the_outcome_of_an_invoice_not_sent_leads_back_to_it(client):
    assert client.get("/billing/invoices/INV-1002/sent").headers["Location"] == (
        "/billing/invoices/INV-1002"
    )


@pytest.mark.parametrize(
    "path", ["/billing/accounts/nobody", "/billing/invoices/INV-0", "/billing/invoices/x/sent"]
)
def test_unknown_records_are_not_found(client, path):
    assert client.get(path).status_code == 404
    assert client.post("/billing/invoices/INV-0/send").status_code == 404
