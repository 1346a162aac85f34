// A support desk built from Material Web (Google's Lit components, shadow
// DOM). `data-pick` marks a picked component, `data-pick-inner` the part
// inside its shadow root (the harness reads and removes both before describing).
import "@material/web/button/filled-button.js";
import "@material/web/button/outlined-button.js";
import "@material/web/button/text-button.js";
import "@material/web/checkbox/checkbox.js";
import "@material/web/radio/radio.js";
import "@material/web/select/outlined-select.js";
import "@material/web/select/select-option.js";
import "@material/web/switch/switch.js";
import "@material/web/tabs/primary-tab.js";
import "@material/web/tabs/tabs.js";
import "@material/web/textfield/outlined-text-field.js";
import { NAV, PEOPLE } from "./data.js";

const PICKED_ROWS = { 1003: "reply", 1006: "close", 1007: "reply", 1009: "select" };
const esc = (text) => String(text).replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
const mark = (id, what, inner = "button") =>
  PICKED_ROWS[id] === what ? ` data-pick="row-${id}-${what}" data-pick-inner="${inner}"` : "";

const tickets = PEOPLE.map((p, i) => `
  <li class="ticket">
    <md-checkbox aria-label="Select ticket ${p.id}"${mark(p.id, "select", "input")}></md-checkbox>
    <span class="subject">Ticket ${p.id}: ${i % 2 ? "Cannot sign in" : "Invoice question"}</span>
    <span class="from">${esc(p.name)}</span>
    <md-text-button${mark(p.id, "reply")}>Reply</md-text-button>
    <md-text-button${mark(p.id, "close")}>Close</md-text-button>
  </li>`).join("");

document.getElementById("app").innerHTML = `
  <header class="bar">
    <strong>Acme support</strong>
    <nav>${NAV.map((name) => `<a href="#${name.toLowerCase()}"${name === "Dashboard" ? ' data-pick="nav-dashboard"' : ""}>${name}</a>`).join("")}</nav>
    <md-filled-button data-pick="new-ticket" data-pick-inner="button">New ticket</md-filled-button>
  </header>
  <md-tabs aria-label="Queues">
    <md-primary-tab>Inbox</md-primary-tab>
    <md-primary-tab data-pick="tab-mine">Assigned to me</md-primary-tab>
    <md-primary-tab>Closed</md-primary-tab>
  </md-tabs>
  <div class="layout">
    <main>
      <div class="actions">
        <md-outlined-text-field label="Search tickets" data-pick="search" data-pick-inner="input"></md-outlined-text-field>
        <md-outlined-select label="Priority" data-pick="priority" data-pick-inner="[role=combobox]">
          <md-select-option value="any" selected><div slot="headline">Any</div></md-select-option>
          <md-select-option value="high"><div slot="headline">High</div></md-select-option>
          <md-select-option value="low"><div slot="headline">Low</div></md-select-option>
        </md-outlined-select>
        <md-outlined-button data-pick="refresh" data-pick-inner="button">Refresh</md-outlined-button>
        <md-text-button>Mark all read</md-text-button>
      </div>
      <ul class="tickets">${tickets}</ul>
    </main>
    <aside class="card">
      <h2>Reply</h2>
      <md-outlined-text-field label="To" value="ada@example.test" data-pick="reply-to" data-pick-inner="input"></md-outlined-text-field>
      <md-outlined-text-field label="Subject" data-pick="reply-subject" data-pick-inner="input"></md-outlined-text-field>
      <md-outlined-text-field type="textarea" rows="4" label="Message" data-pick="reply-body" data-pick-inner="textarea"></md-outlined-text-field>
      <label class="row">
        <md-switch data-pick="reply-internal" data-pick-inner="input"></md-switch> Internal note
      </label>
      <div class="row" role="radiogroup" aria-label="Status after reply">
        <label><md-radio name="after" value="open" checked></md-radio> Keep open</label>
        <label><md-radio name="after" value="pending" data-pick="after-pending"></md-radio> Pending</label>
        <label><md-radio name="after" value="solved"></md-radio> Solved</label>
      </div>
      <div class="actions">
        <md-filled-button data-pick="reply-send" data-pick-inner="button">Send</md-filled-button>
        <md-text-button>Discard</md-text-button>
        <md-text-button data-pick="reply-close" data-pick-inner="button">Close</md-text-button>
      </div>
    </aside>
  </div>`;

const tags = ["md-filled-button", "md-outlined-button", "md-text-button", "md-checkbox", "md-radio",
  "md-outlined-select", "md-switch", "md-tabs", "md-primary-tab", "md-outlined-text-field"];
Promise.all(tags.map((tag) => customElements.whenDefined(tag)))
  .then(() => Promise.all([...document.querySelectorAll(tags.join(","))].map((el) => el.updateComplete)))
  .then(() => { document.documentElement.dataset.ready = "1"; });
