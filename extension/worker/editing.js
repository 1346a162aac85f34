// Editing sessions, one per tab in editor mode: what the tab edits and the
// author's working copy, kept in chrome.storage.session so recording continues
// across navigation, reloads and worker restarts. Saving goes to the admin API
// with If-Match; a stale ETag (412) becomes a clear "someone else changed it".
import "../shared/authoring.js";
import "../shared/messages.js";
import "../shared/urls.js";
import { AdminError } from "./admin.js";
import * as auth from "./auth.js";
import { scripting, storage, tabs } from "./ext.js";
import { EDITOR_LIBRARY, EDITOR_OWN_FILES } from "./files.js";

const { toContent } = globalThis.Trailguide.messages;
const { slug, nextKey } = globalThis.Trailguide.authoring;
const { matches } = globalThis.Trailguide.urls;

const PREFIX = "editor:tab:";
export const PLURALS = Object.freeze({ walkthrough: "walkthroughs", tip: "tips", feature: "features" });
const NOUNS = { walkthrough: "walkthrough", tip: "smart tip", feature: "feature tag" };
const KEY_ATTEMPTS = 20;

/**
 * @typedef {{id: number, key: string, name: string, url_patterns: string[]}} App
 * @typedef {{id: string, workspaceId: number, application: App, type: "walkthrough" | "tip" | "feature",
 *            itemId: number | null, key: string | null, revision: number | null,
 *            status: string, publishedVersion: number | null, changesUnpublished: boolean,
 *            draft: any, dirty: boolean, selected: number, pages: Record<string, string>,
 *            preview: {step: number} | null}} Session
 */

/** A new item's document: what the server would default, plus sensible choices. */
function blank(type, name) {
  const named = { name: String(name ?? "").trim().slice(0, 200) || `New ${NOUNS[type]}` };
  if (type === "walkthrough") {
    return { ...named, description: "", locale: "en", trigger: { type: "auto" }, url: null,
      frequency: "once", steps: [] };
  }
  if (type === "tip") {
    return { ...named, locale: "en", target: null, title: "", body: "", trigger: "hover", url: null };
  }
  return { ...named, description: "", target: null, url: null }; // a feature tag has no texts to translate
}

// Read-modify-write of a tab's session happens one at a time.
const chains = new Map();
/**
 * @template T
 * @param {number | string} tabId a tab, or a named chain of a tab's work
 * @param {() => Promise<T>} work
 * @returns {Promise<T>}
 */
function serial(tabId, work) {
  const next = (chains.get(tabId) ?? Promise.resolve()).then(work, work);
  chains.set(tabId, next.catch(() => {}));
  return next;
}

/** @returns {Promise<Session | null>} */
export async function sessionOf(tabId) {
  const key = PREFIX + tabId;
  return (await storage.session([key]))[key] ?? null;
}

/**
 * @param {number} tabId
 * @param {Session} session
 * @returns {Promise<Session>}
 */
async function put(tabId, session) {
  await storage.setSession({ [PREFIX + tabId]: session });
  return session;
}

const itemPath = (s, suffix = "") =>
  `/api/v1/workspaces/${s.workspaceId}/${PLURALS[s.type]}${s.itemId ? `/${s.itemId}` : ""}${suffix}`;

/** The session's fields that follow the server's copy of the item. */
function fromItem(item) {
  return {
    itemId: item.id,
    key: item.key,
    revision: item.revision,
    status: item.status,
    publishedVersion: item.published_version ?? null,
    changesUnpublished: Boolean(item.has_unpublished_changes),
  };
}

/**
 * Turn editor mode on in a tab for an item (an existing one, or a new one named `name`).
 * @param {number} tabId
 * @param {{workspaceId: number, application: App, type: Session["type"], itemId?: number | null,
 *          name?: string}} what
 */
export async function start(tabId, what) {
  if (!PLURALS[what.type]) throw new AdminError(400, "bad_type", "Nothing to edit of that kind.");
  /** @type {Session} */
  let session = {
    id: crypto.randomUUID(),
    workspaceId: what.workspaceId,
    application: what.application,
    type: what.type,
    itemId: what.itemId ?? null,
    key: null,
    revision: null,
    status: "new",
    publishedVersion: null,
    changesUnpublished: false,
    draft: blank(what.type, what.name),
    dirty: false,
    selected: -1,
    pages: {},
    preview: null,
  };
  if (session.itemId) {
    const item = (await auth.call(itemPath(session))).body;
    if (item.application_id !== what.application.id) {
      throw new AdminError(409, "other_application", "That item belongs to another application.");
    }
    session = { ...session, ...fromItem(item), draft: item.draft, selected: 0 };
  }
  await serial(tabId, () => put(tabId, session));
  await reveal(tabId);
  return session;
}

/** Have the tab's editor send its latest typing now (a no-op where none runs). */
export async function flush(tabId) {
  await tabs.sendTop(tabId, { type: toContent.EDITOR_FLUSH });
}

/** Turn editor mode off in a tab (the working copy is dropped). */
export async function stop(tabId) {
  await serial(tabId, () => storage.removeSession(PREFIX + tabId));
  await tabs.sendTop(tabId, { type: toContent.EDITOR_SYNC });
}

