// The benchmark's side of a screen, run in the same isolated world as the
// finder: it takes the picks the screen marked (`data-pick`, and
// `data-pick-inner` for a part inside a component's shadow root), removes the
// marks from the page, and keeps the picked elements in this closure — the
// oracle. The finder only ever sees descriptors and the page; whether it
// returned the right element is decided here, by identity.
(() => {
  if (globalThis.TrailguideOracle) return;
  const ns = globalThis.Trailguide;
  const Release = globalThis.TrailguideRelease;

  /** @type {Map<string, Element>} */
  const picks = new Map();

  function collect() {
    picks.clear();
    for (const marked of [...document.querySelectorAll("[data-pick]")]) {
      const name = marked.getAttribute("data-pick");
      const inner = marked.getAttribute("data-pick-inner");
      const el = inner ? (marked.shadowRoot?.querySelector(inner) ?? marked.querySelector(inner)) : marked;
      if (!el) throw new Error(`pick ${name}: nothing matches ${inner} inside it`);
      if (picks.has(name)) throw new Error(`pick ${name} is marked twice`);
      marked.removeAttribute("data-pick");
      marked.removeAttribute("data-pick-inner");
      picks.set(name, el);
    }
    return [...picks.keys()].sort();
  }

  /** The descriptors the picker's own code writes for every pick, as an author saving steps. */
  function author() {
    const out = {};
    for (const [name, el] of picks) {
      if (!ns.finder.visible(el)) throw new Error(`pick ${name} is not visible: no author could point at it`);
      out[name] = ns.describe.describe(el);
    }
    return out;
  }

  const INTERACTIVE = "a[href], button, input, select, textarea, [role=button], [role=link], [role=tab], " +
    "[role=combobox], [role=checkbox], [role=radio], [role=switch], [role=menuitem], [role=textbox]";

  /** Every element of the page, open shadow roots included. */
  function* everything(root = document) {
    for (const el of root.querySelectorAll("*")) {
      yield el;
      if (el.shadowRoot) yield* everything(el.shadowRoot);
    }
  }

  /**
   * How much the screen asks of a finder: its visible interactive elements, and
   * the picks that have a look-alike (a visible element of the same kind and text).
   */
  function census() {
    const shown = [...everything()].filter((el) => ns.finder.visible(el));
    const key = (el) => `${el.localName}|${(el.textContent || el.getAttribute("placeholder") || "").trim()}`;
    const kinds = new Map();
    for (const el of shown) kinds.set(key(el), (kinds.get(key(el)) ?? 0) + 1);
    return {
      interactive: shown.filter((el) => el.matches(INTERACTIVE)).length,
      lookalikes: [...picks].filter(([, el]) => kinds.get(key(el)) > 1).map(([name]) => name).sort(),
    };
  }

  const settle = () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 30))));

  /**
   * Apply a release, wait for components to re-render, and say how the finder does on each target.
   * @param {{families: string[], seed: number, removed?: string[]}} plan
   * @param {Record<string, object>} descriptors by pick name (saved before the release)
   * @param {Record<string, object>} modes resolve options by mode name (e.g. healing off and on)
   */
  async function run(plan, descriptors, modes) {
    const removed = new Set(plan.removed ?? []);
    const names = Object.keys(descriptors).filter((name) => picks.has(name));
    Release.apply({
      families: plan.families,
      seed: plan.seed,
      targets: names.filter((name) => !removed.has(name)).map((name) => picks.get(name)),
      removed: [...removed].map((name) => picks.get(name)),
    });
    await settle();
    const results = [];
    for (const name of names) {
      if (plan.removed && !removed.has(name)) continue; // a removal release scores only what it removed
      const truth = removed.has(name) ? null : picks.get(name);
      const row = { name, removed: removed.has(name), lost: Boolean(truth && !truth.isConnected) };
      for (const [mode, options] of Object.entries(modes)) {
        const resolved = ns.finder.resolve(descriptors[name], options);
        const found = resolved.element;
        let outcome = "right";
        if (!found) outcome = truth ? "not_found" : "right";
        else if (found !== truth) outcome = "wrong";
        row[mode] = { outcome, found: found ? summary(found) : null };
        if (outcome !== "right") row[mode].why = diagnosis(descriptors[name], truth, resolved.repair);
      }
      results.push(row);
    }
    return results;
  }

  /**
   * Why a target failed, for whoever works on the finder: what each saved way
   * finds now (visible candidates, "+" when the true element is among them) and
   * the finder's repair report (fingerprint score and runner-up).
   */
  function diagnosis(target, truth, repair) {
    const { roots } = ns.finder.searchRoots(target);
    const ways = (target.alternatives ?? []).map((alt) => {
      const found = roots.flatMap((root) => ns.query.candidates(root, alt)).filter(ns.finder.visible);
      return `${alt.by}:${found.length}${truth && found.includes(truth) ? "+" : ""}`;
    });
    let healed = "";
    if (repair?.by === "fingerprint") {
      healed = ` fingerprint=${Number(repair.score).toFixed(2)}/${Number(repair.runner_up).toFixed(2)}`;
    }
    return `ways ${ways.join(" ")}${healed}`;
  }

  /** What an element is, for the failure report (tag, role, a little text). */
  function summary(el) {
    const text = (el.getAttribute("aria-label") || el.textContent || el.getAttribute("placeholder") || "")
      .replace(/\s+/g, " ").trim().slice(0, 40);
    return `${el.localName}${text ? ` "${text}"` : ""}`;
  }

  globalThis.TrailguideOracle = Object.freeze({ collect, author, census, run });
})();
