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
      if (window.top?.location.href) return;
    } catch {
      // Cross-origin parent: this frame is a page of its own.
    }
  }

  /** @type {{controller: AbortController, bus: EventTarget, fingerprint: string} | null} */
  let context = null;
  let generation = 0;
  // The editor pauses guidance while an author edits this page (it may start first).
  let paused = Boolean(ns.editor?.active());

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

  // How long the first guidance waits for the page to show who is signed in.
  const IDENTITY_FIRST_MS = 1_000;
  const IDENTITY_LATE_MS = 10_000;

  const ask = () => send(toWorker.PAGE, { url: location.href });

  /**
   * The page's answer for the person the page shows (when nothing else says
   * who they are): read first, so guidance and events are theirs from the start.
   */
  async function identified(page, isCurrent) {
    const rule = page?.user?.readFromPage;
    if (!page?.application || !rule) return page;
    // Known from an earlier page: only check it is still them (a switch of account).
    const timeoutMs = page.user.known ? 0 : IDENTITY_FIRST_MS;
    const userId = await ns.identity.read(rule, { signal: orphaned.signal, timeoutMs });
    if (!isCurrent()) return page;
    if (userId && (await ns.identity.report(page.application.id, userId))) {
      // A walkthrough waiting to start here was handed to the first answer.
      const again = await ask();
      return again && { ...again, start: again.start ?? page.start };
    }
    return page;
  }

  /** A person shown later (or changed, e.g. after signing in again): refresh. */
  function watchIdentity(page, signal) {
    const rule = page.user?.readFromPage;
    if (!rule) return;
    ns.identity
      .read(rule, { signal, timeoutMs: IDENTITY_LATE_MS })
      .then((userId) => !signal.aborted && ns.identity.report(page.application.id, userId))
      .then((changed) => changed && !signal.aborted && void load())
      .catch(() => {});
  }

  /**
   * Ask for the page's guidance; rebuild the features only when it changed.
   * @param {{route?: boolean}} [reason]
   */
  async function load({ route = false } = {}) {
    if (paused) return;
    const mine = ++generation;
    const isCurrent = () => mine === generation && !orphaned.signal.aborted;
    let page;
    try {
      page = await identified(await ask(), isCurrent);
    } catch (error) {
      if (!orphaned.signal.aborted) console.debug("Trailguide: no answer for this page", error);
      return;
    }
    if (!isCurrent()) return; // a newer load won
    if (!page?.application || !page.content) {
      teardown();
      return;
    }
    const fingerprint = fingerprintOf(page);
    if (route && context && context.fingerprint === fingerprint) {
      context.bus.dispatchEvent(new CustomEvent("route", { detail: { url: location.href } }));
      startPending(page, context.bus);
      return;
    }
    teardown();
    const controller = new AbortController();
    const bus = new EventTarget();
    context = { controller, bus, fingerprint };
    current.appId = page.application.id;
    ns.host.theme(page.content.theme);
    const ctx = { ...page, url: location.href, bus, signal: controller.signal, completed: new Set() };
    watchIdentity(page, controller.signal);
    for (const { name, init } of features) {
      try {
        init(ctx, controller.signal);
      } catch (error) {
        // One broken feature must not take the others (or the page) down.
        console.error(`Trailguide feature ${name} failed`, error);
      }
    }
    startPending(page, bus);
  }

  /** A walkthrough chosen on another page to start on this one (content/search/go.js). */
  function startPending(page, bus) {
    if (Number.isInteger(page.start)) {
      bus.dispatchEvent(new CustomEvent("start-walkthrough", { detail: { id: page.start } }));
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

  ns.player = Object.freeze({
    /** Take the guidance down (the tab's walkthrough keeps its place in the worker). */
    pause() {
      paused = true;
      generation += 1;
      teardown();
    },
    resume() {
      if (!paused) return;
      paused = false;
      void load();
    },
  });

  void load();
})();
