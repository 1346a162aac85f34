// Every pixel the player draws lives in ONE host element with an OPEN shadow
// root: inline `all: initial !important` so hostile page CSS cannot restyle
// it, the top z-index, and the browser's top layer (popover) so page
// stacking contexts cannot cover it. Author content is sanitized here.
(() => {
  const ns = globalThis.Trailguide;
  if (ns.host) return;

  const TAG = "trailguide-player";
  const HOST_STYLE = [
    "all: initial", "display: block", "position: fixed", "inset: 0 auto auto 0", "width: 0",
    "height: 0", "margin: 0", "padding: 0", "border: 0", "overflow: visible",
    "background: transparent", "z-index: 2147483647", "pointer-events: none", "opacity: 1",
    "visibility: visible", "transform: none", "contain: none",
  ].map((rule) => `${rule} !important`).join("; ");

  /** @type {{host: HTMLElement, shadow: ShadowRoot, root: HTMLElement, live: HTMLElement} | null} */
  let parts = null;
  let uid = 0;

  function build() {
    const host = document.createElement(TAG);
    host.setAttribute("style", HOST_STYLE);
    host.setAttribute("data-version", chrome.runtime.getManifest().version);
    const shadow = host.attachShadow({ mode: "open" });
    const style = document.createElement("style");
    style.textContent = ns.styles;
    const root = document.createElement("div");
    root.className = "tg-root";
    const live = document.createElement("div");
    live.className = "tg-sr";
    live.setAttribute("role", "status");
    live.setAttribute("aria-live", "polite");
    root.append(live);
    shadow.append(style, root);
    // Events from our UI stay ours: the page's handlers do not see clicks and
    // keys inside the player (its capture listeners still run first).
    for (const type of ["click", "mousedown", "mouseup", "pointerdown", "pointerup", "keydown",
      "keyup", "keypress", "input", "change", "focusin", "focusout", "wheel"]) {
      shadow.addEventListener(type, (event) => event.stopPropagation());
    }
    return { host, shadow, root, live };
  }

  function raise(host) {
    // The top layer beats any z-index; re-showing moves us above page popovers.
    if (typeof host.showPopover !== "function") return;
    try {
      if (host.matches(":popover-open")) host.hidePopover();
      host.showPopover();
    } catch {
      // Not connected yet, or the page's modal dialog blocks popovers: z-index still applies.
    }
  }

  /** The player's shadow parts, created (or re-attached) on first use. */
  function ensure() {
    parts ??= build();
    if (!parts.host.isConnected) {
      parts.host.popover = "manual";
      document.documentElement.append(parts.host);
      raise(parts.host);
    }
    return parts;
  }

  /**
   * Add an element to the player (above what is there).
   * @param {HTMLElement} element
   */
  function mount(element) {
    const { root, host } = ensure();
    root.append(element);
    raise(host);
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

  const THEME = { accent: "--tg-accent", background: "--tg-surface", text: "--tg-ink" };

  /** Apply the workspace theme: each valid colour replaces the default. */
  function theme(settings) {
    const { root } = ensure();
    for (const [key, property] of Object.entries(THEME)) {
      const value = settings?.[key];
      if (typeof value === "string" && CSS.supports("color", value)) {
        root.style.setProperty(property, value);
      } else {
        root.style.removeProperty(property);
      }
    }
  }

  /** Remove the player from the page entirely. */
  function remove() {
    parts?.host.remove();
    parts = null;
  }

  /** Whether an event came from inside the player. */
  const isOurs = (event) => (parts ? event.composedPath().includes(parts.host) : false);

  /** A unique id inside the shadow root (for aria-labelledby and friends). */
  const id = (prefix) => `tg-${prefix}-${++uid}`;

  const PURIFY = {
    ALLOWED_TAGS: ["p", "br", "b", "strong", "i", "em", "u", "a", "ul", "ol", "li", "code"],
    ALLOWED_ATTR: ["href", "title"],
    ALLOWED_URI_REGEXP: /^(?:https?:|mailto:)/i,
  };
  let hooked = false;

  /** Author rich text as safe HTML (the server sanitized it; we do again). */
  function sanitize(html) {
    const purify = globalThis.DOMPurify;
    if (!purify?.sanitize) return "";
    if (!hooked) {
      purify.addHook("afterSanitizeAttributes", (node) => {
        if (node.localName === "a") {
          node.setAttribute("target", "_blank");
          node.setAttribute("rel", "noopener noreferrer");
        }
      });
      hooked = true;
    }
    return purify.sanitize(String(html ?? ""), { ...PURIFY, ADD_ATTR: ["target"] });
  }

  ns.host = Object.freeze({ ensure, mount, announce, theme, remove, isOurs, id, sanitize, TAG });
})();
