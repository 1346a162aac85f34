// Resolving a target descriptor. The API other code relies on (kept stable):
//
//   Trailguide.finder.resolve(target, {heal = true} = {})
//     -> {element: Element | null, visited: (Document | ShadowRoot)[],
//         healed: boolean, repair: Repair | null}
//
// - heal: false resolves with the ways alone (the benchmark's baseline, and the
//   per-mutation checks of content/watch.js); true (default) also heals by
//   fingerprint when every way misses (content/finder/heal.js).
// - repair is set whenever some way of the target no longer finds its element:
//   {failed: the alternatives that missed (as saved), by: "alternative" |
//   "fingerprint", element: what the element is now ({tag, role?, name?, id?,
//   testid?}), score and runner_up (fingerprint only)} — what the player reports
//   so the server can propose the repaired target for review.
//
// The ways are tried in order of reliability; a lone candidate is taken unless
// its fingerprint says it is something else (or somewhere else: another row,
// another section); ambiguous ways are settled by the fingerprint with a clear
// margin, so guidance survives class renames and wrapper changes without ever
// landing on a look-alike.
(() => {
  const ns = globalThis.Trailguide;
  if (ns.finder) return;
  const { nameOf } = ns.aria;
  const { rootFor, shadowRootsUnder } = ns.scope;
  const { candidates } = ns.query;
  const { assess } = ns.fingerprint;
  const { heal, choose, closerMatch, visible, describeElement } = ns.heal;

  // A lone candidate is trusted unless the fingerprint says it is something
  // else: ways naming the element itself (test id, id) need less agreement
  // than ways that a look-alike can satisfy (role and name, text, structure).
  const TRUST = { testid: 0.5, id: 0.5 };
  const TRUST_OTHER = 0.65;
  const NEAR_TRUST = 0.8;

  /**
   * The shapes are declared with the namespace (types/finder.d.ts).
   * @typedef {import("trailguide/content/finder/fingerprint").Fingerprint} Fingerprint
   * @typedef {import("trailguide/content/finder/heal").Choice} Choice
   * @typedef {import("trailguide/content/finder/resolve").Target} Target
   * @typedef {import("trailguide/content/finder/resolve").Repair} Repair
   * @typedef {import("trailguide/content/finder/resolve").Resolved} Resolved
   */

  /** How well an element matches a fingerprint, from 0 to 1. */
  const fingerprintScore = (el, fp) => assess(el, fp).score;

  /** Whether a lone candidate of the way `alt` may be the target. */
  function trusted(el, fp, alt) {
    if (!fp) return true;
    // Ids inside a shadow root are a component's own, repeated in every instance.
    const identity = alt?.by in TRUST && !(alt?.by === "id" && el.getRootNode() instanceof ShadowRoot);
    const { score, vetoed, near } = assess(el, fp, { identity });
    // A way a look-alike can satisfy (a position, a shared label) needs its row or field to agree too.
    return !vetoed && score >= (TRUST[alt?.by] ?? TRUST_OTHER) && (identity || near >= NEAR_TRUST);
  }

  function inViewport(el) {
    const rect = el.getBoundingClientRect();
    const view = el.ownerDocument.defaultView;
    return rect.bottom > 0 && rect.right > 0 && rect.top < view.innerHeight && rect.left < view.innerWidth;
  }

  function searchRoots(target) {
    const scope = rootFor(target);
    if (scope.root) return { roots: [scope.root], visited: scope.visited };
    if (scope.brokenShadow && scope.frameDoc) {
      // A renamed shadow host: look in every shadow root of the document instead.
      return { roots: [scope.frameDoc, ...shadowRootsUnder(scope.frameDoc)], visited: scope.visited };
    }
    return { roots: [], visited: scope.visited };
  }

  /**
   * The best of the candidates the ways found: by fingerprint with a clear
   * margin when there is one; else (a hand-written target) by how many ways
   * agree, their order, and being in view.
   * @param {Map<Element, {agree: number, first: number}>} pool
   * @param {Fingerprint | undefined} fp
   * @param {Set<Element>} refused lone candidates of a way that the fingerprint did not trust
   */
  function fromPool(pool, fp, refused) {
    // A candidate a way found alone and the fingerprint refused has no rival here to be
    // measured against (healing compares it with the whole page): a neighbour that slid into
    // the target's place must not get in through the pool.
    if (fp) return choose([...pool.keys()].filter((el) => !refused.has(el)), fp)?.element ?? null;
    let best = null;
    let bestScore = -Infinity;
    for (const [el, { agree, first }] of pool) {
      const score = agree - first * 0.1 + (inViewport(el) ? 0.3 : 0);
      if (score > bestScore) [best, bestScore] = [el, score];
    }
    return best;
  }

  /**
   * Find the element a target describes, or null when it is not (yet) on the page.
   * @param {Target} target
   * @param {{heal?: boolean}} [options]
   * @returns {Resolved}
   */
  function resolve(target, { heal: healing = true } = {}) {
    const { roots, visited } = searchRoots(target ?? {});
    const alternatives = Array.isArray(target?.alternatives) ? target.alternatives : [];
    const fp = target?.fingerprint;
    /** @type {Map<Element, {agree: number, first: number}>} */
    const pool = new Map();
    /** @type {Element[][]} */
    const tried = [];
    /** @type {Set<Element>} */
    const refused = new Set();
    /** @type {Element | null} */
    let element = null;
    for (const [index, alt] of alternatives.entries()) {
      const found = [...new Set(roots.flatMap((root) => candidates(root, alt)))].filter(visible);
      tried.push(found);
      // A way landing on a wrapper of the target, or a part of it, is not trusted: the closer match competes.
      const closer = found.length === 1 && fp ? closerMatch(found[0], fp) : null;
      if (found.length === 1 && !closer && trusted(found[0], fp, alt)) {
        element = found[0];
        break;
      }
      if (found.length === 1 && !closer) refused.add(found[0]);
      for (const el of closer ? [...found, closer] : found) {
        const entry = pool.get(el) ?? { agree: 0, first: index };
        entry.agree += 1;
        pool.set(el, entry);
      }
    }
    /** @type {Choice | null} */
    let healed = null;
    if (!element && healing && fp) {
      // The ways' candidates compete with every look-alike of the page.
      const choice = heal(/** @type {Target} */ (target), pool.keys());
      element = choice?.element ?? null;
      if (element && !pool.has(element)) healed = choice;
    } else if (!element && pool.size) {
      element = fromPool(pool, fp, refused);
    }
    if (!element) return { element, visited, healed: false, repair: null };
    const failed = alternatives.filter((_, index) => index < tried.length && !tried[index].includes(element));
    /** @type {Repair | null} */
    let repair = null;
    if (healed) {
      repair = { failed, by: "fingerprint", element: describeElement(element), score: healed.score,
        runner_up: healed.runnerUp };
    } else if (failed.length) {
      repair = { failed, by: "alternative", element: describeElement(element) };
    }
    return { element, visited, healed: Boolean(healed), repair };
  }

  /** A short description of an element for diagnostics (never page text). */
  const describe = (el) => (el ? `${el.localName}${el.id ? `#${el.id}` : ""}` : "none");

  ns.finder = Object.freeze({ resolve, fingerprintScore, visible, describe, nameOf, searchRoots });
})();
