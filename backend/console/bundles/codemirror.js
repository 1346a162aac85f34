// CodeMirror 6 for the console's YAML tab and its version diff, bundled by
// `make console-assets` (esbuild, iife) into static/vendor/codemirror.min.js.
import { basicSetup, EditorView } from "codemirror";
import { EditorState } from "@codemirror/state";
import { yaml } from "@codemirror/lang-yaml";
import { linter, lintGutter } from "@codemirror/lint";
import { MergeView } from "@codemirror/merge";

globalThis.TrailguideCodeMirror = Object.freeze({
  basicSetup, EditorView, EditorState, yaml, linter, lintGutter, MergeView,
});
