// Events as the API's OpenAPI schemas define them (analytics/events/contract.py):
// the worker completes what a content script reports (event_id, session, seq,
// user, app) and keeps only the fields that apply to the kind, so no event is
// refused for a stray field.
import { call, HttpError } from "./api.js";
import { runtime, storage } from "./ext.js";
import * as queue from "./queue.js";

const WALKTHROUGH = ["walkthrough_id", "walkthrough_version", "step_key", "step_index", "test_audience"];
/** Per kind: the fields it may carry beyond the common ones (event_id, kind, client_time, seq,
 * session_id, user_id, app_id, url, properties). */
export const KIND_FIELDS = Object.freeze({
  page_viewed: [],
  walkthrough_started: WALKTHROUGH,
  step_shown: WALKTHROUGH,
  step_completed: WALKTHROUGH,
  walkthrough_completed: WALKTHROUGH,
  walkthrough_dismissed: WALKTHROUGH,
  target_not_found: [...WALKTHROUGH, "tip_id"],
  target_repaired: WALKTHROUGH,
  tip_shown: ["tip_id", "test_audience"],
  tip_opened: ["tip_id", "test_audience"],
  launcher_opened: [],
  launcher_searched: ["search_query", "result_count"],
  launcher_result_chosen: ["search_query", "walkthrough_id"],
  checklist_item_completed: ["checklist_id", "item_key", "test_audience"],
  feature_used: ["feature_id"],
  survey_shown: ["survey_id", "survey_version", "test_audience"],
  survey_answered: [
    "survey_id", "survey_version", "test_audience", "question_key", "answer_value", "answer_options", "answer_text",
  ],
  survey_dismissed: ["survey_id", "survey_version", "test_audience", "dismissal"],
  process_step_completed: ["checklist_id", "item_key", "test_audience"],
});

const LIMITS = {
  url: 2048, step_key: 128, item_key: 128, search_query: 200, user_id: 256, question_key: 64, answer_text: 2000,
};
const SESSION_KEY = "session";
const SESSION_IDLE_MS = 30 * 60_000;
const ANONYMOUS_KEY = "anonymousId";

/** @type {{id: string, seq: number, lastAt: number} | null} */
let session = null;

async function nextSession() {
  session ??= (await storage.session([SESSION_KEY]))[SESSION_KEY] ?? null;
  const now = Date.now();
  if (!session || now - session.lastAt > SESSION_IDLE_MS) {
    session = { id: crypto.randomUUID(), seq: 0, lastAt: now };
  }
  session.seq += 1;
  session.lastAt = now;
  await storage.setSession({ [SESSION_KEY]: session });
  return session;
}

/** A stable id for a person nobody identified (the API requires a user_id). */
export async function anonymousId() {
  const stored = (await storage.local([ANONYMOUS_KEY]))[ANONYMOUS_KEY];
  if (typeof stored === "string" && stored) return stored;
  const made = `anonymous:${crypto.randomUUID()}`;
  await storage.setLocal({ [ANONYMOUS_KEY]: made });
  return made;
}

/**
 * Complete a reported event and queue it.
 * @param {Record<string, unknown>} reported fields from the content script
 * @param {{userId: string, appId: number | null}} who
 */
export async function record(reported, who) {
  const kind = String(reported.kind);
  const extra = KIND_FIELDS[kind];
  if (!extra) throw new Error(`unknown event kind ${kind}`);
  const { id, seq } = await nextSession();
  /** @type {Record<string, unknown>} */
  const event = {
    ...pick(reported, extra),
    event_id: crypto.randomUUID(),
    kind,
    client_time: typeof reported.client_time === "string" ? reported.client_time : new Date().toISOString(),
    seq,
    session_id: id,
    user_id: (who.userId || (await anonymousId())).slice(0, LIMITS.user_id),
  };
  if (Number.isInteger(who.appId)) event.app_id = who.appId;
  if (typeof reported.url === "string") event.url = stripUrl(reported.url);
  if (reported.properties && typeof reported.properties === "object") {
    event.properties = reported.properties;
  }
  await queue.enqueue(event);
  return event.event_id;
}

function pick(source, names) {
  /** @type {Record<string, unknown>} */
  const out = {};
  for (const name of names) {
    const value = source[name];
    if (value === null || value === undefined) continue;
    out[name] = typeof value === "string" && LIMITS[name] ? value.slice(0, LIMITS[name]) : value;
  }
  return out;
}

// The server strips query strings too (unless the workspace opts in), but a
// URL is cut to the contract's length here so it is never refused for size.
function stripUrl(url) {
  return url.slice(0, LIMITS.url);
}

/**
 * The queue's sender for these settings: answers with the server's verdicts,
 * throws when the batch should be retried later.
 * @param {{serverUrl: string, clientKey: string}} settings
 * @returns {queue.Sender}
 */
export function senderFor(settings) {
  return async (batch) => {
    try {
      const answer = await call(settings, "/api/v1/client/events", {
        method: "POST",
        body: { extension_version: runtime.version(), events: batch },
      });
      return answer.body ?? {};
    } catch (error) {
      // These batches can never succeed as sent: report them, do not retry forever.
      if (error instanceof HttpError && [400, 413, 422].includes(error.status)) {
        return { rejected: batch.map((_, index) => ({ index, reason: error.message })) };
      }
      throw error;
    }
  };
}
