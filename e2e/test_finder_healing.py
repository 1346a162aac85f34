"""The finder heals after a release: when every way of a target misses, the
element that still matches its fingerprint and context is found — only above
a threshold and with a clear margin over the runner-up, so a look-alike (same
text, repeated row, similar field) or a removed target gives "not found"."""

import json

import pytest

from e2e.support.finder_lab import lab_browser

SAVE_BUTTON = "document.querySelector('button[type=submit]')"
# A target saved before a release: its two ways are page structure only.
SAVED_SAVE = {
    "alternatives": [
        {"by": "css", "value": "form.contact-form button.btn-primary"},
        {"by": "xpath", "value": "/html/body/main/form/div/button[1]"},
    ],
    "fingerprint": {
        "tag": "button", "text": "Save contact", "role": "button",
        "attributes": {"type": "submit", "class": "btn btn-primary css-9z8y7x"},
    },
}  # fmt: skip
RENAME_AND_WRAP = """(el) => {
    el.className = "Button_primary__9kLm";
    const wrapper = document.createElement("span");
    el.replaceWith(wrapper);
    wrapper.append(el);
}"""


@pytest.fixture(scope="module")
def open_lab(playwright_session):
    with lab_browser(playwright_session) as open_lab:
        yield open_lab


@pytest.fixture
def lab(open_lab, pages_server):
    lab = open_lab(f"{pages_server.url}/finder/release.html")
    yield lab
    lab.close()


def release(lab, picked: str, change: str) -> None:
    """Remember the element `picked` names, then change the page with `change(el)`."""
    lab.evaluate(f"() => {{ globalThis.picked = {picked}; ({change})(globalThis.picked); }}")


def resolved_is_picked(lab, target: dict, options: dict | None = None):
    """True when the target resolves to the remembered element, None when to nothing."""
    return lab.evaluate(
        "([target, options]) => { const found = Trailguide.finder.resolve(target, options).element;"
        " return found === null ? null : found === globalThis.picked; }",
        [target, options or {}],
    )


def described(lab, picked: str) -> dict:
    return lab.evaluate(f"() => Trailguide.describe.describe({picked})")


def test_fingerprint_rescues_a_step_when_every_way_misses(lab):
    release(lab, SAVE_BUTTON, RENAME_AND_WRAP)
    assert resolved_is_picked(lab, SAVED_SAVE) is True


def test_a_repair_names_the_failed_ways_and_the_healed_element(lab):
    release(lab, SAVE_BUTTON, RENAME_AND_WRAP)
    result = lab.evaluate(
        "(target) => { const {element, ...rest} = Trailguide.finder.resolve(target);"
        " return rest; }",
        SAVED_SAVE,
    )
    repair = result["repair"]
    assert repair["failed"] == SAVED_SAVE["alternatives"]
    assert repair["element"]["tag"] == "button"
    assert repair["element"]["name"] == "Save contact"
    assert repair["score"] > repair["runner_up"]


def test_healing_can_be_switched_off(lab):
    release(lab, SAVE_BUTTON, RENAME_AND_WRAP)
    assert resolved_is_picked(lab, SAVED_SAVE, {"heal": False}) is None


@pytest.mark.parametrize(
    ("picked", "change"),
    [
        # Each look-alike row stays; the recorded one is gone.
        ("document.querySelectorAll('.row-edit')[1]", "(el) => el.closest('tr').remove()"),
        # Another "Export" stays, in another section.
        ("document.querySelector('[aria-label=Billing] button')", "(el) => el.remove()"),
        # A similar field stays.
        ("document.querySelector('[placeholder=\"Search contacts\"]')",
         "(el) => el.parentElement.remove()"),
        ("document.querySelector('[name=last]')", "(el) => el.closest('p').remove()"),
    ],
    ids=["repeated-row", "same-text-button", "similar-search-field", "similar-labelled-field"],
)  # fmt: skip
def test_a_removed_target_is_not_found_among_look_alikes(lab, picked, change):
    target = described(lab, picked)
    release(lab, picked, change)
    assert resolved_is_picked(lab, target) is None


def test_equally_good_candidates_give_not_found(lab):
    """Two "Export" buttons match a fingerprint without context equally well."""
    target = {
        "alternatives": [{"by": "css", "value": "#gone"}],
        "fingerprint": {"tag": "button", "text": "Export", "role": "button",
                        "attributes": {"data-kind": "export"}},
    }  # fmt: skip
    assert lab.evaluate(f"Trailguide.finder.resolve({json.dumps(target)}).element") is None


