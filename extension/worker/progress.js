// State the worker keeps for the player: the walkthrough running in each tab
// (chrome.storage.session, so it survives navigation, reloads and worker
// restarts) and the person's recent progress, remembered locally until the
// server's answer reflects it (events reach the server in batches).
import { storage } from "./ext.js";

const FLOW_PREFIX = "flow:";
const PROGRESS_KEY = "progress";
const MAX_PEOPLE = 20;

/** The walkthrough running in a tab, or null. */
export async function flowOf(tabId) {
  const key = FLOW_PREFIX + tabId;
  return (await storage.session([key]))[key] ?? null;
}

/** Keep (or with null, end) the walkthrough running in a tab. */
export async function setFlow(tabId, flow) {
  const key = FLOW_PREFIX + tabId;
  if (flow) await storage.setSession({ [key]: { ...flow, savedAt: Date.now() } });
  else await storage.removeSession(key);
}

/**
 * @typedef {{started?: boolean, completed?: boolean, dismissed?: boolean}} Progress
 * @typedef {{walkthroughs: Record<string, Progress>, items: Record<string, boolean>}} PersonProgress
 */

async function allProgress() {
  return (await storage.local([PROGRESS_KEY]))[PROGRESS_KEY] ?? {};
}

/**
 * Record a walkthrough's progress or a checklist item as done for a person.
 * @param {string} person server URL + user id
 * @param {{walkthroughId?: number, state?: "started" | "completed" | "dismissed",
 *          checklistId?: number, itemKey?: string}} change
 */
export async function remember(person, change) {
  const all = await allProgress();
  const mine = all[person] ?? { walkthroughs: {}, items: {} };
  if (change.walkthroughId !== undefined && change.state) {
    const id = String(change.walkthroughId);
    mine.walkthroughs[id] = { ...mine.walkthroughs[id], [change.state]: true };
  }
  if (change.checklistId !== undefined && change.itemKey) {
    mine.items[`${change.checklistId}:${change.itemKey}`] = true;
  }
  mine.at = Date.now();
  all[person] = mine;
  const people = Object.entries(all).sort(([, a], [, b]) => (b.at ?? 0) - (a.at ?? 0));
  await storage.setLocal({ [PROGRESS_KEY]: Object.fromEntries(people.slice(0, MAX_PEOPLE)) });
}

/**
 * The content answer with local progress folded in: walkthrough flags OR-ed,
 * checklist items done when their walkthrough completed here.
 */
export async function merge(person, body) {
  if (!body) return body;
  const mine = (await allProgress())[person];
  if (!mine) return body;
  const walkthroughs = (body.walkthroughs ?? []).map((w) => ({
    ...w,
    progress: { ...w.progress, ...(mine.walkthroughs[String(w.id)] ?? {}) },
  }));
  const completed = new Set(
    Object.entries(mine.walkthroughs).filter(([, p]) => p.completed).map(([id]) => Number(id)),
  );
  const checklists = (body.checklists ?? []).map((list) => {
    const items = (list.items ?? []).map((item) => ({
      ...item,
      done: Boolean(
        item.done || completed.has(item.walkthrough_id) || mine.items[`${list.id}:${item.key}`],
      ),
    }));
    return { ...list, items, done: items.filter((i) => i.done).length, total: items.length };
  });
  return { ...body, walkthroughs, checklists };
}
