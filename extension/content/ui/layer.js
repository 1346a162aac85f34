// One layer of Trailguide's UI on a page: ONE host element with an OPEN shadow
// root, inline `all: initial !important` so hostile page CSS cannot restyle
// it, the top z-index, and the browser's top layer (popover) so page stacking
// contexts cannot cover it. The player draws in one, editor mode in another;
// remove() takes a layer off the page without a trace.
(() => {
  const ns = globalThis.Trailguide;
  if (typeof ns.layer === "function") return;

  const HOST_STYLE = [
    "all: initial", "display: block", "position: fixed", "inset: 0 auto auto 0", "width: 0",
    "height: 0", "margin: 0", "padding: 0", "border: 0", "overflow: visible",
    "background: transparent", "z-index: 2147483647", "pointer-events: none", "opacity: 1",
    "visibility: visible", "transform: none", "contain: none",
  ].map((rule) => `${rule} !important`).join("; ");
  // Events from our UI stay ours: the page's handlers do not see clicks, keys and
  // typing inside it (its capture listeners still run first).
  const OWN_EVENTS = ["click", "mousedown", "mouseup", "pointerdown", "pointerup", "keydown", "keyup",
    "keypress", "input", "change", "focusin", "focusout", "wheel", "paste", "beforeinput"];

  /**
   * @typedef {{host: HTMLElement, shadow: ShadowRoot, root: HTMLElement, live: HTMLElement}} Parts
   * @param {{tag: string, css: () => string, rootClass: string, liveClass: string,
   *          attributes?: Record<string, string>}} spec
   */
  function layer({ tag, css, rootClass, liveClass, attributes = {} }) {
    /** @type {Parts | null} */
    let parts = null;

    function build() {
      const host = document.createElement(tag);
      host.setAttribute("style", HOST_STYLE);
      for (const [name, value] of Object.entries(attributes)) host.setAttribute(name, value);
      const shadow = host.attachShadow({ mode: "open" });
      const style = document.createElement("style");
      style.textContent = css();
      const root = document.createElement("div");
      root.className = rootClass;
      const live = document.createElement("div");
      live.className = liveClass;
      live.setAttribute("role", "status");
      live.setAttribute("aria-live", "polite");
      root.append(live);
      shadow.append(style, root);
      for (const type of OWN_EVENTS) shadow.addEventListener(type, (event) => event.stopPropagation());
      return { host, shadow, root, live };
    }

    /** The top layer beats any z-index; re-showing moves the layer above page popovers. */
    function raise() {
      const host = parts?.host;
      if (!host?.isConnected || typeof host.showPopover !== "function") return;
      try {
        if (host.matches(":popover-open")) host.hidePopover();
        host.showPopover();
      } catch {
        // The page's modal dialog blocks popovers: the z-index still applies.
      }
    }

    /** The layer's shadow parts, created (or re-attached) on first use. */
    function ensure() {
      parts ??= build();
      if (!parts.host.isConnected) {
        parts.host.popover = "manual";
        document.documentElement.append(parts.host);
        raise();
      }
      return parts;
    }

    /**
     * Add an element to the layer (and the layer above what is there).
     * @param {HTMLElement} element
     */
    function mount(element) {
      ensure().root.append(element);
      raise();
      return element;
    }

    /** Tell screen readers something (polite live region). */
    function announce(text) {
      const { live } = ensure();
      live.textContent = "";
      // A fresh text node after clearing makes the change announced every time.
      requestAnimationFrame(() => {
        live.textContent = text;
      });
    }

    /** Take the layer off the page entirely. */
    function remove() {
      parts?.host.remove();
      parts = null;
    }

    /** Whether an event came from inside the layer. */
    const isOurs = (event) => (parts ? event.composedPath().includes(parts.host) : false);

    return { ensure, mount, raise, announce, remove, isOurs };
  }

  ns.layer = layer;
})();
