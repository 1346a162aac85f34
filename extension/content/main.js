// Starts the player in a page: asks the worker for the page's guidance and
// runs every feature with one AbortController per page context, so a new
// answer (other content, other person, new settings) tears the old one down
// completely. Same-document route changes reuse the context when the answer
// is unchanged.
(() => {
  const ns = globalThis.Trailguide;
  if (ns.started) return; // injected twice (registration and an explicit inject)
  ns.started = true;

  const { send, features, current, orphaned } = ns.core;
  const { toWorker, toContent } = ns.messages;

  // A frame whose top document we can reach is guided from there (targets
  // name their frames); only frames of other origins run a player of their own.
  if (window.top !== window) {
    try {
      if (window.top.location.href) return;
    } catch {
      // Cross-origin parent: this frame is a page of its own.
    }
  }

  /** @type {{controller: AbortController, bus: EventTarget, fingerprint: string} | null} */
  let context = null;
  let generation = 0;

  function teardown() {
    context?.controller.abort();
    context = null;
    ns.host.remove();
  }

  // Progress changes as the person moves on; the running features track it
  // themselves, so it does not force a rebuild.
  const skipProgress = (key, value) => (key === "progress" || key === "done" ? undefined : value);

  function fingerprintOf(page) {
    return JSON.stringify([page.application?.id, page.user, page.content], skipProgress);
  }

  /**
   * Ask for the page's guidance; rebuild the features only when it changed.
   * @param {{route?: boolean}} [reason]
   */
  async function load({ route = false } = {}) {
    const mine = ++generation;
    let page;
    try {
      page = await send(toWorker.PAGE, { url: location.href });
    } catch (error) {
      if (!orphaned.signal.aborted) console.debug("Trailguide: no answer for this page", error);
      return;
    }
    if (mine !== generation || orphaned.signal.aborted) return; // a newer load won
    if (!page?.application || !page.content) {
      teardown();
      return;
    }
    const fingerprint = fingerprintOf(page);
    if (route && context && context.fingerprint === fingerprint) {
      context.bus.dispatchEvent(new CustomEvent("route", { detail: { url: location.href } }));
      return;
    }
    teardown();
    const controller = new AbortController();
    const bus = new EventTarget();
    context = { controller, bus, fingerprint };
    current.appId = page.application.id;
    ns.host.theme(page.content.theme);
    const ctx = { ...page, url: location.href, bus, signal: controller.signal };
    bus.addEventListener("refresh", () => void load(), { signal: controller.signal });
    for (const { name, init } of features) {
      try {
        init(ctx, controller.signal);
      } catch (error) {
        // One broken feature must not take the others (or the page) down.
        console.error(`Trailguide feature ${name} failed`, error);
      }
    }
  }

  const life = new AbortController();
  orphaned.signal.addEventListener("abort", () => {
    life.abort();
    teardown();
  }, { once: true });

  ns.route.follow(() => void load({ route: true }), life.signal);
  const onMessage = (message) => {
    if (message?.type === toContent.REFRESH) void load();
    return false;
  };
  chrome.runtime.onMessage.addListener(onMessage);
  life.signal.addEventListener("abort", () => chrome.runtime.onMessage.removeListener(onMessage));
  // Back/forward cache: a restored page may be stale.
  addEventListener("pageshow", (event) => event.persisted && void load(), { signal: life.signal });

  void load();
})();
