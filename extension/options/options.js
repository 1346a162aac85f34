// The options page: edits the local settings, shows which ones the browser
// policy sets (those are read-only here), tests the connection and shows the
// worker's status. Changes apply without reloading the extension.
import "../shared/messages.js";

const { fromOptions, toOptions } = globalThis.Trailguide.messages;
const $ = (id) => /** @type {HTMLInputElement} */ (document.getElementById(id));
const FIELDS = { serverUrl: "serverUrl", clientKey: "clientKey", user: "userId" };

function say(text, kind = "") {
  const message = $("message");
  message.textContent = text;
  message.className = kind;
}

function localValue(key, local) {
  const value = local[key];
  if (key === "user") return typeof value === "object" && value ? (value.id ?? "") : (value ?? "");
  return typeof value === "string" ? value : "";
}

// Renders overlap (the first waits for a worker that may still be starting, while a
// Save triggers another): only the latest request's answer is shown.
let latestRender = 0;

async function render({ keepInputs = false } = {}) {
  const mine = ++latestRender;
  const answer = await chrome.runtime.sendMessage({ type: fromOptions.SETTINGS });
  const view = answer?.view;
  if (!view || mine !== latestRender) return;
  // Until the first settings are shown the inputs hold nothing of the person's.
  const keep = keepInputs && $("settings").getAttribute("aria-busy") !== "true";
  for (const [key, inputId] of Object.entries(FIELDS)) {
    const input = $(inputId);
    const managed = view.sources[key] === "managed";
    input.disabled = managed;
    const source = $(`${key}-source`);
    source.className = `source${managed ? " managed" : ""}`;
    source.textContent = managed
      ? "Set by your organization's policy."
      : view.sources[key] === "local" ? "Set in this browser." : "Not set.";
    if (managed) input.value = key === "user" ? view.effective.userId : view.effective[key];
    else if (!keep) input.value = localValue(key, view.local);
  }
  showStatus(answer);
  loaded();
}

/** The first settings are shown: the form can be edited. */
function loaded() {
  const form = $("settings");
  if (form.getAttribute("aria-busy") !== "true") return;
  form.removeAttribute("aria-busy");
  /** @type {HTMLFieldSetElement} */ (document.getElementById("fields")).disabled = false;
  if ($("message").className === "loading") say("");
}

function showStatus({ sync, queue }) {
  const rows = [
    ["Applications", sync.ok ? `${sync.applications} guided` : `${sync.applications} (from cache)`],
    ["Last sync", sync.at ? new Date(sync.at).toLocaleString() : "never"],
    ["Sync problem", sync.error ?? "none"],
    ["Events waiting", String(queue.queued)],
    ["Events sent", String(queue.sent)],
    ["Events dropped (queue full)", String(queue.dropped)],
    ["Send problem", queue.lastError ?? "none"],
  ];
  const list = $("status");
  list.replaceChildren(
    ...rows.flatMap(([term, value]) => {
      const dt = document.createElement("dt");
      dt.textContent = term;
      const dd = document.createElement("dd");
      dd.textContent = value;
      return [dt, dd];
    }),
  );
  list.dataset.applications = String(sync.applications);
  list.dataset.queued = String(queue.queued);
  list.dataset.dropped = String(queue.dropped);
  list.dataset.synced = String(Boolean(sync.ok));
  showUpdate(sync);
}

/** The server's word that this extension is too old for it: IT must roll out a newer one. */
function showUpdate(sync) {
  const notice = $("update");
  notice.hidden = !sync.updateRequired;
  notice.textContent = sync.updateRequired
    ? `Update required: the Trailguide server needs a newer extension than ${
      chrome.runtime.getManifest().version}. Ask your IT team to update it.`
    : "";
}

async function save(event) {
  event.preventDefault();
  const serverUrl = $("serverUrl").value.trim();
  if (serverUrl && !/^https?:\/\//i.test(serverUrl)) {
    say("The server URL starts with https:// (or http:// for a local server).", "error");
    $("serverUrl").focus();
    return;
  }
  const items = {};
  const removals = [];
  if (!$("serverUrl").disabled) (serverUrl ? (items.serverUrl = serverUrl) : removals.push("serverUrl"));
  const key = $("clientKey").value.trim();
  if (!$("clientKey").disabled) (key ? (items.clientKey = key) : removals.push("clientKey"));
  const userId = $("userId").value.trim();
  if (!$("userId").disabled) (userId ? (items.user = { id: userId }) : removals.push("user"));
  if (removals.length) await chrome.storage.local.remove(removals);
  await chrome.storage.local.set(items);
  say("Saved. Guidance updates in open tabs without a reload.", "ok");
}

async function test() {
  say("Testing…");
  const answer = await chrome.runtime.sendMessage({
    type: fromOptions.TEST_CONNECTION,
    serverUrl: $("serverUrl").value.trim(),
    clientKey: $("clientKey").value.trim(),
  });
  if (answer?.ok) {
    const names = answer.applications.join(", ") || "no applications yet";
    say(`Connected: ${names}.`, "ok");
  } else {
    say(`Could not connect: ${answer?.error ?? "no answer"}`, "error");
  }
}

$("settings").addEventListener("submit", save);
$("test").addEventListener("click", test);
chrome.runtime.onMessage.addListener((message) => {
  // The worker applied changed settings (from here, from policy or elsewhere).
  if (message?.type === toOptions.APPLIED) void render({ keepInputs: true });
  return false;
});
void render();
