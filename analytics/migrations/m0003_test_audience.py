"""Events flag views of a version under test (``test_audience``), so reports can skip them."""

from analytics.schema.events import TableLayout, columns_added


def statements(dialect, layout: TableLayout):
    return columns_added(3, dialect, layout)
