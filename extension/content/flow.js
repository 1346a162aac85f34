// One running walkthrough: shows each step on its element, advances by button,
// click on the target (a hotspot's too, beacon open or not), input in the target
// (settled typing, change, Enter, its form's submit) or URL, goes back, closes (button or
// Esc), and keeps its place in the worker so it continues after navigation and
// reload. Every step transition is an event with the walkthrough's ids.
(() => {
  const ns = globalThis.Trailguide;
  if (ns.flow) return;
  const { emit, send } = ns.core;
  const { toWorker } = ns.messages;
  const { matches } = ns.urls;
  const { ids, stepCard, repairProperties, advanceOn } = ns.step;

  const NOT_FOUND_MS = 8_000;
  // step_shown already reported in this document (a resumed step is not shown anew).
  const shownHere = new Set();
  // Steps whose repair was already reported in this document: one person's report per
  // page is enough, the server counts people, not reports.
  const repairedHere = new Set();

  class Runner {
    /**
     * @param {any} walkthrough as delivered (steps with index, key, kind, target, ...)
     * @param {{onEnd?: (how: string) => void, returnFocus?: (() => void) | null,
     *          emit?: typeof emit, persist?: (flow: any) => void}} [options]
     */
    constructor(walkthrough, options = {}) {
      this.wt = walkthrough;
      this.index = -1;
      this.ended = false;
      this.life = new AbortController();
      /** @type {AbortController | null} */
      this.stepLife = null;
      /** @type {{index: number, el: Element | null} | null} */
      this.rendered = null;
      this.onEnd = options.onEnd ?? (() => {});
      this.returnFocus = options.returnFocus ?? ns.focus.remember();
      // The editor's preview runs a draft: its events go nowhere, its place is the editor's.
      this.emit = options.emit ?? emit;
      this.persist = options.persist ??
        ((flow) => send(toWorker.FLOW, { flow }).catch(() => {}));
    }

    /** Begin at the first step (a new run) or resume at a saved step. */
    start(index = 0, { resumed = false } = {}) {
      if (!resumed) this.emit("walkthrough_started", ids(this.wt, undefined));
      const step = this.wt.steps[index];
      if (resumed && step?.advance === "url_matches" && step.advance_url &&
          matches(step.advance_url, location.href)) {
        this.index = index; // the URL it waited for has loaded: that step is done
        this.complete(index);
        return;
      }
      this.show(index, { resumed });
    }

    save() {
      this.persist({ walkthrough: this.wt, step: this.index });
    }

    show(index, { resumed = false } = {}) {
      this.stepLife?.abort();
      this.stepLife = new AbortController();
      const signal = AbortSignal.any([this.stepLife.signal, this.life.signal]);
      this.index = index;
      this.rendered = null;
      this.save();
      const step = this.wt.steps[index];
      // A multi-page step waits for its page (route changes call onRoute).
      if (step.url && !matches(step.url, location.href)) return;
      // Render after the current event: the click that completed the previous
      // step may re-render the page (and replace this step's element) right now.
      setTimeout(() => {
        if (!signal.aborted) this.locate(step, index, signal, resumed);
      }, 0);
    }

    locate(step, index, signal, resumed) {
      if (step.kind === "modal" || !step.target) {
        this.render(step, null, signal, resumed);
        return;
      }
      ns.watch
        .waitFor(step.target, {
          signal,
          timeoutMs: NOT_FOUND_MS,
          onTimeout: () => {
            this.emit("target_not_found", ids(this.wt, index));
            if (step.skippable && this.index === index) this.advance(index, { skipped: true });
          },
          onRepair: (repair) => this.repaired(step, index, repair),
        })
        .then((el) => this.render(step, el, signal, resumed), () => {});
    }

    repaired(step, index, repair) {
      const key = `${this.wt.id}:${this.wt.version}:${index}`;
      if (repairedHere.has(key) || !repair.failed.length) return;
      repairedHere.add(key);
      this.emit("target_repaired", { ...ids(this.wt, index), properties: repairProperties(repair, step.target) });
    }

    render(step, el, signal, resumed) {
      const index = this.index;
      const key = `${this.wt.id}:${this.wt.version}:${index}`;
      if (!resumed || !shownHere.has(key)) this.emit("step_shown", ids(this.wt, index));
      shownHere.add(key);
      this.rendered = { index, el };
      if (el && step.kind === "hotspot") {
        this.beacon(step, el, signal);
        return;
      }
      this.card(step, el, signal);
    }

    beacon(step, el, signal) {
      const beacon = document.createElement("button");
      beacon.type = "button";
      beacon.className = "tg-icon tg-beacon";
      beacon.textContent = "!";
      beacon.setAttribute("aria-label", `Open: ${step.title || this.wt.name}`);
      beacon.setAttribute("aria-haspopup", "dialog");
      ns.host.mount(beacon);
      const stop = ns.position.attach(el, beacon, {
        corner: true,
        onLost: () => this.show(this.index, { resumed: true }),
      });
      signal.addEventListener("abort", () => (stop(), beacon.remove()), { once: true });
      ns.position.reveal(el);
      beacon.focus({ preventScroll: true });
      ns.host.announce(`${this.wt.name}: a highlighted spot is waiting. ${step.title ?? ""}`);
      // The step's own action counts while the beacon is still closed: people often
      // click the highlighted element itself, not the badge beside it.
      this.listen(step, el, signal);
      let open = null;
      beacon.addEventListener("click", () => {
        if (open) return;
        const inner = new AbortController();
        open = inner;
        signal.addEventListener("abort", () => inner.abort(), { once: true });
        this.card(step, el, AbortSignal.any([signal, inner.signal]), { listening: true });
      });
    }

    /**
     * @param {any} step
     * @param {any} el the found element, or null (a modal)
     * @param {AbortSignal} signal
     * @param {{listening?: boolean}} [options] listening: the step's advance is
     *   already wired (a hotspot's card opened from its beacon)
     */
    card(step, el, signal, options = {}) {
      const listening = options.listening ?? false;
      const index = this.index;
      const { spec, waitsForPage, modal } = stepCard(this.wt, index, el, {
        back: () => this.back(),
        next: () => this.complete(index),
        close: () => this.dismiss(),
      });
      const view = ns.card.create(spec);
      signal.addEventListener("abort", view.cleanup, { once: true });
      if (el) {
        ns.position.reveal(el);
        const ring = ns.highlight.create();
        const stop = ns.position.attach(el, view.card, {
          placement: step.placement,
          arrow: view.arrow,
          onUpdate: ring.update,
          // Re-rendered away: find the step's element again.
          onLost: () => this.show(this.index, { resumed: true }),
        });
        signal.addEventListener("abort", () => (stop(), ring.cleanup()), { once: true });
        if (!listening) this.listen(step, el, signal);
      }
      ns.focus.trap(view.card, { signal, extra: el ? [el] : [], strict: modal, extraFirst: waitsForPage });
      // Steps that wait for the page focus the card itself: the first Tab reaches the target.
      ns.focus.enter(view.card, waitsForPage ? view.card : view.button("next"));
      const total = this.wt.steps.length;
      const count = total > 1 ? `Step ${index + 1} of ${total}: ` : "";
      ns.host.announce(`${count}${step.title ?? ""}`);
    }

    /** Wire the advance mode and Esc-on-target for a shown step. */
    listen(step, el, signal) {
      const index = this.index;
      advanceOn(step, el, signal, { complete: () => this.complete(index), dismiss: () => this.dismiss() });
    }

    /** The step at `index` is done: report it and move on. */
    complete(index) {
      if (this.ended || index !== this.index) return;
      this.emit("step_completed", ids(this.wt, index));
      this.advance(index, { skipped: false });
    }

    advance(index, { skipped }) {
      if (this.ended || index !== this.index) return;
      if (index + 1 >= this.wt.steps.length) {
        if (skipped) this.dismiss();
        else this.finish();
        return;
      }
      this.show(index + 1);
    }

    back() {
      if (!this.ended && this.index > 0) this.show(this.index - 1);
    }

    dismiss() {
      if (this.ended) return;
      this.emit("walkthrough_dismissed", ids(this.wt, this.index));
      this.end("dismissed");
    }

    finish() {
      this.emit("walkthrough_completed", ids(this.wt, this.index));
      ns.host.announce(`${this.wt.name}: done.`);
      this.end("completed");
    }

    end(how) {
      this.ended = true;
      this.life.abort();
      this.persist(null);
      this.returnFocus?.();
      this.onEnd(how);
    }

    /** Take the UI down but keep the place (the page context is being rebuilt). */
    suspend() {
      this.life.abort();
    }

    /** A same-document URL change: advance url_matches steps, re-check the step's page. */
    onRoute(url) {
      if (this.ended) return;
      const step = this.wt.steps[this.index];
      if (step?.advance === "url_matches" && step.advance_url && matches(step.advance_url, url)) {
        this.complete(this.index);
        return;
      }
      const here = !step?.url || matches(step.url, url);
      if (here && this.rendered?.el?.isConnected) return; // still on the step's element
      if (here && this.rendered && !this.rendered.el) return; // a modal stays open
      this.show(this.index, { resumed: true });
    }
  }

  ns.flow = Object.freeze({ Runner, ids, stepCard });
})();
