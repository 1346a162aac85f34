// Keeping a card (and its arrow) attached to its target. Floating UI's
// autoUpdate reacts to scroll of any ancestor, resizes and layout shifts
// (through Intersection/ResizeObservers, not polling), so the work happens
// only while something is shown and only when something moved.
(() => {
  const ns = globalThis.Trailguide;
  if (ns.position) return;

  const SIDES = { top: "bottom", right: "left", bottom: "top", left: "right" };
  // A corner badge is BADGE px square (styles.js .tg-icon) and overlaps the target's
  // corner by CORNER_OVERLAP px each way: inside the rounded corner and padding of any
  // control, so it reads as attached without covering the control's text.
  const BADGE = 20;
  const CORNER_OVERLAP = 4;

  /**
   * Attach `floating` next to `reference` until the returned cleanup runs.
   * @param {Element} reference the page element
   * @param {HTMLElement} floating our card, inside the shadow root
   * `corner` pins a small badge (beacon, tip icon) just outside the target's top-right
   * corner, touching it but never over the target's label (which people must still read
   * and click).
   * @param {{placement?: string, arrow?: HTMLElement | null, gap?: number, corner?: boolean,
   *          onUpdate?: (rect: {x: number, y: number, width: number, height: number},
   *                      hidden: boolean) => void, onLost?: () => void}} [options]
   *   onLost: the page removed the reference (a re-render); called once, then nothing updates.
   * @returns {() => void}
   */
  function attach(reference, floating, options = {}) {
    const ui = globalThis.FloatingUIDOM;
    const { computePosition, autoUpdate, offset, flip, shift, arrow, hide, autoPlacement } = ui;
    const side = /** @type {import("@floating-ui/dom").Side | undefined} */ (
      ["top", "bottom", "left", "right"].find((name) => name === options.placement));
    const placement = options.corner ? "top-end" : side ?? "bottom";
    const corner = [offset({ mainAxis: -CORNER_OVERLAP, crossAxis: BADGE - CORNER_OVERLAP }), hide()];
    const middleware = options.corner ? corner : [
      offset(options.gap ?? 12),
      options.placement === "auto" || !options.placement
        ? autoPlacement({ allowedPlacements: ["bottom", "top", "right", "left"] })
        : flip(),
      shift({ padding: 8 }),
      ...(options.arrow ? [arrow({ element: options.arrow, padding: 8 })] : []),
      hide(),
    ];
    let stopped = false;
    let cleanup = () => {};
    const update = async () => {
      if (stopped) return;
      if (!reference.isConnected) {
        // The resize and intersection observers report the removal; nothing polls for it.
        stopped = true;
        cleanup();
        options.onLost?.();
        return;
      }
      const result = await computePosition(reference, floating, {
        strategy: "fixed",
        placement,
        middleware,
      });
      if (stopped) return;
      const hidden = Boolean(result.middlewareData.hide?.referenceHidden);
      const side = result.placement.split("-")[0];
      Object.assign(floating.style, {
        left: `${Math.round(result.x)}px`,
        top: `${Math.round(result.y)}px`,
        visibility: hidden ? "hidden" : "visible",
      });
      floating.dataset.side = side;
      const arrowData = result.middlewareData.arrow;
      if (options.arrow && arrowData) {
        Object.assign(options.arrow.style, {
          left: arrowData.x != null ? `${arrowData.x}px` : "",
          top: arrowData.y != null ? `${arrowData.y}px` : "",
          right: "",
          bottom: "",
          [SIDES[side]]: "-7px",
        });
      }
      if (options.onUpdate) {
        const rects = await ui.platform.getElementRects({ reference, floating, strategy: "fixed" });
        if (!stopped) options.onUpdate(rects.reference, hidden);
      }
    };
    cleanup = autoUpdate(reference, floating, () => void update(), {
      ancestorScroll: true,
      ancestorResize: true,
      elementResize: true,
      layoutShift: true,
      animationFrame: false,
    });
    return () => {
      stopped = true;
      cleanup();
    };
  }

  /** Bring an element into view (centered, so sticky headers do not cover it). */
  function reveal(el) {
    const rect = el.getBoundingClientRect();
    const view = el.ownerDocument.defaultView;
    const inside = rect.top >= 64 && rect.bottom <= view.innerHeight - 32 &&
      rect.left >= 0 && rect.right <= view.innerWidth;
    if (inside) return;
    const reduced = matchMedia("(prefers-reduced-motion: reduce)").matches;
    el.scrollIntoView({ block: "center", inline: "nearest", behavior: reduced ? "auto" : "smooth" });
  }

  ns.position = Object.freeze({ attach, reveal });
})();
