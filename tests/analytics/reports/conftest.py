"""One generated event log, loaded once into each engine, and the parameter sets tests use."""

from __future__ import annotations

import pytest

from analytics.reports import ReportParams
from tests.analytics.reports.cases import PARAMS
from tests.analytics.reports.engines import loaded_database
from tests.analytics.reports.generator import generate


@pytest.fixture(scope="session")
def world():
    """The seeded event log (rows as inserted, duplicates included)."""
    return generate()


@pytest.fixture(scope="session")
def events(world):
    return world.rows


@pytest.fixture(scope="session", params=["clickhouse", "chdb", "cluster"])
def reports_backend(request, world):
    """The generated log on each engine, loaded once per run."""
    yield from loaded_database(request, "reports", world.batches)


@pytest.fixture(params=list(PARAMS), ids=list(PARAMS))
def params(request) -> ReportParams:
    return PARAMS[request.param]


# The cluster runs each report's oracle tests for one parameter set (a time zone
# with DST, days, grouped by an attribute): every query shape goes through the
# Distributed table within the suite's time budget.
CLUSTER_CASE = "new-york-day-by-department"
# And the rollup comparison for one case the rollup serves, across a DST change and
# grouped by the attribute sets the shards hold.
ROLLUP_CLUSTER_CASE = "los-angeles-week-by-role"


def pytest_collection_modifyitems(config, items):
    kept, dropped = [], []
    for item in items:
        chosen = getattr(item, "callspec", None)
        on_cluster = chosen is not None and chosen.params.get("reports_backend") == "cluster"
        if on_cluster and (
            chosen.params.get("params", CLUSTER_CASE) != CLUSTER_CASE
            or chosen.params.get("rollup_case", ROLLUP_CLUSTER_CASE) != ROLLUP_CLUSTER_CASE
        ):
            dropped.append(item)
        else:
            kept.append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept
