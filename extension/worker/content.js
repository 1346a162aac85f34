// Delivery: the guidance for a page, revalidated with ETags on every page and
// cached in chrome.storage.local so it keeps showing while the server is down.
import { call, HttpError, Unreachable } from "./api.js";
import { storage } from "./ext.js";

// The newest content contract version this extension renders (CONTENT_CONTRACT.md):
// the server leaves out kinds newer than it. Bump it with the player feature of a new kind.
export const CONTENT_CONTRACT = 6;
export const CONTRACT_HEADER = "X-Trailguide-Contract";
const PREFIX = "cache:content:";
const INDEX_KEY = "cache:content-index";
const MAX_ENTRIES = 60;
// Several frames and quick SPA route changes ask for the same page at once.
const FRESH_MS = 1500;

/** @type {Map<string, {at: number, promise: Promise<ContentAnswer>}>} */
const recent = new Map();

/**
 * @typedef {{body: any, offline: boolean}} ContentAnswer
 */

/** The page URL as the server and the cache see it: no query string, no fragment. */
export function pageKeyUrl(url) {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return "";
  }
}

async function digest(text) {
  const bytes = new TextEncoder().encode(text);
  const hash = await crypto.subtle.digest("SHA-256", bytes);
  return [...new Uint8Array(hash).slice(0, 12)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** The storage key of a cached answer, in the cache that clearCache empties. */
export async function cacheKey(text) {
  return PREFIX + (await digest(text));
}

/**
 * The content answer for a page and person (null body when there is none).
 * @param {{serverUrl: string, clientKey: string}} settings
 * @param {string} url
 * @param {string} userId "" for an anonymous person
 * @returns {Promise<ContentAnswer>}
 */
export async function contentFor(settings, url, userId, appId) {
  const pageUrl = pageKeyUrl(url);
  const person = `${settings.serverUrl}|${settings.clientKey}|${userId}`;
  const memoKey = `${person}|${pageUrl}`;
  const memo = recent.get(memoKey);
  if (memo && Date.now() - memo.at < FRESH_MS) return memo.promise;
  const promise = fetchContent(settings, pageUrl, userId, memoKey, `${person}|app:${appId}`);
  recent.set(memoKey, { at: Date.now(), promise });
  if (recent.size > 50) recent.delete(recent.keys().next().value ?? "");
  return promise;
}

/** Forget the in-memory answers (after progress changes or new settings). */
export function forgetRecent() {
  recent.clear();
}

async function fetchContent(settings, pageUrl, userId, memoKey, appKey) {
  const key = await cacheKey(memoKey);
  // The application's latest answer stands in for pages never visited online.
  const fallbackKey = await cacheKey(appKey);
  const cached = (await storage.local([key]))[key];
  try {
    const answer = await call(settings, "/api/v1/client/content", {
      query: { url: pageUrl },
      headers: { [CONTRACT_HEADER]: String(CONTENT_CONTRACT) },
      userId,
      etag: cached?.etag,
    });
    if (answer.status === 304 && cached) {
      await remember(key);
      return { body: cached.body, offline: false };
    }
    const entry = { etag: answer.etag, body: answer.body };
    await storage.setLocal(answer.body?.application ? { [key]: entry, [fallbackKey]: entry } : { [key]: entry });
    await remember(key);
    if (answer.body?.application) await remember(fallbackKey);
    return { body: answer.body, offline: false };
  } catch (error) {
    if (error instanceof Unreachable || (error instanceof HttpError && error.status >= 500)) {
      const fallback = cached ?? (await storage.local([fallbackKey]))[fallbackKey];
      return { body: fallback?.body ?? null, offline: true };
    }
    if (error instanceof HttpError) return { body: null, offline: false };
    throw error;
  }
}

/** Mark a cached answer as used: least-recently-used eviction keeps the cache bounded. */
export async function remember(key) {
  const index = (await storage.local([INDEX_KEY]))[INDEX_KEY] ?? [];
  const next = [key, ...index.filter((k) => k !== key)];
  const evicted = next.splice(MAX_ENTRIES);
  await storage.setLocal({ [INDEX_KEY]: next });
  if (evicted.length) await storage.removeLocal(evicted);
}

/** Drop every cached answer (new server or client key). */
export async function clearCache() {
  recent.clear();
  const index = (await storage.local([INDEX_KEY]))[INDEX_KEY] ?? [];
  await storage.removeLocal([...index, INDEX_KEY]);
}
