// Reading the signed-in person from the page, with the application's
// user_id_rule: {"selector", "attribute"?} (an element's attribute or text) or
// {"global": "path.to.value"} (read in the page's own world by the worker).
// Only used when no user.id setting or profile email identifies the person.
// main.js asks before starting the other features, so guidance and events are
// the identified person's from the first one.
(() => {
  const ns = globalThis.Trailguide;
  if (ns.identity) return;
  const { send, normalize } = ns.core;
  const { toWorker } = ns.messages;

  const MAX_ID = 256;

  function fromSelector(rule) {
    let el;
    try {
      el = document.querySelector(rule.selector);
    } catch {
      return "";
    }
    if (!el) return "";
    const value = rule.attribute ? el.getAttribute(rule.attribute) : el.textContent;
    return normalize(value).slice(0, MAX_ID);
  }

  /**
   * The person's id as the page shows it ("" when it does not), waiting up to
   * `timeoutMs` for a late user menu.
   * @param {any} rule the application's user_id_rule
   * @param {{signal: AbortSignal, timeoutMs: number}} options
   * @returns {Promise<string>}
   */
  async function read(rule, { signal, timeoutMs }) {
    if (!rule || typeof rule !== "object") return "";
    if (typeof rule.global === "string" && rule.global) {
      const answer = await send(toWorker.READ_PAGE_GLOBAL, { path: rule.global }).catch(() => null);
      return normalize(answer?.value).slice(0, MAX_ID);
    }
    if (typeof rule.selector !== "string" || !rule.selector) return "";
    const now = fromSelector(rule);
    if (now || timeoutMs <= 0) return now;
    return new Promise((resolve) => {
      const wait = new AbortController();
      const done = (value) => {
        clearTimeout(timer);
        wait.abort();
        resolve(value);
      };
      const timer = setTimeout(() => done(""), timeoutMs);
      signal.addEventListener("abort", () => done(""), { once: true });
      // The page may render its user menu late: wait, sharing the one observer.
      ns.watch.whenChanged(() => {
        const value = fromSelector(rule);
        if (value) done(value);
        return Boolean(value);
      }, { signal: wait.signal });
    });
  }

  /**
   * Tell the worker who the page says the person is.
   * @returns {Promise<boolean>} whether that changed who the worker thinks it is
   */
  async function report(appId, userId) {
    if (!userId) return false;
    const answer = await send(toWorker.IDENTITY, { userId, appId });
    return Boolean(answer?.changed);
  }

  ns.identity = Object.freeze({ read, report });
})();
