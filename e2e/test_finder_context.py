"""What tells a target from its look-alikes survives the release that changed
it: the text and headings around an element moved into a new shadow root, a
label that stayed outside that root, the headings of a region whose parts were
reordered, and a short label reworded while its neighbours were reworded too.
Each case is described before the release, as the picker saves it."""

import pytest

from e2e.support.finder_lab import lab_browser


@pytest.fixture(scope="module")
def open_lab(playwright_session):
    with lab_browser(playwright_session) as open_lab:
        yield open_lab


@pytest.fixture
def lab(open_lab, pages_server):
    lab = open_lab(f"{pages_server.url}/finder/release.html")
    yield lab
    lab.close()


def add_to_page(lab, html: str) -> None:
    lab.evaluate(
        "(html) => document.querySelector('main').insertAdjacentHTML('beforeend', html)", html
    )


def described_then_released(lab, picked: str, change: str) -> dict:
    """The picker's descriptor of `picked`, then the page changed by `change(el)`."""
    return lab.evaluate(
        f"() => {{ const el = {picked}; globalThis.picked = el;"
        f" const target = Trailguide.describe.describe(el); ({change})(el); return target; }}"
    )


def resolved_is_picked(lab, target: dict):
    """True when the target resolves to the picked element, None when to nothing."""
    return lab.evaluate(
        "(target) => { const found = Trailguide.finder.resolve(target).element;"
        " return found === null ? null : found === globalThis.picked; }",
        target,
    )


# An app moving a part of its page into a shadow root of its own: the part shows as before.
INTO_NEW_SHADOW_ROOT = """(part) => {
    const host = document.createElement("app-part");
    host.style.display = "contents";
    part.replaceWith(host);
    host.attachShadow({mode: "open"}).append(part);
}"""

PEOPLE = (
    '<ul id="people">'
    + "".join(
        f'<li><div class="person"><span>{name}</span> <span>{email}</span>'
        ' <button type="button" class="open">Open</button></div></li>'
        for name, email in (
            ("Ada Lovelace", "ada@example.test"),
            ("Grace Hopper", "grace@example.test"),
            ("Alan Turing", "alan@example.test"),
        )
    )
    + "</ul>"
)


def test_a_row_moved_into_a_new_shadow_root_keeps_the_text_around_it(lab):
    add_to_page(lab, PEOPLE)
    target = described_then_released(
        lab,
        "document.querySelectorAll('#people .open')[1]",
        f"(el) => ({INTO_NEW_SHADOW_ROOT})(el.parentElement)",
    )
    assert resolved_is_picked(lab, target) is True


def test_a_field_moved_into_a_new_shadow_root_keeps_the_label_left_outside(lab):
    add_to_page(
        lab,
        '<div id="card"><h3>Card</h3>'
        '<div><label for="card-name">Name on card</label>'
        '<div class="box"><input id="card-name"></div></div>'
        '<div><label for="card-no">Card number</label>'
        '<div class="box"><input id="card-no"></div></div>'
        "</div>",
    )
    target = described_then_released(
        lab,
        "document.querySelector('#card-name')",
        f"(el) => ({INTO_NEW_SHADOW_ROOT})(el.parentElement)",
    )
    assert resolved_is_picked(lab, target) is True


FILTERS = (
    '<form id="filters">'
    "<fieldset><legend>Status</legend><select><option>Any</option></select></fieldset>"
    '<fieldset><legend>From</legend><input type="date"></fieldset>'
    '<button type="button" class="apply">Apply</button> <button type="button">Reset</button></form>'
)


def test_a_region_whose_parts_were_reordered_keeps_its_headings(lab):
    add_to_page(lab, FILTERS)
    target = described_then_released(
        lab,
        "document.querySelector('#filters .apply')",
        "(el) => { const form = el.closest('form'); form.append(form.querySelector('fieldset')); }",
    )
    assert target["fingerprint"]["context"]["heading"] == "Status"
    assert resolved_is_picked(lab, target) is True


def test_a_heading_of_no_words_names_no_region(lab):
    """An outlined field's notch is a legend holding a zero-width space."""
    add_to_page(
        lab,
        '<div id="search-bar"><fieldset><legend><span>\u200b</span></legend><input></fieldset>'
        "<fieldset><legend>Status</legend><select><option>Any</option></select></fieldset>"
        '<button type="button" class="go">Go</button></div>',
    )
    target = lab.evaluate(
        "() => Trailguide.describe.describe(document.querySelector('#search-bar .go'))"
    )
    assert target["fingerprint"]["context"]["heading"] == "Status"


def test_a_one_word_button_reworded_with_its_neighbours_is_found(lab):
    """Copy edits reach every label of a toolbar; an "Export" of another toolbar stays as it was."""
    add_to_page(
        lab,
        '<div class="bar" id="team-bar"><span>Team members</span> <a href="#f">Filter</a>'
        ' <button type="button">Clear</button>'
        ' <button type="button" class="x">Export</button></div>'
        '<div class="bar" id="orders-bar"><span>Orders</span> <button type="button">Print</button>'
        ' <button type="button" class="x">Export</button></div>',
    )
    target = described_then_released(
        lab,
        "document.querySelector('#team-bar .x')",
        "(el) => { el.textContent = 'Download';"
        " document.querySelector('#team-bar a').textContent = 'Refine';"
        " document.querySelector('#team-bar span').textContent = 'Group members'; }",
    )
    assert resolved_is_picked(lab, target) is True


def test_two_buttons_reworded_and_swapped_give_not_found(lab):
    """Either renamed button may be the target: landing on the other one would be wrong."""
    add_to_page(
        lab,
        '<div class="bar" id="team-bar"><span>Team</span> <button type="button">Filter</button>'
        ' <button type="button">Clear</button> <button type="button">Export</button></div>',
    )
    target = described_then_released(
        lab,
        "document.querySelectorAll('#team-bar button')[2]",
        "(el) => { const [filter, clear] = document.querySelectorAll('#team-bar button');"
        " el.textContent = 'Download'; filter.textContent = 'Refine';"
        " clear.before(el); el.parentElement.append(filter); }",
    )
    assert resolved_is_picked(lab, target) is None


def test_a_label_respelled_still_names_its_field(lab):
    """ "Email" becomes "E-mail" while the field gets a new generated id."""
    add_to_page(
        lab,
        '<div id="invite"><p><label for="inv-email">Email</label> <input id="inv-email"></p>'
        '<p><label for="inv-note">Note</label> <input id="inv-note"></p></div>',
    )
    target = described_then_released(
        lab,
        "document.querySelector('#inv-email')",
        "(el) => { const label = document.querySelector('[for=inv-email]');"
        " el.id = ':r1a:'; label.htmlFor = ':r1a:'; label.textContent = 'E-mail'; }",
    )
    assert resolved_is_picked(lab, target) is True


def test_a_removed_field_is_not_healed_onto_a_neighbour_named_by_its_component(lab):
    """The fields' names are their components' label attributes, not text of the page."""
    add_to_page(
        lab,
        '<div id="reply"><h3>Reply</h3>'
        '<tg-field label="To"><input class="input" aria-label="To"></tg-field>'
        '<tg-field label="Subject"><input class="input" aria-label="Subject"></tg-field>'
        ' <button type="button">Send</button></div>',
    )
    target = described_then_released(
        lab, "document.querySelector('#reply input')", "(el) => el.parentElement.remove()"
    )
    assert resolved_is_picked(lab, target) is None
