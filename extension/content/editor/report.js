// How good a target is, told plainly: what the player's finder picks on this
// page, how many elements the ways match, and how many ways agree on it
// ("Matches 1 element; 3 of 4 ways agree"). Each way is evaluated with the
// player's own finder code, so the report is what end users will get.
(() => {
  const ns = globalThis.Trailguide;
  if (ns.targetReport) return;
  const { candidates } = ns.query;
  const { resolve, visible, searchRoots } = ns.finder;

  const STABLE = new Set(["testid", "id", "role", "label"]);
  const NAMES = { testid: "test id", id: "id", label: "label", text: "text", css: "CSS", xpath: "XPath" };

  /** How one way reads in the report. */
  function describeWay(alt) {
    if (alt.by === "role") return `role ${alt.role}${alt.name ? ` "${alt.name}"` : ""}`;
    const value = alt.by === "css" || alt.by === "xpath" ? alt.value : `"${alt.value}"`;
    return `${NAMES[alt.by] ?? alt.by} ${value}`;
  }

  const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;

  /**
   * @typedef {{text: string, count: number, agrees: boolean, stable: boolean}} Way
   * @typedef {{found: Element | null, elements: number, agree: number, total: number,
   *            ways: Way[], summary: string, level: "good" | "weak" | "bad"}} Report
   */

  /**
   * Evaluate a target on the current page.
   * @param {any} target the descriptor
   * @param {Element | null} [picked] the element the author meant (when known)
   * @returns {Report}
   */
  function evaluate(target, picked = null) {
    const { roots } = searchRoots(target ?? {});
    const found = resolve(target).element;
    const all = new Set();
    const ways = (target?.alternatives ?? []).map((alt) => {
      const matched = [...new Set(roots.flatMap((root) => candidates(root, alt)))].filter(visible);
      matched.forEach((el) => all.add(el));
      const agrees = Boolean(found) && matched.length === 1 && matched[0] === found;
      // A field only its placeholder names is found by copy that the next release rewords.
      const stable = STABLE.has(alt.by) && !(alt.by === "role" && found && ns.describe.namedByPlaceholder(found));
      return { text: describeWay(alt), count: matched.length, agrees, stable };
    });
    const agree = ways.filter((way) => way.agrees).length;
    const total = ways.length;
    let summary;
    /** @type {Report["level"]} */
    let level;
    if (!found) {
      summary = "Not found on this page";
      level = "bad";
    } else if (picked && found !== picked) {
      summary = "Finds a different element than the one you picked: pick a more specific one";
      level = "bad";
    } else {
      summary = `Matches ${plural(all.size, "element")}; ${agree} of ${total} ways agree`;
      const stable = ways.some((way) => way.agrees && way.stable);
      level = stable && all.size === 1 ? "good" : stable || agree > 1 ? "weak" : "bad";
      if (level !== "good") {
        summary += stable ? " (other elements look alike)" : " (only page structure: fragile)";
      }
    }
    return { found, elements: all.size, agree, total, ways, summary, level };
  }

  ns.targetReport = Object.freeze({ evaluate, describeWay });
})();
