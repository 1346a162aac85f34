// Focus management for keyboard and screen-reader use: move focus into a
// dialog, keep Tab cycling inside it (a tooltip's cycle also includes its
// target, so "click the target" steps work from the keyboard), and give
// focus back where it was when the dialog closes.
(() => {
  const ns = globalThis.Trailguide;
  if (ns.focus) return;

  const FOCUSABLE = [
    "a[href]", "button:not([disabled])", "input:not([disabled]):not([type=hidden])",
    "select:not([disabled])", "textarea:not([disabled])", "[tabindex]:not([tabindex='-1'])",
  ].join(",");

  /**
   * The focused element, looking through shadow roots (ours and the page's).
   * @returns {HTMLElement | null}
   */
  function deepActive(doc = document) {
    let active = /** @type {HTMLElement | null} */ (doc.activeElement);
    for (;;) {
      const inner = active ? ns.scope.shadowRootOf(active)?.activeElement : null;
      const frame = active?.localName === "iframe" ? frameActive(active) : null;
      const next = inner ?? frame;
      if (!next) return active;
      active = /** @type {HTMLElement} */ (next);
    }
  }

  function frameActive(frame) {
    try {
      const active = frame.contentDocument?.activeElement;
      return active && active !== frame.contentDocument.body ? active : null;
    } catch {
      return null;
    }
  }

  /**
   * @param {HTMLElement} container
   * @returns {HTMLElement[]}
   */
  function focusables(container) {
    return [.../** @type {NodeListOf<HTMLElement>} */ (container.querySelectorAll(FOCUSABLE))].filter((el) => !el.closest("[hidden]"));
  }

  /**
   * Keep Tab / Shift+Tab inside `container` (plus `extra` page elements, in
   * that order after the container's own), until the signal aborts.
   * `strict` also pulls focus back when it escapes (modal dialogs);
   * `extraFirst` puts the page elements first (steps that wait for the target).
   * @param {HTMLElement} container
   * @param {{signal: AbortSignal, extra?: HTMLElement[], strict?: boolean, extraFirst?: boolean}} options
   */
  function trap(container, { signal, extra = [], strict = false, extraFirst = false }) {
    const ring = () => {
      const page = extra.filter((el) => el.isConnected);
      const ours = focusables(container);
      return extraFirst ? [...page, ...ours] : [...ours, ...page];
    };
    const onKey = (event) => {
      if (event.key !== "Tab") return;
      const items = ring();
      if (!items.length) return;
      const active = deepActive();
      const index = active ? items.indexOf(active) : -1;
      if (index === -1 && !strict && !container.contains(active)) return; // focus is elsewhere: leave it
      event.preventDefault();
      const step = event.shiftKey ? -1 : 1;
      const next = items[(index + step + items.length) % items.length] ?? items[0];
      next.focus();
    };
    // Listening on the document (capture) sees Tab both in our shadow root and on the target.
    document.addEventListener("keydown", onKey, { capture: true, signal });
    for (const el of extra) {
      const doc = el.ownerDocument;
      if (doc !== document) doc.addEventListener("keydown", onKey, { capture: true, signal });
    }
    if (strict) {
      document.addEventListener("focusin", (event) => {
        if (!ns.host.isOurs(event)) (focusables(container)[0] ?? container).focus();
      }, { capture: true, signal });
    }
  }

  /** Remember what has focus now; the returned function gives focus back. */
  function remember() {
    const before = deepActive();
    return () => {
      if (before && before.isConnected && typeof before.focus === "function") {
        before.focus({ preventScroll: true });
      }
    };
  }

  /**
   * Focus the first control of a dialog (or the dialog itself).
   * @param {HTMLElement} container
   * @param {HTMLElement | null} [preferred]
   */
  function enter(container, preferred = null) {
    const target = preferred ?? focusables(container)[0] ?? container;
    target.focus({ preventScroll: true });
  }

  ns.focus = Object.freeze({ trap, remember, enter, deepActive, focusables });
})();
