"""Survey events carry their answers: the survey, the question, a number, options, free text."""

from analytics.schema.events import TableLayout, columns_added


def statements(dialect, layout: TableLayout):
    return columns_added(4, dialect, layout)
