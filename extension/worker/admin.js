// The admin API as a signed-in author (editor mode): a bearer token, JSON
// bodies, ETags with If-Match. Only the worker holds the token; the popup and
// the editor's content scripts ask for what they need through messages.
import { fetchJson, Unreachable } from "./api.js";

/** An answer the author should read: a code to branch on, a sentence to show. */
export class AdminError extends Error {
  /**
   * @param {number} status HTTP status (0: the server was not reached)
   * @param {string} code the API's error code (or one of ours: unreachable, signed_out, conflict)
   * @param {string} message
   * @param {unknown} [details] the API's details (422: field paths)
   */
  constructor(status, code, message, details = null) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** What a message answer carries (never the token, never a stack). */
  toProblem() {
    return { status: this.status, code: this.code, message: this.message, details: this.details };
  }
}

/**
 * @typedef {{serverUrl: string, token?: string}} Endpoint
 * @typedef {{method?: string, body?: unknown, ifMatch?: string | null,
 *            query?: Record<string, string | number>}} RequestOptions
 */

/**
 * Call the API; errors throw an AdminError with the API's code and message.
 * @param {Endpoint} endpoint
 * @param {string} path e.g. "/api/v1/workspaces/3/walkthroughs"
 * @param {RequestOptions} [options]
 * @returns {Promise<{status: number, etag: string | null, body: any}>}
 */
export async function request(endpoint, path, options = {}) {
  const url = new URL(`${endpoint.serverUrl}${path}`);
  for (const [key, value] of Object.entries(options.query ?? {})) {
    url.searchParams.set(key, String(value));
  }
  /** @type {Record<string, string>} */
  const headers = { Accept: "application/json" };
  if (endpoint.token) headers.Authorization = `Bearer ${endpoint.token}`;
  if (options.ifMatch) headers["If-Match"] = options.ifMatch;
  let answer;
  try {
    answer = await fetchJson(url, { method: options.method, headers, body: options.body });
  } catch (error) {
    if (!(error instanceof Unreachable)) throw error;
    throw new AdminError(0, "unreachable", `Cannot reach ${error.message}.`);
  }
  const { response, body } = answer;
  if (!response.ok) {
    const error = body?.error ?? {};
    const wait = response.headers.get("Retry-After");
    const message = error.message ?? `The server answered ${response.status}.`;
    throw new AdminError(
      response.status,
      error.code ?? `http_${response.status}`,
      wait && response.status === 429 ? `${message} Try again in ${wait} s.` : message,
      error.details ?? null,
    );
  }
  return { status: response.status, etag: response.headers.get("ETag"), body };
}

const MAX_PAGES = 10;

/**
 * Every item of a paginated list (up to 10 pages of 200).
 * @param {(path: string, options: RequestOptions) => Promise<{body: any}>} call
 * @param {string} path
 * @param {Record<string, string | number>} [query]
 */
export async function listAll(call, path, query = {}) {
  const items = [];
  let cursor = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await call(path, {
      query: { ...query, limit: 200, ...(cursor ? { cursor } : {}) },
    });
    items.push(...(answer.body?.items ?? []));
    cursor = answer.body?.next_cursor ?? null;
    if (!cursor) break;
  }
  return items;
}
