// Problems people report from the launcher. Sent at once rather than queued
// (the event queue carries events only): the person is told whether the
// report arrived, and may send it again when it did not.
import { call, HttpError, Unreachable } from "./api.js";

const LIMITS = { url: 4096, comment: 2000, user_id: 256 };

/**
 * The report as the API takes it: the page, the walkthrough and step running
 * in the tab (if any) and the comment.
 * @param {{url: string, comment?: string}} reported from the content script
 * @param {{userId: string, appId: number, flow: any}} context
 */
export function reportOf(reported, { userId, appId, flow }) {
  /** @type {Record<string, unknown>} */
  const body = {
    user_id: userId.slice(0, LIMITS.user_id),
    app_id: appId,
    url: String(reported.url).slice(0, LIMITS.url),
    comment: String(reported.comment ?? "").slice(0, LIMITS.comment),
  };
  const walkthroughId = flow?.walkthrough?.id;
  if (Number.isInteger(walkthroughId)) {
    body.walkthrough_id = walkthroughId;
    if (Number.isInteger(flow.step)) body.step_index = flow.step;
  }
  return body;
}

/**
 * Send a report; answers what the person should be told.
 * @param {{serverUrl: string, clientKey: string}} settings
 * @param {Record<string, unknown>} body from reportOf
 * @returns {Promise<{sent: true} | {sent: false, problem: string}>}
 */
export async function send(settings, body) {
  try {
    await call(settings, "/api/v1/client/feedback", { method: "POST", body });
    return { sent: true };
  } catch (error) {
    if (error instanceof HttpError && error.status === 429) {
      return { sent: false, problem: "You have sent many reports today. Please try again tomorrow." };
    }
    if (error instanceof Unreachable) {
      return { sent: false, problem: "Trailguide cannot be reached right now. Please try again later." };
    }
    return { sent: false, problem: "Your report could not be sent." };
  }
}
