// Reading the signed-in person from the page, with the application's
// user_id_rule: {"selector", "attribute"?} (an element's attribute or text) or
// {"global": "path.to.value"} (read in the page's own world by the worker).
// Only used when no user.id setting or profile email identifies the person.
(() => {
  const ns = globalThis.Trailguide;
  const { send, normalize } = ns.core;
  const { toWorker } = ns.messages;

  const GIVE_UP_MS = 10_000;

  function fromSelector(rule) {
    let el = null;
    try {
      el = document.querySelector(rule.selector);
    } catch {
      return "";
    }
    if (!el) return "";
    const value = rule.attribute ? el.getAttribute(rule.attribute) : el.textContent;
    return normalize(value).slice(0, 256);
  }

  async function report(ctx, userId) {
    if (!userId) return;
    const answer = await send(toWorker.IDENTITY, { userId, appId: ctx.application.id });
    // A new person: ask for the page again so their guidance shows.
    if (answer?.changed) ctx.bus.dispatchEvent(new CustomEvent("refresh"));
  }

  ns.feature("identity", (ctx, signal) => {
    const rule = ctx.user?.readFromPage;
    if (!rule || typeof rule !== "object") return;
    if (typeof rule.global === "string" && rule.global) {
      send(toWorker.READ_PAGE_GLOBAL, { path: rule.global })
        .then((answer) => report(ctx, normalize(answer?.value).slice(0, 256)))
        .catch(() => {});
      return;
    }
    if (typeof rule.selector !== "string" || !rule.selector) return;
    const now = fromSelector(rule);
    if (now) {
      report(ctx, now).catch(() => {});
      return;
    }
    // The page may render its user menu late: wait a little, sharing the observer.
    const wait = new AbortController();
    const timer = setTimeout(() => wait.abort(), GIVE_UP_MS);
    signal.addEventListener("abort", () => (clearTimeout(timer), wait.abort()), { once: true });
    ns.watch.whenChanged(() => {
      const value = fromSelector(rule);
      if (!value) return false;
      clearTimeout(timer);
      report(ctx, value).catch(() => {});
      return true;
    }, { signal: wait.signal });
  });
})();
