// The thin facade over chrome.*: every browser API the worker uses goes
// through here, so the rest reads as plain async code and the few quirks
// (missing managed schema, closed tabs, stale registrations) live in one place.

// Stored JSON: each reader knows the shape of its own keys.
/** @typedef {Record<string, any>} Bag */

export const storage = {
  /** @param {string[] | null} keys @returns {Promise<Bag>} */
  local: (keys = null) => chrome.storage.local.get(keys),
  /** @param {Bag} items */
  setLocal: (items) => chrome.storage.local.set(items),
  /** @param {string | string[]} keys */
  removeLocal: (keys) => chrome.storage.local.remove(keys),
  /** @param {string[] | null} keys @returns {Promise<Bag>} */
  session: (keys = null) => chrome.storage.session.get(keys),
  /** @param {Bag} items */
  setSession: (items) => chrome.storage.session.set(items),
  /** @param {string | string[]} keys */
  removeSession: (keys) => chrome.storage.session.remove(keys),
  /** Policy-set values; {} when there is no policy (or no schema to read it with). */
  async managed() {
    try {
      return (await chrome.storage.managed.get(null)) ?? {};
    } catch {
      return {};
    }
  },
};

export const alarms = {
  /** @param {string} name @param {number} when epoch ms */
  at: (name, when) => chrome.alarms.create(name, { when: Math.max(when, Date.now() + 50) }),
  /** @param {string} name @param {number} minutes */
  every: (name, minutes) => chrome.alarms.create(name, { periodInMinutes: minutes }),
  /** @param {string} name */
  clear: (name) => chrome.alarms.clear(name),
  /** @param {string} name */
  get: (name) => chrome.alarms.get(name),
};

const SCRIPT_ID = "trailguide-player";

export const scripting = {
  /**
   * Register (or update) the player on `matches`; none unregisters it.
   * @param {string[]} matches Chrome match patterns
   * @param {string[]} js files in load order
   */
  async registerPlayer(matches, js) {
    const existing = await chrome.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] });
    if (!matches.length) {
      if (existing.length) await chrome.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
      return;
    }
    const script = {
      id: SCRIPT_ID,
      matches,
      js,
      allFrames: true,
      runAt: /** @type {const} */ ("document_idle"),
      persistAcrossSessions: true,
    };
    if (existing.length) await chrome.scripting.updateContentScripts([script]);
    else await chrome.scripting.registerContentScripts([script]);
  },
  /** @returns {Promise<{matches: string[], js: string[]}>} the player's registration (empty: none) */
  async player() {
    const [script] = await chrome.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] });
    return { matches: script?.matches ?? [], js: script?.js ?? [] };
  },
  /** Inject the player into an already-open tab (it guards against running twice). */
  async inject(tabId, js) {
    try {
      await chrome.scripting.executeScript({ target: { tabId, allFrames: true }, files: js });
    } catch {
      // The tab closed or shows a page we may not script: nothing to guide there.
    }
  },
  /**
   * Inject the editor into a tab's top frame (it reaches same-origin frames
   * from there): `library` only where the player has not loaded it already.
   * False when the page may not be scripted (chrome://, the web store).
   * @param {number} tabId @param {readonly string[]} library @param {readonly string[]} own
   */
  async injectEditor(tabId, library, own) {
    try {
      const [probe] = await chrome.scripting.executeScript({
        target: { tabId },
        func: () => ({
          library: Boolean(globalThis.Trailguide?.flow),
          editor: Boolean(globalThis.Trailguide?.editor),
        }),
      });
      const loaded = probe?.result ?? { library: false, editor: false };
      if (loaded.editor) return true;
      const files = loaded.library ? [...own] : [...library, ...own];
      await chrome.scripting.executeScript({ target: { tabId }, files });
      return true;
    } catch {
      return false;
    }
  },
  /**
   * Read a dotted global (e.g. "app.session.user.id") in the page's own world.
   * Only a string or number comes back; nothing of ours enters the page.
   */
  async readPageGlobal(tabId, frameId, path) {
    const [result] = await chrome.scripting.executeScript({
      target: { tabId, frameIds: [frameId] },
      world: "MAIN",
      args: [path],
      func: (dotted) => {
        let value = globalThis;
        for (const key of String(dotted).split(".")) {
          if (value == null || !(key in Object(value))) {
            return null;
          }
          value = value[key];
        }
        return typeof value === "string" || typeof value === "number" ? String(value) : null;
      },
    });
    return result?.result ?? null;
  },
};

export const tabs = {
  /** @returns {Promise<chrome.tabs.Tab[]>} */
  all: () => chrome.tabs.query({}),
  /** Send to a tab's content scripts; a tab without them is not an error. */
  async send(tabId, message) {
    try {
      return await chrome.tabs.sendMessage(tabId, message);
    } catch {
      return undefined;
    }
  },
  /** Send to the content scripts of a tab's top frame only (the editor lives there). */
  async sendTop(tabId, message) {
    try {
      return await chrome.tabs.sendMessage(tabId, message, { frameId: 0 });
    } catch {
      return undefined;
    }
  },
  /** @returns {Promise<chrome.tabs.Tab | null>} the tab, or null when it is gone */
  async get(tabId) {
    try {
      return await chrome.tabs.get(tabId);
    } catch {
      return null;
    }
  },
};

export const identity = {
  /** The address a web auth flow ends on (never loaded by any page). @param {string} path */
  redirectUrl: (path) => chrome.identity.getRedirectURL(path),
  /**
   * Run a sign-in in the browser's auth window; resolves with the URL it ended on.
   * @param {string} url
   */
  launchWebAuthFlow: (url) => chrome.identity.launchWebAuthFlow({ url, interactive: true }),
  /** The signed-in profile's email, or "" when none (or the API is unavailable). */
  async profileEmail() {
    try {
      const info = await chrome.identity.getProfileUserInfo({ accountStatus: "ANY" });
      return info?.email ?? "";
    } catch {
      return "";
    }
  },
};

export const runtime = {
  version: () => chrome.runtime.getManifest().version,
  /** @param {string} path */
  url: (path) => chrome.runtime.getURL(path),
};
