// Everything the editor draws lives in a layer of its own (ui/layer.js),
// separate from the player's, so the panel never mixes with the guidance it
// previews; remove() takes it off the page without a trace.
(() => {
  const ns = globalThis.Trailguide;
  if (ns.editorHost) return;

  const TAG = "trailguide-editor";
  const layer = ns.layer({ tag: TAG, css: () => ns.editorStyles, rootClass: "te-root", liveClass: "te-sr" });
  let uid = 0;

  /** Whether an element is one of Trailguide's own hosts (never a target). */
  const isOurs = (el) => el?.localName === TAG || el?.localName === ns.host.TAG;

  /** A unique id inside the editor's shadow root. */
  const id = (prefix) => `te-${prefix}-${++uid}`;

  ns.editorHost = Object.freeze({
    ensure: layer.ensure,
    mount: layer.mount,
    announce: layer.announce,
    remove: layer.remove,
    isOurs,
    id,
    TAG,
  });
})();
