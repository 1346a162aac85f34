// The toolbar popup of editor mode: sign in, choose the workspace, find (or
// create) the application of the current tab, open or create a walkthrough,
// smart tip or feature tag, and turn editor mode on or off for the tab. Every
// answer comes from the worker, which alone holds the sign-in token.
// Opened as popup.html?tab=<id> (the "Open in a window" button), it acts on that tab.
import "../shared/authoring.js";
import "../shared/messages.js";

const { fromPopup } = globalThis.Trailguide.messages;
const { problemLines, slug } = globalThis.Trailguide.authoring;
const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
const KINDS = { walkthrough: "walkthrough", tip: "smart tip", feature: "feature tag" };
const STATUS = { new: "not saved yet", draft: "draft", published: "published", unpublished: "unpublished" };

/** @type {any} */
let state = null;
let tabId = 0;

async function targetTab() {
  const asked = Number(new URLSearchParams(location.search).get("tab"));
  if (Number.isInteger(asked) && asked > 0) return asked;
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? 0;
}

/** Ask the worker; a thrown error becomes a problem to show. */
async function ask(type, payload = {}) {
  try {
    const answer = await chrome.runtime.sendMessage({ ...payload, type });
    if (answer?.error) return { problem: { message: String(answer.error) } };
    return answer ?? {};
  } catch (error) {
    return { problem: { message: String(error instanceof Error ? error.message : error) } };
  }
}

function say(text, kind = "") {
  const message = $("message");
  message.textContent = text;
  message.className = kind;
}

/** Show the problem of an answer; true when there was one. */
function failed(answer) {
  if (!answer?.problem) return false;
  const details = answer.problem.details;
  const lines = problemLines(details);
  say([answer.problem.message, ...lines].join(" "), "error");
  return true;
}

function show(id, visible) {
  $(id).hidden = !visible;
}

async function refresh() {
  state = await ask(fromPopup.STATE, { tabId });
  render();
  if (state.signedIn && state.application) await renderItems();
  document.querySelector("main")?.setAttribute("aria-busy", "false");
}

function render() {
  const signedIn = Boolean(state.signedIn);
  show("sign-in", !signedIn);
  show("account", signedIn);
  if (!signedIn) {
    const server = /** @type {HTMLInputElement} */ ($("server"));
    const email = /** @type {HTMLInputElement} */ ($("email"));
    server.value ||= state.lastServer ?? "";
    email.value ||= state.lastEmail ?? "";
    for (const id of ["not-web", "editing", "new-app", "app"]) show(id, false);
    return;
  }
  if (state.problem) failed(state);
  $("who").textContent = state.user;
  const select = /** @type {HTMLSelectElement} */ ($("workspace"));
  select.replaceChildren(...state.workspaces.map((w) => new Option(`${w.name} (${w.role})`, String(w.id))));
  select.value = String(state.workspaceId ?? "");
  const note = $("role-note");
  note.hidden = state.canEdit;
  note.className = "note warning";
  note.textContent = state.canEdit ? "" :
    `You are ${article(state.role)} ${state.role || "guest"} in this workspace: you cannot edit ` +
    "guidance here. Ask an owner or admin for the editor role.";
  const web = Boolean(state.tab?.web);
  show("not-web", state.canEdit && !web);
  renderEditing(state.canEdit ? state.editing : null);
  show("new-app", state.canEdit && web && !state.application && Boolean(state.suggestion));
  if (state.suggestion && !state.application) {
    const name = /** @type {HTMLInputElement} */ ($("app-name-input"));
    const pattern = /** @type {HTMLInputElement} */ ($("app-pattern"));
    name.value ||= state.suggestion.name;
    pattern.value ||= state.suggestion.pattern;
  }
  show("app", state.canEdit && Boolean(state.application));
  if (state.application) {
    $("app-name").textContent = state.application.name;
    $("app-patterns").textContent = state.application.url_patterns.join(", ");
  }
}

const article = (word) => (/^[aeiou]/i.test(word ?? "") ? "an" : "a");

function renderEditing(editing) {
  show("editing", Boolean(editing));
  show("stop-choice", false);
  show("stop", Boolean(editing));
  if (!editing) return;
  $("editing-name").textContent = editing.name;
  $("editing-kind").textContent = `(${KINDS[editing.type]})`;
  const badge = $("editing-state");
  badge.textContent = editing.dirty ? "unsaved changes" : STATUS[editing.status] ?? editing.status;
  badge.className = `badge ${editing.dirty ? "dirty" : editing.status}`;
}

async function renderItems() {
  const items = await ask(fromPopup.LIST_ITEMS, { applicationId: state.application.id });
  if (failed(items)) return;
  for (const group of document.querySelectorAll(".group")) {
    const type = group.getAttribute("data-type") ?? "";
    const list = /** @type {HTMLElement} */ (group.querySelector(".items"));
    const rows = (items[type] ?? []).map((item) => itemRow(type, item));
    if (!rows.length) {
      const empty = document.createElement("li");
      empty.className = "empty";
      empty.textContent = `No ${KINDS[type]}s yet.`;
      rows.push(empty);
    }
    list.replaceChildren(...rows);
  }
}

