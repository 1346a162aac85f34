"""An article's readable page: reached by the link delivery gives its readers, sanitized,
under a strict Content-Security-Policy, localized, and closed when unpublished."""

import pytest

from tests.support import content
from tests.support.factories import create_workspace

PAGE = "https://crm.example.test/contacts"
IMAGE = "/api/v1/images/" + "c" * 32


@pytest.fixture
def article(app, client):
    ws = create_workspace(app)
    crm = content.application(app, ws.id)
    item_id = content.publish(
        app,
        ws.id,
        crm,
        "article",
        "calls",
        {
            "title": "How we log calls",
            "body": f'<h2>Why</h2><p>History &amp; context.</p><img src="{IMAGE}" alt="Form">',
            "translations": {"de": {"title": "Anrufe protokollieren"}},
        },
    )
    answer = client.get(
        "/api/v1/client/content",
        query_string={"url": PAGE},
        headers={"X-Trailguide-Key": ws.client_key, "X-Trailguide-Contract": "3"},
    )
    [delivered] = answer.json["articles"]
    return {"ws": ws, "id": item_id, "path": delivered["help_path"]}


def test_the_delivered_link_opens_the_readable_page(client, article):
    assert article["path"].startswith(f"/help/articles/{article['id']}/")
    page = client.get(article["path"])
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert '<h1 id="article-title">How we log calls</h1>' in html
    assert f'<h2>Why</h2><p>History & context.</p><img src="{IMAGE}" alt="Form">' in html
    assert "<script" not in html


def test_the_page_has_a_strict_content_security_policy(client, article):
    csp = client.get(article["path"]).headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp
    assert "img-src 'self'" in csp
    assert "script-src" not in csp and "unsafe-inline" not in csp


def test_the_page_speaks_the_readers_language(client, article):
    page = client.get(article["path"], headers={"Accept-Language": "de-DE,de;q=0.9"})
    assert '<h1 id="article-title">Anrufe protokollieren</h1>' in page.get_data(as_text=True)


@pytest.mark.parametrize("token", ["x" * 24, ""])
def test_a_link_with_another_token_is_a_404(client, article, token):
    response = client.get(f"/help/articles/{article['id']}/{token}")
    assert response.status_code == 404


def test_an_unpublished_article_closes_its_page(app, client, article):
    content.unpublish(app, article["ws"].id, article["id"], "article")
    assert client.get(article["path"]).status_code == 404
