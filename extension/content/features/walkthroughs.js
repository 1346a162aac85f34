// Walkthrough triggers and continuity: resume the tab's running walkthrough,
// start `auto` ones on their page, `on_element` ones when their element shows
// up, `manual` ones from the launcher or checklist; and tick checklist items
// when their walkthrough completes.
(() => {
  const ns = globalThis.Trailguide;
  const { emit, tested } = ns.core;
  const { matches } = ns.urls;
  const { Runner } = ns.flow;

  // Auto-started in this document: an SPA route change does not offer it again.
  const offeredHere = new Set();

  /** Whether an automatic trigger may start this walkthrough now (server already filtered). */
  function mayAutoStart(wt) {
    const progress = wt.progress ?? {};
    if (offeredHere.has(wt.id)) return false;
    if (wt.frequency === "once") return !progress.started && !progress.completed && !progress.dismissed;
    if (wt.frequency === "until_completed") return !progress.completed;
    return true; // "always"
  }

  const startsHere = (wt) => !wt.url || matches(wt.url, location.href);

  ns.feature("walkthroughs", (ctx, signal) => {
    const list = ctx.content.walkthroughs ?? [];
    /** @type {InstanceType<typeof Runner> | null} */
    let runner = null;

    function completeChecklistItems(wt) {
      for (const checklist of ctx.content.checklists ?? []) {
        for (const item of checklist.items ?? []) {
          if (item.walkthrough_id !== wt.id || item.done) continue;
          item.done = true;
          checklist.done = (checklist.done ?? 0) + 1;
          emit("checklist_item_completed", { checklist_id: checklist.id, item_key: item.key, ...tested(checklist) });
        }
      }
    }

    function run(wt, index, { resumed = false, returnFocus = null } = {}) {
      runner?.suspend();
      const current = new Runner(wt, {
        returnFocus,
        onEnd: (how) => {
          if (runner === current) runner = null;
          const found = list.find((w) => w.id === wt.id);
          if (found) found.progress = { ...found.progress, [how]: true };
          if (how === "completed") {
            ctx.completed.add(wt.id);
            completeChecklistItems(wt);
          }
          ctx.bus.dispatchEvent(new CustomEvent("progress"));
        },
      });
      runner = current;
      current.start(index, { resumed });
    }

    signal.addEventListener("abort", () => runner?.suspend(), { once: true });

    function autoStart() {
      if (runner) return;
      const wt = list.find((w) => w.trigger?.type === "auto" && startsHere(w) && mayAutoStart(w));
      if (!wt) return;
      offeredHere.add(wt.id);
      run(wt, 0);
    }

    function watchElements() {
      for (const wt of list) {
        if (wt.trigger?.type !== "on_element" || !wt.trigger.target) continue;
        if (!startsHere(wt) || !mayAutoStart(wt)) continue;
        ns.watch.waitFor(wt.trigger.target, { signal }).then(() => {
          if (runner || !startsHere(wt) || !mayAutoStart(wt)) return;
          offeredHere.add(wt.id);
          run(wt, 0);
        }, () => {});
      }
    }

    const saved = ctx.flow;
    if (saved?.walkthrough && Number.isInteger(saved.step) &&
        saved.step >= 0 && saved.step < (saved.walkthrough.steps?.length ?? 0)) {
      // The flow saved by the worker carries its own definition: a walkthrough
      // continues on pages whose answer no longer lists it.
      run(saved.walkthrough, saved.step, { resumed: true });
    } else {
      autoStart();
      watchElements();
    }

    ctx.bus.addEventListener("start-walkthrough", (event) => {
      const wt = list.find((w) => w.id === event.detail?.id);
      if (!wt) return;
      if (runner && runner.wt.id !== wt.id) runner.dismiss();
      run(wt, 0, { returnFocus: event.detail.returnFocus ?? null });
    }, { signal });

    ctx.bus.addEventListener("route", (event) => {
      if (runner) runner.onRoute(event.detail.url);
      else autoStart();
    }, { signal });
  });
})();
