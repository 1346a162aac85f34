// The launcher's search over the workspace's index (the content answer's
// `search` section): MiniSearch with prefix and one-edit fuzzy matching, titles
// weighing more than keywords and keywords more than descriptions. Among
// matches, items that start on this page count more than this application's,
// and those more than other applications' (a boost, not a partition: an exact
// title elsewhere still beats a one-edit near-miss here).
(() => {
  const ns = (globalThis.Trailguide ??= /** @type {TrailguideNamespace} */ ({}));

  const FIELDS = ["title", "keywords", "description"];
  const BOOST = { title: 3, keywords: 1.5, description: 1 };
  const HERE_BOOST = { page: 1.6, application: 1.3, elsewhere: 1 };
  const MAX_RESULTS = 12;

  /**
   * @typedef {{kind: string, id: number | string, application: number, title: string,
   *   keywords: string, description: string, url: string | null,
   *   walkthrough_id: number | null, applications?: number[]}} SearchEntry
   * @typedef {{url: string, application: number | null}} SearchPlace
   */

  /** Where an entry stands relative to the page the person is on. */
  function placeOf(entry, here) {
    // An article applies to every application it names.
    const applies = entry.application === here.application ||
      (Array.isArray(entry.applications) && entry.applications.includes(here.application));
    if (!applies) return "elsewhere";
    if (entry.kind !== "link" && entry.url && ns.urls.matches(entry.url, here.url)) return "page";
    return "application";
  }

  /**
   * An index over the entries, ranked for a person at `here`.
   * @param {SearchEntry[]} entries
   * @param {SearchPlace} here
   */
  function build(entries, here) {
    const byKey = new Map();
    const docs = [];
    for (const entry of entries) {
      if (!entry || typeof entry.title !== "string") continue;
      const key = `${entry.kind}:${entry.id}`;
      if (byKey.has(key)) continue;
      byKey.set(key, entry);
      docs.push({ key, title: entry.title, keywords: entry.keywords ?? "", description: entry.description ?? "" });
    }
    const index = new globalThis.MiniSearch({
      idField: "key",
      fields: FIELDS,
      searchOptions: {
        boost: BOOST,
        prefix: true,
        fuzzy: (term) => (term.length >= 3 ? 1 : 0),
        combineWith: "AND",
        boostDocument: (key) => HERE_BOOST[placeOf(byKey.get(key), here)],
      },
    });
    index.addAll(docs);

    /**
     * The best matches for `query`, best first.
     * @param {string} query
     * @returns {SearchEntry[]}
     */
    function search(query) {
      const text = query.trim();
      if (!text) return [];
      return index.search(text).slice(0, MAX_RESULTS).map((hit) => byKey.get(hit.id));
    }

    return { search, size: docs.length };
  }

  ns.searchRank = Object.freeze({ build, placeOf });
})();
