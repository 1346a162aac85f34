// Where an element is, in the words of its page: the text around it (its
// row, its field), its region's wider text and heading, its nearest stable
// ancestor and its position there, and the host of the component it is part
// of. The fingerprint records these; the finder compares candidates by them,
// with the text likeness measures of likeness.js.
(() => {
  const ns = globalThis.Trailguide;
  if (ns.context) return;
  const { normalize } = ns.core;
  const { nameOf } = ns.aria;
  const { words, tally, overlap, aroundAlike, alike } = ns.likeness;

  const MAX_NEAR = 160;
  // An ancestor with more text than this is a page region, not the element's row or field.
  const MAX_NEAR_SOURCE = 400;
  const MAX_CLIMB = 10;
  const MAX_ANCHOR_CLIMB = 8;
  const MAX_LABEL = 80;
  const ANCHOR_ATTRIBUTES = ["data-testid", "data-test-id", "data-test", "data-cy", "data-qa"];
  const LABELLED_REGIONS = new Set(["section", "form", "nav", "aside", "dialog", "fieldset", "table", "ul", "ol"]);

  /** The parent element, crossing out of a shadow root to its host. */
  const up = (el) => el.parentElement ?? (el.parentNode instanceof ShadowRoot ? el.parentNode.host : null);

  const SKIP_TEXT = new Set(["script", "style", "noscript", "template"]);
  // Text inside these is another control's label: "Edit Delete" around a button
  // says nothing about which row it is in.
  const CONTROL_TEXT = "button, a, select, option, [role=button], [role=link], [role=tab], [role=menuitem]";

  // A custom element's name has a hyphen: what it shows may come from its attributes.
  const COMPONENT = /-/;
  // Custom elements that are controls (sl-button, md-icon-button, ...): their text is a label too.
  const CONTROL_ELEMENT = /-(?:button|link|tab|menu-item|icon|chip|switch|checkbox)$/;

  /** Whether text in `el` belongs to a control's label. */
  function inControl(el) {
    if (el.closest(CONTROL_TEXT)) return true;
    for (let node = el; node; node = node.parentElement) {
      if (CONTROL_ELEMENT.test(node.localName)) return true;
    }
    return false;
  }

  /**
   * The shadow root whose tree is what `host` shows, or null: an open root
   * without slots renders none of the host's children, so its content is the
   * host's content (a container an app moved into a shadow root of its own);
   * a component's root with slots shows the host's children, which count instead.
   * @param {Element} host
   */
  function renderedRoot(host) {
    const root = host.shadowRoot;
    return root && !root.querySelector("slot") ? root : null;
  }

  /**
   * The elements and text nodes under `node` in the order they show, through
   * the slotless shadow roots of renderedRoot, skipping `skip` and everything in it.
   * @param {Node} node
   * @param {Node | null} skip
   * @returns {Generator<Node>}
   */
  function* shown(node, skip) {
    const pending = [...childrenShown(node)].reverse();
    while (pending.length) {
      const current = /** @type {Node} */ (pending.pop());
      if (current === skip) continue;
      if (current.nodeType === Node.TEXT_NODE) yield current;
      if (current.nodeType !== Node.ELEMENT_NODE) continue;
      yield current;
      pending.push(...[...childrenShown(current)].reverse());
    }
  }

  /** @param {Node} node */
  function childrenShown(node) {
    const root = node.nodeType === Node.ELEMENT_NODE ? renderedRoot(/** @type {Element} */ (node)) : null;
    return (root ?? node).childNodes;
  }

  /**
   * The text of `node` outside `el` (text nodes space-joined, so cells and
   * items stay apart), and whether any of it is outside other controls; null
   * when there is too much of it.
   */
  function textAround(container, el) {
    let text = "";
    let plain = false;
    for (const node of shown(container, el)) {
      if (node.nodeType === Node.ELEMENT_NODE) {
        // A component shows the label it is given (sl-input, md-outlined-text-field): a neighbour's name
        // that a copy edit or a removal must be told from.
        const component = /** @type {Element} */ (node);
        const label = COMPONENT.test(component.localName) && !component.contains(el)
          ? component.getAttribute("label")
          : null;
        if (label?.trim()) text += ` ${label}`;
        continue;
      }
      const piece = /** @type {Text} */ (node);
      const parent = piece.parentElement;
      if (!parent || SKIP_TEXT.has(parent.localName) || !piece.data.trim()) continue;
      text += ` ${piece.data}`;
      if (text.length > MAX_NEAR_SOURCE * 4) return null;
      plain ||= !inControl(parent);
    }
    return { text: normalize(text), plain };
  }

  /**
   * The text around an element: that of its closest ancestor with text of its
   * own besides other controls' labels (its row, its field, its card), without
   * the element's own; or, in a region of nothing but controls, theirs.
   */
  function nearText(el) {
    let fallback = "";
    let node = up(el);
    for (let climbed = 0; node && climbed < MAX_CLIMB; climbed++, node = up(node)) {
      if (node.localName === "body") break;
      const around = textAround(node, el);
      if (around === null || around.text.length > MAX_NEAR_SOURCE) break;
      if (around.plain) return around.text.slice(0, MAX_NEAR);
      fallback ||= around.text.slice(0, MAX_NEAR);
    }
    return fallback;
  }

  /**
   * A selector for the nearest ancestor with a stable identity (a test id, an
   * id `stableId` accepts, a labelled region), or "".
   * @param {Element} el
   * @param {(id: string) => boolean} stableId
   */
  function anchorOf(el, stableId) {
    let node = up(el);
    for (let climbed = 0; node && climbed < MAX_ANCHOR_CLIMB; climbed++, node = up(node)) {
      if (node.localName === "body" || node.localName === "html") return "";
      const test = ANCHOR_ATTRIBUTES.find((name) => node.getAttribute(name));
      if (test) return `[${test}="${CSS.escape(node.getAttribute(test) ?? "")}"]`;
      const id = node.getAttribute("id");
      if (id && stableId(id)) return `#${CSS.escape(id)}`;
      const label = node.getAttribute("aria-label");
      if (label && label.length <= 80 && LABELLED_REGIONS.has(node.localName)) {
        return `${node.localName}[aria-label="${CSS.escape(label)}"]`;
      }
    }
    return "";
  }

  // A shadow tree this small is one component's inside (a button's, a switch's):
  // where it sits on the page is where its host sits.
  const MAX_COMPONENT = 30;

  /**
   * The element and the hosts of the small components it is part of, innermost
   * first: the last one's surroundings are the element's context.
   */
  function placesOf(el) {
    const places = [el];
    for (let root = el.getRootNode(); root instanceof ShadowRoot; root = root.host.getRootNode()) {
      if (root.querySelectorAll("*").length > MAX_COMPONENT) break;
      places.push(root.host);
    }
    return places;
  }

  /** What the element's component is called on the page (a host's label or text). */
  const hostName = (host) =>
    normalize(host.getAttribute("aria-label") || host.getAttribute("label") || nameOf(host)).slice(0, MAX_LABEL);

  // The region's text: enough words to tell one form or card from a look-alike one.
  const WIDE_WORDS = 6;

  /**
   * The element's region: its closest ancestor with at least WIDE_WORDS words
   * around it (or the widest one short of a page's worth), that text, and how
   * many levels up it is.
   * @param {Element} el
   * @returns {{region: Element | null, text: string, up: number}}
   */
  function wideOf(el) {
    /** @type {{region: Element | null, text: string, up: number}} */
    let last = { region: null, text: "", up: 0 };
    let node = up(el);
    for (let climbed = 0; node && climbed < MAX_ANCHOR_CLIMB; climbed++, node = up(node)) {
      if (node.localName === "body") break;
      const around = textAround(node, el);
      if (around === null || around.text.length > MAX_NEAR_SOURCE) break;
      last = { region: node, text: around.text, up: climbed + 1 };
      if (words(last.text).size >= WIDE_WORDS) break;
    }
    return last;
  }

  /** The text around the element's region ("" when none fits). */
  const wideText = (el) => wideOf(el).text.slice(0, MAX_NEAR);

  const HEADINGS = "h1, h2, h3, h4, h5, h6, legend, caption, [role=heading]";

  // Enough headings to name every part of one region.
  const MAX_HEADINGS = 20;

  /**
   * The headings of the closest region around the element that has any, as
   * shown (through a shadow root its content moved into), in page order: a
   * reorder of the region's parts changes which comes first, never which are
   * there. Headings of no words (a legend holding a zero-width space) name no
   * region. [] when none is near.
   * @param {Element} el
   * @returns {string[]}
   */
  function headingsOf(el) {
    let node = up(el);
    for (let climbed = 0; node && climbed < MAX_ANCHOR_CLIMB; climbed++, node = up(node)) {
      if (node.localName === "body") return [];
      /** @type {string[]} */
      const found = [];
      for (const candidate of shown(node, el)) {
        const heading = /** @type {Element} */ (candidate);
        if (heading.nodeType !== Node.ELEMENT_NODE || !heading.matches(HEADINGS) || heading.contains(el)) continue;
        if (!words(heading.textContent).size) continue;
        found.push(normalize(heading.textContent).slice(0, MAX_NEAR));
        if (found.length >= MAX_HEADINGS) break;
      }
      if (found.length) return found;
      const label = node.getAttribute("aria-label");
      if (label && LABELLED_REGIONS.has(node.localName)) return [normalize(label).slice(0, MAX_NEAR)];
    }
    return [];
  }

  /** The heading of the closest region around the element that has one, the first in page order ("" when none near). */
  const headingOf = (el) => headingsOf(el)[0] ?? "";


  /**
   * The accessible name, or when it has none, the text of a label that points
   * at its id from outside its shadow root (a field moved into a shadow root
   * its label did not follow: the label still names it on screen).
   * @param {Element} el
   */
  function nameAcross(el) {
    const name = nameOf(el);
    const id = el.getAttribute("id");
    if (name || !id) return name;
    for (let root = el.getRootNode(); root instanceof ShadowRoot; ) {
      root = root.host.getRootNode();
      const label = /** @type {Document | ShadowRoot} */ (root).querySelector(`label[for="${CSS.escape(id)}"]`);
      if (label) return normalize(label.textContent);
    }
    return "";
  }

  /** The element's position among its same-tag siblings, from 1. */
  function indexOf(el) {
    let index = 1;
    for (let sib = el.previousElementSibling; sib; sib = sib.previousElementSibling) {
      if (sib.localName === el.localName) index += 1;
    }
    return index;
  }

  /** The closest ancestor (across shadow hosts) matching `selector`, or null. */
  function closestAcross(el, selector) {
    for (let node = up(el); node; node = up(node)) {
      try {
        if (node.matches(selector)) return node;
      } catch {
        return null;
      }
    }
    return null;
  }

  /** The element's position among the same-tag elements of its anchor, from 1 (0 when not inside it). */
  function orderIn(el, anchor) {
    const region = closestAcross(el, anchor);
    if (!region) return 0;
    return [...region.querySelectorAll(el.localName)].indexOf(el) + 1;
  }

  ns.context = Object.freeze({
    words, tally, overlap, aroundAlike, alike, up, shown, renderedRoot, nearText, wideOf, wideText, headingOf,
    headingsOf, anchorOf, placesOf, hostName, indexOf, closestAcross, orderIn, nameAcross, MAX_LABEL,
  });
})();
