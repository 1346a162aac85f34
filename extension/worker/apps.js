// The workspace's applications: fetched with an ETag, cached, and turned into
// the player's content-script registration (injected only where they match).
import "../shared/urls.js";
import { call, HttpError, Unreachable } from "./api.js";
import { configured } from "./config.js";
import { CONTENT_CONTRACT } from "./content.js";
import { runtime, scripting, storage, tabs } from "./ext.js";
import { PLAYER_FILES } from "./files.js";

const { urls } = globalThis.Trailguide;
const CACHE_KEY = "cache:applications";

/**
 * @typedef {{id: number, key: string, name: string, url_patterns: string[],
 *            user_id_rule: Record<string, unknown>}} Application
 */

/** @type {Application[]} */
let applications = [];
/** @type {{ok: boolean, error: string | null, at: number | null, fromCache: boolean}} */
let lastSync = { ok: false, error: null, at: null, fromCache: false };
// Whether the server last said this extension is too old for it.
let updateRequired = false;

/** Larger is narrower: exact host over *.host over *, then a port, then the literal path. */
function specificity(pattern) {
  const parsed = urls.parsePattern(pattern);
  if ("error" in parsed) return [-1, 0, 0];
  const host = parsed.host === "*" ? 0 : parsed.host.startsWith("*.") ? 1 : 2;
  return [host, parsed.port === null ? 0 : 1, parsed.path.replaceAll("*", "").length];
}

function compare(a, b) {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/**
 * The application a URL belongs to, or null: the most specific matching
 * pattern wins, ties to the lowest id (as walkthroughs/applicability.py decides).
 */
export function applicationFor(url) {
  return bestApplication(applications, url);
}

/**
 * The application of `list` a URL belongs to, or null (same rule as applicationFor).
 * @template {{id: number, url_patterns: string[]}} T
 * @param {T[]} list
 * @param {string} url
 * @returns {T | null}
 */
export function bestApplication(list, url) {
  let best = null;
  let bestRank = null;
  for (const app of list) {
    for (const pattern of app.url_patterns) {
      if (!urls.matches(pattern, url)) continue;
      const rank = [...specificity(pattern), -app.id];
      if (!bestRank || compare(rank, bestRank) > 0) [best, bestRank] = [app, rank];
    }
  }
  return best;
}

/** The application with this id, or null. */
export function applicationById(id) {
  return applications.find((app) => app.id === id) ?? null;
}

export function syncStatus() {
  return { ...lastSync, applications: applications.length, updateRequired };
}

function sameServer(cached, settings) {
  return cached?.serverUrl === settings.serverUrl && cached?.clientKey === settings.clientKey;
}

/**
 * Fetch the applications (revalidating the cache), keep the cache when the
 * server is unreachable, and register the player on their patterns.
 * @param {{serverUrl: string, clientKey: string}} settings
 */
export async function refresh(settings) {
  if (!configured(settings)) {
    applications = [];
    lastSync = { ok: false, error: "not configured", at: Date.now(), fromCache: false };
    await apply();
    return;
  }
  const cached = (await storage.local([CACHE_KEY]))[CACHE_KEY];
  const usable = sameServer(cached, settings) ? cached : null;
  try {
    const answer = await call(settings, "/api/v1/client/applications", {
      etag: usable?.etag,
      headers: {
        "X-Trailguide-Extension": runtime.version(),
        "X-Trailguide-Contract": String(CONTENT_CONTRACT),
      },
    });
    if (answer.status !== 304 || !usable) {
      const body = answer.body ?? { applications: [] };
      const entry = { ...settings, etag: answer.etag, body, fetchedAt: Date.now() };
      await storage.setLocal({ [CACHE_KEY]: entry });
      applications = valid(body.applications);
    } else {
      applications = valid(usable.body.applications);
    }
    lastSync = { ok: true, error: null, at: Date.now(), fromCache: false };
    updateRequired = answer.updateRequired;
  } catch (error) {
    if (!(error instanceof Unreachable || error instanceof HttpError)) throw error;
    // Unreachable: guidance keeps working from the cache. A refused key means
    // this workspace is not ours to show.
    const refused = error instanceof HttpError && (error.status === 401 || error.status === 403);
    applications = usable && !refused ? valid(usable.body.applications) : [];
    lastSync = { ok: false, error: error.message, at: Date.now(), fromCache: !refused && !!usable };
  }
  await apply();
}

function valid(list) {
  if (!Array.isArray(list)) return [];
  return list.filter(
    (app) => app && Number.isInteger(app.id) && Array.isArray(app.url_patterns),
  );
}

/** Register the player where the applications live and start it in open tabs there. */
async function apply() {
  const matches = [...new Set(applications.flatMap((app) => app.url_patterns))]
    .map((pattern) => urls.toMatchPattern(pattern))
    .filter((pattern) => pattern !== null);
  const unique = [...new Set(matches)].sort();
  const before = await scripting.player();
  // Same hosts and the same files (an update of the extension may change the list).
  const same = unique.join("\n") === [...before.matches].sort().join("\n") &&
    before.js.join("\n") === PLAYER_FILES.join("\n");
  if (same) return;
  await scripting.registerPlayer(unique, [...PLAYER_FILES]);
  // Registration only applies to later navigations: start the player in the
  // tabs already open on an application (it refuses to run twice in a page).
  for (const tab of await tabs.all()) {
    if (tab.id !== undefined && tab.url && applicationFor(tab.url)) {
      await scripting.inject(tab.id, [...PLAYER_FILES]);
    }
  }
}
