// "Go there and start": a walkthrough chosen in the launcher (a search result,
// a launcher entry or a checklist item) starts here when it starts on this page;
// otherwise the worker makes the address of its start page (in this application
// or another one), remembers the start, and the tab goes there: the first page
// there that delivers the walkthrough starts it (content/main.js).
(() => {
  const ns = globalThis.Trailguide;
  const { send } = ns.core;
  const { toWorker } = ns.messages;

  /**
   * @typedef {{walkthroughId: number, url: string | null, application: number}} StartPlace
   */

  /**
   * Start the walkthrough here or go where it starts. Resolves to false when there
   * is nowhere to go (a start page with wildcards in its path, an unknown application).
   * @param {StartPlace} place
   * @param {{delivered: Set<number>, startHere: (walkthroughId: number) => void}} here
   * @returns {Promise<boolean>}
   */
  async function choose(place, { delivered, startHere }) {
    const { walkthroughId, url, application } = place;
    if (delivered.has(walkthroughId) && (!url || ns.urls.matches(url, location.href))) {
      startHere(walkthroughId);
      return true;
    }
    if (!url) return false;
    const answer = await send(toWorker.START_ELSEWHERE, {
      walkthroughId, url, appId: application, from: location.href,
    });
    if (!answer?.target) return false;
    location.assign(answer.target);
    return true;
  }

  ns.goThere = Object.freeze({ choose });
})();
