"""Acme Support: the tickets list, the new ticket form with its checks, and a made ticket."""

import pytest

from backend.demo_app import support
from backend.demo_app.origins import origin_app


@pytest.fixture
def client():
    return origin_app(support.blp, "Acme Support").test_client()


def test_the_list_shows_the_tickets_and_a_new_ticket_control(client):
    html = client.get("/support/tickets").get_data(as_text=True)
    assert 'href="/support/tickets/new" data-testid="new-ticket"' in html
    assert all(ticket.subject in html for ticket in support.SEEDED)


def test_the_form_has_subject_body_and_create(client):
    html = client.get("/support/tickets/new").get_data(as_text=True)
    for testid in ("ticket-subject", "ticket-body", "create-ticket"):
        assert f'data-testid="{testid}"' in html


def test_a_created_ticket_opens_on_its_page_and_heads_the_list(client):
    made = client.post("/support/tickets", data={"subject": " Welcome ", "body": "Hello <b>"})
    assert made.status_code == 303
    page = client.get(made.headers["Location"]).get_data(as_text=True)
    assert "<h1>Welcome</h1>" in page and "Hello &lt;b&gt;" in page  # stripped, escaped
    listing = client.get("/support/tickets").get_data(as_text=True)
    assert listing.index(made.headers["Location"]) < listing.index(support.SEEDED[0].id)


@pytest.mark.parametrize(
    ("form", "field", "message"),
    [
        ({"subject": "", "body": "Hello"}, "subject", "Give the ticket a subject."),
        ({"subject": "Hi", "body": "  "}, "body", "Describe what the customer needs."),
        ({"subject": "x" * 121, "body": "Hello"}, "subject", "under 120 characters"),
    ],
)
def test_a_refused_ticket_keeps_the_values_and_names_the_field(client, form, field, message):
    refused = client.post("/support/tickets", data=form)
    html = refused.get_data(as_text=True)
    assert refused.status_code == 400
    assert message in html
    assert f'id="ticket-{field}"' in html and 'aria-invalid="true"' in html


def test_only_the_newest_made_tickets_are_kept(client, monkeypatch):
    monkeypatch.setattr(support, "KEPT", 2)
    ids = [
        client.post("/support/tickets", data={"subject": f"n{n}", "body": "b"}).headers["Location"]
        for n in range(3)
    ]
    assert client.get(ids[0]).status_code == 404
    assert client.get(ids[2]).status_code == 200
    assert client.get(f"/support/tickets/{support.SEEDED[0].id}").status_code == 200


def test_an_unknown_ticket_is_not_found(client):
    assert client.get("/support/tickets/t0").status_code == 404
