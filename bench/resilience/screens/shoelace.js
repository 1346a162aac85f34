// Project settings built from Shoelace web components (shadow DOM): the
// guidance points at the parts inside their shadow roots, as the picker does.
// `data-pick` marks a picked component, `data-pick-inner` the part inside it
// (the harness reads and removes both before describing).
import "@shoelace-style/shoelace/dist/components/button/button.js";
import "@shoelace-style/shoelace/dist/components/checkbox/checkbox.js";
import "@shoelace-style/shoelace/dist/components/input/input.js";
import "@shoelace-style/shoelace/dist/components/option/option.js";
import "@shoelace-style/shoelace/dist/components/radio/radio.js";
import "@shoelace-style/shoelace/dist/components/radio-group/radio-group.js";
import "@shoelace-style/shoelace/dist/components/select/select.js";
import "@shoelace-style/shoelace/dist/components/switch/switch.js";
import "@shoelace-style/shoelace/dist/components/tab/tab.js";
import "@shoelace-style/shoelace/dist/components/tab-group/tab-group.js";
import "@shoelace-style/shoelace/dist/components/tab-panel/tab-panel.js";
import "@shoelace-style/shoelace/dist/components/textarea/textarea.js";
import { NAV, PEOPLE } from "./data.js";

const PICKED_ROWS = { 1002: "archive", 1005: "open", 1008: "archive", 1010: "star" };
const esc = (text) => String(text).replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
const mark = (id, what, inner = "[part~=base]") =>
  PICKED_ROWS[id] === what ? ` data-pick="row-${id}-${what}" data-pick-inner="${inner}"` : "";

const rows = PEOPLE.map((p) => `
  <tr>
    <td><sl-checkbox${mark(p.id, "star", "input")}>${esc(p.name)}</sl-checkbox></td>
    <td>${esc(p.team)}</td><td>${esc(p.email)}</td>
    <td>
      <sl-button size="small"${mark(p.id, "open")}>Open</sl-button>
      <sl-button size="small" variant="text"${mark(p.id, "archive")}>Archive</sl-button>
    </td>
  </tr>`).join("");

document.getElementById("app").innerHTML = `
  <header class="bar">
    <strong>Acme projects</strong>
    <nav>${NAV.map((name) => `<a href="#${name.toLowerCase()}"${name === "Settings" ? ' data-pick="nav-settings"' : ""}>${name}</a>`).join("")}</nav>
    <sl-button variant="primary" data-pick="new-project" data-pick-inner="[part~=base]">New project</sl-button>
  </header>
  <div class="layout">
    <main>
      <sl-tab-group>
        <sl-tab slot="nav" panel="general">General</sl-tab>
        <sl-tab slot="nav" panel="members" data-pick="tab-members">Members</sl-tab>
        <sl-tab slot="nav" panel="billing">Billing</sl-tab>
        <sl-tab-panel name="general"></sl-tab-panel><sl-tab-panel name="members"></sl-tab-panel>
        <sl-tab-panel name="billing"></sl-tab-panel>
      </sl-tab-group>
      <section class="card">
        <h2>General</h2>
        <sl-input label="Project name" value="Apollo" data-pick="project-name" data-pick-inner="input"></sl-input>
        <sl-input label="Repository URL" placeholder="https://git.example.test/apollo" data-pick="repo" data-pick-inner="input"></sl-input>
        <sl-select label="Visibility" value="team" data-pick="visibility" data-pick-inner="[part~=combobox]">
          <sl-option value="private">Private</sl-option><sl-option value="team">Team</sl-option>
          <sl-option value="public">Public</sl-option>
        </sl-select>
        <sl-textarea label="Description" data-pick="description" data-pick-inner="textarea"></sl-textarea>
        <sl-switch data-pick="notifications" data-pick-inner="input">Email notifications</sl-switch>
        <sl-radio-group label="Default branch protection" value="reviews">
          <sl-radio value="none">None</sl-radio><sl-radio value="reviews">Require reviews</sl-radio>
          <sl-radio value="strict" data-pick="strict" data-pick-inner="[part~=base]">Strict</sl-radio>
        </sl-radio-group>
        <div class="actions">
          <sl-button variant="primary" data-pick="general-save" data-pick-inner="[part~=base]">Save</sl-button>
          <sl-button>Cancel</sl-button>
        </div>
      </section>
      <section class="card">
        <h2>Members</h2>
        <div class="actions">
          <sl-input placeholder="Filter members" size="small" data-pick="filter" data-pick-inner="input"></sl-input>
          <sl-button size="small">Invite</sl-button>
        </div>
        <table><thead><tr><th>Name</th><th>Team</th><th>Email</th><th></th></tr></thead><tbody>${rows}</tbody></table>
      </section>
    </main>
    <aside class="card">
      <h2>Danger zone</h2>
      <sl-input label="Type the project name to confirm" data-pick="confirm" data-pick-inner="input"></sl-input>
      <sl-checkbox>Also delete the backups</sl-checkbox>
      <div class="actions">
        <sl-button variant="danger" data-pick="delete-project" data-pick-inner="[part~=base]">Delete project</sl-button>
        <sl-button>Cancel</sl-button>
        <sl-button variant="default" data-pick="danger-save" data-pick-inner="[part~=base]">Save</sl-button>
      </div>
    </aside>
  </div>`;

const tags = ["sl-button", "sl-input", "sl-select", "sl-checkbox", "sl-switch", "sl-tab-group", "sl-textarea", "sl-radio"];
Promise.all(tags.map((tag) => customElements.whenDefined(tag)))
  .then(() => Promise.all([...document.querySelectorAll(tags.join(","))].map((el) => el.updateComplete)))
  .then(() => { document.documentElement.dataset.ready = "1"; });
