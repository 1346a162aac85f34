// The one message handler map: each named message (shared/messages.js) to the
// function that answers it. background.js routes to these after init.
import "../shared/messages.js";
import { call } from "./api.js";
import * as apps from "./apps.js";
import * as config from "./config.js";
import * as content from "./content.js";
import { editorHandlers } from "./editor_handlers.js";
import * as events from "./events.js";
import * as feedback from "./feedback.js";
import { scripting } from "./ext.js";
import * as identity from "./identity.js";
import { image, withHelpLinks } from "./articles.js";
import * as pendingStart from "./pending_start.js";
import * as progress from "./progress.js";
import * as queue from "./queue.js";
import { searchOnServer, withSearchIndex } from "./search_index.js";

const { toWorker, fromOptions } = globalThis.Trailguide.messages;

const person = (settings, userId) => `${settings.serverUrl}|${userId}`;

function publicApp(app) {
  return { id: app.id, key: app.key, name: app.name, user_id_rule: app.user_id_rule ?? {} };
}

/** The guidance for a page: application, content answer, the tab's flow, identity needs. */
async function page({ url }, sender) {
  const settings = config.current();
  const app = apps.applicationFor(String(url));
  if (!app || !config.configured(settings)) return { application: null };
  pendingStart.seen(app.id, String(url));
  let user = await identity.userFor(settings, app.id);
  let answer = await content.contentFor(settings, url, user.id, app.id);
  if (answer.body?.application &&
      (await identity.rememberPolicy(settings, app.id, answer.body.identity))) {
    // The workspace's identity policy was new to us: the person may now be known.
    const again = await identity.userFor(settings, app.id);
    if (again.id !== user.id) {
      user = again;
      answer = await content.contentFor(settings, url, user.id, app.id);
    }
  }
  const body = await progress.merge(
    person(settings, user.id), await withSearchIndex(settings, user.id, answer));
  const rule = app.user_id_rule ?? {};
  const askPage = user.source !== "setting" && user.source !== "profile" &&
    body?.identity?.allow_page_identity !== false && Object.keys(rule).length > 0;
  return {
    application: publicApp(body?.application ?? app),
    content: body?.application ? withHelpLinks(body, settings.serverUrl) : null,
    offline: answer.offline,
    flow: sender.tab ? await progress.flowOf(sender.tab.id) : null,
    start: body?.application ? await pendingStart.take(String(url), body) : null,
    user: { known: Boolean(user.id), source: user.source, readFromPage: askPage ? rule : null },
  };
}

async function emit({ event }) {
  const settings = config.current();
  const appId = Number.isInteger(event?.app_id) ? event.app_id : null;
  const user = appId === null ? { id: "" } : await identity.userFor(settings, appId);
  await events.record(event, { userId: user.id, appId });
  if (["walkthrough_started", "walkthrough_completed", "walkthrough_dismissed"].includes(event.kind)) {
    const state = event.kind.replace("walkthrough_", "");
    await progress.remember(person(settings, user.id), { walkthroughId: event.walkthrough_id, state });
  }
  if (event.kind === "checklist_item_completed") {
    await progress.remember(person(settings, user.id), {
      checklistId: event.checklist_id,
      itemKey: event.item_key,
    });
  }
  return { queued: true };
}

async function report({ url, comment, appId }, sender) {
  const settings = config.current();
  if (!config.configured(settings) || !Number.isInteger(appId)) {
    return { sent: false, problem: "Trailguide is not set up on this page." };
  }
  const user = await identity.userFor(settings, appId);
  const running = sender.tab?.id === undefined ? null : await progress.flowOf(sender.tab.id);
  const body = feedback.reportOf(
    { url, comment },
    { userId: user.id || (await events.anonymousId()), appId, flow: running },
  );
  return feedback.send(settings, body);
}

/** The server's matches for a query (where the index is too big to ship). */
async function search({ query, url, appId }) {
  const settings = config.current();
  if (!config.configured(settings) || typeof query !== "string" || !Number.isInteger(appId)) {
    return { entries: [], offline: false };
  }
  const user = await identity.userFor(settings, appId);
  return searchOnServer(settings, user.id, query.slice(0, 200), String(url));
}

async function flow({ flow: state }, sender) {
  if (sender.tab?.id === undefined) return { saved: false };
  await progress.setFlow(sender.tab.id, state ?? null);
  return { saved: true };
}

async function pageIdentity({ userId, appId }) {
  const changed = await identity.rememberPageId(config.current(), appId, userId);
  return { changed };
}

async function readPageGlobal({ path }, sender) {
  if (sender.tab?.id === undefined || typeof path !== "string" || path.length > 200) {
    return { value: null };
  }
  return { value: await scripting.readPageGlobal(sender.tab.id, sender.frameId ?? 0, path) };
}

async function settingsView() {
  return {
    view: config.currentView(),
    sync: apps.syncStatus(),
    queue: await queue.stats(),
  };
}

async function testConnection({ serverUrl, clientKey }) {
  const settings = {
    serverUrl: config.normalizeServerUrl(serverUrl) || config.current().serverUrl,
    clientKey: typeof clientKey === "string" && clientKey ? clientKey : config.current().clientKey,
  };
  if (!config.configured(settings)) return { ok: false, error: "Set a server URL and a client key." };
  try {
    const answer = await call(settings, "/api/v1/client/applications");
    return { ok: true, applications: (answer.body?.applications ?? []).map((a) => a.name) };
  } catch (error) {
    return { ok: false, error: String(error instanceof Error ? error.message : error) };
  }
}

/** @type {Record<string, (message: any, sender: chrome.runtime.MessageSender) => Promise<unknown>>} */
export const handlers = {
  [toWorker.PAGE]: page,
  [toWorker.EMIT]: emit,
  [toWorker.FLOW]: flow,
  [toWorker.START_ELSEWHERE]: pendingStart.remember,
  [toWorker.FEEDBACK]: report,
  [toWorker.IDENTITY]: pageIdentity,
  [toWorker.READ_PAGE_GLOBAL]: readPageGlobal,
  [toWorker.IMAGE]: image,
  [toWorker.SEARCH]: search,
  [fromOptions.SETTINGS]: settingsView,
  [fromOptions.TEST_CONNECTION]: testConnection,
  ...editorHandlers,
};
