// The editor's rich text library (Tiptap over ProseMirror), bundled by
// `make extension` into vendor/tiptap.min.js: content scripts cannot import
// modules, so the bundle hands the classes the editor uses to one global.
import { Editor } from "@tiptap/core";
import Bold from "@tiptap/extension-bold";
import Italic from "@tiptap/extension-italic";
import StarterKit from "@tiptap/starter-kit";

globalThis.TrailguideTiptap = Object.freeze({ Editor, StarterKit, Bold, Italic });
