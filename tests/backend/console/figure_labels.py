"""The figure labels of a console page: table headers and KPI labels, with what they hold."""

from __future__ import annotations

from html.parser import HTMLParser

from analytics.reports.registry import REPORTS


class Labels(HTMLParser):
    """Collects the figure labels of a page: table headers and KPI labels, with what they hold."""

    def __init__(self):
        super().__init__()
        self.labels: list[dict] = []  # {"where", "figure", "text", "definition"}
        self._open: dict | None = None
        self._depth = 0
        self._in_definition = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if self._open is None:
            if tag == "th" or (tag == "div" and "label" in classes):
                self._open = {"where": tag, "figure": None, "text": "", "definition": ""}
                self._depth = 0
            return
        self._depth += 1
        if tag == "span" and "figure-label" in classes:
            self._open["figure"] = attrs.get("data-figure")
        if tag == "span" and "definition" in classes:
            self._in_definition = True

    def handle_endtag(self, tag):
        if self._open is None:
            return
        if self._depth == 0:
            self.labels.append(self._open)
            self._open = None
            return
        self._depth -= 1
        if tag == "span" and self._in_definition:
            self._in_definition = False

    def handle_data(self, data):
        if self._open is None:
            return
        key = "definition" if self._in_definition else "text"
        self._open[key] += data


def labels_of(page: str) -> list[dict]:
    parser = Labels()
    parser.feed(page)
    return parser.labels


def assert_labels_defined(page: str, where: str) -> int:
    """Every figure label of ``page`` shows its glossary entry as its definition; how many."""
    labels = labels_of(page)
    for label in labels:
        place = (where, label["text"].strip())
        assert label["figure"], f"a figure label without a glossary entry: {place}"
        report, name = label["figure"].split(".", 1)
        entry = REPORTS[report].figure(name)
        assert entry is not None and entry.definition, place
        assert " ".join(label["definition"].split()) == " ".join(entry.definition.split()), place
    return len(labels)
