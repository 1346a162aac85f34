// Editor mode's messages: the popup (sign in, pick workspace and application,
// open or create an item, turn editor mode on or off) and the editor's content
// script (its tab's session, save, publish, preview). Answers carry
// {problem: {code, message, details}} for what the author should read; the
// token never leaves the worker.
import "../shared/authoring.js";
import "../shared/messages.js";
import { AdminError, listAll } from "./admin.js";
import { bestApplication, refresh as refreshApplications } from "./apps.js";
import * as auth from "./auth.js";
import * as config from "./config.js";
import * as editing from "./editing.js";
import * as sso from "./sso.js";
import { tabs } from "./ext.js";

const { fromPopup, toEditorWorker } = globalThis.Trailguide.messages;
const { applicationName, applicationPattern, slug } = globalThis.Trailguide.authoring;

/** Run `work`; an AdminError becomes {problem} (anything else stays an error). */
async function answer(work) {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AdminError) return { problem: error.toProblem() };
    throw error;
  }
}

const publicApp = (app) =>
  app && { id: app.id, key: app.key, name: app.name, url_patterns: app.url_patterns ?? [] };

/** What the popup shows about the tab's session. */
function summary(session) {
  if (!session) return null;
  return {
    type: session.type,
    name: session.draft?.name ?? "",
    itemId: session.itemId,
    status: session.status,
    dirty: session.dirty,
    application: session.application.name,
  };
}

async function signedInAuthor(workspaceId) {
  const current = await auth.current();
  if (!current) throw new AdminError(401, "signed_out", "Sign in first.");
  const id = workspaceId ?? current.workspaceId;
  const role = auth.roleIn(current, id);
  if (!auth.canEdit(role)) {
    throw new AdminError(403, "forbidden", `Your role here is ${role || "none"}: you cannot edit guidance.`);
  }
  return { current, workspaceId: id };
}

/** The tab's session, with what the author typed a moment ago. */
async function flushedSession(tabId) {
  if (!(await editing.sessionOf(tabId))) return null;
  await editing.flush(tabId);
  return editing.sessionOf(tabId);
}

const applicationsOf = (workspaceId) =>
  listAll(auth.call, `/api/v1/workspaces/${workspaceId}/applications`);

async function popupState({ tabId }) {
  const [current, prefs, tab] = await Promise.all([auth.current(), auth.prefs(), tabs.get(tabId)]);
  const url = tab?.url ?? "";
  const view = {
    signedIn: Boolean(current),
    lastServer: prefs.serverUrl || config.current().serverUrl || "",
    lastEmail: prefs.email ?? "",
    tab: tab ? { id: tab.id, url, title: tab.title ?? "", web: /^https?:\/\//.test(url) } : null,
  };
  if (!current) return view;
  const role = auth.roleIn(current, current.workspaceId);
  const state = {
    ...view,
    user: current.user.email,
    workspaces: current.workspaces,
    workspaceId: current.workspaceId,
    role,
    canEdit: auth.canEdit(role),
    editing: summary(await flushedSession(tabId)),
  };
  if (!state.canEdit || !view.tab?.web) return state;
  return answer(async () => {
    const app = bestApplication(await applicationsOf(current.workspaceId), url);
    const name = applicationName(tab?.title ?? "", url);
    return {
      ...state,
      application: publicApp(app),
      suggestion: app ? null : { name, key: slug(name), pattern: applicationPattern(url) },
    };
  }).then((result) => ("problem" in result ? { ...state, problem: result.problem } : result));
}

async function createApplication({ name, key, pattern }) {
  return answer(async () => {
    const { workspaceId } = await signedInAuthor();
    const body = {
      key: String(key || slug(name)),
      name: String(name ?? "").trim(),
      url_patterns: [String(pattern ?? "").trim()],
    };
    const made = await auth.call(`/api/v1/workspaces/${workspaceId}/applications`, {
      method: "POST",
      body,
    });
    // When this browser is also connected as a person, guide the new application too.
    await refreshApplications(config.current()).catch(() => {});
    return { application: publicApp(made.body) };
  });
}

async function listItems({ applicationId }) {
  return answer(async () => {
    const { workspaceId } = await signedInAuthor();
    const out = {};
    for (const [type, plural] of Object.entries(editing.PLURALS)) {
      const items = await listAll(auth.call, `/api/v1/workspaces/${workspaceId}/${plural}`, {
        application_id: applicationId,
      });
      out[type] = items.map((item) => ({
        id: item.id,
        key: item.key,
        name: item.draft?.name ?? item.key,
        status: item.status,
        changesUnpublished: Boolean(item.has_unpublished_changes),
      }));
    }
    return out;
  });
}

async function edit({ tabId, applicationId, itemType, itemId, name }) {
  return answer(async () => {
    const { workspaceId } = await signedInAuthor();
    const app = (await auth.call(`/api/v1/workspaces/${workspaceId}/applications/${applicationId}`)).body;
    const session = await editing.start(tabId, {
      workspaceId,
      application: publicApp(app),
      type: itemType,
      itemId: Number.isInteger(itemId) ? itemId : null,
      name,
    });
    const shown = await editing.reveal(tabId);
    return { editing: summary(session), shown };
  });
}

async function stopEditing({ tabId, save }) {
  return answer(async () => {
    if (save) {
      await editing.flush(tabId);
      await editing.save(tabId);
    }
    await editing.stop(tabId);
    return { editing: null };
  });
}

async function signIn({ serverUrl, email, password }) {
  return answer(async () => {
    await auth.signIn(serverUrl, email, password);
    return { ok: true };
  });
}

async function signInWithSso({ serverUrl, workspace }) {
  return answer(async () => {
    await sso.signInWithSso(serverUrl, workspace);
    return { ok: true };
  });
}

// --- the editor's content script: only the top frame of its own tab ------------------

function tabOf(sender) {
  if (sender.tab?.id === undefined || (sender.frameId ?? 0) !== 0) {
    throw new AdminError(403, "forbidden", "Only the editor in a tab's top frame may ask.");
  }
  return sender.tab.id;
}

const withSession = (work) => (message, sender) =>
  answer(async () => ({ session: await work(tabOf(sender), message) }));

export const editorHandlers = Object.freeze({
  [fromPopup.STATE]: popupState,
  [fromPopup.SIGN_IN]: signIn,
  [fromPopup.SSO_SIGN_IN]: signInWithSso,
  [fromPopup.SIGN_OUT]: async () => (await auth.signOut(), { ok: true }),
  [fromPopup.CHOOSE_WORKSPACE]: async ({ workspaceId }) => (await auth.chooseWorkspace(workspaceId), { ok: true }),
  [fromPopup.CREATE_APPLICATION]: createApplication,
  [fromPopup.LIST_ITEMS]: listItems,
  [fromPopup.EDIT]: edit,
  [fromPopup.STOP]: stopEditing,
  [toEditorWorker.SESSION]: withSession((tabId) => editing.sessionOf(tabId)),
  [toEditorWorker.CHANGE]: withSession((tabId, message) => editing.change(tabId, message)),
  [toEditorWorker.SAVE]: withSession((tabId, message) => editing.save(tabId, message)),
  [toEditorWorker.RELOAD]: withSession((tabId) => editing.reload(tabId)),
  [toEditorWorker.PUBLISH]: withSession((tabId, message) => editing.publish(tabId, message)),
  [toEditorWorker.PREVIEW]: withSession((tabId, message) => editing.preview(tabId, message.preview)),
  [toEditorWorker.CLOSE]: withSession(async (tabId) => (await editing.stop(tabId), null)),
});
