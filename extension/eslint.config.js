// ESLint over the extension: the recommended rules, with the globals each kind
// of file runs with. `make lint` runs it: cd extension && npx eslint .
import js from "@eslint/js";
import globals from "globals";

export default [
  {
    ignores: [
      "node_modules/",
      "vendor/",
    ],
  },
  js.configs.recommended,
  {
    // Content scripts are classic scripts sharing globalThis.Trailguide.
    files: ["content/**/*.js", "shared/**/*.js"],
    languageOptions: {
      sourceType: "script",
      globals: { ...globals.browser, ...globals.webextensions },
    },
  },
  {
    // The service worker is an ES module (it also imports shared/*.js).
    files: ["background.js", "worker/**/*.js"],
    languageOptions: {
      sourceType: "module",
      globals: { ...globals.serviceworker, ...globals.worker, ...globals.webextensions },
    },
  },
  {
    // The popup and the options page are extension pages loading ES modules.
    files: ["popup/**/*.js", "options/**/*.js"],
    languageOptions: {
      sourceType: "module",
      globals: { ...globals.browser, ...globals.webextensions },
    },
  },
  {
    files: ["eslint.config.js", "bundles/**/*.js"],
    languageOptions: { sourceType: "module", globals: globals.node },
  },
];
