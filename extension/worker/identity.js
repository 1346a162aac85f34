// Who the person is, in order: the user.id setting; else, when the workspace
// allows it, the browser profile's email; else what the application's page
// says (read by the content script with the app's user_id_rule). Attributes
// come from the server's people directory, never from the browser.
import { identity as chromeIdentity, storage } from "./ext.js";

const PAGE_IDS_KEY = "identity:page";
const POLICY_KEY = "identity:policy";

/**
 * @typedef {{pageIds: Record<string, string>,
 *            policies: Record<string, {allow_profile_email?: boolean, allow_page_identity?: boolean}>}} Stores
 */
// One read shared by concurrent callers: each loading its own copy would let
// one caller's write land in an object another has already replaced.
/** @type {Promise<Stores> | null} */
let stores = null;
/** @type {Promise<string> | null} */
let profileEmail = null;

const scoped = (settings, appId) => `${settings.serverUrl}|${appId}`;

/** The remembered page ids and policies, read from storage once. */
function loaded() {
  stores ??= storage.local([PAGE_IDS_KEY, POLICY_KEY]).then((stored) => ({
    pageIds: stored[PAGE_IDS_KEY] ?? {},
    policies: stored[POLICY_KEY] ?? {},
  }));
  return stores;
}

/**
 * The person's id for an application ("" when unknown) and where it came from.
 * @param {{serverUrl: string, userId: string}} settings
 * @param {number} appId
 * @returns {Promise<{id: string, source: "setting" | "profile" | "page" | "anonymous"}>}
 */
export async function userFor(settings, appId) {
  if (settings.userId) return { id: settings.userId, source: "setting" };
  const { pageIds, policies } = await loaded();
  const policy = policies[scoped(settings, appId)] ?? {};
  if (policy.allow_profile_email) {
    profileEmail ??= chromeIdentity.profileEmail();
    const email = await profileEmail;
    if (email) return { id: email, source: "profile" };
  }
  const fromPage = policy.allow_page_identity === false ? "" : pageIds[scoped(settings, appId)];
  if (fromPage) return { id: fromPage, source: "page" };
  return { id: "", source: "anonymous" };
}

/**
 * Remember what the workspace allows (from a content answer's "identity").
 * @returns {Promise<boolean>} whether it changed
 */
export async function rememberPolicy(settings, appId, identity) {
  const { policies } = await loaded();
  const next = {
    allow_profile_email: Boolean(identity?.allow_profile_email),
    allow_page_identity: identity?.allow_page_identity !== false,
  };
  const key = scoped(settings, appId);
  const before = policies[key];
  if (before?.allow_profile_email === next.allow_profile_email &&
      before?.allow_page_identity === next.allow_page_identity) {
    return false;
  }
  policies[key] = next;
  await storage.setLocal({ [POLICY_KEY]: policies });
  return true;
}

/**
 * Remember the id the page showed for an application.
 * @returns {Promise<boolean>} whether it changed
 */
export async function rememberPageId(settings, appId, userId) {
  const { pageIds } = await loaded();
  const key = scoped(settings, appId);
  const value = String(userId ?? "").trim().slice(0, 256);
  if (!value || pageIds[key] === value) return false;
  pageIds[key] = value;
  await storage.setLocal({ [PAGE_IDS_KEY]: pageIds });
  return true;
}

/** Forget cached identities (new settings). */
export function reset() {
  stores = null;
  profileEmail = null;
}
