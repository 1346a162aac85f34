// Where a target lives: through same-origin frames (descriptor.frames) and
// shadow roots, open or closed (descriptor.shadow), from the top document in.
(() => {
  const ns = globalThis.Trailguide;
  if (ns.scope) return;

  /**
   * The shadow root of a host, open or closed. Closed roots are reachable
   * only through the extension API (content scripts have it).
   * @param {Element} host
   * @returns {ShadowRoot | null}
   */
  function shadowRootOf(host) {
    const api = globalThis.chrome?.dom?.openOrClosedShadowRoot;
    if (api) {
      try {
        // Only HTML elements can host a shadow root (anything else throws and falls back).
        return api(/** @type {HTMLElement} */ (host)) ?? null;
      } catch {
        return host.shadowRoot;
      }
    }
    return host.shadowRoot;
  }

  /** The document of a same-origin frame element, or null. */
  function frameDocument(frame) {
    try {
      return frame?.contentDocument ?? null;
    } catch {
      return null; // cross-origin: not ours to read
    }
  }

  function query(root, selector) {
    try {
      return root.querySelector(selector);
    } catch {
      return null; // an invalid selector finds nothing
    }
  }

  /**
   * Follow the descriptor's frames and shadow hosts.
   * @param {{frames?: string[], shadow?: string[]}} target
   * @returns {{root: Document | ShadowRoot | null, visited: (Document | ShadowRoot)[],
   *            brokenShadow: boolean, frameDoc: Document | null}}
   *   root null when a frame is missing; brokenShadow when a shadow host is
   *   missing (the caller may search every shadow root of frameDoc instead).
   */
  function rootFor(target, doc = document) {
    /** @type {(Document | ShadowRoot)[]} */
    const visited = [doc];
    let current = doc;
    for (const selector of target.frames ?? []) {
      const inner = frameDocument(query(current, selector));
      if (!inner) return { root: null, visited, brokenShadow: false, frameDoc: null };
      current = inner;
      visited.push(inner);
    }
    const frameDoc = current;
    /** @type {Document | ShadowRoot} */
    let root = current;
    for (const selector of target.shadow ?? []) {
      const host = query(root, selector);
      const shadow = host ? shadowRootOf(host) : null;
      if (!shadow) return { root: null, visited, brokenShadow: true, frameDoc };
      root = shadow;
      visited.push(shadow);
    }
    return { root, visited, brokenShadow: false, frameDoc };
  }

  /**
   * Every shadow root under `root`, depth first. Open roots are found on any
   * element; closed roots only on custom elements (asking the extension API
   * about every element would cost too much on big pages).
   * @param {Document | ShadowRoot} root
   * @returns {ShadowRoot[]}
   */
  function shadowRootsUnder(root) {
    /** @type {ShadowRoot[]} */
    const found = [];
    /** @type {(Document | ShadowRoot)[]} */
    const pending = [root];
    while (pending.length) {
      const current = /** @type {Document | ShadowRoot} */ (pending.pop());
      const doc = current.ownerDocument ?? /** @type {Document} */ (current);
      const walker = doc.createTreeWalker(current, NodeFilter.SHOW_ELEMENT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const el = /** @type {Element} */ (node);
        const shadow = el.shadowRoot ?? (el.localName.includes("-") ? shadowRootOf(el) : null);
        if (shadow) {
          found.push(shadow);
          pending.push(shadow);
        }
      }
    }
    return found;
  }

  /** The rectangle of an element's frame chain offset, so frame content maps to the top viewport. */
  function frameOffset(el) {
    let x = 0;
    let y = 0;
    let win = el.ownerDocument?.defaultView;
    while (win && win !== window && win.frameElement) {
      const frame = win.frameElement;
      const rect = frame.getBoundingClientRect();
      x += rect.left + frame.clientLeft;
      y += rect.top + frame.clientTop;
      win = frame.ownerDocument.defaultView;
    }
    return { x, y };
  }

  ns.scope = Object.freeze({ shadowRootOf, rootFor, shadowRootsUnder, frameOffset });
})();
