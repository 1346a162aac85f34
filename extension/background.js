// Trailguide's service worker: settings, content sync, the event queue and the
// player's registration. Every listener is registered synchronously at the top
// level (Chrome only wakes a stopped worker for listeners present on start),
// and all work waits on the init promise.
import "./shared/messages.js";
import * as apps from "./worker/apps.js";
import * as config from "./worker/config.js";
import * as content from "./worker/content.js";
import * as editing from "./worker/editing.js";
import { senderFor } from "./worker/events.js";
import { alarms, runtime, scripting, tabs } from "./worker/ext.js";
import { handlers } from "./worker/handlers.js";
import * as identity from "./worker/identity.js";
import * as progress from "./worker/progress.js";
import * as queue from "./worker/queue.js";

const { toContent, toOptions, fromOptions, fromPopup } = globalThis.Trailguide.messages;
const APPS_ALARM = "tg-applications";
const APPS_EVERY_MINUTES = 15;
// Asked only by the extension's own pages (options, popup), never by a content script.
const OPTIONS_ONLY = new Set([...Object.values(fromOptions), ...Object.values(fromPopup)]);

/** Load settings, restore the queue, sync applications. */
async function init() {
  const settings = (await config.load()).effective;
  await queue.init();
  void queue.setSender(config.configured(settings) ? senderFor(settings) : null);
  await apps.refresh(settings);
  if (!(await alarms.get(APPS_ALARM))) alarms.every(APPS_ALARM, APPS_EVERY_MINUTES);
}

// Chained so overlapping changes apply in order and handlers see the latest.
let ready = init().catch((error) => console.error("Trailguide init failed", error));

function after(work) {
  ready = ready.then(work).catch((error) => console.error("Trailguide", error));
  return ready;
}

async function applySettings() {
  const before = config.current();
  const settings = (await config.load()).effective;
  if (settings.serverUrl !== before.serverUrl || settings.clientKey !== before.clientKey) {
    await content.clearCache();
  }
  content.forgetRecent();
  identity.reset();
  void queue.setSender(config.configured(settings) ? senderFor(settings) : null);
  await apps.refresh(settings);
  await broadcastRefresh();
  // The options page, when open, shows what is now in effect (no receiver is fine).
  chrome.runtime.sendMessage({ type: toOptions.APPLIED }).catch(() => {});
}

async function broadcastRefresh() {
  for (const tab of await tabs.all()) {
    if (tab.id !== undefined) void tabs.send(tab.id, { type: toContent.REFRESH });
  }
}

chrome.runtime.onMessage.addListener((message, sender, reply) => {
  const handler = handlers[message?.type];
  if (!handler) return false;
  if (OPTIONS_ONLY.has(message.type) && !sender.url?.startsWith(runtime.url(""))) return false;
  ready
    .then(() => handler(message, sender))
    .then(reply, (error) => reply({ error: String(error?.message ?? error) }));
  return true; // the reply comes asynchronously
});

chrome.storage.onChanged.addListener((changes, areaName) => {
  if (config.touchesSettings(changes, areaName)) void after(applySettings);
});

chrome.alarms.onAlarm.addListener((alarm) => {
  void ready.then(() => {
    if (alarm.name === APPS_ALARM) return apps.refresh(config.current());
    return queue.onAlarm(alarm.name);
  });
});

chrome.tabs.onRemoved.addListener((tabId) => {
  void ready.then(() => progress.setFlow(tabId, null));
  void ready.then(() => editing.forget(tabId));
});

// Editor mode follows its tab: each page loaded there gets the editor again.
chrome.tabs.onUpdated.addListener((tabId, change) => {
  if (change.status === "complete") void ready.then(() => editing.reveal(tabId));
});

chrome.runtime.onStartup.addListener(() => void ready);
chrome.runtime.onInstalled.addListener(() => void ready);
// A build the server hosts (installed by policy) updates at once rather than whenever the worker
// next goes idle, so a fleet soon runs the version the server announces; queued events are on disk.
chrome.runtime.onUpdateAvailable.addListener(() => void ready.then(() => chrome.runtime.reload()));

// For the options page's diagnostics and for tests driving the worker.
globalThis.trailguide = Object.freeze({
  /** Resolves once every pending settings change has been applied. */
  settled: () => ready.then(() => undefined),
  status: async () => ({
    settings: config.currentView(),
    sync: apps.syncStatus(),
    matches: (await scripting.player()).matches,
    queue: await queue.stats(),
  }),
  flush: () => ready.then(() => queue.flush()),
  refresh: () => after(applySettings),
});
