// Smart tips on fields: an icon beside the element (click to open), or the
// tip on hover or on focus. Hover and focus use one delegated listener per
// document, never one per element; the icon follows its element only while
// it is on screen.
(() => {
  const ns = globalThis.Trailguide;
  const { emit, tested } = ns.core;
  const { matches } = ns.urls;

  const NOT_FOUND_MS = 8_000;
  const HOVER_DELAY_MS = 250;
  // tip_opened once per tip and document: hovering in and out is one look;
  // tip_shown once per tip and page (re-binding after a re-render is not a new showing).
  const openedHere = new Set();
  const shownHere = new Set();

  function openCard(tip, el, { focus, signal }) {
    const view = ns.card.create({
      kind: "tip",
      role: focus ? "dialog" : "tooltip",
      title: tip.title,
      body: tip.body,
      onClose: focus ? () => close() : undefined,
      label: "Close tip",
    });
    const stop = ns.position.attach(el, view.card, { placement: "auto", arrow: view.arrow });
    const local = new AbortController();
    const close = () => {
      if (local.signal.aborted) return;
      local.abort();
      stop();
      view.cleanup();
    };
    signal.addEventListener("abort", close, { once: true });
    if (!openedHere.has(tip.id)) emit("tip_opened", { tip_id: tip.id, ...tested(tip) });
    openedHere.add(tip.id);
    if (focus) ns.focus.enter(view.card);
    else ns.host.announce(`${tip.title ?? "Tip"}. ${view.card.querySelector(".tg-body")?.textContent ?? ""}`);
    return { close, card: view.card, signal: local.signal };
  }

  function iconTip(tip, el, signal, lost) {
    const icon = document.createElement("button");
    icon.type = "button";
    icon.className = "tg-icon";
    icon.textContent = "?";
    icon.setAttribute("aria-label", `Tip: ${tip.title ?? "help"}`);
    icon.setAttribute("aria-haspopup", "dialog");
    icon.setAttribute("aria-expanded", "false");
    ns.host.mount(icon);
    const stop = ns.position.attach(el, icon, { corner: true, onLost: () => lost() });
    signal.addEventListener("abort", () => (stop(), icon.remove()), { once: true });
    let open = null;
    icon.addEventListener("click", () => {
      if (open && !open.signal.aborted) {
        open.close();
        return;
      }
      open = openCard(tip, el, { focus: true, signal });
      icon.setAttribute("aria-expanded", "true");
      const restore = () => {
        icon.setAttribute("aria-expanded", "false");
        if (icon.isConnected) icon.focus({ preventScroll: true });
      };
      open.signal.addEventListener("abort", restore, { once: true });
    });
  }

  function hoverOrFocusTip(tip, el, signal) {
    const doc = el.getRootNode(); // see flow.js: closed shadow roots hide their nodes outside
    const onEl = (event) => event.composedPath().includes(el);
    let open = null;
    let timer = 0;
    const show = () => {
      if (!open || open.signal.aborted) open = openCard(tip, el, { focus: false, signal });
    };
    const hide = () => {
      clearTimeout(timer);
      open?.close();
      open = null;
    };
    signal.addEventListener("abort", hide, { once: true });
    const options = { capture: true, passive: true, signal };
    if (tip.trigger === "hover") {
      doc.addEventListener("mouseover", (event) => {
        if (!onEl(event) || open) return;
        clearTimeout(timer);
        timer = setTimeout(show, HOVER_DELAY_MS);
      }, options);
      doc.addEventListener("mouseout", (event) => {
        if (onEl(event) && !(event.relatedTarget && el.contains(event.relatedTarget))) hide();
      }, options);
    } else {
      doc.addEventListener("focusin", (event) => onEl(event) && show(), options);
      doc.addEventListener("focusout", (event) => onEl(event) && hide(), options);
      // The person may have focused the field before the guidance arrived.
      const active = doc.activeElement;
      if (active && (active === el || el.contains(active))) show();
    }
    doc.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && open) hide();
    }, options);
  }

  function activate(tip, signal) {
    const life = new AbortController();
    const scoped = AbortSignal.any([signal, life.signal]);
    // The page re-rendered the element away: start over and find it again.
    const lost = () => {
      life.abort();
      if (!signal.aborted) activate(tip, signal);
    };
    ns.watch
      .waitFor(tip.target, {
        signal: scoped,
        timeoutMs: NOT_FOUND_MS,
        onTimeout: () => emit("target_not_found", { tip_id: tip.id, ...tested(tip) }),
      })
      .then((el) => {
        const shown = `${tip.id}|${location.href}`;
        if (!shownHere.has(shown)) emit("tip_shown", { tip_id: tip.id, ...tested(tip) });
        shownHere.add(shown);
        if (tip.trigger === "icon") iconTip(tip, el, scoped, lost);
        else hoverOrFocusTip(tip, el, scoped);
      }, () => {});
  }

  ns.feature("tips", (ctx, signal) => {
    const tips = ctx.content.tips ?? [];
    if (!tips.length) return;
    /** @type {Map<number, AbortController>} */
    const active = new Map();
    const sync = () => {
      for (const tip of tips) {
        const here = !tip.url || matches(tip.url, location.href);
        const running = active.get(tip.id);
        if (here && !running) {
          const life = new AbortController();
          active.set(tip.id, life);
          activate(tip, AbortSignal.any([signal, life.signal]));
        } else if (!here && running) {
          running.abort();
          active.delete(tip.id);
        }
      }
    };
    sync();
    ctx.bus.addEventListener("route", () => {
      // A new route may re-render the tip's element: bind again.
      for (const life of active.values()) life.abort();
      active.clear();
      sync();
    }, { signal });
  });
})();
