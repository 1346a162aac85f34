// "Go there and start": a walkthrough chosen on one page that starts on another
// is remembered here before the tab navigates, and handed to the first page
// that matches its start rule and delivers it (consumed once). Storage is the
// extension's, so it survives the navigation even to another application's
// origin; a start never taken expires, so a later visit does not surprise anyone.
import "../shared/urls.js";
import { applicationById, applicationFor } from "./apps.js";
import { storage } from "./ext.js";

const { urls } = globalThis.Trailguide;
const KEY = "pending-start";
export const PENDING_TTL_MS = 2 * 60 * 1000;
// Where each application was last seen (its origin): patterns without a port
// match any port, so they alone cannot say where the person uses the app.
/** @type {Map<number, URL>} */
const lastSeen = new Map();

/** Note the origin of a page of application `appId`. */
export function seen(appId, url) {
  try {
    lastSeen.set(appId, new URL(url));
  } catch {
    // not a URL: nothing learnt
  }
}

/** @param {string} pattern */
function parsed(pattern) {
  const p = urls.parsePattern(pattern);
  return "error" in p ? null : p;
}

const concrete = (host) => host && !host.includes("*");

/**
 * The address to open for a start rule of application `appId`, seen from `fromUrl`:
 * the rule's own host, else where the person last used the application, else its
 * pattern's host, else this page's. Null when the rule's path has wildcards.
 * @returns {string | null}
 */
export function resolve(rule, appId, fromUrl) {
  const r = parsed(rule);
  if (!r || r.path.includes("*")) return null;
  const from = new URL(fromUrl);
  const app = applicationById(appId);
  const origins = [];
  if (concrete(r.host)) {
    const sameHost = r.host === from.hostname;
    origins.push({ scheme: r.scheme, host: r.host, port: r.port ?? (sameHost ? from.port : "") });
  }
  const last = lastSeen.get(appId);
  if (last) origins.push({ scheme: last.protocol.slice(0, -1), host: last.hostname, port: last.port });
  for (const pattern of app?.url_patterns ?? []) {
    const p = parsed(pattern);
    if (!p || !concrete(p.host)) continue;
    const port = p.port ?? (p.host === from.hostname ? from.port : "");
    origins.push({ scheme: p.scheme, host: p.host, port });
  }
  origins.push({ scheme: from.protocol.slice(0, -1), host: from.hostname, port: from.port });
  for (const o of origins) {
    const scheme = r.scheme !== "*" ? r.scheme : o.scheme === "*" ? from.protocol.slice(0, -1) : o.scheme;
    const host = o.host.includes(":") ? `[${o.host}]` : o.host;
    const candidate = `${scheme}://${host}${o.port ? `:${o.port}` : ""}${r.path}`;
    if (urls.matches(rule, candidate) && applicationFor(candidate)?.id === appId) return candidate;
  }
  return null;
}

/**
 * @typedef {{walkthroughId: number, url: string, at: number}} PendingStart
 */

/**
 * Where to go for `walkthroughId` of application `appId` starting on rule `url`, and
 * remember to start it there; `{target: null}` when no address can be made from the rule.
 */
export async function remember({ walkthroughId, url, appId, from }) {
  if (!Number.isInteger(walkthroughId) || !Number.isInteger(appId) ||
      typeof url !== "string" || typeof from !== "string") return { target: null };
  const target = resolve(url, appId, from);
  if (!target) return { target: null };
  /** @type {PendingStart} */
  const pending = { walkthroughId, url, at: Date.now() };
  await storage.setLocal({ [KEY]: pending });
  return { target };
}

/**
 * The walkthrough to start on this page, if one is pending for it (then forgotten).
 * @param {string} pageUrl
 * @param {any} body the page's content answer
 * @returns {Promise<number | null>}
 */
export async function take(pageUrl, body) {
  /** @type {PendingStart | undefined} */
  const pending = (await storage.local([KEY]))[KEY];
  if (!pending) return null;
  if (!(Date.now() - pending.at < PENDING_TTL_MS)) {
    await storage.removeLocal([KEY]);
    return null;
  }
  const delivered = (body?.walkthroughs ?? []).some((w) => w?.id === pending.walkthroughId);
  if (!delivered || !urls.matches(pending.url, pageUrl)) return null;
  await storage.removeLocal([KEY]);
  return pending.walkthroughId;
}
