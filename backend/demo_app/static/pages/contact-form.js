// Create or edit a contact, with client-side validation and inline errors.
import { CONTACT_STAGES, escapeHtml, load, newId, save } from "../store.js";

const FIELDS = [
  { name: "first", label: "First name", type: "text", required: true, autocomplete: "given-name" },
  { name: "last", label: "Last name", type: "text", required: true, autocomplete: "family-name" },
  { name: "email", label: "Email", type: "email", required: true, autocomplete: "email" },
  { name: "phone", label: "Phone", type: "tel", required: false, autocomplete: "tel" },
  { name: "company", label: "Company", type: "text", required: false, autocomplete: "organization" },
];

function validate(values) {
  const errors = {};
  if (!values.first.trim()) errors.first = "First name is required.";
  if (!values.last.trim()) errors.last = "Last name is required.";
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(values.email.trim())) errors.email = "Enter a valid email address.";
  if (values.phone && !/^\+?[\d\s().-]{6,20}$/.test(values.phone)) errors.phone = "Use digits, spaces and an optional leading +.";
  return errors;
}

function field(f, value) {
  return `
    <div class="field" data-field="${f.name}">
      <label for="contact-${f.name}">${f.label}${f.required ? ' <span aria-hidden="true">*</span>' : ""}</label>
      <input id="contact-${f.name}" name="${f.name}" type="${f.type}" data-testid="contact-${f.name}"
        value="${escapeHtml(value)}" autocomplete="${f.autocomplete}" ${f.required ? "required" : ""}
        aria-describedby="contact-${f.name}-error">
      <p class="error" id="contact-${f.name}-error" role="alert"></p>
    </div>`;
}

export function renderContactForm(view, id) {
  const data = load();
  const existing = id ? data.contacts.find((c) => c.id === id) : null;
  if (id && !existing) {
    view.innerHTML = `<section class="page"><h1>Contact not found</h1><a href="/acme/contacts" data-link>Back to contacts</a></section>`;
    return;
  }
  const contact = existing || { first: "", last: "", email: "", phone: "", company: "", stage: "lead", notes: "" };
  view.innerHTML = `
    <section class="page" data-page="contact-form">
      <div class="page-head">
        <h1>${existing ? `${escapeHtml(contact.first)} ${escapeHtml(contact.last)}` : "New contact"}</h1>
        <a href="/acme/contacts" data-link class="btn">Cancel</a>
      </div>
      <form id="contact-form" class="form card" novalidate data-testid="contact-form">
        <div class="form-grid">${FIELDS.map((f) => field(f, contact[f.name])).join("")}
          <div class="field">
            <label for="contact-stage">Lifecycle stage</label>
            <select id="contact-stage" name="stage" data-testid="contact-stage">
              ${CONTACT_STAGES.map((s) => `<option value="${s}" ${s === contact.stage ? "selected" : ""}>${s}</option>`).join("")}
            </select>
          </div>
        </div>
        <div class="field">
          <label for="contact-notes">Notes</label>
          <textarea id="contact-notes" name="notes" rows="3" data-testid="contact-notes">${escapeHtml(contact.notes)}</textarea>
        </div>
        <div class="actions">
          <button type="submit" class="btn btn-primary" data-testid="save-contact" id="save-contact">Save contact</button>
        </div>
      </form>
    </section>`;
  const form = view.querySelector("#contact-form");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const values = Object.fromEntries(new FormData(form).entries());
    const errors = validate(values);
    for (const f of FIELDS) {
      const input = form.querySelector(`#contact-${f.name}`);
      input.setAttribute("aria-invalid", errors[f.name] ? "true" : "false");
      form.querySelector(`#contact-${f.name}-error`).textContent = errors[f.name] || "";
    }
    const first = Object.keys(errors)[0];
    if (first) {
      form.querySelector(`#contact-${first}`).focus();
      return;
    }
    const fresh = load();
    const id = existing?.id ?? newId("c");
    if (existing) Object.assign(fresh.contacts.find((c) => c.id === existing.id), values);
    else fresh.contacts.push({ id, ...values });
    save(fresh);
    window.dispatchEvent(new CustomEvent("acme:toast", { detail: "Contact saved" }));
    // A new contact opens on its own page (as most CRMs do); an edit goes back to the list.
    const next = existing ? "/acme/contacts" : `/acme/contacts/${id}`;
    window.dispatchEvent(new CustomEvent("acme:navigate", { detail: next }));
  });
}
