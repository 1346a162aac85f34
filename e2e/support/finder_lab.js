// Test helpers of the finder lab (e2e/support/finder_lab.py), in the page's
// world: every element of the page (open shadow roots and same-origin frames
// included) and a finder-independent address for each, so a test can say
// which element a target resolved to without asking the finder.
globalThis.lab = (() => {
  /** @param {Document | ShadowRoot} root */
  function* walk(root) {
    for (const el of root.querySelectorAll("*")) {
      yield el;
      if (el.shadowRoot) yield* walk(el.shadowRoot);
      if (el.localName === "iframe" && el.contentDocument) yield* walk(el.contentDocument);
    }
  }

  // The lab adds its scripts to <head>: addresses count only what the page itself has.
  const own = (root) => [...root.querySelectorAll("*")].filter((el) => !el.closest("head"));

  /** "3/shadow/1/frame/4": indices among each root's elements, outermost first. */
  function address(el) {
    if (!el) return null;
    const steps = [];
    let node = el;
    for (;;) {
      const root = node.getRootNode();
      steps.unshift(own(root).indexOf(node));
      if (root instanceof ShadowRoot) {
        steps.unshift("shadow");
        node = root.host;
        continue;
      }
      const frame = root.defaultView?.frameElement;
      if (!frame) break;
      steps.unshift("frame");
      node = frame;
    }
    return steps.join("/");
  }

  const SKIP = new Set(["html", "head", "body", "script", "style", "link", "meta", "title", "iframe"]);

  /** Visible elements an author could pick, in document order. */
  function pickable() {
    return [...walk(document)].filter((el) => !SKIP.has(el.localName) &&
      !el.closest("head") && el.checkVisibility({ visibilityProperty: true }));
  }

  /** The element at an address (null when the page has no such element). */
  function at(path) {
    const steps = String(path).split("/");
    /** @type {Document | ShadowRoot} */
    let root = document;
    let el = null;
    for (const step of steps) {
      if (step === "shadow") root = el.shadowRoot;
      else if (step === "frame") root = el.contentDocument;
      else el = own(root)[Number(step)] ?? null;
      if (!root || (step !== "shadow" && step !== "frame" && !el)) return null;
    }
    return el;
  }

  return { walk, address, pickable, at };
})();
