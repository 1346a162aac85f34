// Runs the worker's delivery cache (extension/worker/content.js, search_index.js) over
// recorded server answers, visiting every page online and then each again offline, and
// prints what chrome.storage.local holds: for tests/extension/test_search_storage.py.
// Usage: node search_storage.mjs <recorded.json>; the file holds {pages: [{url, app,
// etag, body}], index: {etag, body} | null}.
import { readFileSync } from "node:fs";

const recorded = JSON.parse(readFileSync(process.argv[2], "utf8"));
const stored = {};
globalThis.chrome = {
  storage: {
    local: {
      get: async (keys) => Object.fromEntries(
        (keys ?? Object.keys(stored)).filter((key) => key in stored)
          .map((key) => [key, structuredClone(stored[key])])),
      set: async (items) => void Object.assign(stored, structuredClone(items)),
      remove: async (keys) => {
        for (const key of [keys].flat()) delete stored[key];
      },
    },
  },
};

const requests = { content: 0, search: 0 };
let online = true;
const byUrl = new Map(recorded.pages.map((page) => [page.url, page]));

function answer(etag, body, sent) {
  const headers = { ETag: etag, "Content-Type": "application/json" };
  if (sent === etag) return new Response(null, { status: 304, headers });
  return new Response(JSON.stringify(body), { status: 200, headers });
}

globalThis.fetch = async (url, init) => {
  if (!online) throw new TypeError("Failed to fetch");
  const sent = new Headers(init?.headers).get("If-None-Match");
  const parsed = new URL(url);
  if (parsed.pathname === "/api/v1/client/content") {
    requests.content += 1;
    const page = byUrl.get(parsed.searchParams.get("url"));
    return answer(page.etag, page.body, sent);
  }
  if (parsed.pathname === "/api/v1/client/search" && recorded.index) {
    requests.search += 1;
    return answer(recorded.index.etag, recorded.index.body, sent);
  }
  return new Response("{}", { status: 404 });
};

const content = await import("../../../extension/worker/content.js");
const { withSearchIndex } = await import("../../../extension/worker/search_index.js");
const settings = { serverUrl: "https://tg.example", clientKey: "tgc_key" };
const user = "ada@example.test";

async function visit(page) {
  content.forgetRecent();
  const got = await content.contentFor(settings, page.url, user, page.app);
  const body = await withSearchIndex(settings, user, got);
  return { offline: got.offline, found: Array.isArray(body?.search) ? body.search.length : null };
}

const visits = [];
for (const page of recorded.pages) visits.push(await visit(page));
// Chrome counts each item as its key's length plus its value's JSON length.
const bytes = Object.entries(stored)
  .reduce((sum, [key, value]) => sum + key.length + JSON.stringify(value).length, 0);
const visited = { ...requests };
online = false;
const offline = [];
for (const page of recorded.pages) offline.push(await visit(page));
// A publish: the page's answer names a new index, which is fetched once more.
online = true;
const changed = recorded.pages[0];
if (recorded.index && changed.body.search_index) {
  recorded.index = { etag: '"republished"', body: { ...recorded.index.body, entries: [] } };
  changed.etag = '"page-republished"';
  changed.body = { ...changed.body, search_index: { etag: recorded.index.etag } };
}
const before = requests.search;
const republished = { ...(await visit(changed)), fetched: requests.search - before };
process.stdout.write(JSON.stringify({ bytes, requests: visited, visits, offline, republished }));