@pytest.mark.parametrize(
    ("picked", "change"),
    [
        ("document.querySelectorAll('.row-edit')[1]",
         "(el) => { for (const b of document.querySelectorAll('button')) "
         "b.className = 'x-' + b.className; }"),
        ("document.querySelector('[aria-label=Billing] button')",
         "(el) => { el.textContent = 'Export CSV'; el.removeAttribute('data-kind'); "
         "el.closest('main').prepend(el.closest('section')); }"),
        ("document.querySelector('[name=last]')",
         "(el) => { el.className = 'Field_input__8aBc'; el.removeAttribute('id'); "
         "document.querySelector('[for=f-last]').removeAttribute('for'); "
         "const w = document.createElement('div'); el.replaceWith(w); w.append(el); }"),
        ("document.querySelector('[placeholder=\"Search contacts\"]')",
         "(el) => { el.placeholder = 'Search all contacts'; el.className = 'Input_root__9QwE'; "
         "const w = document.createElement('div'); el.replaceWith(w); w.append(el); }"),
    ],
    ids=["row-classes-renamed", "button-reworded-and-moved", "field-unlabelled-and-wrapped",
         "placeholder-reworded-and-wrapped"],
)  # fmt: skip
def test_a_picked_target_survives_a_release(lab, picked, change):
    target = described(lab, picked)
    release(lab, picked, change)
    assert resolved_is_picked(lab, target) is True


def test_healing_looks_into_shadow_roots(lab):
    picked = "document.querySelector('contact-card').shadowRoot.querySelectorAll('button')[1]"
    target = described(lab, picked)
    release(
        lab,
        picked,
        """(el) => {
        const card = document.querySelector('contact-card');
        const host = document.createElement('contact-panel');
        host.attachShadow({mode: 'open'}).append(...card.shadowRoot.childNodes);
        card.replaceWith(host);
    }""",
    )
    assert resolved_is_picked(lab, target) is True


WAIT = """([target, timeoutMs]) => {
    globalThis.timedOut = false;
    globalThis.waited = Trailguide.watch.waitFor(target, {
        signal: new AbortController().signal, timeoutMs,
        onTimeout: () => { globalThis.timedOut = true; },
    }).then((el) => el === globalThis.picked);
}"""


def test_waiting_for_a_step_heals_when_it_starts(lab):
    release(lab, SAVE_BUTTON, RENAME_AND_WRAP)
    lab.evaluate(WAIT, [SAVED_SAVE, 60_000])
    assert lab.evaluate("globalThis.waited") is True
    assert lab.evaluate("globalThis.timedOut") is False


def test_waiting_heals_once_more_before_reporting_not_found(lab):
    """An element that appears late, findable only by healing, is shown instead of reported."""
    release(lab, SAVE_BUTTON, "(el) => el.remove()")
    lab.evaluate(WAIT, [SAVED_SAVE, 500])
    # Back in one change, renamed and wrapped: none of its ways finds it.
    lab.evaluate(
        f"() => {{ const el = globalThis.picked; document.querySelector('.actions').prepend(el);"
        f" ({RENAME_AND_WRAP})(el); }}"
    )
    assert lab.evaluate("globalThis.waited") is True
    assert lab.evaluate("globalThis.timedOut") is False


def test_a_step_that_cannot_heal_is_still_reported_not_found(lab):
    release(lab, SAVE_BUTTON, "(el) => el.remove()")
    lab.evaluate(WAIT, [SAVED_SAVE, 100])
    lab.page.wait_for_function("globalThis.timedOut === true")


def test_dom_changes_while_waiting_never_heal(lab):
    release(lab, SAVE_BUTTON, "(el) => el.remove()")
    before = lab.evaluate("Trailguide.heal.runs()")
    lab.evaluate(WAIT, [SAVED_SAVE, 60_000])
    for n in range(5):
        lab.evaluate(
            """(n) => new Promise((done) => {
                const p = Object.assign(document.createElement('p'), {className: 'change'});
                p.textContent = `change ${n}`;
                document.querySelector('main').append(p);
                requestAnimationFrame(() => requestAnimationFrame(done));
            })""",
            n,
        )
    assert lab.evaluate("document.querySelectorAll('.change').length") == 5
    assert lab.evaluate("Trailguide.heal.runs()") == before + 1, (
        before,
        lab.evaluate("Trailguide.heal.runs()"),
    )


