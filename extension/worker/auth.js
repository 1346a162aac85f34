// The author's sign-in for editor mode. The token lives in
// chrome.storage.session: trusted extension contexts only (content scripts
// and pages cannot read it) and gone when the browser closes. What is not
// secret (the last server, email and workspace) is remembered locally.
import { AdminError, request } from "./admin.js";
import { normalizeServerUrl } from "./config.js";
import { storage } from "./ext.js";

const AUTH_KEY = "editor:auth";
const PREFS_KEY = "editor:prefs";
const EDITING_ROLES = new Set(["owner", "admin", "editor"]);

/**
 * @typedef {{id: number, name: string, slug: string, role: string}} WorkspaceRole
 * @typedef {{serverUrl: string, token: string, expiresAt: string | null,
 *            user: {id: number, email: string, display_name?: string},
 *            workspaces: WorkspaceRole[], workspaceId: number | null}} Auth
 */

/** Whether a role may edit guidance (the API's content:write). */
export const canEdit = (role) => EDITING_ROLES.has(role);

/** @returns {Promise<Auth | null>} the sign-in, or null (none, or expired) */
export async function current() {
  const auth = (await storage.session([AUTH_KEY]))[AUTH_KEY] ?? null;
  if (!auth) return null;
  if (auth.expiresAt && Date.parse(auth.expiresAt) <= Date.now()) {
    await storage.removeSession(AUTH_KEY);
    return null;
  }
  return auth;
}

/** Last server, email and workspace (for the sign-in form). */
export async function prefs() {
  return (await storage.local([PREFS_KEY]))[PREFS_KEY] ?? {};
}

/**
 * Sign in with email and password (the sign-in API); keeps the token.
 * @returns {Promise<Auth>}
 */
export async function signIn(serverUrl, email, password) {
  const server = normalizeServerUrl(serverUrl);
  if (!server) throw new AdminError(0, "bad_server", "Enter the server's address (http:// or https://).");
  const answer = await request({ serverUrl: server }, "/api/v1/auth/login", {
    method: "POST",
    body: { email: String(email ?? "").trim(), password: String(password ?? "") },
  });
  return keep(server, answer.body);
}

/**
 * Keep a sign-in the API answered (password or single sign-on): the token in session
 * storage, the server, email and workspace remembered for next time.
 * @param {string} server
 * @param {any} body the API's sign-in answer (token, expires_at, user, workspaces)
 * @returns {Promise<Auth>}
 */
export async function keep(server, body) {
  const remembered = await prefs();
  const workspaces = (body.workspaces ?? []).map(({ id, name, slug, role }) => ({ id, name, slug, role }));
  const last = workspaces.find((w) => w.id === remembered.workspaceId);
  /** @type {Auth} */
  const auth = {
    serverUrl: server,
    token: body.token,
    expiresAt: body.expires_at ?? null,
    user: body.user,
    workspaces,
    workspaceId: (last ?? workspaces.find((w) => canEdit(w.role)) ?? workspaces[0])?.id ?? null,
  };
  await storage.setSession({ [AUTH_KEY]: auth });
  await storage.setLocal({
    [PREFS_KEY]: { serverUrl: server, email: auth.user.email, workspaceId: auth.workspaceId },
  });
  return auth;
}

/** Sign out: revoke the token (best effort) and forget it. */
export async function signOut() {
  const auth = await current();
  await storage.removeSession(AUTH_KEY);
  if (auth) {
    await request(auth, "/api/v1/auth/logout", { method: "POST" }).catch(() => {});
  }
}

/** Work in another of the author's workspaces. */
export async function chooseWorkspace(workspaceId) {
  const auth = await current();
  if (!auth || !auth.workspaces.some((w) => w.id === workspaceId)) return auth;
  const next = { ...auth, workspaceId };
  await storage.setSession({ [AUTH_KEY]: next });
  await storage.setLocal({ [PREFS_KEY]: { ...(await prefs()), workspaceId } });
  return next;
}

/** The signed-in author's role in a workspace ("" when not a member). */
export function roleIn(auth, workspaceId) {
  return auth?.workspaces.find((w) => w.id === workspaceId)?.role ?? "";
}

/**
 * Call the admin API as the author. A refused token (401) signs out, so the
 * popup asks to sign in again; what the author was editing stays on the tab.
 * @param {string} path
 * @param {import("./admin.js").RequestOptions} [options]
 */
export async function call(path, options = {}) {
  const auth = await current();
  if (!auth) throw signedOut();
  try {
    return await request(auth, path, options);
  } catch (error) {
    if (error instanceof AdminError && error.status === 401) {
      await storage.removeSession(AUTH_KEY);
      throw signedOut();
    }
    throw error;
  }
}

function signedOut() {
  return new AdminError(
    401,
    "signed_out",
    "You are signed out. Sign in again from the Trailguide button in the toolbar; " +
      "your changes on this tab are kept.",
  );
}
