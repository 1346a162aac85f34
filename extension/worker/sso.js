// The author's single sign-on for editor mode, through the workspace's identity
// provider in the browser's own auth window (chrome.identity.launchWebAuthFlow,
// which works in headless Chromium too). The window ends on this extension's
// chromiumapp.org address, which no page loads, with a one-time code; only this
// worker holds the verifier that code needs, and the token it buys never
// appears in a URL.
import { AdminError, request } from "./admin.js";
import { keep } from "./auth.js";
import { normalizeServerUrl } from "./config.js";
import { identity } from "./ext.js";

const RETURN_PATH = "sso";

/** @param {Uint8Array} bytes */
const base64url = (bytes) =>
  btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

/** A fresh verifier and its S256 challenge (RFC 7636 style). */
async function pair() {
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier));
  return { verifier, challenge: base64url(new Uint8Array(digest)) };
}

/**
 * Sign in to ``workspace`` (its short name) on ``serverUrl`` with single sign-on; keeps the token.
 * @returns {Promise<import("./auth.js").Auth>}
 */
export async function signInWithSso(serverUrl, workspace) {
  const server = normalizeServerUrl(serverUrl);
  if (!server) throw new AdminError(0, "bad_server", "Enter the server's address (http:// or https://).");
  const slug = String(workspace ?? "").trim().toLowerCase();
  if (!slug) throw new AdminError(0, "no_workspace", "Enter your workspace's short name.");
  const { verifier, challenge } = await pair();
  const start = new URL("/console/sso/start", server);
  start.search = new URLSearchParams({
    workspace: slug,
    for: "extension",
    challenge,
    return_to: identity.redirectUrl(RETURN_PATH),
  }).toString();
  let ended;
  try {
    ended = new URL((await identity.launchWebAuthFlow(start.href)) ?? "");
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AdminError(0, "sso_cancelled", `The sign-in window closed: ${reason}`);
  }
  const refusal = ended.searchParams.get("error");
  if (refusal) throw new AdminError(401, "sso_refused", refusal);
  const code = ended.searchParams.get("code") ?? "";
  const answer = await request({ serverUrl: server }, "/api/v1/auth/sso/exchange", {
    method: "POST",
    body: { code, verifier },
  });
  return keep(server, answer.body);
}
