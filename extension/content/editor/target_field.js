// The "Element" part of a step, tip or feature form: what the target is, how
// unique and stable it is on this page ("Matches 1 element; 3 of 4 ways
// agree", each way listed), and a button that starts the picker.
(() => {
  const ns = globalThis.Trailguide;
  if (ns.targetField) return;
  const { h, button } = ns.fields;
  const { evaluate } = ns.targetReport;

  /** A readable name from the descriptor: `link "New contact"`, `textbox "Email"`. */
  function nameOf(target) {
    const fp = target?.fingerprint ?? {};
    const way = (by) => target?.alternatives?.find((alt) => alt.by === by);
    const text = way("role")?.name || way("label")?.value || fp.text || fp.attributes?.["aria-label"] ||
      fp.attributes?.placeholder || way("testid")?.value || "";
    const kind = fp.role || fp.tag || "element";
    return text ? `${kind} "${text.slice(0, 60)}"` : kind;
  }

  function waysList(report) {
    const list = h("ul", { className: "te-ways" });
    for (const way of report.ways) {
      const state = way.agrees ? "te-ok" : way.count ? "te-many" : "te-miss";
      const count = way.agrees ? "" : way.count ? ` (matches ${way.count})` : " (finds nothing here)";
      list.append(h("li", { className: state, text: `${way.text}${count}` }));
    }
    return list;
  }

  /**
   * @param {{target: any, pick: () => Promise<Element | null>,
   *          onPicked: (target: any, el: Element) => void, label?: string,
   *          elsewhere?: string}} options `elsewhere`: the page pattern when the
   *   target lives on another page (then it is not evaluated here)
   */
  function create({ target, pick, onPicked, label = "Element", elsewhere = "" }) {
    const box = h("div", { className: "te-target", attrs: { "data-part": "target" } });
    /** @param {Element | null} [picked] */
    const render = (picked = null) => {
      const heading = h("div", { className: "te-label", text: label });
      /** @type {HTMLElement[]} */
      const parts = [heading];
      if (target) {
        parts.push(h("div", { className: "te-target-name", text: nameOf(target) }));
        if (elsewhere) {
          parts.push(h("p", { className: "te-quality", text: `Lives on another page (${elsewhere}).` }));
        } else {
          const report = evaluate(target, picked);
          parts.push(
            h("p", { className: `te-quality te-${report.level}`, text: report.summary, attrs: { "data-part": "quality" } }),
            h("details", {}, h("summary", { text: `Ways to find it (${report.ways.length})` }), waysList(report)),
          );
        }
      } else {
        parts.push(h("p", { className: "te-hint", text: "No element yet: pick the one this points at." }));
      }
      parts.push(h("div", { className: "te-actions" },
        button(target ? "Pick again" : "Pick element", async () => {
          const el = await pick();
          if (!el) return;
          target = ns.describe.describe(el);
          onPicked(target, el);
          render(el);
        }, { primary: !target, aria: target ? `Pick the ${label.toLowerCase()} again` : `Pick the ${label.toLowerCase()}` }),
        target && !elsewhere ? button("Check again", () => render()) : null));
      box.replaceChildren(...parts);
    };
    render();
    return box;
  }

  ns.targetField = Object.freeze({ create, nameOf });
})();
