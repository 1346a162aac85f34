// The launcher's search box over the workspace's index, keyboard-first: typing
// shows ranked results as a listbox (the box keeps focus and points at the
// active option), arrows move, Enter chooses, and a polite live region says how
// many results there are. An empty box shows the launcher's own entries. Where the
// server searches (server.js) the results arrive later, and an offline answer says
// search needs a connection.
(() => {
  const ns = globalThis.Trailguide;
  const { el } = ns.host;
  const { normalize } = ns.core;

  const KIND_LABELS = { walkthrough: "Walkthrough", checklist: "Checklist", link: "Link", article: "Article", process: "Process" };

  /**
   * Wire `input` and `list` to the ranked index.
   * @param {{
   *   input: HTMLInputElement, list: HTMLElement, status: HTMLElement,
   *   ranker: {search: (query: string) => any[], remote?: false}
   *     | {search: (query: string) => Promise<{entries: any[], offline: boolean} | null>, remote: true},
   *   here: {application: number | null},
   *   showDefault: () => number,
   *   onChoose: (entry: any, position: number, query: string) => void,
   *   onResults: (query: string, count: number) => void,
   *   signal: AbortSignal,
   * }} options
   */
  function attach({ input, list, status, ranker, here, showDefault, onChoose, onResults, signal }) {
    list.id = ns.host.id("results");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("aria-autocomplete", "list");
    /** @type {any[]} */
    let shown = [];
    let active = -1;

    function setActive(index) {
      const options = list.querySelectorAll('[role="option"]');
      active = options.length ? (index + options.length) % options.length : -1;
      options.forEach((option, i) => option.setAttribute("aria-selected", String(i === active)));
      const current = options[active];
      if (current) {
        input.setAttribute("aria-activedescendant", current.id);
        current.scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function choose(index) {
      const entry = shown[index];
      if (entry) onChoose(entry, index + 1, input.value);
    }

    /** @returns {number | Promise<number | null>} the number shown (null: superseded) */
    function render() {
      const query = normalize(input.value);
      if (!query) {
        list.replaceChildren();
        input.removeAttribute("aria-activedescendant");
        active = -1;
        shown = [];
        list.removeAttribute("role");
        list.removeAttribute("aria-label");
        const count = showDefault();
        status.textContent = "";
        return count;
      }
      if (ranker.remote) {
        // The server's answer arrives later; what was shown stays until then.
        return ranker.search(query).then((answer) =>
          (answer === null || normalize(input.value) !== query ? null : show(answer.entries, answer.offline)));
      }
      return show(ranker.search(query), false);
    }

    /**
     * List the results (or say search needs a connection); the number shown.
     * @param {any[]} found
     * @param {boolean} offline
     */
    function show(found, offline) {
      list.replaceChildren();
      input.removeAttribute("aria-activedescendant");
      active = -1;
      shown = found;
      list.setAttribute("role", "listbox");
      list.setAttribute("aria-label", "Search results");
      shown.forEach((entry, index) => {
        const option = el("li", "tg-item tg-option");
        option.id = `${list.id}-${index}`;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.dataset.kind = entry.kind;
        const local = entry.application === here.application ||
          (Array.isArray(entry.applications) && entry.applications.includes(here.application));
        const where = local ? "" : entry.application_name;
        option.append(el("span", "tg-item-title", entry.title));
        const hint = [KIND_LABELS[entry.kind] ?? entry.kind, where].filter(Boolean).join(" · ");
        option.append(el("span", "tg-hint", hint));
        option.addEventListener("click", () => choose(index));
        list.append(option);
      });
      if (offline) {
        list.append(el("li", "tg-empty", "Search needs a connection to the server. Try again when you are online."));
        status.textContent = "Search needs a connection";
        return 0;
      }
      if (!shown.length) list.append(el("li", "tg-empty", "Nothing matches your search."));
      status.textContent = shown.length === 1 ? "1 result" : `${shown.length || "No"} results`;
      return shown.length;
    }

    input.addEventListener("input", async () => {
      const query = input.value;
      const count = await render();
      // A server answer replaced by a newer query's is not a search of its own.
      if (count !== null) onResults(query, count);
    }, { signal });
    input.addEventListener("keydown", (event) => {
      if (!shown.length) return;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        setActive(active < 0 && event.key === "ArrowUp" ? -1 : active + (event.key === "ArrowDown" ? 1 : -1));
      } else if (event.key === "Enter") {
        event.preventDefault();
        choose(Math.max(active, 0));
      }
    }, { signal });
    return render();
  }

  ns.launcherSearch = Object.freeze({ attach });
})();
