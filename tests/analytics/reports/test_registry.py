"""The report declarations: each figure has a glossary entry, and a bad declaration is refused."""

from __future__ import annotations

import marshmallow as ma
import pytest

from analytics.reports import arguments, rows
from analytics.reports.declaration import Report, glossary
from analytics.reports.registry import REPORTS, register, unregister


def _declare(**overrides) -> Report:
    fields = {
        "path": "help-seeking/copy",
        "label": "Copy",
        "summary": "A copy of help seeking.",
        "definitions": "Definitions.",
        "arguments": arguments.HelpSeekingArgs,
        "rows": rows.HelpSeekingRow,
        "run": lambda backend, params, args, authoring: [],
    }
    return Report(**{**fields, **overrides})


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_every_figure_of_every_report_has_a_glossary_entry(name):
    """The console shows these as help text and the API as field descriptions."""
    entries = REPORTS[name].glossary
    assert set(entries) >= set(REPORTS[name].figures)
    assert not [figure for figure, meaning in entries.items() if not meaning]


def test_nested_figures_are_in_the_glossary():
    entries = REPORTS["content-health"].glossary
    assert entries["pages.url"] and entries["pages.failures"]


def test_a_figure_without_description_has_an_empty_entry():
    schema = ma.Schema.from_dict({"views": ma.fields.Integer()})
    assert glossary(schema) == {"views": ""}


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_every_report_names_its_definitions_and_references_real_arguments(name):
    report = REPORTS[name]
    assert report.definitions.strip()
    assert set(report.references) <= set(report.arguments().fields)


def test_names_come_from_paths_and_schema_names_from_names():
    report = _declare()
    assert report.name == "help-seeking-copy"
    assert report.schema_name == "HelpSeekingCopy"
    assert _declare(schema_name="Other").schema_name == "Other"


@pytest.mark.parametrize("path", ["", "Funnel", "funnel//x", "/funnel", "funnel summary", "x.csv"])
def test_paths_are_lowercase_words(path):
    with pytest.raises(ValueError, match="path"):
        _declare(path=path)


def test_references_must_be_arguments():
    with pytest.raises(ValueError, match="not one of its arguments"):
        _declare(references={"walkthrough_id": "walkthrough"})


def test_references_must_be_known_kinds():
    with pytest.raises(ValueError, match="is not one of"):
        _declare(references={"app_id": "poll"})


def test_a_registered_report_can_be_removed():
    report = register(_declare())
    try:
        assert REPORTS[report.name] is report
        with pytest.raises(ValueError, match="already registered"):
            register(_declare())
    finally:
        unregister(report.name)
    assert report.name not in REPORTS
