// Contacts list with live search.
import { CONTACT_STAGES, escapeHtml, load } from "../store.js";

function rows(contacts, query) {
  const q = query.trim().toLowerCase();
  const shown = contacts.filter((c) =>
    !q || `${c.first} ${c.last} ${c.email} ${c.company}`.toLowerCase().includes(q));
  if (!shown.length) {
    return `<tr><td colspan="5" class="empty" data-testid="no-results">No contacts match “${escapeHtml(query)}”.</td></tr>`;
  }
  return shown.map((c) => `
    <tr data-contact-id="${escapeHtml(c.id)}">
      <td><a href="/acme/contacts/${escapeHtml(c.id)}" data-link>${escapeHtml(c.first)} ${escapeHtml(c.last)}</a></td>
      <td>${escapeHtml(c.email)}</td>
      <td>${escapeHtml(c.company)}</td>
      <td><span class="pill pill-${escapeHtml(c.stage)}">${escapeHtml(c.stage)}</span></td>
      <td>${escapeHtml(c.phone)}</td>
    </tr>`).join("");
}

export function renderContacts(view) {
  const { contacts } = load();
  view.innerHTML = `
    <section class="page" data-page="contacts">
      <div class="page-head">
        <h1>Contacts</h1>
        <a class="btn btn-primary" href="/acme/contacts/new" data-link data-testid="new-contact" id="new-contact-button">New contact</a>
      </div>
      <div class="toolbar">
        <label for="contact-search" class="sr-only">Search contacts</label>
        <input id="contact-search" type="search" data-testid="contact-search" placeholder="Search by name, email or company" autocomplete="off">
        <span class="muted" id="contact-count">${contacts.length} contacts</span>
      </div>
      <table class="grid" data-testid="contacts-table">
        <thead><tr><th>Name</th><th>Email</th><th>Company</th><th>Stage</th><th>Phone</th></tr></thead>
        <tbody id="contact-rows">${rows(contacts, "")}</tbody>
      </table>
      <p class="muted legend">Stages: ${CONTACT_STAGES.join(" · ")}</p>
    </section>`;
  const search = view.querySelector("#contact-search");
  search.addEventListener("input", () => {
    view.querySelector("#contact-rows").innerHTML = rows(contacts, search.value);
  });
}
