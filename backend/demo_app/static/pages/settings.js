// Profile and notification settings; also lets the demo switch who is signed in.
import { escapeHtml, load, save } from "../store.js";

const ZONES = ["Europe/Berlin", "Europe/London", "America/New_York", "America/Los_Angeles", "Asia/Tokyo"];

export function renderSettings(view) {
  const data = load();
  view.innerHTML = `
    <section class="page" data-page="settings">
      <div class="page-head"><h1>Settings</h1></div>
      <form id="settings-form" class="form card" data-testid="settings-form">
        <fieldset>
          <legend>Profile</legend>
          <div class="form-grid">
            <div class="field">
              <label for="settings-name">Display name</label>
              <input id="settings-name" name="name" data-testid="settings-name" value="${escapeHtml(data.user.name)}" required>
            </div>
            <div class="field">
              <label for="settings-email">Sign-in email</label>
              <input id="settings-email" name="id" type="email" data-testid="settings-email" value="${escapeHtml(data.user.id)}" required>
            </div>
            <div class="field">
              <label for="settings-timezone">Time zone</label>
              <select id="settings-timezone" name="timezone" data-testid="settings-timezone">
                ${ZONES.map((z) => `<option ${z === data.user.timezone ? "selected" : ""}>${z}</option>`).join("")}
              </select>
            </div>
          </div>
        </fieldset>
        <fieldset>
          <legend>Notifications</legend>
          ${Object.entries({ deals: "Deal stage changes", mentions: "Mentions", digest: "Weekly digest" }).map(([key, label]) => `
            <label class="check"><input type="checkbox" name="notify-${key}" data-testid="notify-${key}" ${data.notifications[key] ? "checked" : ""}> ${label}</label>`).join("")}
        </fieldset>
        <div class="actions">
          <button type="submit" class="btn btn-primary" data-testid="save-settings" id="save-settings">Save settings</button>
        </div>
      </form>
    </section>`;
  view.querySelector("#settings-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const form = new FormData(event.target);
    const fresh = load();
    fresh.user = { id: String(form.get("id")).trim(), name: String(form.get("name")).trim(), timezone: form.get("timezone") };
    for (const key of Object.keys(fresh.notifications)) fresh.notifications[key] = form.get(`notify-${key}`) === "on";
    save(fresh);
    window.dispatchEvent(new CustomEvent("acme:toast", { detail: "Settings saved" }));
    window.dispatchEvent(new CustomEvent("acme:navigate", { detail: "/acme/settings" }));
  });
}
