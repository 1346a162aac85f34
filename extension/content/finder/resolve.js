// Resolving a target descriptor: alternatives in order of reliability, and
// when they are ambiguous or disagree, candidates scored against the
// fingerprint (text, role, attributes) and position (visible, in view), so
// guidance survives class renames and wrapper changes.
(() => {
  const ns = globalThis.Trailguide;
  if (ns.finder) return;
  const { normalize } = ns.core;
  const { roleOf, nameOf } = ns.aria;
  const { rootFor, shadowRootsUnder } = ns.scope;
  const { candidates } = ns.query;

  // A lone candidate from an alternative is trusted unless the fingerprint
  // says it is clearly something else.
  const TRUST = 0.5;

  /**
   * @typedef {{alternatives: object[], frames?: string[], shadow?: string[],
   *            fingerprint?: {tag?: string, text?: string, role?: string,
   *                           attributes?: Record<string, string>}}} Target
   */

  /** Whether the element is rendered (not display:none / visibility:hidden / detached). */
  function visible(el) {
    if (!el.isConnected) return false;
    if (typeof el.checkVisibility === "function") {
      return el.checkVisibility({ visibilityProperty: true });
    }
    return el.getClientRects().length > 0;
  }

  function classOverlap(a, b) {
    const left = new Set(normalize(a).split(" ").filter(Boolean));
    const right = new Set(normalize(b).split(" ").filter(Boolean));
    if (!left.size && !right.size) return 1;
    const shared = [...left].filter((c) => right.has(c)).length;
    return shared / new Set([...left, ...right]).size;
  }

  /**
   * How well an element matches a fingerprint, from 0 to 1.
   * @param {Element} el
   * @param {Target["fingerprint"]} fp
   */
  function fingerprintScore(el, fp) {
    if (!fp) return 0;
    let got = 0;
    let total = 0;
    if (fp.tag) {
      total += 1;
      got += el.localName === String(fp.tag).toLowerCase() ? 1 : 0;
    }
    if (fp.text) {
      total += 2;
      const text = normalize(el.textContent);
      const wanted = normalize(fp.text);
      if (text === wanted) got += 2;
      else if (text.toLowerCase() === wanted.toLowerCase()) got += 1.5;
      else if (wanted && text.toLowerCase().includes(wanted.toLowerCase())) got += 0.5;
    }
    if (fp.role) {
      total += 1;
      got += roleOf(el) === fp.role ? 1 : 0;
    }
    for (const [name, value] of Object.entries(fp.attributes ?? {})) {
      total += 1;
      const actual = el.getAttribute(name);
      if (actual === null) continue;
      got += name === "class" ? classOverlap(actual, value) : actual === value ? 1 : 0;
    }
    return total ? got / total : 0;
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
   * Find the element a target describes, or null when it is not (yet) on the page.
   * @param {Target} target
   * @returns {{element: Element | null, visited: (Document | ShadowRoot)[]}}
   */
  function resolve(target) {
    const { roots, visited } = searchRoots(target ?? {});
    const alternatives = Array.isArray(target?.alternatives) ? target.alternatives : [];
    const fp = target?.fingerprint;
    /** @type {Map<Element, {agree: number, first: number}>} */
    const pool = new Map();
    for (const [index, alt] of alternatives.entries()) {
      const found = roots.flatMap((root) => candidates(root, alt)).filter(visible);
      if (found.length === 1 && (!fp || fingerprintScore(found[0], fp) >= TRUST)) {
        return { element: found[0], visited };
      }
      for (const el of found) {
        const entry = pool.get(el) ?? { agree: 0, first: index };
        entry.agree += 1;
        pool.set(el, entry);
      }
    }
    let best = null;
    let bestScore = -Infinity;
    for (const [el, { agree, first }] of pool) {
      const score = 3 * fingerprintScore(el, fp) + agree - first * 0.1 + (inViewport(el) ? 0.3 : 0);
      if (score > bestScore) [best, bestScore] = [el, score];
    }
    return { element: best, visited };
  }

  /** A short description of an element for diagnostics (never page text). */
  const describe = (el) => (el ? `${el.localName}${el.id ? `#${el.id}` : ""}` : "none");

  ns.finder = Object.freeze({ resolve, fingerprintScore, visible, describe, nameOf, searchRoots });
})();