/**
 * Keep the author's working copy (sent by the editor after each change; `dirty`
 * says whether it differs from the saved draft — choosing a step does not).
 * @param {{draft?: any, selected?: number, pages?: Record<string, string>, dirty?: boolean}} change
 */
export function change(tabId, change) {
  return serial(tabId, async () => {
    const session = await sessionOf(tabId);
    if (!session) return null;
    const dirty = typeof change.dirty === "boolean" ? change.dirty : session.dirty;
    return put(tabId, { ...session, ...working(change), dirty });
  });
}

function working(change) {
  const out = {};
  if (change.draft && typeof change.draft === "object") out.draft = change.draft;
  if (Number.isInteger(change.selected)) out.selected = change.selected;
  if (change.pages && typeof change.pages === "object") out.pages = change.pages;
  return out;
}

/** Where the draft's preview is (null: not previewing). */
export function preview(tabId, state) {
  return serial(tabId, async () => {
    const session = await sessionOf(tabId);
    if (!session) return null;
    const step = state && Number.isInteger(state.step) ? { step: state.step } : null;
    return put(tabId, { ...session, preview: step });
  });
}

/**
 * Save the working copy: create the item (a free key from its name) or PUT it
 * with If-Match. `force` saves over someone else's change (after a 412).
 * @param {{draft?: any, selected?: number, pages?: Record<string, string>, force?: boolean}} [latest]
 */
export function save(tabId, latest = {}) {
  return serial(tabId, async () => {
    let session = await sessionOf(tabId);
    if (!session) throw notEditing();
    session = { ...session, ...working(latest) };
    const item = session.itemId ? await update(session, Boolean(latest.force)) : await create(session);
    return put(tabId, { ...session, ...fromItem(item), draft: item.draft, dirty: false });
  });
}

async function create(session) {
  const base = slug(session.draft?.name ?? NOUNS[session.type]);
  for (let attempt = 0; attempt < KEY_ATTEMPTS; attempt++) {
    const key = attempt ? nextKey(base, attempt) : base;
    try {
      const answer = await auth.call(itemPath(session), {
        method: "POST",
        body: { key, application_id: session.application.id, draft: session.draft },
      });
      return answer.body;
    } catch (error) {
      // The key is taken by another item: try the next one.
      if (!(error instanceof AdminError && error.status === 409)) throw error;
    }
  }
  throw new AdminError(409, "conflict", "Could not find a free key for this name; rename it.");
}

async function update(session, force) {
  let revision = session.revision;
  if (force) revision = (await auth.call(itemPath(session))).body.revision;
  try {
    const answer = await auth.call(itemPath(session), {
      method: "PUT",
      body: { draft: session.draft },
      ifMatch: `"${revision}"`,
    });
    return answer.body;
  } catch (error) {
    if (error instanceof AdminError && error.status === 412) {
      throw new AdminError(
        412,
        "conflict",
        `Someone else changed this ${NOUNS[session.type]} since you opened it. Load their ` +
          "version (your changes here are dropped), or save yours over theirs.",
      );
    }
    throw error;
  }
}

/** Replace the working copy with the server's draft (after a conflict). */
export function reload(tabId) {
  return serial(tabId, async () => {
    const session = await sessionOf(tabId);
    if (!session) throw notEditing();
    if (!session.itemId) return session;
    const item = (await auth.call(itemPath(session))).body;
    const steps = item.draft?.steps?.length ?? 0;
    const selected = Math.min(session.selected, steps - 1);
    return put(tabId, { ...session, ...fromItem(item), draft: item.draft, dirty: false, selected });
  });
}

/** Save when needed, then publish the draft as a new version. */
export async function publish(tabId, latest = {}) {
  let session = await sessionOf(tabId);
  if (!session) throw notEditing();
  if (session.dirty || !session.itemId || latest.draft) session = await save(tabId, latest);
  return serial(tabId, async () => {
    const current = (await sessionOf(tabId)) ?? session;
    const answer = await auth.call(itemPath(current, "/publish"), {
      method: "POST",
      body: { note: "Published from the editor" },
      ifMatch: `"${current.revision}"`,
    });
    return put(tabId, { ...current, ...fromItem(answer.body), draft: answer.body.draft });
  });
}

function notEditing() {
  return new AdminError(409, "not_editing", "Editor mode is off on this tab.");
}

/** Whether the tab shows a page of the session's application (the editor runs only there). */
function inApplication(session, url) {
  return (session.application.url_patterns ?? []).some((pattern) => matches(pattern, url));
}

/** Start (or re-sync) the editor in the tab when it shows a page of the application. */
export async function reveal(tabId) {
  const session = await sessionOf(tabId);
  const tab = await tabs.get(tabId);
  if (!session || !tab?.url || !inApplication(session, tab.url)) return false;
  const injected = await serial(`inject:${tabId}`, () =>
    scripting.injectEditor(tabId, EDITOR_LIBRARY, EDITOR_OWN_FILES));
  if (injected) await tabs.sendTop(tabId, { type: toContent.EDITOR_SYNC });
  return injected;
}

/** The tab is gone: so is its session. */
export async function forget(tabId) {
  chains.delete(tabId);
  chains.delete(`inject:${tabId}`);
  await storage.removeSession(PREFIX + tabId);
}
