"""The console's accessibility check runs axe without the rules that can never report a
serious or critical violation: on a page breaking many rules, it finds exactly the
blocking violations a run of every rule finds."""

from __future__ import annotations

from e2e.support.axe import AXE, BLOCKING, blocking_on_this_page
from e2e.support.console import launch_browser

# Serious and critical breaks (no lang, no title, an image without alt, an unlabelled
# input, an empty link and button, a bad list, low contrast, a bad ARIA role) next to
# minor and moderate ones (no main landmark, content outside landmarks, a skipped heading
# level, an empty heading, a duplicate banner).
BROKEN = """<!doctype html><html><body>
<div role="banner">one</div><div role="banner">two</div>
<h1>Title</h1><h4>Skipped</h4><h2></h2>
<img src="data:,"><input type="text"><a href="/x"></a><button></button>
<ul><div>not an item</div></ul>
<p style="color:#bbb;background:#fff">faint</p>
<div role="buton">wrong role</div>
</body></html>"""

EVERY_RULE = """async () => (await axe.run(document, {resultTypes: ["violations"]}))
  .violations.map((v) => [v.id, v.impact])"""


def test_the_check_finds_every_blocking_violation_a_full_run_finds(playwright_session):
    browser = launch_browser(playwright_session)
    try:
        page = browser.new_page()
        page.set_content(BROKEN)
        page.add_script_tag(path=str(AXE))
        full = page.evaluate(EVERY_RULE)
        blocking = {rule for rule, impact in full if impact in BLOCKING}
        assert len(blocking) >= 8, full
        assert {impact for _rule, impact in full} - set(BLOCKING), full  # the others broke too
        found = blocking_on_this_page(page, "broken")
        assert {line.split()[2] for line in found} == blocking, found
    finally:
        browser.close()
