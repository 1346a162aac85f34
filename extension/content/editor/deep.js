// Walking the page as the author sees it, across boundaries the DOM API stops
// at: the element under a point through open AND closed shadow roots and
// same-origin frames, its parent and first child across those boundaries,
// where it lives (frames and shadow hosts from the top), and its box in the
// top viewport.
(() => {
  const ns = globalThis.Trailguide;
  if (ns.deep) return;
  const { shadowRootOf, frameOffset } = ns.scope;

  const SKIP = new Set(["script", "style", "template", "noscript", "link", "meta", "head", "title"]);
  // Frames have globals of their own: no instanceof across them.
  const isShadow = (node) => node?.nodeType === Node.DOCUMENT_FRAGMENT_NODE && Boolean(node.host);
  const isElement = (node) => node?.nodeType === Node.ELEMENT_NODE;

  /** The document of a same-origin frame element, or null. */
  function frameDoc(el) {
    if (el?.localName !== "iframe" && el?.localName !== "frame") return null;
    try {
      return el.contentDocument ?? null;
    } catch {
      return null;
    }
  }

  /** The topmost page element at (x, y) in one document or shadow root (ours skipped). */
  function topmost(root, x, y) {
    for (const el of root.elementsFromPoint(x, y)) {
      if (ns.editorHost.isOurs(el)) continue;
      // A shadow root's list also holds elements outside it (retargeted): keep to its own.
      if (isShadow(root) && el.getRootNode() !== root) return null;
      return el;
    }
    return null;
  }

  /**
   * The innermost page element at a point of the top viewport.
   * @returns {Element | null}
   */
  function elementAt(x, y) {
    let el = topmost(document, x, y);
    let [fx, fy] = [x, y];
    for (let depth = 0; el && depth < 32; depth++) {
      const shadow = shadowRootOf(el);
      const inner = shadow ? topmost(shadow, fx, fy) : null;
      if (inner && inner !== el) {
        el = inner;
        continue;
      }
      const doc = frameDoc(el);
      if (doc?.documentElement) {
        const rect = el.getBoundingClientRect();
        [fx, fy] = [fx - rect.left - el.clientLeft, fy - rect.top - el.clientTop];
        const found = topmost(doc, fx, fy);
        if (found && found !== doc.documentElement) {
          el = found;
          continue;
        }
      }
      break;
    }
    return el;
  }

  const pickable = (el) => el && !SKIP.has(el.localName) && !ns.editorHost.isOurs(el);

  /** The element around `el` (its host when it is a shadow root's top, its frame at a document's top). */
  function parentOf(el) {
    const doc = el.ownerDocument;
    if (el === doc.body || el === doc.documentElement) {
      const frame = doc.defaultView?.frameElement;
      return frame ?? null;
    }
    const parent = el.parentNode;
    if (isShadow(parent)) return parent.host;
    if (parent === doc.documentElement) return null; // body's siblings are not targets
    return isElement(parent) ? parent : null;
  }

  function firstPickable(list) {
    return [...list].find(pickable) ?? null;
  }

  /** The first element inside `el` (its shadow root's, or its frame's body, first). */
  function childOf(el) {
    const shadow = shadowRootOf(el);
    const inShadow = shadow ? firstPickable(shadow.children) : null;
    if (inShadow) return inShadow;
    const doc = frameDoc(el);
    if (doc?.body) return doc.body;
    return firstPickable(el.children);
  }

  /** The next or previous pickable sibling (null at the ends). */
  function siblingOf(el, step) {
    let next = step > 0 ? el.nextElementSibling : el.previousElementSibling;
    while (next && !pickable(next)) next = step > 0 ? next.nextElementSibling : next.previousElementSibling;
    return next;
  }

  /**
   * Where an element lives: the same-origin frames from the top document in,
   * and the shadow hosts (outermost first) inside the innermost frame.
   * @returns {{frames: HTMLIFrameElement[], hosts: Element[], root: Document | ShadowRoot}}
   */
  function placeOf(el) {
    const root = el.getRootNode();
    const hosts = [];
    let node = root;
    while (isShadow(node)) {
      hosts.unshift(node.host);
      node = node.host.getRootNode();
    }
    const frames = [];
    let doc = /** @type {Document} */ (node);
    while (doc && doc !== document) {
      const frame = doc.defaultView?.frameElement;
      if (!frame) break;
      frames.unshift(/** @type {HTMLIFrameElement} */ (frame));
      doc = frame.ownerDocument;
    }
    return { frames, hosts, root: /** @type {Document | ShadowRoot} */ (root) };
  }

  /** The element's box in the top document's viewport. */
  function boxOf(el) {
    const rect = el.getBoundingClientRect();
    const offset = frameOffset(el);
    return { x: rect.left + offset.x, y: rect.top + offset.y, width: rect.width, height: rect.height };
  }

  ns.deep = Object.freeze({ isShadow, elementAt, parentOf, childOf, siblingOf, placeOf, boxOf, frameDoc, pickable });
})();
