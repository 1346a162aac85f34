// The onboarding checklist as shown in the launcher panel: a progress bar and
// the items, each starting its walkthrough; done items are ticked.
(() => {
  const ns = globalThis.Trailguide;
  const { el } = ns.host;
  if (ns.checklist) return;

  /**
   * One section per checklist.
   * @param {any[]} checklists as delivered (items with key, walkthrough_id, title, done)
   * @param {(walkthroughId: number) => void} onStart
   * @returns {HTMLElement}
   */
  function render(checklists, onStart) {
    const wrap = el("div", "tg-checklists");
    for (const list of checklists) {
      const items = list.items ?? [];
      const done = items.filter((item) => item.done).length;
      const section = el("section", "tg-checklist");
      section.dataset.checklist = String(list.id);
      const heading = el("h3", "tg-section-title", list.name ?? "Checklist");
      heading.id = ns.host.id("checklist");
      section.setAttribute("aria-labelledby", heading.id);
      section.append(heading);
      if (list.description) section.append(el("p", "tg-hint", list.description));
      const bar = el("div", "tg-bar");
      bar.setAttribute("role", "progressbar");
      bar.setAttribute("aria-valuemin", "0");
      bar.setAttribute("aria-valuemax", String(items.length));
      bar.setAttribute("aria-valuenow", String(done));
      bar.setAttribute("aria-valuetext", `${done} of ${items.length} done`);
      bar.setAttribute("aria-labelledby", heading.id);
      const fill = el("span");
      fill.style.width = `${items.length ? Math.round((100 * done) / items.length) : 0}%`;
      bar.append(fill);
      section.append(bar, el("p", "tg-hint tg-count", `${done} of ${items.length} done`));
      const ul = el("ul", "tg-list");
      for (const item of items) {
        const li = el("li", item.done ? "tg-done" : "");
        li.dataset.item = item.key;
        const button = el("button", "tg-item");
        button.type = "button";
        const check = el("span", "tg-check", item.done ? "✓" : "");
        check.setAttribute("aria-hidden", "true");
        const title = el("span", "tg-item-title", item.title ?? item.key);
        button.append(check, title);
        button.setAttribute("aria-label", `${item.title ?? item.key}${item.done ? " (done)" : ""}`);
        if (Number.isInteger(item.walkthrough_id)) {
          button.addEventListener("click", () => onStart(item.walkthrough_id));
        } else {
          button.setAttribute("aria-disabled", "true");
        }
        li.append(button);
        ul.append(li);
      }
      section.append(ul);
      wrap.append(section);
    }
    return wrap;
  }

  ns.checklist = Object.freeze({ render });
})();
