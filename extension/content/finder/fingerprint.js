// What an element is, beyond the ways to find it: tag, role, accessible name,
// text, stable attributes, and its context — the text around it (its row, its
// field, its section), its nearest stable ancestor and its position there. The
// picker records it; the finder scores candidates against it when the ways
// disagree or all miss. Context is what tells a target from its look-alikes
// (the same "Edit" button in every row), so a candidate whose context
// contradicts the record is never taken for the target.
(() => {
  const ns = globalThis.Trailguide;
  if (ns.fingerprint) return;
  const { normalize } = ns.core;
  const { roleOf, nameOf, isTextField } = ns.aria;

  const MAX_TEXT = 200;
  const MAX_NEAR = 160;
  // An ancestor with more text than this is a page region, not the element's row or field.
  const MAX_NEAR_SOURCE = 400;
  const MAX_CLIMB = 6;
  const MAX_ANCHOR_CLIMB = 8;
  const MAX_VALUE = 500;
  const MAX_ATTRIBUTES = 20;
  const ATTRIBUTES = ["id", "class", "name", "type", "href", "role", "aria-label", "title",
    "placeholder", "for", "alt"];
  const ANCHOR_ATTRIBUTES = ["data-testid", "data-test-id", "data-test", "data-cy", "data-qa"];
  const LABELLED_REGIONS = new Set(["section", "form", "nav", "aside", "dialog", "fieldset", "table", "ul", "ol"]);
  // How much each recorded attribute says about identity (others weigh 1).
  const WEIGHTS = { id: 1.5, name: 1.5, "aria-label": 1.5, "data-testid": 2, "data-test-id": 2,
    "data-test": 2, "data-cy": 2, "data-qa": 2, type: 0.5, class: 0.5, for: 0.5, role: 0.5 };
  // Free text in attributes: compared by similarity, not equality.
  const TEXTUAL = new Set(["aria-label", "title", "placeholder", "alt"]);
  // Below this share of the recorded context a candidate is somewhere else.
  const CONTEXT_VETO = 0.4;
  // Below this likeness of its recorded text around, a candidate is in another row or field.
  const NEAR_VETO = 0.5;
  // A short label (a button's text, a field's name) at most this alike names something else...
  const NAME_VETO = 0.6;
  const MAX_LABEL = 80;
  // A reworded element must keep at least this much of the text around it...
  const NEAR_TRUST = 0.8;
  // ...and that text must be its own row or field, not a whole region.
  const MAX_NEAR_WORDS = 12;
  // ...unless one of these attributes still says it is the same element.
  const IDENTITY = ["data-testid", "data-test-id", "data-test", "data-cy", "data-qa", "id", "name", "href"];

  /**
   * @typedef {{near?: string, wide?: string, heading?: string, host?: string, anchor?: string,
   *            index?: number, order?: number}} Context
   * @typedef {{tag?: string, role?: string, text?: string, name?: string,
   *            attributes?: Record<string, string>, context?: Context}} Fingerprint
   */

  const lower = (text) => normalize(text).toLowerCase();
  const words = (text) => new Set(lower(text).match(/[\p{L}\p{N}]+/gu) ?? []);

  /** Dice similarity of two texts' words, from 0 to 1. */
  function overlap(a, b) {
    const left = words(a);
    const right = words(b);
    if (!left.size && !right.size) return 1;
    if (!left.size || !right.size) return 0;
    let shared = 0;
    for (const word of left) if (right.has(word)) shared += 1;
    return (2 * shared) / (left.size + right.size);
  }

  /**
   * How alike the text around a candidate is to the recorded one: their word
   * overlap, halved for every recorded number missing (a row's id or amount is
   * what tells it from the next row).
   */
  function aroundAlike(actual, recorded) {
    const have = words(actual);
    let share = overlap(actual, recorded);
    for (const word of words(recorded)) if (/\d/.test(word) && !have.has(word)) share /= 2;
    return share;
  }

  /** How alike two labels are: the same (any case) 1, one inside the other 0.8, else less than their word overlap. */
  function alike(a, b) {
    const left = lower(a);
    const right = lower(b);
    if (left === right) return 1;
    if (!left || !right) return 0;
    if (left.includes(right) || right.includes(left)) return 0.8;
    // Squared: "Go to next page" and "Go to previous page" share most words but not their meaning.
    return overlap(left, right) ** 2;
  }

  /** The parent element, crossing out of a shadow root to its host. */
  const up = (el) => el.parentElement ?? (el.parentNode instanceof ShadowRoot ? el.parentNode.host : null);

  const SKIP_TEXT = new Set(["script", "style", "noscript", "template"]);
  // Text inside these is another control's label: "Edit Delete" around a button
  // says nothing about which row it is in.
  const CONTROL_TEXT = "button, a, select, option, [role=button], [role=link], [role=tab], [role=menuitem]";

  /**
   * The text of `node` outside `el` (text nodes space-joined, so cells and
   * items stay apart), and whether any of it is outside other controls; null
   * when there is too much of it.
   */
  function textAround(node, el) {
    const walker = (node.ownerDocument ?? document).createTreeWalker(node, NodeFilter.SHOW_TEXT);
    let text = "";
    let plain = false;
    for (let piece = walker.nextNode(); piece; piece = walker.nextNode()) {
      const parent = piece.parentElement;
      if (!parent || SKIP_TEXT.has(parent.localName) || el.contains(piece) || !piece.data.trim()) continue;
      text += ` ${piece.data}`;
      if (text.length > MAX_NEAR_SOURCE * 4) return null;
      plain ||= !parent.closest(CONTROL_TEXT);
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
  const hostName = (host) => normalize(host.getAttribute("aria-label") || nameOf(host)).slice(0, MAX_LABEL);

  // The region's text: enough words to tell one form or card from a look-alike one.
  const WIDE_WORDS = 8;

  /** The text around the element's closest ancestor with at least WIDE_WORDS words ("" when none fits). */
  function wideText(el) {
    let last = "";
    let node = up(el);
    for (let climbed = 0; node && climbed < MAX_ANCHOR_CLIMB; climbed++, node = up(node)) {
      if (node.localName === "body") break;
      const around = textAround(node, el);
      if (around === null || around.text.length > MAX_NEAR_SOURCE) break;
      last = around.text;
      if (words(last).size >= WIDE_WORDS) break;
    }
    return last.slice(0, MAX_NEAR);
  }

  const HEADINGS = "h1, h2, h3, h4, h5, h6, legend, caption, [role=heading]";

  /** The heading of the closest region around the element that has one ("" when none near). */
  function headingOf(el) {
    let node = up(el);
    for (let climbed = 0; node && climbed < MAX_ANCHOR_CLIMB; climbed++, node = up(node)) {
      if (node.localName === "body") return "";
      const heading = node.matches(HEADINGS) ? node : node.querySelector(HEADINGS);
      if (heading && !heading.contains(el)) return normalize(heading.textContent).slice(0, MAX_NEAR);
      const label = node.getAttribute("aria-label");
      if (label && LABELLED_REGIONS.has(node.localName)) return normalize(label).slice(0, MAX_NEAR);
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

  /**
   * The fingerprint of an element, as the picker records it.
   * @param {Element} el
   * @param {{stableId?: (id: string) => boolean, stableClass?: (name: string) => boolean}} [options]
   *   which ids (as anchors and attributes) and classes to record
   * @returns {Fingerprint}
   */
  function fingerprintOf(el, { stableId = () => true, stableClass = () => true } = {}) {
    /** @type {Record<string, string>} */
    const attributes = {};
    const names = [...ATTRIBUTES, ...[...el.attributes].map((a) => a.name).filter((n) => n.startsWith("data-"))];
    for (const attr of names) {
      if (Object.keys(attributes).length >= MAX_ATTRIBUTES) break;
      const raw = el.getAttribute(attr);
      // Whitespace says nothing about an element (and a class of spaces matches every element).
      const value = attr === "class" ? normalize(raw).split(" ").filter(stableClass).join(" ") : raw;
      if (value === null || value.trim() === "" || !/^[a-zA-Z_:][-a-zA-Z0-9_:.]{0,99}$/.test(attr)) continue;
      if ((attr === "id" || attr === "for") && !stableId(value)) continue;
      attributes[attr] = value.slice(0, MAX_VALUE);
    }
    /** @type {Fingerprint} */
    const fingerprint = { tag: el.localName, attributes };
    const text = isTextField(el) || el.localName === "select" ? "" : normalize(el.textContent).slice(0, MAX_TEXT);
    if (text) fingerprint.text = text;
    const role = roleOf(el);
    if (role) fingerprint.role = role;
    const name = nameOf(el).slice(0, MAX_TEXT);
    if (name && name !== text) fingerprint.name = name;
    /** @type {Context} */
    const places = placesOf(el);
    const subject = places[places.length - 1];
    /** @type {Context} */
    const context = { index: indexOf(subject) };
    const near = nearText(subject);
    const heading = headingOf(subject);
    if (heading) context.heading = heading;
    if (subject !== el && hostName(subject)) context.host = hostName(subject);
    const wide = wideText(subject);
    if (wide && wide !== near) context.wide = wide;
    if (near) context.near = near;
    const anchor = anchorOf(subject, stableId);
    if (anchor) {
      context.anchor = anchor;
      context.order = orderIn(subject, anchor);
    }
    fingerprint.context = context;
    return fingerprint;
  }

  function attributeScore(el, name, wanted) {
    const actual = el.getAttribute(name);
    if (actual === null) return 0;
    if (name === "class") return overlap(actual, wanted);
    if (TEXTUAL.has(name)) return alike(actual, wanted);
    return actual === wanted ? 1 : 0;
  }

  /** Whether an attribute naming the element itself (test id, id, name, href) is still the recorded one. */
  function sameIdentity(el, fp) {
    const component = el.getRootNode() instanceof ShadowRoot; // its ids repeat in every instance
    return IDENTITY.some((name) => (name !== "id" || !component) && fp.attributes?.[name] !== undefined &&
      el.getAttribute(name) === fp.attributes[name]);
  }

  /**
   * Whether a candidate named otherwise may be the target reworded: it sits in
   * the target's own row or field (a short text around it, still there), and
   * its new name is not one that was already next to the target (the
   * neighbour that slid into a removed target's place).
   */
  function reworded(el, fp, near) {
    // A field only its placeholder named has nothing of its own left to vouch for it.
    if (fp.name && normalize(fp.attributes?.placeholder) === normalize(fp.name)) return false;
    const recorded = words(fp.context?.near ?? "");
    if (near < NEAR_TRUST || !recorded.size || recorded.size > MAX_NEAR_WORDS) return false;
    const own = words(fp.text ? el.textContent : nameOf(el));
    return ![...own].every((word) => recorded.has(word)) || !own.size;
  }

  /**
   * How well an element matches a fingerprint: `score` from 0 to 1, `near`
   * how alike the text around it is, and `vetoed` when it is somewhere else
   * (its context contradicts the record) or something else (named otherwise,
   * and nothing vouches for it being the same element reworded).
   * @param {Element} el
   * @param {Fingerprint | undefined} fp
   * @param {{identity?: boolean}} [options] identity: a way naming the element itself (test id, id) found it
   * @returns {{score: number, vetoed: boolean, near: number}}
   */
  function assess(el, fp, { identity = false } = {}) {
    if (!fp) return { score: 0, vetoed: false, near: 1 };
    let got = 0;
    let total = 0;
    const add = (weight, share) => {
      total += weight;
      got += weight * share;
    };
    if (fp.tag) add(2, el.localName === String(fp.tag).toLowerCase() ? 1 : 0);
    if (fp.role) add(1, roleOf(el) === fp.role ? 1 : 0);
    let named = 1;
    if (fp.text) {
      const share = alike(el.textContent, fp.text);
      add(2, share);
      if (normalize(fp.text).length <= MAX_LABEL) named = share;
    }
    if (fp.name) {
      const share = alike(nameOf(el), fp.name);
      add(2, share);
      if (normalize(fp.name).length <= MAX_LABEL) named = Math.min(named, share);
    }
    for (const [name, value] of Object.entries(fp.attributes ?? {})) {
      add(WEIGHTS[name] ?? 1, attributeScore(el, name, value));
    }
    const ctx = fp.context;
    // The component's host gave the recorded context, unless the release put the
    // element in a shadow root of its own since: whichever place matches better.
    const places = ctx ? placesOf(el) : [el];
    const best = (measure) => Math.max(...places.map(measure));
    let context = 0;
    let contextTotal = 0;
    let near = 1;
    if (ctx?.near) {
      near = best((place) => aroundAlike(nearText(place), ctx.near));
      add(3, near);
      context += 3 * near;
      contextTotal += 3;
    }
    if (ctx?.anchor) {
      const inside = best((place) => (closestAcross(place, ctx.anchor) ? 1 : 0));
      add(1, inside);
      context += inside;
      contextTotal += 1;
      if (ctx.order) add(1, best((place) => (orderIn(place, ctx.anchor) === ctx.order ? 1 : 0)));
    }
    let region = 1;
    if (ctx?.wide) {
      region = best((place) => aroundAlike(wideText(place), /** @type {string} */ (ctx.wide)));
      add(1, region);
    }
    if (ctx?.heading) {
      region = Math.min(region, best((place) => alike(headingOf(place), /** @type {string} */ (ctx.heading))));
      add(1, region);
    }
    const placed = !ctx?.index || places.some((place) => indexOf(place) === ctx.index);
    if (ctx?.index) add(0.5, placed ? 1 : 0);
    if (ctx?.host) {
      const share = best((place) => alike(hostName(place), /** @type {string} */ (ctx.host)));
      add(2, share);
      named = Math.min(named, share);
    }
    const elsewhere = near < NEAR_VETO || region < NEAR_VETO ||
      (contextTotal > 0 && context / contextTotal < CONTEXT_VETO);
    const renamed = named <= NAME_VETO && !identity && !sameIdentity(el, fp) && !(placed && reworded(el, fp, near));
    return { score: total ? got / total : 0, vetoed: elsewhere || renamed, near };
  }

  ns.fingerprint = Object.freeze({ fingerprintOf, assess, nearText, alike, overlap });
})();
