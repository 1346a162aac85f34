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
  const { words, overlap, aroundAlike, alike, nearText, wideText, headingOf, headingsOf, anchorOf, placesOf,
    hostName, indexOf, closestAcross, orderIn, nameAcross, MAX_LABEL } = ns.context;
  const { reworded, selfNamed, kinOf } = ns.rename;

  const MAX_TEXT = 200;
  const MAX_VALUE = 500;
  const MAX_ATTRIBUTES = 20;
  const ATTRIBUTES = ["id", "class", "name", "type", "href", "role", "aria-label", "title",
    "placeholder", "for", "alt"];
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
  // ...unless one of these attributes still says it is the same element.
  const IDENTITY = ["data-testid", "data-test-id", "data-test", "data-cy", "data-qa", "id", "name", "href"];

  /**
   * @typedef {import("trailguide/content/finder/fingerprint").Fingerprint} Fingerprint
   * @typedef {import("trailguide/content/finder/fingerprint").Context} Context
   */

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
    const kin = kinOf(subject);
    if (kin) {
      context.region_up = kin.regionUp;
      context.kin = kin.kin;
      if (subject !== el) context.kin_tag = subject.localName; // the component counted, when not the element
    }
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

  // A link to "#" or to a script names no place: every page link of a pager shares it.
  const NOWHERE = /^\s*(?:#\s*|javascript:.*)?$/i;

  /** Whether an attribute naming the element itself (test id, id, name, href) is still the recorded one. */
  function sameIdentity(el, fp) {
    const component = el.getRootNode() instanceof ShadowRoot; // its ids repeat in every instance
    return IDENTITY.some((name) => (name !== "id" || !component) && fp.attributes?.[name] !== undefined &&
      !(name === "href" && NOWHERE.test(fp.attributes[name])) && el.getAttribute(name) === fp.attributes[name]);
  }

  /** Whether the text around the element is nothing but its own name now (it sits beside its label). */
  function ownLabelAround(el, places) {
    const around = words(nearText(places[places.length - 1]));
    const own = words(`${nameAcross(el)} ${places.slice(1).map(hostName).join(" ")}`);
    return [...around].every((word) => own.has(word));
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
      const share = alike(nameAcross(el), fp.name);
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
    // A field beside its own label, reworded, has all the text around it reworded: when both the
    // record and the candidate have nothing around them but their own labels, the text around says
    // nothing of where they are; the region's text does, and only the target reworded may pass.
    let labelOnly = false;
    if (ctx?.near) {
      const recorded = ctx.near;
      near = best((place) => aroundAlike(nearText(place), recorded));
      if (near < NEAR_VETO && ctx.wide && selfNamed(fp) && ownLabelAround(el, places)) {
        labelOnly = true;
        near = best((place) => aroundAlike(wideText(place), /** @type {string} */ (ctx.wide)));
      }
      add(3, near);
      context += 3 * near;
      contextTotal += 3;
    }
    if (ctx?.anchor) {
      const { anchor } = ctx;
      const inside = best((place) => (closestAcross(place, anchor) ? 1 : 0));
      add(1, inside);
      context += inside;
      contextTotal += 1;
      if (ctx.order) add(1, best((place) => (orderIn(place, anchor) === ctx.order ? 1 : 0)));
    }
    let region = 1;
    if (ctx?.wide) {
      region = best((place) => aroundAlike(wideText(place), /** @type {string} */ (ctx.wide)));
      add(1, region);
    }
    // A heading of no words (a legend holding a zero-width space) names no region.
    if (ctx?.heading && words(ctx.heading).size) {
      const heading = /** @type {string} */ (ctx.heading);
      region = Math.min(region, best((place) => Math.max(0, ...headingsOf(place).map((h) => alike(h, heading)))));
      add(1, region);
    }
    // Inside a component everything is first of its kind: the host's position is the one that counts.
    const positioned = places.length > 1 ? places.slice(1) : places;
    const placed = !ctx?.index || positioned.some((place) => indexOf(place) === ctx.index);
    if (ctx?.index) add(0.5, placed ? 1 : 0);
    if (ctx?.host) {
      const share = best((place) => alike(hostName(place), /** @type {string} */ (ctx.host)));
      add(2, share);
      named = Math.min(named, share);
    }
    const elsewhere = near < NEAR_VETO || region < NEAR_VETO ||
      (contextTotal > 0 && context / contextTotal < CONTEXT_VETO);
    const renamed = labelOnly
      ? !identity && !(placed && reworded(el, fp, near))
      : named <= NAME_VETO && !identity && !sameIdentity(el, fp) && !(placed && reworded(el, fp, near));
    return { score: total ? got / total : 0, vetoed: elsewhere || renamed, near };
  }

  ns.fingerprint = Object.freeze({ fingerprintOf, assess, nearText, alike, overlap });
})();
