"""An article's own readable page (``/help/articles/<id>/<token>``), reached by the
"Open in a new tab" link of the launcher (see backend.services.help_pages for why
the link is a capability rather than public or signed-in).

The page is sanitized HTML under a strict Content-Security-Policy: nothing runs,
images load only from this server, the one inline stylesheet is allowed by its hash.
"""

from __future__ import annotations

import base64
import hashlib

from flask import Blueprint, Response, render_template, request

from backend.services import help_pages
from walkthroughs.locales import localize
from walkthroughs.sanitize import clean_article_html

blp = Blueprint("help_pages", __name__, template_folder="templates")

STYLE = (
    "body{margin:0;font:16px/1.6 system-ui,sans-serif;color:#1d2330;background:#fff}"
    "main{max-width:44rem;margin:0 auto;padding:2rem 1.25rem}"
    "h1{font-size:1.75rem;line-height:1.25}img{max-width:100%;height:auto}"
    "pre{white-space:pre-wrap}blockquote{margin:0;padding-left:1rem;border-left:3px solid #ccd}"
    "a{color:#2755c8}:focus-visible{outline:2px solid #2755c8;outline-offset:2px}"
)
_STYLE_HASH = base64.b64encode(hashlib.sha256(STYLE.encode()).digest()).decode()
CSP = "; ".join(
    (
        "default-src 'none'",
        "img-src 'self'",
        f"style-src 'sha256-{_STYLE_HASH}'",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
    )
)


@blp.route("/help/articles/<int:item_id>/<string:token>")
def article_page(item_id: int, token: str):
    _item, document, default_locale = help_pages.published_article(item_id, token)
    preferred = [lang for lang, _q in request.accept_languages] + [default_locale]
    localized, locale = localize("article", document, preferred)
    html = render_template(
        "help/article.html",
        title=localized["title"],
        body=clean_article_html(localized["body"]),
        locale=locale,
        style=STYLE,
    )
    response = Response(html, mimetype="text/html")
    response.headers["Content-Security-Policy"] = CSP
    response.headers["Cache-Control"] = "private, no-cache"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response
