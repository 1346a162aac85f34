// The highlight around a step's target: a ring plus a dimmed backdrop with the
// target cut out (one box-shadow, no extra layers). It never takes clicks, so
// the page stays usable and "click the target" steps work.
(() => {
  const ns = globalThis.Trailguide;
  if (ns.highlight) return;

  const PADDING = 4;

  /** @returns {{update: (rect: {x: number, y: number, width: number, height: number}, hidden: boolean) => void, cleanup: () => void}} */
  function create() {
    const el = document.createElement("div");
    el.className = "tg-highlight";
    el.setAttribute("aria-hidden", "true");
    el.style.visibility = "hidden";
    ns.host.mount(el);
    return {
      update(rect, hidden) {
        Object.assign(el.style, {
          left: `${Math.round(rect.x - PADDING)}px`,
          top: `${Math.round(rect.y - PADDING)}px`,
          width: `${Math.round(rect.width + PADDING * 2)}px`,
          height: `${Math.round(rect.height + PADDING * 2)}px`,
          visibility: hidden ? "hidden" : "visible",
        });
      },
      cleanup: () => el.remove(),
    };
  }

  ns.highlight = Object.freeze({ create });
})();
