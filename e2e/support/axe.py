"""axe-core (from npm, backend/console/package.json) over console pages in real Chromium.

Injected as an init script, not a <script> tag: the pages' CSP allows only their own scripts.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page

from e2e.support.console import charts_drawn

AXE = Path(__file__).resolve().parents[2] / "backend/console/node_modules/axe-core/axe.min.js"
WIDTHS = (1280, 800)
BLOCKING = ("serious", "critical")

# Rules whose outcome can never be serious or critical are switched off before the run:
# they could add no blocking violation, and they took about a third of axe's time. A
# result's impact is the rule's own when it declares one, else the highest of its checks'
# (axe's finalizeRuleResult and aggregateChecks), both fixed in axe's metadata. Should that
# metadata move in a later axe, nothing is switched off.
RUN_AXE = """async (blocking) => {
  const audit = axe._audit;
  const impactOf = (rule) => rule.impact ? [rule.impact] : [...rule.any, ...rule.all, ...rule.none]
    .map((check) => audit.data.checks[check.id ?? check]?.impact ?? "critical");
  const rules = Object.fromEntries((audit?.rules ?? [])
    .filter((rule) => !impactOf(rule).some((impact) => blocking.includes(impact)))
    .map((rule) => [rule.id, {enabled: false}]));
  const result = await axe.run(document, {resultTypes: ["violations"], rules});
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
  }));
}"""


def blocking_on_this_page(page: Page, where: str) -> list[str]:
    """Every serious or critical axe violation of the page as it is now, named by ``where``."""
    return [
        f"{where}: {v['impact']} {v['id']} ({v['help']}) on {v['nodes']}"
        for v in page.evaluate(RUN_AXE, list(BLOCKING))
        if v["impact"] in BLOCKING
    ]


def blocking_violations(page: Page, url: str, width: int) -> list[str]:
    """Open ``url`` (at the viewport already set) and list its blocking violations."""
    response = page.goto(url)
    assert response is not None, url
    # A real page: an id that names nothing would only check the 404 page.
    wrong = [] if response.status == 200 else [f"{url}: answered {response.status}"]
    # goto returns after the load event, when every deferred script has run.
    charts_drawn(page)
    return wrong + blocking_on_this_page(page, f"{url} at {width}px")
