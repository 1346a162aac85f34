// The HTTP client for the Trailguide API. Only the worker talks to the server:
// the client key lives here and never reaches a page.

/** The server could not be reached (network error or timeout). */
export class Unreachable extends Error {}

/** The server answered with an error status. */
export class HttpError extends Error {
  /** @param {number} status @param {string} message @param {number | null} retryAfterMs */
  constructor(status, message, retryAfterMs = null) {
    super(`${status}: ${message}`);
    this.status = status;
    this.retryAfterMs = retryAfterMs;
  }
}

const TIMEOUT_MS = 15_000;

function retryAfter(header) {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}

/**
 * fetch as the worker always does (no cookies, no HTTP cache, a timeout) and
 * read the JSON body (null when there is none). Network failures throw Unreachable.
 * @param {URL} url
 * @param {{method?: string, headers?: Record<string, string>, body?: unknown}} [options]
 * @returns {Promise<{response: Response, body: any}>}
 */
export async function fetchJson(url, { method = "GET", headers = {}, body } = {}) {
  let response;
  try {
    response = await fetch(url, {
      method,
      headers: body === undefined ? headers : { ...headers, "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: "no-store",
      credentials: "omit",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    throw new Unreachable(`${url.origin}: ${error instanceof Error ? error.message : error}`);
  }
  let json = null;
  if (response.status !== 204 && response.status !== 304) {
    try {
      json = await response.json();
    } catch {
      json = null;
    }
  }
  return { response, body: json };
}

/**
 * Call the API. 304 comes back as {status: 304, body: null}; errors throw.
 * @param {{serverUrl: string, clientKey: string}} settings
 * @param {string} path e.g. "/api/v1/client/applications"
 * @param {{method?: string, body?: unknown, etag?: string, userId?: string,
 *          query?: Record<string, string>, headers?: Record<string, string>}} [options]
 * @returns {Promise<{status: number, etag: string | null, body: any, updateRequired: boolean}>}
 */
export async function call(settings, path, options = {}) {
  const url = new URL(`${settings.serverUrl}${path}`);
  for (const [key, value] of Object.entries(options.query ?? {})) url.searchParams.set(key, value);
  /** @type {Record<string, string>} */
  const headers = { ...options.headers, "X-Trailguide-Key": settings.clientKey, Accept: "application/json" };
  if (options.userId) headers["X-Trailguide-User"] = options.userId;
  if (options.etag) headers["If-None-Match"] = options.etag;
  const { response, body } = await fetchJson(url, { method: options.method, headers, body: options.body });
  const etag = response.headers.get("ETag");
  // The server's word that this extension is too old for it (see the options page).
  const updateRequired = response.headers.get("X-Trailguide-Update") === "required";
  if (response.status === 304) return { status: 304, etag, body: null, updateRequired };
  if (!response.ok) {
    const message = body?.error?.message ?? response.statusText ?? "request failed";
    throw new HttpError(response.status, message, retryAfter(response.headers.get("Retry-After")));
  }
  return { status: response.status, etag, body, updateRequired };
}
