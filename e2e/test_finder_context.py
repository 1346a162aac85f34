"""What tells a target from its look-alikes survives the release that changed
it: the text and headings around an element moved into a new shadow root, a
label that stayed outside that root, the headings of a region whose parts were
reordered, and a short label reworded while its neighbours were reworded too.
Each case is described before the release, as the picker saves it."""

import json

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


# Copy edits the finder survives, and the ones it must refuse. A release rewords
# several labels of one toolbar or form at once, and removes elements too, letting
# a neighbour slide into the removed one's place: what each renamed element kept
# (words of its old name, a neighbour's words, its variant's class, how many of its
# kind its region holds) tells the target reworded from a look-alike; when it does
# not, the answer is "not found".


@pytest.fixture(scope="module")
def shared_lab(open_lab, pages_server):
    """One page for the copy-edit cases: each adds its part and takes it away again."""
    lab = open_lab(f"{pages_server.url}/finder/release.html")
    yield lab
    lab.close()


@pytest.fixture
def cases(shared_lab):
    yield shared_lab
    shared_lab.evaluate("() => document.getElementById('cases')?.remove()")


def resolved_after(lab, html: str, picked: str, change: str):
    """True when the target picked in `html` resolves to it after `change`, None when to nothing."""
    return lab.evaluate(
        f"""() => {{
        const cases = document.createElement('section');
        cases.id = 'cases';
        document.querySelector('main').append(cases);
        cases.innerHTML = {json.dumps(html)};
        const el = {picked};
        const target = Trailguide.describe.describe(el);
        ({change})(el);
        const found = Trailguide.finder.resolve(target).element;
        return found === null ? null : found === el;
    }}"""
    )


def bar(*buttons: str, classes: tuple[str, ...] = ()) -> str:
    """A toolbar of buttons (each with its class from `classes`, if any) after a short title."""
    kinds = [*classes, *[""] * len(buttons)]
    cells = "".join(
        f' <button type="button" class="{kind}">{text}</button>'
        for text, kind in zip(buttons, kinds, strict=False)
    )
    return f'<div class="bar" id="bar"><span>Team</span>{cells}</div>'


def button(index: int) -> str:
    return f"document.querySelectorAll('#bar button')[{index}]"


def renamed(*pairs: tuple[int, str], swap: bool = False) -> str:
    """A release rewording buttons of the bar (by position); `swap` trades the first two places."""
    edits = " ".join(f"all[{i}].textContent = {json.dumps(text)};" for i, text in pairs)
    swapped = "const [a, b] = all; const m = new Comment(); a.replaceWith(m); b.replaceWith(a);"
    swapped += " m.replaceWith(b);"
    query = "const all = [...document.querySelectorAll('#bar button')];"
    return f"(el) => {{ {query} {edits} {swapped if swap else ''} }}"


def test_a_target_keeping_a_word_of_its_name_is_told_from_a_sibling_renamed_too(cases):
    html = bar("Project name", "Repository URL", "Cancel")
    change = renamed((0, "Workspace name"), (1, "Repo URL"))
    assert resolved_after(cases, html, button(0), change) is True


def test_a_sibling_keeping_a_neighbours_word_is_that_neighbour_renamed(cases):
    """ "Customers" became "Clients" while "Sign out" became "Log out"."""
    html = bar("Orders", "Customers", "Reports", "Sign out")
    change = renamed((1, "Clients"), (3, "Log out"))
    assert resolved_after(cases, html, button(1), change) is True


def test_a_sibling_of_another_variant_renamed_too_is_not_the_target(cases):
    """The primary button stays primary: its class tells it from the other one renamed."""
    html = bar("Filter", "Export", classes=("btn btn--primary", "btn"))
    change = renamed((0, "Refine"), (1, "Download"))
    assert resolved_after(cases, html, button(1), change) is True


def test_siblings_of_one_variant_renamed_and_swapped_give_not_found(cases):
    html = bar("Filter", "Export", classes=("btn", "btn"))
    change = renamed((0, "Refine"), (1, "Download"), swap=True)
    assert resolved_after(cases, html, button(1), change) is None


MENU = (
    '<div class="bar" id="bar"><span>Ada</span>'
    ' <button type="button" class="toggle">Account</button>'
    '<ul class="menu"><li><a href="#me">Profile</a></li>'
    '<li><a href="#out">Sign out</a></li></ul></div>'
)


def test_a_button_renamed_as_a_link_beside_it_is_found(cases):
    """The menu's "Profile" link is still there: the button's new name is its own."""
    change = "(el) => { el.textContent = 'Profile'; }"
    assert resolved_after(cases, MENU, "document.querySelector('#bar .toggle')", change) is True


def test_one_of_two_same_named_buttons_sliding_into_a_removed_ones_place_is_not_taken(cases):
    html = bar("Save", "Delete", "Save")
    change = "(el) => el.remove()"
    assert resolved_after(cases, html, button(1), change) is None


FORM = (
    '<form id="invite">'
    '<div class="item"><label for="i-mail">Email</label> <input id="i-mail"></div>'
    '<div class="item"><label for="i-role">Role</label> <input id="i-role"></div>'
    '<div class="item"><label for="i-msg">Message</label> <textarea id="i-msg"></textarea></div>'
    '<div class="item"><label for="i-note">Note</label> <textarea id="i-note"></textarea></div>'
    '<button type="submit">Send invitation</button> <button type="button">Cancel</button></form>'
)


def test_a_field_beside_its_own_label_reworded_is_found_by_its_form(cases):
    """Its label is all the text around it: the form's other labels place it."""
    change = "(el) => { document.querySelector('[for=i-msg]').textContent = 'Text'; }"
    assert resolved_after(cases, FORM, "document.querySelector('#i-msg')", change) is True


def test_a_removed_field_whose_neighbour_was_reworded_is_not_found(cases):
    """The "Note" field slides into "Message"'s place, reworded: its form holds one field less."""
    change = (
        "(el) => { el.closest('.item').remove();"
        " document.querySelector('[for=i-note]').textContent = 'Comment'; }"
    )
    assert resolved_after(cases, FORM, "document.querySelector('#i-msg')", change) is None


SEARCH = "document.querySelector('#filters input')"
SEARCHES = (
    '<div class="bar" id="filters"><span>Members</span> <input placeholder="Search members">'
    ' <input placeholder="Filter by role"> <button type="button">Clear</button></div>'
)


def test_a_field_named_by_its_placeholder_keeping_a_word_of_it_is_found(cases):
    change = "(el) => { el.placeholder = 'Find members'; }"
    assert resolved_after(cases, SEARCHES, SEARCH, change) is True


def test_a_removed_placeholder_field_with_its_neighbour_reworded_is_not_found(cases):
    change = (
        "(el) => { el.remove();"
        " document.querySelector('#filters input').placeholder = 'Search by role'; }"
    )
    assert resolved_after(cases, SEARCHES, SEARCH, change) is None
