"""Log lines: the text format is readable and keeps a record's fields."""

import logging

from backend.logs import TextFormatter


def test_text_format_keeps_the_fields_of_an_access_line():
    record = logging.makeLogRecord(
        {
            "name": "trailguide.access",
            "levelname": "INFO",
            "levelno": logging.INFO,
            "msg": "request",
            "method": "GET",
            "path": "/acme/contacts",
            "status": 200,
        }
    )
    line = TextFormatter().format(record)
    assert line.endswith(
        " INFO trailguide.access: request method=GET path=/acme/contacts status=200"
    )
