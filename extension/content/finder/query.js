// Candidates for one alternative of a target descriptor, searched in one root
// (a document or a shadow root). Each `by` is a cheap native query first.
(() => {
  const ns = globalThis.Trailguide;
  if (ns.query) return;
  const { normalize } = ns.core;
  const { byRole, byLabel } = ns.aria;

  const MAX_CANDIDATES = 50;
  const TEST_ATTRIBUTES = ["data-testid", "data-test-id", "data-test", "data-cy", "data-qa"];
  const SKIP_TEXT_IN = new Set(["script", "style", "noscript", "template", "textarea"]);

  function all(root, selector) {
    try {
      return [...root.querySelectorAll(selector)].slice(0, MAX_CANDIDATES);
    } catch {
      return []; // an author's invalid selector finds nothing, it does not throw
    }
  }

  /**
   * Deepest elements whose whole text is `value` (whitespace-normalized;
   * exact case first). Walks text nodes, so it never reads a big subtree's
   * textContent more than needed.
   * @param {Document | ShadowRoot} root
   * @param {string} value
   * @param {string} [tag]
   */
  function byText(root, value, tag) {
    const wanted = normalize(value);
    if (!wanted) return [];
    const lower = wanted.toLowerCase();
    if (tag) {
      const exact = [];
      const loose = [];
      for (const el of all(root, tag)) {
        const text = normalize(el.textContent);
        if (text === wanted) exact.push(el);
        else if (text.toLowerCase() === lower) loose.push(el);
      }
      return [...exact, ...loose];
    }
    const doc = root.ownerDocument ?? root;
    const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    /** @type {Set<Element>} */
    const seen = new Set();
    /** @type {Element[]} */
    const exact = [];
    /** @type {Element[]} */
    const loose = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const piece = normalize(/** @type {Text} */ (node).data).toLowerCase();
      if (!piece || !lower.includes(piece)) continue;
      /** @type {Element | null} */
      let el = node.parentElement;
      if (!el || SKIP_TEXT_IN.has(el.localName)) continue;
      // Climb while the text could still be the whole wanted text.
      while (el) {
        const text = normalize(el.textContent);
        if (text.length > wanted.length) break;
        if (text.toLowerCase() === lower) {
          if (!seen.has(el)) {
            seen.add(el);
            (text === wanted ? exact : loose).push(el);
          }
          break;
        }
        // A root is never an element: the climb stops at its top element (no parent element there).
        if (el.parentElement === null) break;
        el = el.parentElement;
      }
      if (exact.length >= MAX_CANDIDATES) break;
    }
    return [...exact, ...loose];
  }

  /**
   * Elements an XPath finds under `root`. Chromium refuses a shadow root as the
   * context node, but inside a shadow tree "/" is the shadow root: a path saved
   * relative to it ("./div/a[2]") is evaluated from any element of that tree.
   * @param {Document | ShadowRoot} root
   * @param {string} expression
   */
  function byXPath(root, expression) {
    const doc = root.ownerDocument ?? root;
    let context = /** @type {Node | null} */ (root);
    let path = expression;
    if (root.nodeType === Node.DOCUMENT_FRAGMENT_NODE) {
      context = root.firstElementChild;
      if (path.startsWith("./")) path = path.slice(1);
      else if (path === ".") return [];
    }
    if (!context) return [];
    try {
      const result = doc.evaluate(path, context, null, XPathResult.ORDERED_NODE_SNAPSHOT_TYPE, null);
      /** @type {Element[]} */
      const found = [];
      for (let i = 0; i < Math.min(result.snapshotLength, MAX_CANDIDATES); i++) {
        const node = result.snapshotItem(i);
        // nodeType, not instanceof: a frame's nodes come from another realm.
        if (node?.nodeType === Node.ELEMENT_NODE) found.push(/** @type {Element} */ (node));
      }
      return found;
    } catch {
      return [];
    }
  }

  /**
   * Candidates for one alternative under `root`, best first.
   * @param {Document | ShadowRoot} root
   * @param {{by: string, value?: string, role?: string, name?: string, tag?: string}} alt
   * @returns {Element[]}
   */
  function candidates(root, alt) {
    const value = typeof alt.value === "string" ? alt.value : "";
    switch (alt.by) {
      case "testid": {
        const quoted = CSS.escape(value);
        return value ? all(root, TEST_ATTRIBUTES.map((a) => `[${a}="${quoted}"]`).join(",")) : [];
      }
      case "id": {
        const el = value ? root.getElementById?.(value) : null;
        return el ? [el] : [];
      }
      case "role":
        return byRole(root, alt.role, alt.name).slice(0, MAX_CANDIDATES);
      case "label":
        return byLabel(root, value).slice(0, MAX_CANDIDATES);
      case "text":
        return byText(root, value, alt.tag);
      case "css":
        return value ? all(root, value) : [];
      case "xpath":
        return value ? byXPath(root, value) : [];
      default:
        return [];
    }
  }

  ns.query = Object.freeze({ candidates, byText, TEST_ATTRIBUTES });
})();
