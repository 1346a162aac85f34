// The event queue. Events wait in IndexedDB (surviving worker shutdown and
// browser restarts) and go out in batches by size and time. Failed sends back
// off exponentially with jitter, woken by chrome.alarms because idle workers
// are stopped. Each event keeps the event_id it was born with, so a batch sent
// twice (answer lost, worker killed mid-send) still counts once.
//
// Cap: at most MAX_QUEUED events wait; beyond that the OLDEST are dropped and
// counted, and the count rides along as properties.queue_dropped on the first
// event delivered after recovery.
import { alarms, storage } from "./ext.js";
import * as idb from "./idb.js";

export const BATCH_SIZE = 100;
export const BATCH_DELAY_MS = 2_000;
export const MAX_BATCH_BYTES = 400_000;
export const MAX_QUEUED = 10_000;
export const BACKOFF_BASE_MS = 1_000;
export const BACKOFF_MAX_MS = 5 * 60_000;
export const ALARM = "tg-flush";
const STATE_KEY = "queue:state";

/**
 * @typedef {{attempt: number, nextAt: number, dropped: number, sent: number,
 *            rejected: number, lastError: string | null}} QueueState
 * @typedef {(batch: object[]) => Promise<{accepted?: number,
 *            rejected?: {index: number, reason: string}[]}>} Sender
 */

/** @type {QueueState} */
let state = { attempt: 0, nextAt: 0, dropped: 0, sent: 0, rejected: 0, lastError: null };
/** @type {Sender | null} */
let sender = null;
/** @type {Promise<void> | null} */
let flushing = null;
let again = false;
/** @type {ReturnType<typeof setTimeout> | undefined} */
let timer;

/** Delay before attempt `attempt` (1-based): exponential, capped, half of it jittered. */
export function backoffDelay(attempt, random = Math.random) {
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

async function save() {
  await storage.setLocal({ [STATE_KEY]: state });
}

/** Restore the persisted state and resume sending whatever is waiting. */
export async function init() {
  state = { ...state, ...((await storage.local([STATE_KEY]))[STATE_KEY] ?? {}) };
  if ((await idb.count()) > 0) wakeAt(Math.max(Date.now(), state.nextAt));
}

/**
 * Set (or clear, with null) how batches are sent; a new sender retries at once.
 * @returns {Promise<void>} settled when that first attempt is done
 */
export async function setSender(send) {
  sender = send;
  if (!send) return;
  state.attempt = 0;
  state.nextAt = 0;
  await save();
  await flush();
}

/** Persist one event (already complete, with its event_id) and schedule a send. */
export async function enqueue(event) {
  await idb.addAll([event]);
  const queued = await idb.count();
  if (queued > MAX_QUEUED) {
    const excess = queued - MAX_QUEUED;
    await idb.dropOldest(excess);
    state.dropped += excess;
    await save();
  }
  if (Date.now() < state.nextAt) return; // backing off: the alarm will send
  if (queued >= BATCH_SIZE) void flush();
  else if (timer === undefined) wakeAt(Date.now() + BATCH_DELAY_MS);
}

function wakeAt(when) {
  clearTimeout(timer);
  timer = setTimeout(() => {
    timer = undefined;
    void flush();
  }, Math.max(0, when - Date.now()));
  // The timer dies with the worker; the alarm starts it again.
  void alarms.at(ALARM, when + 1_000);
}

/** Handle the queue's alarm. */
export function onAlarm(name) {
  if (name === ALARM) return flush();
  return undefined;
}

/** Send everything waiting, batch by batch; one flush runs at a time. */
export function flush() {
  if (flushing) {
    again = true;
    return flushing;
  }
  flushing = (async () => {
    try {
      do {
        again = false;
        await drain();
      } while (again && Date.now() >= state.nextAt); // a failure waits for its backoff
    } finally {
      flushing = null;
    }
  })();
  return flushing;
}

function fitBatch(values) {
  const batch = [];
  let bytes = 64;
  for (const value of values) {
    const size = JSON.stringify(value).length * 3; // worst case UTF-8
    if (batch.length && bytes + size > MAX_BATCH_BYTES) break;
    batch.push(value);
    bytes += size;
  }
  return batch;
}

async function drain() {
  while (sender) {
    const { keys, values } = await idb.oldest(BATCH_SIZE);
    if (!values.length) {
      void alarms.clear(ALARM);
      return;
    }
    const batch = fitBatch(values);
    const reported = state.dropped;
    if (reported) {
      batch[0] = { ...batch[0], properties: { ...batch[0].properties, queue_dropped: reported } };
    }
    let answer;
    try {
      answer = await sender(batch);
    } catch (error) {
      await backOff(error);
      return;
    }
    await idb.remove(keys.slice(0, batch.length));
    const rejected = answer?.rejected ?? [];
    for (const { index, reason } of rejected) {
      // The server refused these for good (they break the contract): retrying cannot help.
      console.warn(`Trailguide: event ${batch[index]?.kind} rejected: ${reason}`);
    }
    state = {
      ...state,
      attempt: 0,
      nextAt: 0,
      lastError: null,
      dropped: state.dropped - reported,
      sent: state.sent + batch.length - rejected.length,
      rejected: state.rejected + rejected.length,
    };
    await save();
  }
}

async function backOff(error) {
  state.attempt += 1;
  const delay = Math.max(backoffDelay(state.attempt), error?.retryAfterMs ?? 0);
  state.nextAt = Date.now() + delay;
  state.lastError = String(error?.message ?? error);
  await save();
  wakeAt(state.nextAt);
}

/** What the options page and tests see. */
export async function stats() {
  return { ...state, queued: await idb.count() };
}
