// Runs extension/content/search/rank.js (with the vendored MiniSearch) over the
// entries and queries given on stdin as {entries, here, queries}, and prints
// {query: [result ids, best first]} for tests/extension/test_search_rank.py.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));
const extension = `${here}../../../extension/`;
globalThis.MiniSearch = createRequire(`${extension}package.json`)("minisearch");
await import(pathToFileURL(`${extension}shared/urls.js`).href);
await import(pathToFileURL(`${extension}content/search/rank.js`).href);

const input = JSON.parse(readFileSync(0, "utf8"));
const ranker = globalThis.Trailguide.searchRank.build(input.entries, input.here);
const out = {};
for (const query of input.queries) out[query] = ranker.search(query).map((e) => `${e.kind}:${e.id}`);
process.stdout.write(JSON.stringify(out));
