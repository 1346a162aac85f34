// Acme CRM shell: history-API routing between pages, no framework, no build.
import { load } from "./store.js";
import { renderContacts } from "./pages/contacts.js";
import { renderContactForm } from "./pages/contact-form.js";
import { renderDeals } from "./pages/deals.js";
import { renderSettings } from "./pages/settings.js";

const routes = [
  [/^\/acme\/?$/, () => navigate("/acme/contacts", { replace: true })],
  [/^\/acme\/contacts\/?$/, (view) => renderContacts(view)],
  [/^\/acme\/contacts\/new\/?$/, (view) => renderContactForm(view, null)],
  [/^\/acme\/contacts\/([\w-]+)\/?$/, (view, id) => renderContactForm(view, id)],
  [/^\/acme\/deals\/?$/, (view) => renderDeals(view)],
  [/^\/acme\/settings\/?$/, (view) => renderSettings(view)],
];

export function navigate(path, { replace = false } = {}) {
  if (replace) history.replaceState({}, "", path);
  else history.pushState({}, "", path);
  render();
}

export function toast(message) {
  const el = document.getElementById("toast");
  el.textContent = message;
  el.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { el.hidden = true; }, 2500);
}

function showUser() {
  const { user } = load();
  const el = document.getElementById("current-user");
  el.textContent = user.name;
  el.dataset.userId = user.id;
  // Apps often expose the signed-in user as a global; guidance can read it.
  window.acmeSession = { user: { id: user.id, name: user.name } };
}

function render() {
  const view = document.getElementById("view");
  const path = location.pathname;
  for (const link of document.querySelectorAll(".mainnav a")) {
    const active = path.startsWith(link.getAttribute("href"));
    link.classList.toggle("active", active);
    if (active) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  showUser();
  for (const [pattern, handler] of routes) {
    const match = path.match(pattern);
    if (match) {
      handler(view, ...match.slice(1));
      return;
    }
  }
  view.innerHTML = `<section class="page"><h1>Page not found</h1>
    <p><a href="/acme/contacts" data-link>Back to contacts</a></p></section>`;
}

document.addEventListener("click", (event) => {
  const link = event.target.closest("a[data-link]");
  if (!link || event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
  event.preventDefault();
  navigate(link.getAttribute("href"));
});
window.addEventListener("popstate", render);
window.addEventListener("acme:navigate", (e) => navigate(e.detail));
window.addEventListener("acme:toast", (e) => toast(e.detail));
render();
