// Runs the shared URL pattern vectors through extension/shared/urls.js and
// prints one JSON document of verdicts for tests/extension/test_urls.py.
import { readFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));
await import(pathToFileURL(`${here}../../../extension/shared/urls.js`).href);
const { urls } = globalThis.Trailguide;
const vectors = JSON.parse(readFileSync(`${here}../url_pattern_vectors.json`, "utf8"));

const out = {
  matches: vectors.matches.map(([pattern, url]) => urls.matches(pattern, url)),
  invalid: vectors.invalid.map((pattern) => urls.parsePattern(pattern).error ?? null),
  chrome: vectors.matches.map(([pattern]) => urls.toMatchPattern(pattern)),
};
process.stdout.write(JSON.stringify(out));
