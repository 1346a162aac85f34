// Runs extension/shared/authoring.js (editor mode's pure helpers) on the inputs
// tests/extension/test_authoring.py sends on stdin, and prints the answers as JSON.
import { readFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));
await import(pathToFileURL(`${here}../../../extension/shared/authoring.js`).href);
const { authoring } = globalThis.Trailguide;
const calls = JSON.parse(readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(calls.map(([name, ...args]) => authoring[name](...args))));
