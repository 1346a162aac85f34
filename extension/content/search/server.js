// The launcher's search where the workspace's index is too big to ship (contract 6):
// each settled query goes to the server through the worker (the client key never
// enters the page), which answers the same entries ranked the same way. Typing is
// debounced, and only the answer to the newest query is shown. While the server is
// unreachable the answer says so: search then needs a connection, and no stale
// results stand in for it.
(() => {
  const ns = (globalThis.Trailguide ??= /** @type {TrailguideNamespace} */ ({}));

  const DEBOUNCE_MS = 200;

  /**
   * A ranker that asks the server.
   * @param {{url: string, application: number | null}} here
   */
  function build(here) {
    let timer = 0;
    /** @type {((answer: null) => void) | null} */
    let superseded = null;

    /**
     * The server's answer for `query`; null when a newer query replaced it meanwhile.
     * @param {string} query
     * @returns {Promise<{entries: any[], offline: boolean} | null>}
     */
    function search(query) {
      clearTimeout(timer);
      superseded?.(null);
      return new Promise((resolve) => {
        superseded = resolve;
        timer = setTimeout(async () => {
          /** @type {{entries: any[], offline: boolean}} */
          let answer;
          try {
            answer = await ns.core.send(ns.messages.toWorker.SEARCH, {
              query, url: here.url, appId: here.application,
            });
          } catch {
            answer = { entries: [], offline: true };
          }
          if (superseded !== resolve) return;
          superseded = null;
          resolve({ entries: Array.isArray(answer?.entries) ? answer.entries : [], offline: Boolean(answer?.offline) });
        }, DEBOUNCE_MS);
      });
    }

    return { search, remote: /** @type {const} */ (true) };
  }

  ns.searchServer = Object.freeze({ build });
})();
