// Articles for the player. Their images are fetched here (the page never talks
// to the server) and handed to the content script as data: URLs, which show
// inside the player's shadow root on a page whose CSP allows only its own
// origin. Only the server's stored-image paths are fetched, only image types
// are passed on, and at most the server's own limit; answers are kept in memory
// for a while. Each article's readable page becomes an address on the server.
import * as config from "./config.js";

const PATH = /^\/api\/v1\/images\/[0-9a-f]{32}$/;
const HELP_PATH = /^\/help\/articles\/\d+\/[A-Za-z0-9_-]+$/;
const TYPES = new Set(["image/png", "image/jpeg", "image/webp", "image/gif"]);
const MAX_BYTES = 2 * 1024 * 1024;
const TIMEOUT_MS = 15_000;
const KEPT = 24;

/** @type {Map<string, Promise<string | null>>} */
const kept = new Map();

function base64(bytes) {
  let text = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(text);
}

async function fetchImage(url) {
  let response;
  try {
    response = await fetch(url, { credentials: "omit", signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch {
    return null;
  }
  const type = (response.headers.get("Content-Type") ?? "").split(";")[0].trim().toLowerCase();
  if (!response.ok || !TYPES.has(type)) return null;
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.length > MAX_BYTES) return null;
  return `data:${type};base64,${base64(bytes)}`;
}

/**
 * A stored image of the configured server as a data: URL.
 * @param {{path: string}} message
 * @returns {Promise<{dataUrl: string | null}>}
 */
export async function image({ path }) {
  const settings = config.current();
  if (typeof path !== "string" || !PATH.test(path) || !config.configured(settings)) {
    return { dataUrl: null };
  }
  const url = `${settings.serverUrl}${path}`;
  let pending = kept.get(url);
  if (!pending) {
    pending = fetchImage(url);
    kept.set(url, pending);
    if (kept.size > KEPT) kept.delete(kept.keys().next().value ?? "");
    // A failure is not kept: the next view tries again.
    pending.then((found) => found === null && kept.delete(url));
  }
  return { dataUrl: await pending };
}

/**
 * The content answer with each article's readable page as an address on the server.
 * @param {any} body
 * @param {string} serverUrl
 */
export function withHelpLinks(body, serverUrl) {
  if (!Array.isArray(body?.articles)) return body;
  /** @param {any} article */
  const linked = (article) => ({
    ...article,
    help_url: typeof article?.help_path === "string" && HELP_PATH.test(article.help_path)
      ? `${serverUrl}${article.help_path}`
      : null,
  });
  const search = Array.isArray(body.search)
    ? body.search.map((entry) => (entry?.kind === "article" ? linked(entry) : entry))
    : body.search;
  // A process's article steps (contract 5) open the article's page too.
  const processes = Array.isArray(body.processes)
    ? body.processes.map((p) => ({ ...p, steps: Array.isArray(p?.steps) ? p.steps.map(linked) : [] }))
    : body.processes;
  return { ...body, articles: body.articles.map(linked), search, processes };
}
