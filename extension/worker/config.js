// Settings: chrome.storage.managed (IT policy) first, then chrome.storage.local
// (the options page). Keys are a contract: serverUrl, clientKey, user {id}.
import { storage } from "./ext.js";

export const SETTING_KEYS = Object.freeze(["serverUrl", "clientKey", "user"]);

/**
 * @typedef {{serverUrl: string, clientKey: string, userId: string}} Settings
 * @typedef {{effective: Settings, sources: Record<string, "managed" | "local" | "unset">,
 *            managed: Record<string, unknown>, local: Record<string, unknown>}} SettingsView
 */

/** @type {SettingsView | null} */
let view = null;

/** A server URL without trailing slashes, or "" when it is not an http(s) URL. */
export function normalizeServerUrl(value) {
  if (typeof value !== "string" || !value.trim()) return "";
  try {
    const url = new URL(value.trim());
    if (url.protocol !== "http:" && url.protocol !== "https:") return "";
    return `${url.origin}${url.pathname}`.replace(/\/+$/, "");
  } catch {
    return "";
  }
}

function userIdOf(value) {
  if (typeof value === "string") return value.trim();
  if (value && typeof value === "object" && typeof value.id === "string") return value.id.trim();
  return "";
}

function present(bag, key) {
  const value = bag[key];
  if (key === "user") return Boolean(userIdOf(value));
  return typeof value === "string" && value.trim() !== "";
}

/** Read both areas and merge them key by key, policy first. */
export async function load() {
  const [managed, local] = await Promise.all([storage.managed(), storage.local([...SETTING_KEYS])]);
  /** @type {SettingsView["sources"]} */
  const sources = {};
  /** @type {Record<string, unknown>} */
  const merged = {};
  for (const key of SETTING_KEYS) {
    if (present(managed, key)) [sources[key], merged[key]] = ["managed", managed[key]];
    else if (present(local, key)) [sources[key], merged[key]] = ["local", local[key]];
    else sources[key] = "unset";
  }
  view = {
    effective: {
      serverUrl: normalizeServerUrl(merged.serverUrl),
      clientKey: typeof merged.clientKey === "string" ? merged.clientKey.trim() : "",
      userId: userIdOf(merged.user),
    },
    sources,
    managed: pick(managed),
    local: pick(local),
  };
  return view;
}

function pick(bag) {
  return Object.fromEntries(SETTING_KEYS.filter((k) => k in bag).map((k) => [k, bag[k]]));
}

/** The settings last loaded (load() runs in the worker's init). */
export function current() {
  return view?.effective ?? { serverUrl: "", clientKey: "", userId: "" };
}

/** @returns {SettingsView | null} */
export function currentView() {
  return view;
}

/**
 * Whether the worker can talk to a server at all.
 * @param {{serverUrl: string, clientKey: string}} [settings]
 */
export function configured(settings = current()) {
  return Boolean(settings.serverUrl && settings.clientKey);
}

/** Whether a storage change touches the settings. */
export function touchesSettings(changes, areaName) {
  if (areaName === "managed") return true;
  return areaName === "local" && SETTING_KEYS.some((key) => key in changes);
}
