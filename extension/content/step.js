// One walkthrough step apart from the runner that shows it: the ids its events
// carry, its card as people see it (the editor's live view renders the same), what a
// repair of its target reports, and how a step on an element is completed: click on
// the target, input in it (settled typing, change, Enter, its form's submit), or Esc.
(() => {
  const ns = globalThis.Trailguide;
  if (ns.step) return;
  const { matches } = ns.urls;

  const INPUT_SETTLE_MS = 900;
  const HINTS = {
    click_target: "Click the highlighted element to continue.",
    input_target: "Fill in the highlighted field to continue.",
    url_matches: "Continue in the app to move on.",
  };
  const MAX_PROPERTY = 200;

  /**
   * What a target_repaired event says: how the element was found, which ways
   * (by index in the delivered target) missed, and what the element is now.
   * @param {import("trailguide/content/finder/resolve").Repair} repair
   * @param {{alternatives?: object[]}} target
   */
  function repairProperties(repair, target) {
    const ways = target.alternatives ?? [];
    const failed = repair.failed.map((alt) => ways.indexOf(alt)).filter((index) => index >= 0);
    /** @type {Record<string, string>} */
    const properties = { repair_by: repair.by, failed: failed.join(",") };
    for (const [name, value] of Object.entries(repair.element)) {
      if (typeof value === "string" && value) properties[name] = value.slice(0, MAX_PROPERTY);
    }
    return properties;
  }

  /** The ids every walkthrough event carries. */
  function ids(wt, index) {
    const step = wt.steps[index];
    const out = { walkthrough_id: wt.id, walkthrough_version: wt.version, ...ns.core.tested(wt) };
    return step ? { ...out, step_key: step.key, step_index: index } : out;
  }

  /**
   * How a step's card looks and which buttons it has, as end users see it (the
   * editor renders its live view from the same spec).
   * @param {any} wt the walkthrough (steps as delivered)
   * @param {number} index
   * @param {Element | null} el the found element the card points at (null: none)
   * @param {{back: () => void, next: () => void, close: () => void}} actions
   */
  function stepCard(wt, index, el, actions) {
    const step = wt.steps[index];
    const total = wt.steps.length;
    const onElement = Boolean(el);
    // A select always holds a value: keeping it fires no event, so Next is offered too.
    const keepsValue = step.advance === "input_target" && el?.localName === "select";
    const waitsForPage = onElement && step.advance !== "next_button" && !keepsValue;
    const buttons = [];
    const previous = wt.steps[index - 1];
    if (previous && (!previous.url || matches(previous.url, location.href))) {
      buttons.push({ name: "back", label: "Back", onClick: actions.back });
    }
    if (!waitsForPage) {
      const label = index === total - 1 ? "Done" : "Next";
      buttons.push({ name: "next", label, primary: true, onClick: actions.next });
    }
    const modal = step.kind === "modal" || !onElement;
    /** @type {import("trailguide/content/ui/card").CardSpec} */
    const spec = {
      kind: modal ? "modal" : "tooltip",
      title: step.title,
      body: step.body,
      progress: total > 1 ? `${index + 1} of ${total}` : "",
      hint: waitsForPage ? HINTS[step.advance] : undefined,
      buttons,
      onClose: actions.close,
      label: "Close walkthrough",
    };
    return { spec, waitsForPage, modal };
  }

  /** Whether a field holds something (an element without a value, such as a wrapper, counts). */
  function filled(el) {
    const value = /** @type {{value?: unknown}} */ (el).value;
    return typeof value !== "string" || value.trim() !== "";
  }

  /**
   * Wire how a step on an element is completed (its advance mode) and Esc on the target.
   * @param {any} step
   * @param {Element} el
   * @param {AbortSignal} signal
   * @param {{complete: () => void, dismiss: () => void}} on
   */
  function advanceOn(step, el, signal, { complete, dismiss }) {
    // The target's own root (document or shadow root): from outside a CLOSED
    // shadow root, composedPath() hides the nodes inside it.
    const doc = el.getRootNode();
    const onTarget = (event) => event.composedPath().includes(el);
    if (step.advance === "click_target") {
      // Capture on the document: the page cannot swallow the click first.
      doc.addEventListener("click", (event) => {
        if (onTarget(event)) complete();
      }, { capture: true, signal });
    }
    if (step.advance === "input_target") {
      let timer = 0;
      signal.addEventListener("abort", () => clearTimeout(timer), { once: true });
      doc.addEventListener("input", (event) => {
        if (!onTarget(event)) return;
        clearTimeout(timer);
        timer = setTimeout(() => complete(), INPUT_SETTLE_MS);
      }, { capture: true, signal });
      doc.addEventListener("change", (event) => {
        if (onTarget(event)) complete();
      }, { capture: true, signal });
      // Enter in a one-line field, or submitting its form, is the person saying "done";
      // many apps (React, Lit) then clear or re-render the field, so no change follows.
      doc.addEventListener("keydown", (/** @type {any} */ event) => {
        const field = event.composedPath()[0];
        if (event.key === "Enter" && !event.isComposing && onTarget(event) &&
            field instanceof HTMLInputElement && filled(field)) complete();
      }, { capture: true, signal });
      doc.addEventListener("submit", (event) => {
        const form = event.target;
        if (form instanceof HTMLFormElement && form.contains(el) && filled(el)) {
          complete();
        }
      }, { capture: true, signal });
    }
    doc.addEventListener("keydown", (/** @type {any} */ event) => {
      if (event.key === "Escape" && onTarget(event)) dismiss();
    }, { capture: true, signal });
  }

  ns.step = Object.freeze({ ids, stepCard, repairProperties, advanceOn });
})();
