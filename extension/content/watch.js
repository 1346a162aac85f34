// The ONE MutationObserver every waiting feature shares (late targets,
// on_element triggers, tips, identity). It is connected only while something
// waits, and it does its work at most once per animation frame however many
// mutations arrive: the page pays nothing when nothing waits.
(() => {
  const ns = globalThis.Trailguide;
  if (ns.watch) return;
  const { resolve } = ns.finder;

  const OPTIONS = { childList: true, subtree: true, attributes: true };

  /** @type {Set<{check: () => boolean}>} */
  const waiters = new Set();
  /** @type {MutationObserver | null} */
  let observer = null;
  /** @type {Set<Node>} */
  const observed = new Set();
  let frame = 0;

  function run() {
    frame = 0;
    for (const waiter of [...waiters]) {
      let done = true;
      try {
        done = waiter.check();
      } catch (error) {
        console.error("Trailguide watcher", error);
      }
      if (done) waiters.delete(waiter);
    }
    if (!waiters.size) stop();
  }

  function schedule() {
    frame ||= requestAnimationFrame(run);
  }

  function observe(root) {
    if (!observer || observed.has(root)) return;
    observed.add(root);
    observer.observe(root, OPTIONS);
  }

  function stop() {
    // Frames swap their document on load without a mutation the observer sees.
    removeEventListener("load", schedule, true);
    observer?.disconnect();
    observer = null;
    observed.clear();
    if (frame) cancelAnimationFrame(frame);
    frame = 0;
  }

  /**
   * Call `check` after DOM changes (at most once per frame) until it returns
   * true or the signal aborts. Shadow roots and frame documents in `roots`
   * are observed too (a document-level observer does not see inside them).
   * @param {() => boolean} check
   * @param {{signal: AbortSignal, roots?: Node[]}} options
   * @returns {{observe: (roots: Node[]) => void}}
   */
  function whenChanged(check, { signal, roots = [] }) {
    const waiter = { check };
    const handle = { observe: (more) => more.forEach(observe) };
    if (signal.aborted) return handle;
    waiters.add(waiter);
    if (!observer) {
      observer = new MutationObserver(schedule);
      observe(document);
      addEventListener("load", schedule, true);
    }
    handle.observe(roots);
    signal.addEventListener("abort", () => {
      waiters.delete(waiter);
      if (!waiters.size) stop();
    }, { once: true });
    return handle;
  }

  /**
   * The element a target describes, now or once it appears. `onTimeout` is
   * called once after `timeoutMs` without giving up (the page may still
   * render it); the promise rejects only when the signal aborts. Healing by
   * fingerprint (it scores up to thousands of elements) runs when waiting
   * starts and once more before `onTimeout`, never on DOM changes.
   * `onRepair` hears how the element was found when some way of the target
   * missed it (a later way, or healing), before the promise resolves.
   * @param {object} target
   * @param {{signal: AbortSignal, timeoutMs?: number, onTimeout?: () => void,
   *          onRepair?: (repair: import("trailguide/content/finder/resolve").Repair) => void}} options
   * @returns {Promise<Element>}
   */
  function waitFor(target, { signal, timeoutMs = 0, onTimeout, onRepair }) {
    /** @param {import("trailguide/content/finder/resolve").Resolved} result */
    const settled = (result) => {
      if (result.element && result.repair) onRepair?.(result.repair);
      return result.element;
    };
    return new Promise((resolvePromise, reject) => {
      if (signal.aborted) return reject(signal.reason);
      const first = resolve(target);
      if (settled(first)) return resolvePromise(/** @type {Element} */ (first.element));
      const local = new AbortController();
      const abort = () => {
        local.abort();
        reject(signal.reason);
      };
      signal.addEventListener("abort", abort, { once: true });
      const found = (element) => {
        clearTimeout(timer);
        signal.removeEventListener("abort", abort);
        local.abort();
        resolvePromise(element);
      };
      const lastTry = () => {
        const healed = settled(resolve(target));
        if (healed) found(healed);
        else onTimeout?.();
      };
      const timer = timeoutMs && onTimeout ? setTimeout(lastTry, timeoutMs) : 0;
      const handle = whenChanged(() => {
        const now = resolve(target, { heal: false });
        if (!settled(now)) {
          handle.observe(now.visited);
          return false;
        }
        found(/** @type {Element} */ (now.element));
        return true;
      }, { signal: local.signal, roots: first.visited });
      local.signal.addEventListener("abort", () => clearTimeout(timer), { once: true });
    });
  }

  /** Whether the shared observer is connected (diagnostics and tests). */
  const active = () => observer !== null;

  ns.watch = Object.freeze({ whenChanged, waitFor, active });
})();