function itemRow(type, item) {
  const li = document.createElement("li");
  const name = document.createElement("span");
  name.className = "name";
  name.textContent = item.name;
  const badge = document.createElement("span");
  badge.className = `badge ${item.status}`;
  badge.textContent = item.changesUnpublished && item.status === "published"
    ? "published · changed" : STATUS[item.status] ?? item.status;
  const button = document.createElement("button");
  button.type = "button";
  const current = state.editing?.itemId === item.id && state.editing?.type === type;
  button.textContent = current ? "Editing" : "Edit";
  button.disabled = current;
  button.setAttribute("aria-label", `Edit ${KINDS[type]} ${item.name}`);
  button.addEventListener("click", () => void startEditing({ type, itemId: item.id }));
  li.append(name, badge, button);
  return li;
}

async function startEditing({ type, itemId = null, name = "" }) {
  if (state.editing?.dirty) {
    say("Save or discard the changes you are editing first (Turn editor off).", "error");
    return;
  }
  say(itemId ? "Opening…" : "Creating…");
  const answer = await ask(fromPopup.EDIT, {
    tabId,
    applicationId: state.application.id,
    itemType: type,
    itemId,
    name,
  });
  if (failed(answer)) return;
  say(answer.shown
    ? "Editor mode is on: the editor is open on the page."
    : "Editor mode is on: it opens on this application's pages.", "ok");
  await refresh();
}

async function stopEditing(save) {
  const answer = await ask(fromPopup.STOP, { tabId, save });
  if (failed(answer)) return;
  say("Editor mode is off.", "ok");
  await refresh();
}

function wire() {
  $("sign-in-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const form = new FormData(/** @type {HTMLFormElement} */ (event.target));
    say("Signing in…");
    const answer = await ask(fromPopup.SIGN_IN, {
      serverUrl: form.get("server"),
      email: form.get("email"),
      password: form.get("password"),
    });
    /** @type {HTMLInputElement} */ ($("password")).value = "";
    if (answer.problem?.status === 401) answer.problem.message = "Wrong email or password.";
    if (failed(answer)) return;
    say("");
    await refresh();
  });
  $("sso-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const form = new FormData(/** @type {HTMLFormElement} */ (event.target));
    say("Signing in with your company account…");
    const answer = await ask(fromPopup.SSO_SIGN_IN, {
      serverUrl: /** @type {HTMLInputElement} */ ($("server")).value,
      workspace: form.get("workspace"),
    });
    if (failed(answer)) return;
    say("");
    await refresh();
  });
  $("sign-out").addEventListener("click", async () => {
    await ask(fromPopup.SIGN_OUT);
    say("Signed out.", "ok");
    await refresh();
  });
  $("workspace").addEventListener("change", async (event) => {
    const workspaceId = Number(/** @type {HTMLSelectElement} */ (event.target).value);
    await ask(fromPopup.CHOOSE_WORKSPACE, { workspaceId });
    say("");
    await refresh();
  });
  $("app-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const form = new FormData(/** @type {HTMLFormElement} */ (event.target));
    const answer = await ask(fromPopup.CREATE_APPLICATION, {
      name: form.get("name"),
      key: slug(String(form.get("name") ?? "")),
      pattern: form.get("pattern"),
    });
    if (failed(answer)) return;
    say(`${answer.application.name} was added.`, "ok");
    await refresh();
  });
  for (const group of document.querySelectorAll(".group")) {
    /** @type {HTMLFormElement} */ (group.querySelector("form")).addEventListener("submit", (event) => {
      event.preventDefault();
      const input = /** @type {HTMLInputElement} */ (group.querySelector("input"));
      if (!input.value.trim()) {
        say(`Give the new ${KINDS[group.getAttribute("data-type")]} a name.`, "error");
        input.focus();
        return;
      }
      void startEditing({ type: group.getAttribute("data-type"), name: input.value });
      input.value = "";
    });
  }
  $("stop").addEventListener("click", () => {
    if (state.editing?.dirty) {
      show("stop-choice", true);
      show("stop", false);
      return;
    }
    void stopEditing(false);
  });
  $("stop-save").addEventListener("click", () => void stopEditing(true));
  $("stop-discard").addEventListener("click", () => void stopEditing(false));
  // Already in a window of its own: nothing to pop out.
  $("pop-out").hidden = new URLSearchParams(location.search).has("tab");
  $("pop-out").addEventListener("click", () => {
    void chrome.windows.create({
      url: chrome.runtime.getURL(`popup/popup.html?tab=${tabId}`),
      type: "popup",
      width: 420,
      height: 640,
    });
    if (!new URLSearchParams(location.search).has("tab")) window.close();
  });
}

tabId = await targetTab();
wire();
await refresh();
