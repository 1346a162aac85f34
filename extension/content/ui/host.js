// Every pixel the player draws lives in ONE layer (ui/layer.js: a host element
// with an OPEN shadow root, `all: initial`, the top z-index and the top layer):
// the player's, themed by the workspace. Author content is sanitized here.
(() => {
  const ns = globalThis.Trailguide;
  if (ns.host) return;

  const TAG = "trailguide-player";
  const layer = ns.layer({
    tag: TAG,
    css: () => ns.styles,
    rootClass: "tg-root",
    liveClass: "tg-sr",
    attributes: { "data-version": chrome.runtime.getManifest().version },
  });
  const { ensure, mount, announce, remove, isOurs } = layer;
  let uid = 0;

  const THEME = { accent: "--tg-accent", background: "--tg-surface", text: "--tg-ink" };

  /** Apply the workspace theme: each valid colour, font and radius replaces the default. */
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
    const font = settings?.font;
    if (typeof font === "string" && CSS.supports("font-family", font)) {
      root.style.setProperty("--tg-font", font);
    } else {
      root.style.removeProperty("--tg-font");
    }
    const radius = settings?.radius;
    if (Number.isInteger(radius) && radius >= 0 && radius <= 24) {
      root.style.setProperty("--tg-radius", `${radius}px`);
    } else {
      root.style.removeProperty("--tg-radius");
    }
  }

  /** A unique id inside the shadow root (for aria-labelledby and friends). */
  const id = (prefix) => `tg-${prefix}-${++uid}`;

  /** What author rich text may hold (the server's nh3 allowlist). */
  const BODY_HTML = Object.freeze({
    ALLOWED_TAGS: ["p", "br", "b", "strong", "i", "em", "u", "a", "ul", "ol", "li", "code"],
    ALLOWED_ATTR: ["href", "title"],
    ALLOWED_URI_REGEXP: /^(?:https?:|mailto:)/i,
  });
  // The DOMPurify instance the link hook is on (a later injection may bring a new one).
  let hooked = null;

  /** Author rich text as safe HTML (the server sanitized it; we do again). */
  function sanitize(html) {
    const purify = globalThis.DOMPurify;
    if (!purify?.sanitize) return "";
    if (hooked !== purify) {
      purify.addHook("afterSanitizeAttributes", (node) => {
        if (node.localName === "a") {
          node.setAttribute("target", "_blank");
          node.setAttribute("rel", "noopener noreferrer");
        }
      });
      hooked = purify;
    }
    return purify.sanitize(String(html ?? ""), { ...BODY_HTML, ADD_ATTR: ["target"] });
  }

  /**
   * A new element of the player's UI, with its class and text.
   * @param {string} tag @param {string} [className] @param {string} [text]
   */
  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /** An author's link as the player may open it (http or https only), else null. */
  function safeLink(url) {
    try {
      const parsed = new URL(url);
      return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.href : null;
    } catch {
      return null;
    }
  }

  ns.host = Object.freeze({
    ensure, mount, announce, theme, remove, isOurs, id, sanitize, el, safeLink, BODY_HTML, TAG,
  });
})();
