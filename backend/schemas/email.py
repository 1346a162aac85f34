"""Email addresses as the API accepts them, stated once for the document and the server."""

import marshmallow as ma

# local@domain.tld, no spaces, one @; the OpenAPI document carries the same pattern.
EMAIL_PATTERN = r"^[^@\s]{1,64}@[^@\s]{1,189}\.[^@\s]{2,63}$"


class EmailAddress(ma.fields.String):
    """A string that is an email address of at most 254 characters."""

    def __init__(self, **kwargs):
        validate = [
            ma.validate.Length(max=254),
            ma.validate.Regexp(EMAIL_PATTERN, error="Not an email address."),
        ]
        super().__init__(validate=validate, **kwargs)