WRAP_PARENT = """(el) => {
    const cell = el.parentElement;
    const wrapper = document.createElement("div");
    cell.replaceWith(wrapper);
    wrapper.append(cell);
}"""
TEAM_ROW = (
    "<tr><td>Engineering</td><td>Admin</td><td>{email}</td>"
    '<td><button type="button">Open</button></td></tr>'
)


def add_to_page(lab, html: str) -> None:
    lab.evaluate(
        "(html) => document.querySelector('main').insertAdjacentHTML('beforeend', html)", html
    )


def test_a_way_landing_on_a_wrapper_finds_the_element_inside(lab):
    """A release wraps a cell's content: the saved path now ends on the cell, not its switch."""
    add_to_page(
        lab,
        '<table class="members"><tr><td>Ada Lovelace</td><td>ada@example.test</td>'
        '<td><div class="cell"><div class="switch" tabindex="0"></div></div></td></tr></table>',
    )
    picked = "document.querySelector('.switch')"
    target = described(lab, picked)
    target["alternatives"] = [{"by": "css", "value": ".members td:nth-of-type(3) > div > div"}]
    release(lab, picked, WRAP_PARENT)
    assert resolved_is_picked(lab, target, {"heal": False}) is True
    assert resolved_is_picked(lab, target) is True


def test_a_removed_row_is_not_healed_onto_a_row_differing_by_its_address(lab):
    emails = ("ada@example.test", "alan@example.test")
    rows = "".join(TEAM_ROW.format(email=email) for email in emails)
    add_to_page(lab, f'<table id="team">{rows}</table>')
    picked = "document.querySelector('#team button')"
    target = described(lab, picked)
    release(lab, picked, "(el) => el.closest('tr').remove()")
    assert resolved_is_picked(lab, target) is None


def test_a_removed_field_is_not_healed_onto_another_forms_field_named_by_a_placeholder(lab):
    """The other form's "Email" label is not tied to its field: only the placeholder names it."""
    add_to_page(
        lab,
        '<div id="settings"><div><label for="s-name">Display name</label> <input id="s-name"></div>'
        '<div><label for="s-email">Email</label> <input id="s-email"></div></div>'
        '<div id="invite"><div><label>Display name</label> <input></div>'
        '<div><label>Email</label> <input placeholder="name@example.test"></div>'
        "<div><label>Message</label> <input></div></div>",
    )
    picked = "document.querySelector('#s-email')"
    target = described(lab, picked)
    release(lab, picked, "(el) => el.parentElement.remove()")
    assert resolved_is_picked(lab, target) is None


PAGINATION = (
    '<div class="results"><p>Showing 11 to 20 of 48 invoices</p><nav><ul class="pagination">'
    + "".join(
        f'<li class="page-item"><a class="page-link" href="#">{label}</a></li>'
        for label in ("Previous", "1", "2", "3", "Next")
    )
    + "</ul></nav></div>"
)
PAGE_LINK = "[...document.querySelectorAll('.page-link')].find((a) => a.textContent === {!r})"


def test_a_bare_fragment_link_does_not_vouch_for_a_renamed_neighbour(lab):
    """Every page link's href is "#": it names no page, so "Next" is not page 2 renamed."""
    add_to_page(lab, PAGINATION)
    target = described(lab, PAGE_LINK.format("2"))
    release(lab, PAGE_LINK.format("2"), "(el) => { const item = el.closest('li');"
            f" item.before({PAGE_LINK.format('Next')}.closest('li')); }}")  # fmt: skip
    assert lab.evaluate(
        f"(fp) => Trailguide.fingerprint.assess({PAGE_LINK.format('Next')}, fp).vetoed",
        target["fingerprint"],
    )


MEMBERS = "".join(
    f"<tr><td>{name}</td><td>Engineering</td><td>Admin</td><td>Active</td>"
    '<td><button type="button">Delete</button></td></tr>'
    for name in ("Ada Lovelace", "Alan Turing", "Grace Hopper")
)


def test_without_healing_a_positional_ways_lone_look_alike_is_not_taken(lab):
    """The no-healing path (each DOM change while a step waits) never settles on the next row:
    a lone candidate the fingerprint does not trust is not taken for want of a rival."""
    add_to_page(lab, f'<table id="members">{MEMBERS}</table>')
    picked = "document.querySelector('#members button')"
    target = described(lab, picked)
    target["alternatives"] = [{"by": "css", "value": "#members tr:nth-of-type(1) button"}]
    release(lab, picked, "(el) => el.closest('tr').remove()")
    assert resolved_is_picked(lab, target, {"heal": False}) is None
