// The live view while editing: the selected step (or the tip, or the tagged
// feature) drawn on the page with the player's own card, highlight and
// positioning, exactly as end users will see it, redrawn after each change.
// The live card is inert for the page (no advance listeners, no focus moves);
// its Back and Next buttons select the neighbouring step in the panel.
(() => {
  const ns = globalThis.Trailguide;
  if (ns.live) return;
  const { matches } = ns.urls;

  /** The walkthrough as the player receives it (the delivery answer's shape). */
  function asDelivered(model) {
    const draft = model.draft;
    return {
      id: model.session.itemId ?? 0,
      version: 0,
      key: model.session.key ?? "draft",
      name: draft.name,
      trigger: draft.trigger,
      url: draft.url ?? null,
      frequency: draft.frequency,
      steps: (draft.steps ?? []).map((step, index) => ({
        index,
        key: step.key,
        kind: step.kind ?? "tooltip",
        target: step.target ?? null,
        title: step.title ?? "",
        body: step.body ?? "",
        placement: step.placement ?? "auto",
        advance: step.advance ?? "next_button",
        advance_url: step.advance_url ?? null,
        url: step.url ?? null,
        skippable: Boolean(step.skippable),
      })),
    };
  }

  /** Keep the player's layer out of the top layer: the editor's panel stays above it. */
  function underEditor() {
    const host = ns.host.ensure().host;
    try {
      if (host.matches(":popover-open")) host.hidePopover();
    } catch {
      // not a popover here: z-index order applies
    }
  }

  /** A card on an element (with the highlight ring), or on its own (modal). */
  function show(spec, el, placement, signal) {
    const view = ns.card.create(spec);
    // Redrawn on every keystroke: the entrance animation would only flicker.
    view.card.style.animation = "none";
    signal.addEventListener("abort", view.cleanup, { once: true });
    // The live card never blocks the page: the author keeps using it to move on.
    if (spec.kind === "modal") view.element.style.pointerEvents = "none";
    if (el) {
      const ring = ns.highlight.create();
      const stop = ns.position.attach(el, view.card, { placement, arrow: view.arrow, onUpdate: ring.update });
      signal.addEventListener("abort", () => (stop(), ring.cleanup()), { once: true });
    }
    underEditor();
    return view;
  }

  function beacon(el, signal) {
    const mark = document.createElement("span");
    mark.className = "tg-icon tg-beacon";
    mark.textContent = "!";
    mark.setAttribute("aria-hidden", "true");
    ns.host.mount(mark);
    underEditor();
    const stop = ns.position.attach(el, mark, { corner: true });
    signal.addEventListener("abort", () => (stop(), mark.remove()), { once: true });
  }

  /**
   * Draw the model's current item until the signal aborts; redraws after each change.
   * @param {InstanceType<typeof ns.EditorModel>} model
   * @param {AbortSignal} signal
   * @param {{avoid?: (box: {x: number, y: number, width: number, height: number}) => void}} [options]
   *   avoid: told where the drawn element is (the panel moves out of its way)
   * @returns {{pause: (paused: boolean) => void, redraw: () => void}}
   */
  function create(model, signal, { avoid = () => {} } = {}) {
    /** @type {AbortController | null} */
    let drawn = null;
    let frame = 0;
    let paused = false;
    let revealed = -2;

    const elementFor = (target, local, then) => {
      if (!target) return then(null);
      ns.watch.waitFor(target, { signal: local }).then((el) => {
        then(el);
        avoid(ns.deep.boxOf(el));
      }, () => {});
    };

    function drawStep(local) {
      const index = model.selected;
      const wt = asDelivered(model);
      const step = wt.steps[index];
      if (!step || (step.url && !matches(step.url, location.href))) return;
      const onElement = step.kind !== "modal" && Boolean(step.target);
      elementFor(onElement ? step.target : null, local, (el) => {
        if (el && revealed !== index) ns.position.reveal(el);
        revealed = index;
        const { spec } = ns.flow.stepCard(wt, index, el ?? null, {
          back: () => model.select(Math.max(0, index - 1)),
          next: () => model.select(Math.min(wt.steps.length - 1, index + 1)),
          close: () => model.select(-1),
        });
        if (el && step.kind === "hotspot") beacon(el, local);
        show(spec, el, step.placement, local);
      });
    }

    function drawTip(local) {
      const tip = model.draft;
      if (!tip.target || (tip.url && !matches(tip.url, location.href))) return;
      elementFor(tip.target, local, (el) => {
        if (tip.trigger === "icon") beacon(el, local);
        show({
          kind: "tip",
          role: tip.trigger === "hover" ? "tooltip" : "dialog",
          title: tip.title,
          body: tip.body,
          onClose: tip.trigger === "hover" ? undefined : () => drawn?.abort(),
          label: "Close tip",
        }, el, "auto", local);
      });
    }

    function drawFeature(local) {
      const feature = model.draft;
      if (!feature.target || (feature.url && !matches(feature.url, location.href))) return;
      elementFor(feature.target, local, (el) => {
        show({
          kind: "tip",
          role: "tooltip",
          title: `Feature tag: ${feature.name}`,
          body: "<p>Each click on this element counts as a use of the feature.</p>",
        }, el, "auto", local);
      });
    }

    function draw() {
      frame = 0;
      drawn?.abort();
      drawn = new AbortController();
      if (paused) return;
      const local = AbortSignal.any([signal, drawn.signal]);
      if (model.type === "walkthrough") drawStep(local);
      else if (model.type === "tip") drawTip(local);
      else drawFeature(local);
    }

    const redraw = () => {
      frame ||= requestAnimationFrame(draw);
    };
    model.addEventListener("change", redraw, { signal });
    signal.addEventListener("abort", () => {
      cancelAnimationFrame(frame);
      drawn?.abort();
    }, { once: true });
    ns.route.follow(redraw, signal);
    redraw();
    return {
      /** Nothing drawn while paused (picking, previewing). */
      pause(value) {
        paused = value;
        if (paused) drawn?.abort();
        else redraw();
      },
      redraw,
    };
  }

  ns.live = Object.freeze({ create, asDelivered, underEditor });
})();
