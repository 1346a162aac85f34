// Copy edits: whether a candidate named otherwise than the record may be the
// target reworded in place. A release rewords labels, often several of one
// toolbar or form at once; it also removes elements, and then a neighbour
// slides into the removed one's place under its own name. What tells the two
// apart is what each renamed element kept: words of its old name, words its
// neighbours had, the classes of its kind, and how many of its kind its region
// holds. When the page leaves either reading open, the answer is "not found".
(() => {
  const ns = globalThis.Trailguide;
  if (ns.rename) return;
  const { normalize } = ns.core;
  const { nameOf } = ns.aria;
  const { words, tally, up, shown, renderedRoot, nearText, wideOf, placesOf, hostName } = ns.context;

  // A reworded element must keep at least this much of the text around it (a
  // release rewords its neighbours' labels too, often half of a form's words)...
  const NEAR_TRUST = 0.5;
  // ...and that text must hold its neighbours' names, to tell its new name from
  // theirs: a form's labels, not a page's worth of text.
  const MAX_NEAR_WORDS = 40;
  // Classes saying what a control looks like at a moment (BEM modifiers included), not which variant it is.
  const STATE = /^(?:is-|has-)?(?:active|selected|focus(?:ed|-visible|-within)?|hover(?:ed)?|open|opened|closed|disabled|visible|hidden|current|checked|expanded|collapsed|loading|show|pressed)$/i;

  /**
   * @typedef {import("trailguide/content/finder/fingerprint").Fingerprint} Fingerprint
   */

  /** The part of a component `host` that plays the role `el` plays in its own (or null). */
  function partLike(host, el) {
    if (host === el || !(el.getRootNode() instanceof ShadowRoot)) return null;
    return host.shadowRoot?.querySelector(el.localName) ?? null;
  }

  /**
   * The parent as the page is laid out: a host that shows nothing but its own
   * shadow root (a part of the page moved into one) stands where that part
   * stood, so it is climbed through without counting as a level.
   * @param {Element} node
   * @returns {{parent: Element | null, level: number}}
   */
  function layoutParent(node) {
    const parent = up(node);
    const hosting = node.parentNode instanceof ShadowRoot && parent !== null && renderedRoot(parent) !== null;
    return { parent, level: hosting ? 0 : 1 };
  }

  /**
   * How many elements of its tag the ancestor `levels` up from the element
   * holds, as shown (0 when there is none): a removal changes it, a copy edit does not.
   * @param {Element} el
   * @param {number} levels
   */
  function kinIn(el, levels) {
    let node = /** @type {Element | null} */ (el);
    for (let climbed = 0; node && climbed < levels; ) {
      const { parent, level } = layoutParent(node);
      [node, climbed] = [parent, climbed + level];
    }
    if (!node || node === el) return 0;
    let count = 0;
    for (const shownNode of shown(node, null)) {
      if (/** @type {Element} */ (shownNode).localName === el.localName) count += 1;
    }
    return count;
  }

  /**
   * The element's kin as recorded: how many levels up its region is
   * (`regionUp`), and how many elements of its tag that region holds (`kin`).
   * @param {Element} el
   * @returns {{regionUp: number, kin: number} | null}
   */
  function kinOf(el) {
    const { region } = wideOf(el);
    let levels = 0;
    for (let node = /** @type {Element | null} */ (el); node && node !== region; ) {
      const { parent, level } = layoutParent(node);
      [node, levels] = [parent, levels + level];
    }
    return region && levels ? { regionUp: levels, kin: kinIn(el, levels) } : null;
  }

  /** Whether the recorded text around the target is nothing but its own name (a field beside its label). */
  function selfNamed(fp) {
    const around = words(fp.context?.near ?? "");
    const own = words(`${fp.text ?? fp.name ?? ""} ${fp.context?.host ?? ""}`);
    return around.size > 0 && [...around].every((word) => own.has(word));
  }

  /**
   * Whether `other`, a control renamed next to the candidate `el`, is another
   * kind of control than the record: it lacks a recorded class the candidate
   * has, or shows a variant of one (el-button--primary, btn-primary) the
   * candidate lacks. Class names of one component library survive a copy edit.
   * @param {Element} other
   * @param {Element} el
   * @param {Fingerprint} fp
   */
  function anotherKind(other, el, fp) {
    const type = fp.attributes?.type;
    if (type !== undefined && el.getAttribute("type") === type && other.getAttribute("type") !== type) return true;
    const recorded = normalize(fp.attributes?.class).split(" ").filter(Boolean);
    if (!recorded.length || !recorded.every((name) => el.classList.contains(name))) return false;
    if (recorded.some((name) => !other.classList.contains(name))) return true;
    const variant = (name) => recorded.some((base) => {
      const rest = name.slice(base.length);
      return name.startsWith(base) && /^[-_]+\w/.test(rest) && !STATE.test(rest.replace(/^[-_]+/, ""));
    });
    return [...other.classList].some((name) => !el.classList.contains(name) && variant(name));
  }

  /**
   * Whether a candidate named otherwise may be the target reworded: it sits in
   * the target's own row or field (a short text around it, still there), its
   * new name is not one a neighbour of its kind had (the neighbour that slid
   * into a removed target's place), and no sibling renamed in the same release
   * could as well be the target.
   * @param {Element} el
   * @param {Fingerprint} fp
   * @param {number} near how alike the text around `el` is to the recorded one
   */
  function reworded(el, fp, near) {
    // Copy edits reword a placeholder, never add one: a field showing one the target lacked is another field.
    if (fp.attributes && fp.attributes.placeholder === undefined && el.getAttribute("placeholder")) return false;
    const place = placesOf(el).at(-1) ?? el;
    const self = selfNamed(fp);
    // A removal lets a neighbour slide into the target's place, and the same release may reword it:
    // its region then holds one of its kind less, which a copy edit never does. A field only its
    // placeholder or its own label named has nothing else around it to tell it from that neighbour.
    const placeholderOnly = Boolean(fp.name) && normalize(fp.attributes?.placeholder) === normalize(fp.name);
    const { kin, region_up: regionUp } = fp.context ?? {};
    // (Measured from what the picker measured from: the component the element is part of, not a host
    // showing nothing but its shadow root — a part of the page a release moved into one.)
    const subject = placesOf(el).reverse().find((node) => node === el || !renderedRoot(node)) ?? el;
    // A part of another kind of component (a text field's box for a select's) is not the target reworded.
    const kinTag = fp.context?.kin_tag ?? String(fp.tag ?? "").toLowerCase();
    if (kin && subject.localName !== kinTag) return false;
    if (kin && regionUp ? kinIn(subject, regionUp) !== kin : placeholderOnly || self) return false;
    const recordedNear = fp.context?.near ?? "";
    // A field beside its own label has its form's labels for neighbours.
    const neighbours = words(self ? (fp.context?.wide ?? "") : recordedNear);
    if (near < NEAR_TRUST || !neighbours.size || neighbours.size > MAX_NEAR_WORDS) return false;
    const oldName = words(`${fp.text ?? fp.name ?? ""} ${fp.context?.host ?? ""}`);
    /** The words naming an element (or a component's part) now. */
    const naming = (node) => {
      const host = fp.context?.host ? placesOf(node).slice(1).map(hostName).join(" ") : "";
      return words(`${fp.text ? node.textContent : nameOf(node)} ${host}`);
    };
    // A name a neighbour had is new here only if that neighbour still shows it (a button renamed
    // "Profile" beside a menu's "Profile" item): counted, so one of two "Save"s sliding over is not.
    const before = tally(recordedNear);
    const now = self ? new Map() : tally(nearText(place));
    const isNew = (word) => !neighbours.has(word) || (now.get(word) ?? 0) >= (before.get(word) ?? 1);
    // (A sibling's own name is in the text around the candidate: for it, a neighbour's name is never new.)
    const renamed = (set, fresh = (word) => !neighbours.has(word)) => set.size > 0 && [...set].some(fresh);
    const own = naming(el);
    // Nameless now, it cannot show it is the same element under a new name.
    if (!renamed(own, isNew)) return false;
    const keepsOld = (set) => [...set].some((word) => oldName.has(word));
    // A field named only by its placeholder keeps a word of it, or nothing vouches for it.
    if (placeholderOnly && !keepsOld(own)) return false;
    const keepsNeighbours = (set) => [...set].some((word) => neighbours.has(word) && !oldName.has(word));
    /** Whether a renamed sibling is plainly not the target: what it kept points elsewhere. */
    const plainlyOther = (node, theirs) =>
      (keepsOld(own) && !keepsOld(theirs)) ||
      (keepsNeighbours(theirs) && !keepsOld(theirs) && !keepsNeighbours(own)) ||
      anotherKind(node, el, fp);
    // A sibling renamed too (a toolbar's copy edited and reordered) makes either one the target: neither is.
    const siblings = [...(place.parentElement?.children ?? [])].filter((sib) => sib !== place &&
      sib.localName === place.localName);
    return !siblings.some((sib) => {
      const node = partLike(sib, el) ?? sib;
      const theirs = naming(node);
      return renamed(theirs) && !plainlyOther(node, theirs);
    });
  }

  ns.rename = Object.freeze({ reworded, selfNamed, kinOf, kinIn });
})();
