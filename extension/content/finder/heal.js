// Healing: when no way of a target finds it any more (the guided app shipped a
// release), candidates of the page — its shadow roots and same-origin frames
// included — are scored against the target's fingerprint, and the best is
// taken only above a threshold AND with a clear margin over the runner-up. A
// wrong element is worse than none: a tie, a weak best, or a candidate whose
// context contradicts the record gives "not found".
(() => {
  const ns = globalThis.Trailguide;
  if (ns.heal) return;
  const { normalize } = ns.core;
  const { roleOf, nameOf, byRole } = ns.aria;
  const { rootFor, shadowRootsUnder } = ns.scope;
  const { assess } = ns.fingerprint;

  // Healing costs at most this many scored elements (it runs once per step shown).
  const MAX_SCORED = 2000;
  // A healed element matches at least this share of its fingerprint...
  const THRESHOLD = 0.6;
  // ...and beats the runner-up by at least this much.
  const MARGIN = 0.12;
  const TEST_ATTRIBUTES = ["data-testid", "data-test-id", "data-test", "data-cy", "data-qa"];
  // How many times healing ran in this page (diagnostics: it must not follow DOM changes).
  let runs = 0;

  /**
   * @typedef {import("trailguide/content/finder/fingerprint").Fingerprint} Fingerprint
   * @typedef {import("trailguide/content/finder/heal").Choice} Choice
   */

  /** Whether the element is rendered (not display:none / visibility:hidden / detached). */
  function visible(el) {
    if (!el.isConnected) return false;
    if (typeof el.checkVisibility === "function") {
      return el.checkVisibility({ visibilityProperty: true });
    }
    return el.getClientRects().length > 0;
  }

  function frameDocument(frame) {
    try {
      return frame.contentDocument ?? null;
    } catch {
      return null; // cross-origin: not ours to read
    }
  }

  /**
   * Every root healing searches from `doc`: the document, its shadow roots,
   * and the same ones of its same-origin frames.
   * @param {Document} doc
   * @returns {(Document | ShadowRoot)[]}
   */
  function rootsFrom(doc) {
    /** @type {(Document | ShadowRoot)[]} */
    const roots = [];
    const pending = [doc];
    while (pending.length) {
      const current = /** @type {Document} */ (pending.shift());
      const inner = [current, ...shadowRootsUnder(current)];
      roots.push(...inner);
      for (const root of inner) {
        for (const frame of root.querySelectorAll("iframe, frame")) {
          const child = frameDocument(frame);
          if (child) pending.push(child);
        }
      }
    }
    return roots;
  }

  /**
   * The elements worth scoring: the fingerprint's tag or role, visible, at most MAX_SCORED.
   * @param {(Document | ShadowRoot)[]} roots
   * @param {Fingerprint} fp
   */
  function candidatesFor(roots, fp) {
    /** @type {Set<Element>} */
    const seen = new Set();
    const tag = fp.tag ? String(fp.tag).toLowerCase() : "";
    for (const root of roots) {
      if (seen.size >= MAX_SCORED) break;
      /** @type {Element[]} */
      let found;
      try {
        found = tag ? [...root.querySelectorAll(CSS.escape(tag))] : [];
      } catch {
        found = [];
      }
      if (fp.role) found.push(...byRole(root, fp.role, ""));
      for (const el of found) {
        if (seen.size >= MAX_SCORED) break;
        seen.add(el);
      }
    }
    return [...seen].filter(visible);
  }

  /**
   * The one element clearly best matching `fp` among `elements`, or null.
   * @param {Iterable<Element>} elements
   * @param {Fingerprint} fp
   * @param {number} threshold
   * @returns {Choice | null}
   */
  function choose(elements, fp, threshold = THRESHOLD) {
    /** @type {[Element, number][]} */
    const scored = [];
    for (const el of new Set(elements)) {
      const { score, vetoed } = assess(el, fp);
      if (!vetoed) scored.push([el, score]); // vetoed: somewhere else on the page, a look-alike
    }
    scored.sort((a, b) => b[1] - a[1]);
    if (!scored.length) return null;
    const [best, bestScore] = scored[0];
    // A wrapper around the best (or a part of it) shares its place by construction:
    // it is the same spot on the page, not a look-alike making the choice ambiguous.
    const rival = scored.slice(1).find(([el, score]) => score === bestScore || !nested(el, best));
    const runnerUp = rival ? rival[1] : 0;
    if (bestScore < threshold || bestScore - runnerUp < MARGIN) return null;
    return { element: best, score: bestScore, runnerUp };
  }

  const nested = (a, b) => a.contains(b) || b.contains(a);

  // How far around a way's lone candidate a better match of the fingerprint is looked for.
  const NEST_UP = 3;
  const NEST_DOWN = 30;

  /**
   * An element wrapping `el` or inside it, of the fingerprint's tag, that
   * matches the fingerprint better than `el` does (a way that lands on a
   * wrapper a release inserted, or on a part of the target), or null.
   * @param {Element} el
   * @param {Fingerprint} fp
   * @returns {Element | null}
   */
  function closerMatch(el, fp) {
    const tag = fp.tag ? String(fp.tag).toLowerCase() : "";
    if (!tag) return null;
    const around = [...el.querySelectorAll(CSS.escape(tag))].slice(0, NEST_DOWN);
    for (let node = el.parentElement, up = 0; node && up < NEST_UP; node = node.parentElement, up++) {
      if (node.localName === tag) around.push(node);
    }
    let best = null;
    let bestScore = assess(el, fp).score;
    for (const other of around.filter(visible)) {
      const { score, vetoed } = assess(other, fp);
      if (!vetoed && score > bestScore) [best, bestScore] = [other, score];
    }
    return best;
  }

  /**
   * Heal a target none of whose ways found it: search where it lives (its
   * frame's document, every shadow root) — or, when its frame is gone, the
   * whole page.
   * @param {{frames?: string[], shadow?: string[], fingerprint?: Fingerprint}} target
   * @param {Iterable<Element>} [found] candidates the target's ways found (they compete too)
   * @returns {Choice | null}
   */
  function heal(target, found = []) {
    const fp = target.fingerprint;
    if (!fp) return null;
    runs += 1;
    const scope = rootFor(target);
    const roots = rootsFrom(scope.frameDoc ?? document);
    const all = new Set([...found, ...(fp.tag || fp.role ? candidatesFor(roots, fp) : [])]);
    return choose(all, fp);
  }

  const clip = (text) => normalize(text).slice(0, 80);

  /** What a healed element is now, for the repair report (never typed input). */
  function describeElement(el) {
    /** @type {Record<string, string>} */
    const now = { tag: el.localName };
    const role = roleOf(el);
    if (role) now.role = role;
    const name = clip(nameOf(el));
    if (name) now.name = name;
    const id = el.getAttribute("id");
    if (id) now.id = id;
    const test = TEST_ATTRIBUTES.find((attr) => el.getAttribute(attr));
    if (test) now.testid = el.getAttribute(test) ?? "";
    return now;
  }

  ns.heal = Object.freeze({
    heal, choose, closerMatch, visible, describeElement, runs: () => runs, MAX_SCORED, THRESHOLD, MARGIN,
  });
})();
