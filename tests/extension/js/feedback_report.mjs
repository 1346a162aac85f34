// Runs extension/worker/feedback.js: the report built from what the tab runs, and
// what the person is told for each answer of a stubbed fetch; prints JSON for
// tests/extension/test_worker_feedback.py.
const feedback = await import("../../../extension/worker/feedback.js");

const who = { userId: "ada@example.com", appId: 3 };
const running = { walkthrough: { id: 7, steps: [] }, step: 1 };
const reports = {
  running: feedback.reportOf({ url: "https://app.test/a?b=1", comment: "hi" }, { ...who, flow: running }),
  idle: feedback.reportOf({ url: "https://app.test/a" }, { ...who, flow: null }),
  long: feedback.reportOf({ url: "https://app.test/a", comment: "x".repeat(2500) }, { ...who, flow: null }),
};

const sent = [];
const answers = {};
const settings = { serverUrl: "https://tg.example", clientKey: "tgc_key" };
for (const [name, respond] of Object.entries({
  accepted: () => new Response(JSON.stringify({ id: 1 }), { status: 201 }),
  limited: () => new Response("{}", { status: 429, headers: { "Retry-After": "60" } }),
  refused: () => new Response("{}", { status: 422 }),
  offline: () => Promise.reject(new TypeError("Failed to fetch")),
})) {
  globalThis.fetch = async (url, init) => {
    sent.push({ url: String(url), method: init.method, key: init.headers["X-Trailguide-Key"] });
    return respond();
  };
  answers[name] = await feedback.send(settings, reports.running);
}
console.log(JSON.stringify({ reports: { ...reports, long: reports.long.comment.length }, answers, sent: sent[0] }));
