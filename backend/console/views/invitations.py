"""Accepting an invitation: a new account sets its password and is signed in; an
existing account accepts while signed in as itself (no password is asked here).

The link is ``/console/invitations/accept#<token>``: the token sits in the
fragment, which browsers never send, so it reaches no access log, proxy or
referrer. console.js moves it into the form and continues; without JavaScript
the person pastes it. Step one shows what the invitation offers, step two joins.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for

from backend.console.account_forms import JoinForm
from backend.console.blueprint import blp
from backend.console.forms import attempt, explain
from backend.console.session import current_user, sign_in
from backend.services import invitations


def _render(step: str, token: str = "", offer=None, lines=None, status: int = 200):
    context = {
        "step": step,
        "token": token,
        "offer": offer,
        "problems": lines or [],
        "signed_in_as": current_user(),
    }
    return render_template("console/invitation.html", **context), status


@blp.route("/invitations/accept", methods=["GET", "POST"])
def accept_invitation():
    if request.method == "GET":
        return _render("token")
    form = JoinForm()
    token = form.token.data or ""
    if not form.token.validate(form):
        return _render("token", token, lines=form.problems(), status=400)
    offer, error = attempt(lambda: invitations.inspect(token), quiet=True)
    if error is not None:
        return _render("token", token, lines=explain(error), status=error.code)
    if not form.join.data:
        return _render("join", token, offer)
    if not form.validate():
        return _render("join", token, offer, form.problems(), 400)
    name, password, acting = form.display_name.data, form.password.data or "", current_user()
    joined, error = attempt(lambda: invitations.accept(token, password, name, acting), quiet=True)
    if error is not None:
        return _render("join", token, offer, explain(error), error.code)
    if joined.token is not None:
        sign_in(joined.user)
    flash(f"Welcome to {offer['workspace']['name']}.", "success")
    return redirect(url_for("console.overview", workspace_id=offer["workspace"]["id"]), 303)
