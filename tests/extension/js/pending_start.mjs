// Runs extension/worker/pending_start.js's take() over an in-memory
// chrome.storage.local and prints what each arrival got and what storage kept,
// for tests/extension/test_pending_start.py.
const stored = {};
globalThis.chrome = {
  storage: {
    local: {
      get: async (keys) =>
        Object.fromEntries(keys.filter((k) => k in stored).map((k) => [k, structuredClone(stored[k])])),
      set: async (items) => void Object.assign(stored, structuredClone(items)),
      remove: async (keys) => keys.forEach((k) => delete stored[k]),
    },
    session: { get: async () => ({}), set: async () => {}, remove: async () => {} },
    managed: { get: async () => ({}) },
    onChanged: { addListener: () => {} },
  },
  runtime: { onMessage: { addListener: () => {} } },
};

const { take, PENDING_TTL_MS } = await import("../../../extension/worker/pending_start.js");
const RULE = "*://*/acme/deals";
const DEALS = "http://127.0.0.1:5000/acme/deals";
const body = { walkthroughs: [{ id: 7 }] };
const pending = (at) => ({ walkthroughId: 7, url: RULE, at });
const out = {};

stored["pending-start"] = pending(Date.now());
out.elsewhere = await take("http://127.0.0.1:5000/acme/contacts", body);
out.notDelivered = await take(DEALS, { walkthroughs: [{ id: 8 }] });
out.arrival = await take(DEALS, body);
out.again = await take(DEALS, body);
stored["pending-start"] = pending(Date.now() - PENDING_TTL_MS - 1);
out.expired = await take(DEALS, body);
out.keptAfterExpiry = "pending-start" in stored;
process.stdout.write(JSON.stringify(out));
