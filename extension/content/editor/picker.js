// The element picker: a transparent layer over the page (so the page sees no
// hover, click or key while the author points), an outline on the element
// under the pointer — through open and closed shadow roots and same-origin
// frames — click or Enter selects it, arrow keys move to the parent (Up),
// first child (Down) and siblings (Left/Right), Esc cancels. Everything it
// adds is gone when it resolves.
(() => {
  const ns = globalThis.Trailguide;
  if (ns.picker) return;
  const deep = ns.deep;

  const KEYS = {
    ArrowUp: (el) => deep.parentOf(el),
    ArrowDown: (el) => deep.childOf(el),
    ArrowLeft: (el) => deep.siblingOf(el, -1),
    ArrowRight: (el) => deep.siblingOf(el, 1),
  };

  function element(tag, className, text) {
    const el = document.createElement(tag);
    el.className = className;
    if (text !== undefined) el.textContent = text;
    return el;
  }

  /**
   * Let the author pick an element.
   * @param {{signal: AbortSignal, prompt?: string}} options
   * @returns {Promise<Element | null>} the element, or null when cancelled
   */
  function pick({ signal, prompt = "Point at an element and click it." }) {
    return new Promise((resolve) => {
      const life = new AbortController();
      const on = { signal: life.signal };
      const overlay = element("div", "te-overlay");
      overlay.tabIndex = -1;
      overlay.setAttribute("role", "application");
      overlay.setAttribute("aria-label", "Element picker: arrow keys move to the parent or child, Enter selects, Escape cancels");
      const outline = element("div", "te-outline");
      outline.hidden = true;
      const label = element("div", "te-outline-label");
      outline.append(label);
      const bar = element("div", "te-bar");
      bar.setAttribute("role", "status");
      const cancel = element("button", "te-button", "Cancel");
      cancel.type = "button";
      bar.append(element("span", "", `${prompt} ↑ parent · ↓ child · Enter selects · Esc cancels`), cancel);
      for (const part of [overlay, outline, bar]) ns.editorHost.mount(part);

      /** @type {Element | null} */
      let current = null;
      const draw = () => {
        if (!current?.isConnected) {
          outline.hidden = true;
          return;
        }
        const box = deep.boxOf(current);
        Object.assign(outline.style, {
          left: `${Math.round(box.x - 2)}px`,
          top: `${Math.round(box.y - 2)}px`,
          width: `${Math.round(box.width + 4)}px`,
          height: `${Math.round(box.height + 4)}px`,
        });
        outline.classList.toggle("te-below", box.y < 28);
        label.textContent = `${ns.describe.nameFor(current)} · ${Math.round(box.width)}×${Math.round(box.height)}`;
        outline.hidden = false;
      };
      const point = (el) => {
        if (!el || !deep.pickable(el)) return;
        current = el;
        draw();
        ns.editorHost.announce(ns.describe.nameFor(el));
      };
      const finish = (el) => {
        if (life.signal.aborted) return;
        life.abort();
        for (const part of [overlay, outline, bar]) part.remove();
        resolve(el);
      };

      overlay.addEventListener("mousemove", (event) => point(deep.elementAt(event.clientX, event.clientY)), on);
      overlay.addEventListener("click", (event) => {
        event.preventDefault();
        const el = deep.elementAt(event.clientX, event.clientY);
        finish(el && deep.pickable(el) ? el : current);
      }, on);
      overlay.addEventListener("keydown", (event) => {
        if (event.key === "Escape") finish(null);
        else if (event.key === "Enter" && current) finish(current);
        else if (KEYS[event.key]) point(current ? KEYS[event.key](current) : document.body);
        else return;
        event.preventDefault();
      }, on);
      cancel.addEventListener("click", () => finish(null), on);
      // The page scrolls under the layer: keep the outline on its element.
      document.addEventListener("scroll", draw, { capture: true, passive: true, signal: life.signal });
      addEventListener("resize", draw, on);
      signal.addEventListener("abort", () => finish(null), { once: true, signal: life.signal });
      overlay.focus({ preventScroll: true });
    });
  }

  ns.picker = Object.freeze({ pick });
})();
