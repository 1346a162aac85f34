// The launcher's search index (content contract 4). It spans the whole workspace, so
// it is one answer per person, not per page: each page's answer names its ETag, and
// the index is fetched only when that is not the ETag kept. One copy per person is
// kept in chrome.storage.local (with the cached answers, so it is evicted and
// cleared with them), where it still serves search while the server is unreachable.
// Past the server's bound (contract 6) the index ships no entries: the launcher then
// asks the server each query, and says search needs a connection while it is unreachable.
import { call, HttpError, Unreachable } from "./api.js";
import { cacheKey, CONTENT_CONTRACT, CONTRACT_HEADER, remember } from "./content.js";
import { storage } from "./ext.js";

const PATH = "/api/v1/client/search";
// What the index holds in place of entries when the server searches instead.
const SERVED_BY_SERVER = "server";

/** @type {Map<string, Promise<any[] | string | null>>} */
const inFlight = new Map();

/**
 * The content answer with the index it names as `search` (what the launcher reads):
 * an answer that names none (an older server carries `search` itself) is left as it is.
 * @param {{serverUrl: string, clientKey: string}} settings
 * @param {string} userId "" for an anonymous person
 * @param {{body: any, offline: boolean}} answer
 */
export async function withSearchIndex(settings, userId, answer) {
  const body = answer.body;
  const etag = body?.search_index?.etag;
  if (!body?.application || typeof etag !== "string") return body;
  const entries = await indexFor(settings, userId, etag, answer.offline);
  // Too big to ship (contract 6): the launcher asks the server each query (SEARCH).
  if (entries === SERVED_BY_SERVER) return { ...body, search: [], search_served_by: "server" };
  return { ...body, search: entries };
}

/**
 * The server's matches for `query` on the page `url`, best first (contract 6), or
 * `{offline: true}` when the server cannot be reached: no stale answer stands in.
 * @param {{serverUrl: string, clientKey: string}} settings
 * @param {string} userId "" for an anonymous person
 * @param {string} query
 * @param {string} url
 * @returns {Promise<{entries: any[], offline: boolean}>}
 */
export async function searchOnServer(settings, userId, query, url) {
  try {
    const answer = await call(settings, PATH, {
      headers: { [CONTRACT_HEADER]: String(CONTENT_CONTRACT) },
      userId,
      query: { q: query, url },
    });
    return { entries: Array.isArray(answer.body?.entries) ? answer.body.entries : [], offline: false };
  } catch (error) {
    if (error instanceof Unreachable) return { entries: [], offline: true };
    if (error instanceof HttpError) return { entries: [], offline: error.status >= 500 };
    throw error;
  }
}

/**
 * The person's index entries as of `etag` (the one kept when offline or unreachable;
 * null when there is none).
 * @returns {Promise<any[] | string | null>}
 */
async function indexFor(settings, userId, etag, offline) {
  const key = await cacheKey(`${settings.serverUrl}|${settings.clientKey}|${userId}|search`);
  const held = (await storage.local([key]))[key];
  if (held && (offline || held.etag === etag)) {
    await remember(key);
    return held.entries;
  }
  if (offline) return null;
  // The frames of a page, and tabs opening together, ask for the same index at once.
  const flight = `${key}|${etag}`;
  let pending = inFlight.get(flight);
  if (!pending) {
    pending = fetchIndex(settings, userId, key, held).finally(() => inFlight.delete(flight));
    inFlight.set(flight, pending);
  }
  return pending;
}

async function fetchIndex(settings, userId, key, held) {
  try {
    const answer = await call(settings, PATH, {
      headers: { [CONTRACT_HEADER]: String(CONTENT_CONTRACT) },
      userId,
      etag: held?.etag,
    });
    if (answer.status === 304 && held) {
      await remember(key);
      return held.entries;
    }
    const entries = answer.body?.served_by === SERVED_BY_SERVER
      ? SERVED_BY_SERVER
      : Array.isArray(answer.body?.entries) ? answer.body.entries : [];
    await storage.setLocal({ [key]: { etag: answer.etag, entries } });
    await remember(key);
    return entries;
  } catch (error) {
    if (error instanceof Unreachable || error instanceof HttpError) return held?.entries ?? null;
    throw error;
  }
}
