// Previewing the whole walkthrough as an end user: the player's own Runner
// plays the working copy from step 1, across pages (its place is kept in the
// tab's editing session), but a preview is not use: it sends no events and
// leaves the person's progress alone.
(() => {
  const ns = globalThis.Trailguide;
  if (ns.preview) return;
  const { matches } = ns.urls;
  const { h, button } = ns.fields;

  /**
   * Play the model's walkthrough from `index` until it ends or the signal aborts.
   * @param {InstanceType<typeof ns.EditorModel>} model
   * @param {{index: number, resumed: boolean, signal: AbortSignal,
   *          onEnd: (how: string) => void}} options
   */
  function play(model, { index, resumed, signal, onEnd }) {
    const life = new AbortController();
    const scoped = AbortSignal.any([signal, life.signal]);
    const wt = ns.live.asDelivered(model);
    let ended = false;
    const end = (how) => {
      if (ended) return;
      ended = true;
      life.abort();
      onEnd(how);
    };
    const runner = new ns.flow.Runner(wt, {
      emit: () => {},
      persist: (flow) => void model.setPreview(flow ? { step: flow.step } : null),
      onEnd: end,
    });
    const bar = h("div", { className: "te-bar", attrs: { role: "region", "aria-label": "Preview" } },
      h("span", { text: `Previewing “${wt.name}” as end users will see it.` }),
      button("Stop preview", () => {
        runner.suspend();
        void model.setPreview(null);
        end("stopped");
      }));
    ns.editorHost.mount(bar);
    scoped.addEventListener("abort", () => {
      runner.suspend();
      bar.remove();
    }, { once: true });
    ns.route.follow((url) => runner.onRoute(url), scoped);
    runner.start(index, { resumed });
  }

  /** The page a pattern names on this site, when it names exactly one ("" otherwise). */
  function pageOf(pattern) {
    const parsed = ns.urls.parsePattern(pattern);
    if ("error" in parsed || parsed.path.includes("*")) return "";
    const here = new URL(location.href);
    const base = parsed.host.replace(/^\*\./, "");
    const host = parsed.host === "*" || here.hostname === base ||
      (parsed.host.startsWith("*.") && here.hostname.endsWith(`.${base}`));
    const herePort = Number(here.port || (here.protocol === "https:" ? 443 : 80));
    const port = parsed.port === null || parsed.port === herePort;
    return host && port ? `${here.origin}${parsed.path}` : "";
  }

  /**
   * Start from step 1, on its page: when the author is elsewhere, go to the page
   * step 1 was recorded on (the preview continues there).
   * @returns {"started" | "navigating" | string} a reason when it cannot start
   */
  function start(model, options) {
    const first = model.steps[0];
    if (!first) return "Add a step first.";
    if (first.url && !matches(first.url, location.href)) {
      const page = model.session.pages?.[first.key] || pageOf(first.url);
      if (!page) return `Step 1 lives on ${first.url}: open that page to preview from the start.`;
      void model.setPreview({ step: 0 }).then(() => location.assign(page));
      return "navigating";
    }
    void model.setPreview({ step: 0 });
    play(model, { ...options, index: 0, resumed: false });
    return "started";
  }

  /** Continue a preview after the page changed (the session says where it is). */
  function resume(model, options) {
    const step = model.session.preview?.step;
    if (!Number.isInteger(step) || step < 0 || step >= model.steps.length) {
      void model.setPreview(null);
      return false;
    }
    play(model, { ...options, index: step, resumed: true });
    return true;
  }

  ns.preview = Object.freeze({ start, resume });
})();
