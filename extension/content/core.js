// The player's shared namespace (in the content script's isolated world, so
// the page's JavaScript never sees it): messaging with the worker, events,
// and the feature registry. Each feature is a small file calling
// Trailguide.feature(name, init) where init(ctx, signal) wires itself up and
// lets the AbortSignal undo it.
(() => {
  const ns = globalThis.Trailguide;
  if (ns.core) return; // injected twice into the same page: keep the first copy

  const { toWorker } = ns.messages;

  /**
   * @typedef {{id: number, key: string, name: string, user_id_rule: Record<string, unknown>}} App
   * @typedef {{application: App, content: any, offline: boolean, flow: any,
   *            user: {known: boolean, source: string, readFromPage: any}}} Page
   * @typedef {Page & {url: string, bus: EventTarget, signal: AbortSignal, completed: Set<number>}} Context
   * @typedef {(ctx: Context, signal: AbortSignal) => void} FeatureInit
   */

  /** @type {{name: string, init: FeatureInit}[]} */
  const features = [];
  const orphaned = new AbortController();

  /** Register a feature; main.js starts every feature for each page context. */
  function feature(name, init) {
    if (!features.some((f) => f.name === name)) features.push({ name, init });
  }

  /**
   * Ask the worker something. When the extension was reloaded or removed this
   * copy is orphaned: everything it drew is taken down.
   * @returns {Promise<any>}
   */
  async function send(type, payload = {}) {
    try {
      const answer = await chrome.runtime.sendMessage({ type, ...payload });
      if (answer?.error) throw new Error(answer.error);
      return answer;
    } catch (error) {
      if (!chrome.runtime?.id || /context invalidated/i.test(String(error instanceof Error ? error.message : error))) {
        orphaned.abort();
      }
      throw error;
    }
  }

  /** @type {{appId: number | null}} */
  const current = { appId: null };

  /**
   * Report an event; the worker completes and queues it. Fields that do not
   * apply are left out by the worker.
   * @param {string} kind
   * @param {Record<string, unknown>} [fields]
   */
  function emit(kind, fields = {}) {
    const event = {
      kind,
      client_time: new Date().toISOString(),
      url: location.href,
      app_id: current.appId ?? undefined,
      ...fields,
    };
    // Sent at once (no await first): a click that navigates away must not lose it.
    send(toWorker.EMIT, { event }).catch((error) => {
      console.debug("Trailguide: event not queued", error);
    });
  }

  /**
   * The flag every event of a view of delivered content carries when that content is a
   * version under test (reports leave such events out by default).
   * @param {{test_audience?: boolean} | null | undefined} item as delivered
   * @returns {{test_audience?: number}}
   */
  const tested = (item) => (item?.test_audience ? { test_audience: 1 } : {});

  /** Whitespace-normalized text. */
  const normalize = (text) => String(text ?? "").replace(/\s+/g, " ").trim();

  ns.core = Object.freeze({ features, feature, send, emit, current, normalize, orphaned, tested });
  ns.feature = feature;
})();
