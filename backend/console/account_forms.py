"""The console's sign-in and invitation forms (Flask-WTF): fields, limits and the CSRF
token in one place."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import EmailField, HiddenField, PasswordField, StringField
from wtforms.validators import DataRequired, Length

from backend.services.accounts import MAX_PASSWORD


class SignInForm(FlaskForm):
    email = EmailField("Email", validators=[DataRequired(), Length(max=254)])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=MAX_PASSWORD)])
    next = HiddenField()


def _strip(value: str | None) -> str:
    return (value or "").strip()


class JoinForm(FlaskForm):
    """Accepting an invitation: the code, then (``join`` set) a new account's name and
    password; an existing account sends neither (it is signed in already)."""

    token = StringField(
        "Invitation code", validators=[DataRequired(), Length(max=100)], filters=[_strip]
    )
    join = HiddenField()
    display_name = StringField("Your name", validators=[Length(max=120)], filters=[_strip])
    password = PasswordField("Password", validators=[Length(max=MAX_PASSWORD)])

    def problems(self) -> list[str]:
        return [
            f"{getattr(self, name).label.text}: {message}"
            for name, messages in self.errors.items()
            for message in messages
        ]
