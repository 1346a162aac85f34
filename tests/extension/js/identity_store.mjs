// Runs extension/worker/identity.js over an in-memory chrome.storage.local whose
// reads resolve only when told, and prints what storage holds afterwards: for
// tests/extension/test_worker_identity.py.
const stored = {};
const pendingReads = [];
globalThis.chrome = {
  storage: {
    local: {
      // What was stored when asked, delivered later (as an IPC round trip does).
      get: (keys) => {
        const answer = Object.fromEntries(
          keys.filter((key) => key in stored).map((key) => [key, structuredClone(stored[key])]));
        return new Promise((resolve) => pendingReads.push(() => resolve(answer)));
      },
      set: async (items) => void Object.assign(stored, structuredClone(items)),
    },
  },
};

const identity = await import("../../../extension/worker/identity.js");
const settings = { serverUrl: "https://tg.example", userId: "" };
// Two pages of two applications report their person before the first read of storage returns.
const both = Promise.all([
  identity.rememberPageId(settings, 1, "ada@example.com"),
  identity.rememberPageId(settings, 2, "bob@example.com"),
]);
while (pendingReads.length) {
  pendingReads.shift()();
  await new Promise((resolve) => setTimeout(resolve, 0));
}
await both;
process.stdout.write(JSON.stringify(stored));
