"""Every figure label on a console page comes from the report registry's glossary.

Pages call the ``figure_label`` macro (``console/_figures.html``) with a report's
name and a figure's name; the label and its definition are the declaration's, so
the same figure reads the same on every page and in the API's documentation.
"""

from __future__ import annotations

from flask import g

from analytics.reports.declaration import Figure
from analytics.reports.registry import REPORTS
from backend.console import charts
from backend.console.blueprint import blp


@blp.app_template_global()
def define_figure(report: str, name: str) -> Figure:
    """The figure as declared; a page naming an undeclared one is a programming error."""
    declared = REPORTS.get(report)
    figure = declared.figure(name) if declared else None
    if figure is None or not figure.definition:
        raise LookupError(f"figure {report}.{name} has no glossary entry")
    return figure


@blp.app_template_global()
def figure_id() -> str:
    """An element id unique within the page being rendered (a figure may show twice)."""
    g.figure_ids = g.get("figure_ids", 0) + 1
    return f"figure-definition-{g.figure_ids}"


@blp.app_template_global()
def has_points(figure: dict) -> bool:
    """Whether a chart has anything to draw (an empty range gets no bare axes)."""
    return charts.has_points(figure)
